"""The personal-data page: find, export and erase one person's data (PDPA).

Everything is posted, so that the identifiers searched never appear in a URL
or an access log. Administrators handle every record but confidential
reports; integrity officers handle those; the others are only counted.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core import personal_data
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error

from . import services
from .decorators import org_staff_view
from .forms import PersonEraseForm, PersonSearchForm
from .permissions import can_handle_personal_data, personal_data_access
from .selectors import subject_request_list


def _render(request, organization, *, form, erase_form=None, result=None, status=200):
    labels = {source.key: source.label for source in personal_data.sources()}
    groups = []
    if result is not None:
        groups = [
            (labels.get(key, key), rows) for key, rows in result.found.items() if rows
        ]
    return render(
        request,
        "organizations/personal_data.html",
        {
            "organization": organization,
            "form": form,
            "erase_form": erase_form,
            "result": result,
            "groups": groups,
            "register": [
                (entry, [(labels.get(k, k), n) for k, n in entry.counts.items()])
                for entry in subject_request_list(organization=organization)[:50]
            ],
        },
        status=status,
    )


@org_staff_view(can_handle_personal_data)
@require_http_methods(["GET", "POST"])
def personal_data_page(request, organization):
    general, confidential = personal_data_access(request.user, request.membership)
    if request.method == "GET":
        return _render(request, organization, form=PersonSearchForm())
    action = request.POST.get("action", "search")
    if action == "erase":
        return _erase(request, organization, general, confidential)
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _render(request, organization, form=form, status=400)
    identifiers = form.identifiers()
    if action == "export":
        try:
            export, _entry = services.subject_request_export(
                actor=request.user,
                organization=organization,
                identifiers=identifiers,
                general_access=general,
                confidential_access=confidential,
            )
        except DomainError as error:
            add_service_error(form, error)
            return _render(request, organization, form=form, status=400)
        body = json.dumps(export, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"personal-data-{timezone.localdate().isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response
    result = personal_data.personal_data_find(
        organization=organization,
        identifiers=identifiers,
        general_access=general,
        confidential_access=confidential,
    )
    erase_form = PersonEraseForm(initial=form.cleaned_data)
    return _render(
        request, organization, form=form, erase_form=erase_form, result=result
    )


def _erase(request, organization, general: bool, confidential: bool):
    erase_form = PersonEraseForm(request.POST)
    search_form = PersonSearchForm(request.POST)
    if not erase_form.is_valid():
        result = None
        if search_form.is_valid():
            result = personal_data.personal_data_find(
                organization=organization,
                identifiers=search_form.identifiers(),
                general_access=general,
                confidential_access=confidential,
            )
        return _render(
            request,
            organization,
            form=search_form,
            erase_form=erase_form,
            result=result,
            status=400,
        )
    try:
        entry = services.subject_request_erase(
            actor=request.user,
            organization=organization,
            identifiers=erase_form.identifiers(),
            general_access=general,
            confidential_access=confidential,
            reason=erase_form.cleaned_data["reason"],
        )
    except DomainError as error:
        add_service_error(erase_form, error)
        return _render(
            request, organization, form=search_form, erase_form=erase_form, status=400
        )
    total = sum(entry.counts.values())
    messages.success(
        request,
        _("Erased or anonymised %(count)s records; the erasure is in the register.")
        % {"count": total},
    )
    return redirect("staff:personal-data", org=organization.slug)
