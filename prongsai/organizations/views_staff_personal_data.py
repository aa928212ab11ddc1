"""The personal-data page: find, export and erase one person's data (PDPA).

Everything is posted, so that the identifiers searched never appear in a URL
or an access log. Administrators handle every record but confidential
reports; integrity officers handle those; the others are only counted.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core import personal_data
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, handle_form

from . import services_personal_data as services
from .decorators import org_staff_view
from .forms import (
    PersonEraseForm,
    PersonSearchForm,
    SubjectRequestAnswerForm,
    SubjectRequestLogForm,
)
from .permissions import (
    can_handle_personal_data,
    can_log_subject_requests,
    personal_data_access,
)
from .selectors import access_subject_request, subject_request_list


def _render(
    request,
    organization,
    *,
    form,
    erase_form=None,
    result=None,
    log_form=None,
    status=200,
):
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
            "can_search": can_handle_personal_data(request.user, request.membership),
            "log_form": log_form
            or SubjectRequestLogForm(initial={"received_on": timezone.localdate()}),
            "register": [
                (entry, [(labels.get(k, k), n) for k, n in entry.counts.items()])
                for entry in subject_request_list(organization=organization)[:50]
            ],
        },
        status=status,
    )


@org_staff_view(can_log_subject_requests)
@require_http_methods(["GET", "POST"])
def personal_data_page(request, organization):
    general, confidential = personal_data_access(request.user, request.membership)
    if request.method == "GET":
        return _render(request, organization, form=PersonSearchForm())
    action = request.POST.get("action", "search")
    if action == "log":
        return _log(request, organization)
    if not can_handle_personal_data(request.user, request.membership):
        raise PermissionDenied
    if action == "erase":
        return _erase(request, organization, general, confidential)
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        return _render(request, organization, form=form, status=400)
    identifiers = form.identifiers()
    if action == "export":
        # The answer is the file itself, not a redirect: handle_form does not fit.
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


def _to_register(request, organization, form, on_valid, message):
    """Run a form of this page through its service; back to the page on success."""
    return handle_form(
        request,
        form,
        on_valid=on_valid,
        success_message=message,
        redirect_to=reverse(
            "organizations-staff:personal-data", kwargs={"org": organization.slug}
        ),
    )


def _erase(request, organization, general: bool, confidential: str | None):
    erase_form = PersonEraseForm(request.POST)
    search_form = PersonSearchForm(request.POST)
    typed_well = erase_form.is_valid()
    if response := _to_register(
        request,
        organization,
        erase_form,
        lambda data: services.subject_request_erase(
            actor=request.user,
            organization=organization,
            identifiers=erase_form.identifiers(),
            general_access=general,
            confidential_access=confidential,
            reason=data["reason"],
        ),
        lambda entry: (
            _("Erased or anonymised %(count)s records; the erasure is in the register.")
            % {"count": sum(entry.counts.values())}
        ),
    ):
        return response
    result = None
    if not typed_well and search_form.is_valid():
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


def _log(request, organization):
    form = SubjectRequestLogForm(request.POST)

    def log(data):
        return services.subject_request_log(
            actor=request.user, organization=organization, **data
        )

    if response := _to_register(
        request, organization, form, log, _("The request has been logged.")
    ):
        return response
    return _render(
        request, organization, form=PersonSearchForm(), log_form=form, status=400
    )


@org_staff_view(can_log_subject_requests)
@require_http_methods(["GET", "POST"])
def subject_request_answer(request, organization, pk):
    entry = access_subject_request(organization=organization, pk=pk)
    form = SubjectRequestAnswerForm(request.POST or None)

    def answer(data):
        return services.subject_request_answer(actor=request.user, entry=entry, **data)

    if response := _to_register(
        request, organization, form, answer, _("The answer has been recorded.")
    ):
        return response
    return render(
        request,
        "organizations/subject_request_answer.html",
        {"organization": organization, "form": form, "entry": entry},
        status=400 if request.method == "POST" else 200,
    )
