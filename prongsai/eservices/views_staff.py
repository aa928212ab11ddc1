"""Back-office views of the E-Service: queue, workflow, catalogue, statistics."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.accounts.models import User
from prongsai.core.document_jobs import document_job_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.core.manuals_forms import procedure_edit
from prongsai.core.storage import private_file_response
from prongsai.organizations.decorators import org_staff_view
from prongsai.organizations.selectors import channel_settings_get

from . import (
    selectors,
    services,
    services_filing,
    services_manuals,
    services_workflow,
)
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
from .permissions import (
    can_manage_services,
    can_view_requests,
    can_view_services,
    can_work_requests,
)
from .services import ServiceDetails
from .views_public import statistics_context


def _members(organization):
    return User.objects.filter(
        memberships__organization=organization,
        memberships__is_active=True,
        is_active=True,
    ).order_by("full_name")


def _staff_url(name: str, organization, **kwargs) -> str:
    return reverse(
        f"eservices-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


@org_staff_view(can_view_requests)
def queue(request, organization):
    form = QueueFilterForm(
        request.GET or None,
        services=selectors.service_list(organization=organization),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.request_list_queue(
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
            "counts": selectors.request_get_counts(organization=organization),
            "reopens": selectors.reopen_request_list(organization=organization)[:20],
            "services": selectors.service_list(organization=organization),
            "read_only": not can_work_requests(request.user, request.membership),
        },
    )


def _detail_context(request, organization, service_request, **forms):
    now = timezone.now()
    soon_days = selectors.eservice_settings_get(organization=organization).soon_due_days
    earlier = selectors.request_list_earlier_waiting(request=service_request).order_by(
        "sequence"
    )
    return {
        "organization": organization,
        "service_request": service_request,
        "answers": selectors.request_get_answers(request=service_request),
        "attachments": service_request.attachments.all(),
        "events": service_request.events.select_related("actor").all(),
        "flag": selectors.deadline_flag(service_request, now=now, soon_days=soon_days),
        "position": selectors.request_get_queue_position(request=service_request),
        "earlier_count": earlier.count(),
        "first_waiting": earlier.first(),
        "ratings": Rating.objects.filter(request=service_request),
        "reopens": service_request.reopen_requests.all(),
        "allowed": services_workflow.REQUESTS.allowed_next(service_request.status),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            users=_members(organization),
            initial={"assignee": service_request.assignee_id},
        ),
        "note_form": forms.get("note_form") or NoteForm(),
        "reopen_form": ReopenDecisionForm(),
        "read_only": not can_work_requests(request.user, request.membership),
    }


@org_staff_view(can_view_requests)
def request_detail(request, organization, pk):
    service_request = selectors.access_request(organization=organization, pk=pk)
    return render(
        request,
        "eservices/staff/request_detail.html",
        _detail_context(request, organization, service_request),
    )


def _request_form_view(name: str, make_form, act, success_message):
    """A POST view of one of the forms of the request page (``name`` in its
    context): ``act(user, service_request, data)`` runs the service; on an
    error the page is shown again (400) with that form as typed."""

    @require_POST
    @org_staff_view(can_work_requests)
    def view(request, organization, pk):
        service_request = selectors.access_request(organization=organization, pk=pk)
        form = make_form(request.POST, organization)
        if response := handle_form(
            request,
            form,
            on_valid=lambda data: act(request.user, service_request, data),
            success_message=success_message,
            redirect_to=service_request.get_staff_url(),
        ):
            return response
        service_request.refresh_from_db()
        return render(
            request,
            "eservices/staff/request_detail.html",
            _detail_context(request, organization, service_request, **{name: form}),
            status=400,
        )

    return view


request_transition = _request_form_view(
    "transition_form",
    lambda post, organization: TransitionForm(post),
    lambda user, service_request, data: services_workflow.request_transition(
        actor=user,
        request=service_request,
        to_status=data["to_status"],
        reason=data["reason"],
        jump_reason=data["jump_reason"],
    ),
    gettext_lazy("The status was changed."),
)
request_assign = _request_form_view(
    "assign_form",
    lambda post, organization: AssignForm(post, users=_members(organization)),
    lambda user, service_request, data: services_workflow.request_assign(
        actor=user, request=service_request, assignee=data["assignee"]
    ),
    gettext_lazy("The assignee was saved."),
)
request_note = _request_form_view(
    "note_form",
    lambda post, organization: NoteForm(post),
    lambda user, service_request, data: services_workflow.request_add_note(
        actor=user, request=service_request, text=data["text"]
    ),
    gettext_lazy("The note was added."),
)


@require_POST
@org_staff_view(can_work_requests)
def reopen_decide(request, organization, pk):
    reopen = selectors.access_reopen_request(organization=organization, pk=pk)
    back = reopen.request.get_staff_url()
    form = ReopenDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to reopen the request or dismiss."))
        return redirect(back)
    return run_action(
        request,
        lambda: services_workflow.reopen_decide(
            actor=request.user,
            reopen=reopen,
            reopen_request=form.cleaned_data["decision"] == "reopen",
            note=form.cleaned_data["note"],
        ),
        success_message=_("The reopen request was decided."),
        redirect_to=back,
    )


@org_staff_view(can_work_requests)
def request_new(request, organization, pk):
    """File a request on behalf of a walk-in or telephone citizen."""
    service = selectors.access_service(organization=organization, pk=pk)
    version = selectors.service_get_current_form(service=service)
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        definition=version.fields,
        staff=True,
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_filing.request_file(
            actor=request.user,
            organization=organization,
            service=service,
            **form.filing(),
        ),
        success_message=lambda filed: (
            _("Request filed. Give the citizen the tracking code %(code)s.")
            % {"code": filed.tracking_code}
        ),
        redirect_to=lambda filed: filed.get_staff_url(),
    ):
        return response
    return render(
        request,
        "eservices/staff/request_new.html",
        {"organization": organization, "service": service, "form": form},
    )


# --- Catalogue ------------------------------------------------------------------


@org_staff_view(can_view_services)
def service_list(request, organization):
    own = list(selectors.service_list(organization=organization))
    adopted = {s.template_code for s in own}
    templates = [
        t for t in selectors.starter_template_list() if t["code"] not in adopted
    ]
    return render(
        request,
        "eservices/staff/service_list.html",
        {
            "organization": organization,
            "services": own,
            "templates": templates,
            "read_only": not can_manage_services(request.user, request.membership),
        },
    )


@require_POST
@org_staff_view(can_manage_services)
def service_adopt(request, organization):
    code = request.POST.get("template", "")

    def adopt():
        for template in selectors.starter_template_list():
            if template["code"] == code:
                return services.service_adopt(
                    actor=request.user, organization=organization, template=template
                )
        raise DomainError(_("Choose a template from the list."))

    return run_action(
        request,
        adopt,
        success_message=lambda service: (
            _("“%(name)s” was added. Check its manual before publishing.")
            % {"name": service.name}
        ),
        redirect_to=lambda service: (
            _staff_url("service-edit", organization, pk=service.pk)
            if service
            else _staff_url("service-list", organization)
        ),
    )


@org_staff_view(can_manage_services)
def service_new(request, organization):
    form = ServiceForm(
        request.POST or None, request.FILES or None, users=_members(organization)
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.service_create(
            actor=request.user,
            organization=organization,
            details=ServiceDetails.of(data),
            sample_form=_sample_form_change(data.get("sample_form")) or None,
        ),
        success_message=_("The service was added; now define its form."),
        redirect_to=lambda service: _staff_url(
            "service-form", organization, pk=service.pk
        ),
    ):
        return response
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
        request.FILES or None,
        instance=selectors.access_service(organization=organization, pk=pk),
        users=_members(organization),
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.service_update(
            actor=request.user,
            service=service,
            details=ServiceDetails.of(data),
            sample_form=_sample_form_change(data.get("sample_form")),
        ),
        success_message=_("The service was saved."),
        redirect_to=_staff_url("service-list", organization),
    ):
        return response
    return render(
        request,
        "eservices/staff/service_edit.html",
        {"organization": organization, "form": form, "service": service},
    )


def _sample_form_change(value):
    """The form's sample-form value as the service wants it."""
    if value is False:
        return False
    return value if isinstance(value, UploadedFile) else None


@org_staff_view(can_view_services)
def service_procedure(request, organization, pk):
    """Edit the internal procedure of a service (its staff work manual)."""
    service = selectors.access_service(organization=organization, pk=pk)
    return procedure_edit(
        request,
        current=selectors.service_procedure_data(service),
        save=lambda data: services_manuals.service_procedure_update(
            actor=request.user, service=service, data=data
        ),
        template="eservices/staff/service_procedure.html",
        context={
            "organization": organization,
            "service": service,
            "cancel_url": _staff_url("service-list", organization),
        },
        redirect_to=_staff_url("service-procedure", organization, pk=service.pk),
        success_message=_("The staff work manual was saved."),
    )


@org_staff_view(can_manage_services)
def service_form(request, organization, pk):
    service = selectors.access_service(organization=organization, pk=pk)
    current = service.form_versions.order_by("-number").first()
    initial = json.dumps(
        current.fields if current else [], ensure_ascii=False, indent=2
    )
    form = FormDefinitionForm(request.POST or None, initial={"fields_json": initial})
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.form_version_publish(
            actor=request.user, service=service, fields=data["fields_json"]
        ),
        success_message=lambda version: (
            _("Form version %(number)s is published.") % {"number": version.number}
        ),
        redirect_to=_staff_url("service-list", organization),
    ):
        return response
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


@org_staff_view(can_view_requests)
def statistics(request, organization):
    context = statistics_context(request, organization)
    context["read_only"] = not can_manage_services(request.user, request.membership)
    export = request.GET.get("format")
    if export == "xlsx":  # a few tables: tens of milliseconds, at once
        from .documents import statistics_response

        return statistics_response(organization, context["report"], export)
    if export == "pdf":  # the chart and the tables: a job
        return document_job_response(
            request,
            organization=organization,
            kind="eservices.statistics",
            params={"fiscal_year": context["fiscal_year"], "fmt": export},
        )
    return render(request, "eservices/staff/statistics.html", context)


@org_staff_view(can_manage_services)
def settings_edit(request, organization):
    current = selectors.eservice_settings_get(organization=organization)
    here = _staff_url("settings", organization)
    if request.method == "POST" and "issue_key" in request.POST:
        return run_action(
            request,
            lambda: services.eservice_settings_issue_api_key(
                actor=request.user, organization=organization
            ),
            success_message=lambda key: (
                _(
                    "New Open311 API key: %(key)s — copy it now; it will not be "
                    "shown again. The old key no longer works."
                )
                % {"key": key}
            ),
            message_level=messages.WARNING,
            redirect_to=here,
        )
    form = SettingsForm(
        request.POST or None,
        initial={
            "privacy_notice": current.privacy_notice,
            "soon_due_days": current.soon_due_days,
        },
    )
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.eservice_settings_update(
            actor=request.user,
            organization=organization,
            privacy_notice=data["privacy_notice"],
            soon_due_days=data["soon_due_days"],
        ),
        success_message=_("The settings were saved."),
        redirect_to=here,
    ):
        return response
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


@org_staff_view(can_view_requests)
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
