"""Back-office views of the E-Service: queue, workflow, catalogue, statistics."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error
from prongsai.core.storage import private_file_response
from prongsai.organizations.decorators import org_staff_view
from prongsai.organizations.selectors import channel_settings_get

from . import selectors, services
from .forms import (
    AssignForm,
    FormDefinitionForm,
    NoteForm,
    QueueFilterForm,
    ReopenDecisionForm,
    RequestForm,
    ServiceForm,
    SettingsForm,
    TransitionForm,
)
from .models import Rating
from .permissions import can_manage_services, can_work_requests
from .views import _fiscal_year_param


def _members(organization):
    return User.objects.filter(
        memberships__organization=organization,
        memberships__is_active=True,
        is_active=True,
    ).order_by("full_name")


@org_staff_view(can_work_requests)
def queue(request, organization):
    form = QueueFilterForm(
        request.GET or None,
        services=selectors.service_list(organization=organization),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.request_queue(
        organization=organization,
        service=filters.get("service"),
        status=filters.get("status") or "",
        flag=filters.get("flag") or "",
        assignee=request.user if filters.get("mine") else None,
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    soon_days = selectors.eservice_settings_get(organization=organization).soon_due_days
    rows = [
        {
            "request": r,
            "flag": selectors.deadline_flag(r, now=now, soon_days=soon_days),
        }
        for r in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "eservices/staff/queue.html",
        {
            "organization": organization,
            "form": form,
            "rows": rows,
            "page_obj": page,
            "query": query.urlencode(),
            "counts": selectors.request_counts(organization=organization),
            "reopens": selectors.reopen_request_list(organization=organization)[:20],
            "services": selectors.service_list(organization=organization),
        },
    )


def _detail_context(request, organization, service_request, **forms):
    now = timezone.now()
    soon_days = selectors.eservice_settings_get(organization=organization).soon_due_days
    earlier = services.request_earlier_waiting(service_request).order_by("sequence")
    return {
        "organization": organization,
        "service_request": service_request,
        "answers": selectors.request_answers(request=service_request),
        "attachments": service_request.attachments.all(),
        "events": service_request.events.select_related("actor").all(),
        "flag": selectors.deadline_flag(service_request, now=now, soon_days=soon_days),
        "position": selectors.request_queue_position(request=service_request),
        "earlier_count": earlier.count(),
        "first_waiting": earlier.first(),
        "ratings": Rating.objects.filter(request=service_request),
        "reopens": service_request.reopen_requests.all(),
        "allowed": sorted(services.TRANSITIONS.get(service_request.status, ())),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            users=_members(organization),
            initial={"assignee": service_request.assignee_id},
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "reopen_form": ReopenDecisionForm(),
    }


@org_staff_view(can_work_requests)
def request_detail(request, organization, pk):
    service_request = selectors.access_request(organization=organization, pk=pk)
    return render(
        request,
        "eservices/staff/request_detail.html",
        _detail_context(request, organization, service_request),
    )


@require_POST
@org_staff_view(can_work_requests)
def request_transition(request, organization, pk):
    service_request = selectors.access_request(organization=organization, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.request_transition(
                actor=request.user, request=service_request, **form.cleaned_data
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The status was changed."))
            return redirect(service_request.get_staff_url())
    service_request.refresh_from_db()
    return render(
        request,
        "eservices/staff/request_detail.html",
        _detail_context(request, organization, service_request, transition_form=form),
        status=400,
    )


@require_POST
@org_staff_view(can_work_requests)
def request_assign(request, organization, pk):
    service_request = selectors.access_request(organization=organization, pk=pk)
    form = AssignForm(request.POST, users=_members(organization))
    if form.is_valid():
        try:
            services.request_assign(
                actor=request.user,
                request=service_request,
                assignee=form.cleaned_data["assignee"],
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The assignee was saved."))
            return redirect(service_request.get_staff_url())
    return render(
        request,
        "eservices/staff/request_detail.html",
        _detail_context(request, organization, service_request, assign_form=form),
        status=400,
    )


@require_POST
@org_staff_view(can_work_requests)
def request_note(request, organization, pk):
    service_request = selectors.access_request(organization=organization, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.request_add_note(
            actor=request.user, request=service_request, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note was added."))
        return redirect(service_request.get_staff_url())
    return render(
        request,
        "eservices/staff/request_detail.html",
        _detail_context(request, organization, service_request, note_form=form),
        status=400,
    )


@require_POST
@org_staff_view(can_work_requests)
def reopen_decide(request, organization, pk):
    reopen = selectors.access_reopen_request(organization=organization, pk=pk)
    form = ReopenDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.reopen_decide(
                actor=request.user,
                reopen=reopen,
                reopen_request=form.cleaned_data["decision"] == "reopen",
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The reopen request was decided."))
    else:
        messages.error(request, _("Choose whether to reopen the request or dismiss."))
    return redirect(reopen.request.get_staff_url())


@org_staff_view(can_work_requests)
def request_new(request, organization, pk):
    """File a request on behalf of a walk-in or telephone citizen."""
    service = selectors.access_service(organization=organization, pk=pk)
    version = selectors.service_current_form(service=service)
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        definition=version.fields,
        staff=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file(
                actor=request.user,
                organization=organization,
                service=service,
                answers=form.answers(),
                files=form.uploads(),
                citizen_name=form.cleaned_data["citizen_name"],
                citizen_phone=form.cleaned_data["citizen_phone"],
                citizen_email=form.cleaned_data["citizen_email"],
                channel=form.cleaned_data["channel"],
                privacy_accepted=form.cleaned_data["privacy_accepted"],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Request filed. Give the citizen the tracking code %(code)s.")
                % {"code": filed.tracking_code},
            )
            return redirect(filed.get_staff_url())
    return render(
        request,
        "eservices/staff/request_new.html",
        {"organization": organization, "service": service, "form": form},
    )


# --- Catalogue ------------------------------------------------------------------


@org_staff_view(can_manage_services)
def service_list(request, organization):
    own = list(selectors.service_list(organization=organization))
    adopted = {s.template_code for s in own}
    templates = [
        t for t in selectors.starter_template_list() if t["code"] not in adopted
    ]
    return render(
        request,
        "eservices/staff/service_list.html",
        {"organization": organization, "services": own, "templates": templates},
    )


@require_POST
@org_staff_view(can_manage_services)
def service_adopt(request, organization):
    code = request.POST.get("template", "")
    template = next(
        (t for t in selectors.starter_template_list() if t["code"] == code), None
    )
    if template is None:
        messages.error(request, _("Choose a template from the list."))
        return redirect("eservices-staff:service-list", org=organization.slug)
    try:
        service = services.service_adopt(
            actor=request.user, organization=organization, template=template
        )
    except (DomainError, ValidationError) as error:
        messages.error(
            request, getattr(error, "message", None) or " ".join(error.messages)
        )
        return redirect("eservices-staff:service-list", org=organization.slug)
    messages.success(
        request,
        _("“%(name)s” was added. Check its manual before publishing.")
        % {"name": service.name},
    )
    return redirect(
        "eservices-staff:service-edit", org=organization.slug, pk=service.pk
    )


@org_staff_view(can_manage_services)
def service_new(request, organization):
    form = ServiceForm(request.POST or None, users=_members(organization))
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ServiceForm.Meta.fields}
        try:
            service = services.service_create(
                actor=request.user, organization=organization, **values
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The service was added; now define its form."))
            return redirect(
                "eservices-staff:service-form", org=organization.slug, pk=service.pk
            )
    return render(
        request,
        "eservices/staff/service_edit.html",
        {"organization": organization, "form": form, "service": None},
    )


@org_staff_view(can_manage_services)
def service_edit(request, organization, pk):
    service = selectors.access_service(organization=organization, pk=pk)
    # The form works on a copy so that the service can audit the change.
    form = ServiceForm(
        request.POST or None,
        instance=selectors.access_service(organization=organization, pk=pk),
        users=_members(organization),
    )
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ServiceForm.Meta.fields}
        try:
            services.service_update(actor=request.user, service=service, **values)
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("eservices-staff:service-list", org=organization.slug)
    return render(
        request,
        "eservices/staff/service_edit.html",
        {"organization": organization, "form": form, "service": service},
    )


@org_staff_view(can_manage_services)
def service_form(request, organization, pk):
    service = selectors.access_service(organization=organization, pk=pk)
    current = service.form_versions.order_by("-number").first()
    initial = json.dumps(
        current.fields if current else [], ensure_ascii=False, indent=2
    )
    form = FormDefinitionForm(request.POST or None, initial={"fields_json": initial})
    if request.method == "POST" and form.is_valid():
        try:
            version = services.form_version_publish(
                actor=request.user,
                service=service,
                fields=form.cleaned_data["fields_json"],
            )
        except DomainError as error:
            form.add_error("fields_json", error.message)
        else:
            messages.success(
                request,
                _("Form version %(number)s is published.") % {"number": version.number},
            )
            return redirect("eservices-staff:service-list", org=organization.slug)
    return render(
        request,
        "eservices/staff/service_form.html",
        {
            "organization": organization,
            "service": service,
            "form": form,
            "versions": service.form_versions.all(),
        },
    )


# --- Statistics and settings ----------------------------------------------------


@org_staff_view(can_work_requests)
def statistics(request, organization):
    fiscal_year = _fiscal_year_param(request, organization)
    report = selectors.eservice_statistics(
        organization=organization, fiscal_year=fiscal_year
    )
    export = request.GET.get("format")
    if export in ("xlsx", "pdf"):
        from .documents import statistics_response

        return statistics_response(organization, report, export)
    years = selectors.eservice_dataset_years(organization=organization)
    current = thai_dates.fiscal_year(timezone.localdate())
    if current not in years:
        years = [current, *years]
    return render(
        request,
        "eservices/staff/statistics.html",
        {
            "organization": organization,
            "report": report,
            "fiscal_year": fiscal_year,
            "years": years,
            "fiscal_year_label": thai_dates.fiscal_year_label(fiscal_year),
        },
    )


@org_staff_view(can_manage_services)
def settings_edit(request, organization):
    current = selectors.eservice_settings_get(organization=organization)
    form = SettingsForm(
        request.POST or None,
        initial={
            "privacy_notice": current.privacy_notice,
            "soon_due_days": current.soon_due_days,
        },
    )
    if request.method == "POST":
        if "issue_key" in request.POST:
            key = services.eservice_settings_issue_api_key(
                actor=request.user, organization=organization
            )
            messages.warning(
                request,
                _(
                    "New Open311 API key: %(key)s — copy it now; it will not be "
                    "shown again. The old key no longer works."
                )
                % {"key": key},
            )
            return redirect("eservices-staff:settings", org=organization.slug)
        if form.is_valid():
            try:
                services.eservice_settings_update(
                    actor=request.user, organization=organization, **form.cleaned_data
                )
            except (DomainError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("eservices-staff:settings", org=organization.slug)
    return render(
        request,
        "eservices/staff/settings.html",
        {
            "organization": organization,
            "form": form,
            "current": current,
            "channels": channel_settings_get(organization=organization),
        },
    )


@org_staff_view(can_work_requests)
def attachment_download(request, organization, pk, attachment_pk):
    """Serve an attachment to service staff; citizen files are never public media."""
    attachment = selectors.access_attachment(
        organization=organization, request_pk=pk, pk=attachment_pk
    )
    return private_file_response(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
