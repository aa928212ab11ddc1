"""Back-office views of the complaint centre and the confidential channel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.accounts.models import User
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, run_action
from prongsai.organizations.decorators import org_staff_view
from prongsai.organizations.selectors import channel_settings_get

from . import links, redaction, selectors, services, workflow
from .forms import (
    AssignForm,
    CaseFilterForm,
    CategoryForm,
    ExternalAddressCodeForm,
    ExternalAddressForm,
    MergeForm,
    PublicTextForm,
    SettingsForm,
    StaffCaseForm,
    StatusForm,
    TextForm,
)
from .models import Case, CaseAttachment, Kind
from .permissions import (
    can_handle_complaints,
    can_handle_confidential,
    can_manage_complaint_settings,
    can_manage_external_address,
)


def _errors_to_messages(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _service_error(request, error) -> None:
    if isinstance(error, DomainError):
        messages.error(request, error.message)
    else:
        for message in error.messages:
            messages.error(request, message)


# --- General cases --------------------------------------------------------------------
@org_staff_view(can_handle_complaints)
def case_list(request, organization):
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_list(
        organization=organization,
        status=filters.get("status", ""),
        channel=filters.get("channel", ""),
        kind=filters.get("kind", ""),
        overdue=filters.get("overdue", False),
        query=filters.get("q", ""),
    )
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/staff/case_list.html",
        {"organization": organization, "form": form, "page": page},
    )


@org_staff_view(can_handle_complaints)
def case_new(request, organization):
    form = StaffCaseForm(
        request.POST or None, request.FILES or None, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = data.get("photo")
        try:
            case = services.case_record(
                actor=request.user,
                organization=organization,
                channel=data["channel"],
                kind=data["kind"],
                category=data.get("category"),
                subject=data["subject"],
                description=data["description"],
                location_text=data.get("location_text", ""),
                latitude=data.get("latitude"),
                longitude=data.get("longitude"),
                complainant_name=data.get("complainant_name", ""),
                complainant_phone=data.get("complainant_phone", ""),
                complainant_email=data.get("complainant_email", ""),
                received_at=data.get("received_at"),
                photos=[photo.read()] if photo else [],
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Case %(reference)s recorded. Tracking code: %(code)s.")
                % {"reference": case.reference, "code": case.tracking_code},
            )
            return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)
    return render(
        request,
        "complaints/staff/case_new.html",
        {"organization": organization, "form": form},
    )


@org_staff_view(can_handle_complaints)
def case_detail(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    members = selectors.assignable_members(organization=organization)
    return render(
        request,
        "complaints/staff/case_detail.html",
        {
            "organization": organization,
            "case": case,
            "entries": selectors.case_entries(case=case),
            "status_form": StatusForm(allowed=workflow.CASES.allowed_next(case.status)),
            "assign_form": AssignForm(
                members=members, initial={"assignee": case.assigned_to_id}
            ),
            "note_form": TextForm(),
            "reply_form": TextForm(),
            "merge_form": MergeForm(),
            "public_text_form": PublicTextForm(
                initial={
                    "text": case.public_text or redaction.redact(case.subject)[:200]
                }
            ),
            "duplicates": selectors.duplicate_candidates(case=case),
            "attachments": case.attachments.all(),
            "case_links": links.case_links(case),
        },
    )


@require_POST
@org_staff_view(can_handle_complaints)
def case_status(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    form = StatusForm(request.POST, allowed=workflow.CASES.allowed_next(case.status))
    if form.is_valid():
        try:
            services.case_change_status(
                actor=request.user, case=case, **form.cleaned_data
            )
        except (DomainError, ValidationError) as error:
            _service_error(request, error)
        else:
            messages.success(request, _("The status has been changed."))
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@require_POST
@org_staff_view(can_handle_complaints)
def case_assign(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    members = selectors.assignable_members(organization=organization)
    form = AssignForm(request.POST, members=members)
    if form.is_valid():
        assignee_id = form.cleaned_data.get("assignee")
        assignee = User.objects.filter(pk=assignee_id).first() if assignee_id else None
        try:
            services.case_assign(actor=request.user, case=case, assignee=assignee)
        except DomainError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("The case has been assigned."))
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@require_POST
@org_staff_view(can_handle_complaints)
def case_note(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    form = TextForm(request.POST)
    if form.is_valid():
        services.case_add_note(
            actor=request.user, case=case, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note has been added."))
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@require_POST
@org_staff_view(can_handle_complaints)
def case_reply(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    form = TextForm(request.POST)
    if form.is_valid():
        services.case_reply(
            actor=request.user, case=case, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The reply has been sent."))
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@require_POST
@org_staff_view(can_handle_complaints)
def case_merge(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        into = (
            Case.objects.filter(
                organization=organization,
                reference=form.cleaned_data["into"].strip().upper(),
            )
            .exclude(kind=Kind.CORRUPTION)
            .first()
        )
        if into is None:
            messages.error(request, _("No case has that reference."))
        else:
            try:
                services.case_merge(actor=request.user, case=case, into=into)
            except DomainError as error:
                _service_error(request, error)
            else:
                messages.success(
                    request,
                    _("Merged into %(reference)s.") % {"reference": into.reference},
                )
                return redirect(
                    "complaints-staff:case", org=organization.slug, pk=into.pk
                )
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@require_POST
@org_staff_view(can_handle_complaints)
def case_public_text(request, organization, pk):
    """Approve the case's text for the public board and the open data."""
    case = selectors.access_case(organization=organization, pk=pk)
    form = PublicTextForm(request.POST)
    if form.is_valid():
        try:
            services.case_review_public_text(
                actor=request.user, case=case, text=form.cleaned_data["text"]
            )
        except DomainError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("The public text has been approved."))
    else:
        _errors_to_messages(request, form)
    return redirect("complaints-staff:case", org=organization.slug, pk=case.pk)


@org_staff_view(can_handle_complaints)
def attachment(request, organization, pk):
    item = (
        CaseAttachment.objects.select_related("case")
        .filter(case__organization=organization, pk=pk)
        .exclude(case__kind=Kind.CORRUPTION)
        .first()
    )
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), content_type="image/jpeg")


# --- Categories and settings ----------------------------------------------------------
@org_staff_view(can_handle_complaints)
def category_list(request, organization):
    return render(
        request,
        "complaints/staff/category_list.html",
        {
            "organization": organization,
            "categories": selectors.category_list(organization=organization),
        },
    )


@org_staff_view(can_handle_complaints)
def category_edit(request, organization, pk=None):
    category = (
        selectors.access_category(organization=organization, pk=pk) if pk else None
    )
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            if category is None:
                services.category_create(
                    actor=request.user, organization=organization, **data
                )
            else:
                services.category_update(actor=request.user, category=category, **data)
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The category has been saved."))
            return redirect("complaints-staff:category-list", org=organization.slug)
    return render(
        request,
        "complaints/staff/category_form.html",
        {"organization": organization, "form": form, "category": category},
    )


@org_staff_view(can_manage_complaint_settings)
def settings_edit(request, organization):
    current = selectors.complaint_settings_for(organization=organization)
    form = SettingsForm(
        request.POST or None, instance=current, organization=organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_settings_update(
                actor=request.user, organization=organization, **form.cleaned_data
            )
        except (DomainError, ValidationError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The settings have been saved."))
            return redirect("complaints-staff:settings", org=organization.slug)
    return render(
        request,
        "complaints/staff/settings.html",
        {
            "organization": organization,
            "form": form,
            "current": current,
            "recipient": selectors.external_recipient_in_force(
                organization=organization
            ),
            "channels": channel_settings_get(organization=organization),
        },
    )


# --- Own address for reports about executives -----------------------------------
@org_staff_view(can_manage_external_address)
def external_address(request, organization):
    """Propose an own address; see and decide pending ones (two people)."""
    form = ExternalAddressForm(request.POST or None)
    if request.method == "POST":
        if not can_manage_complaint_settings(request.user, request.membership):
            raise Http404
        if form.is_valid():
            try:
                services.external_address_propose(
                    actor=request.user, organization=organization, **form.cleaned_data
                )
            except (DomainError, ValidationError) as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "A code was sent to the address. It is used only after the "
                        "code is entered and another executive or integrity officer "
                        "confirms it."
                    ),
                )
                return redirect(
                    "complaints-staff:external-address", org=organization.slug
                )
    return render(
        request,
        "complaints/staff/external_address.html",
        {
            "organization": organization,
            "form": form,
            "code_form": ExternalAddressCodeForm(),
            "changes": selectors.external_address_change_list(
                organization=organization
            )[:20],
            "recipient": selectors.external_recipient_in_force(
                organization=organization
            ),
            "can_propose": can_manage_complaint_settings(
                request.user, request.membership
            ),
        },
    )


def _external_address_action(request, organization, pk, action, success):
    change = selectors.access_external_address_change(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: action(change),
        redirect_to=reverse(
            "complaints-staff:external-address", kwargs={"org": organization.slug}
        ),
        success_message=success,
    )


@require_POST
@org_staff_view(can_manage_external_address)
def external_address_verify(request, organization, pk):
    form = ExternalAddressCodeForm(request.POST)
    code = form.cleaned_data["code"] if form.is_valid() else ""
    return _external_address_action(
        request,
        organization,
        pk,
        lambda change: services.external_address_verify(
            actor=request.user, change=change, code=code
        ),
        _("The address was verified. Another person must now confirm it."),
    )


@require_POST
@org_staff_view(can_manage_external_address)
def external_address_send_code(request, organization, pk):
    return _external_address_action(
        request,
        organization,
        pk,
        lambda change: services.external_address_send_code(
            actor=request.user, change=change
        ),
        _("A new code was sent to the address."),
    )


@require_POST
@org_staff_view(can_manage_external_address)
def external_address_confirm(request, organization, pk):
    return _external_address_action(
        request,
        organization,
        pk,
        lambda change: services.external_address_confirm(
            actor=request.user, change=change
        ),
        _("The address is confirmed: reports about executives now go there."),
    )


@require_POST
@org_staff_view(can_manage_external_address)
def external_address_reject(request, organization, pk):
    return _external_address_action(
        request,
        organization,
        pk,
        lambda change: services.external_address_reject(
            actor=request.user, change=change, reason=request.POST.get("reason", "")
        ),
        _("The address was rejected; it will not be used."),
    )


# --- Confidential channel -------------------------------------------------------------
@org_staff_view(can_handle_confidential)
def confidential_list(request, organization):
    status = request.GET.get("status", "")
    services.confidential_record_list_view(
        actor=request.user, organization=organization, status=status
    )
    return render(
        request,
        "complaints/staff/confidential_list.html",
        {
            "organization": organization,
            "cases": selectors.confidential_list(
                organization=organization, status=status
            ),
            "status": status,
        },
    )


@org_staff_view(can_handle_confidential)
def confidential_detail(request, organization, pk):
    case = selectors.access_confidential_case(organization=organization, pk=pk)
    services.confidential_record_view(actor=request.user, case=case)
    routed = bool(case.external_body)
    response = render(
        request,
        "complaints/staff/confidential_detail.html",
        {
            "organization": organization,
            "case": case,
            "routed": routed,
            "entries": [] if routed else selectors.case_entries(case=case),
            "attachments": [] if routed else case.attachments.all(),
            "status_form": StatusForm(allowed=workflow.CASES.allowed_next(case.status)),
            "reply_form": TextForm(),
            "note_form": TextForm(),
            "case_links": links.case_links(case),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _confidential_action(request, organization, pk, action):
    case = selectors.access_confidential_case(organization=organization, pk=pk)
    if case.external_body:
        messages.error(request, _("This report is handled by an external body."))
        return redirect(
            "complaints-staff:confidential-case", org=organization.slug, pk=case.pk
        )
    action(case)
    return redirect(
        "complaints-staff:confidential-case", org=organization.slug, pk=case.pk
    )


@require_POST
@org_staff_view(can_handle_confidential)
def confidential_status(request, organization, pk):
    def act(case):
        form = StatusForm(
            request.POST, allowed=workflow.CASES.allowed_next(case.status)
        )
        if not form.is_valid():
            _errors_to_messages(request, form)
            return
        try:
            services.case_change_status(
                actor=request.user, case=case, **form.cleaned_data
            )
        except (DomainError, ValidationError) as error:
            _service_error(request, error)
        else:
            messages.success(request, _("The status has been changed."))

    return _confidential_action(request, organization, pk, act)


@require_POST
@org_staff_view(can_handle_confidential)
def confidential_reply(request, organization, pk):
    def act(case):
        form = TextForm(request.POST)
        if not form.is_valid():
            _errors_to_messages(request, form)
            return
        services.case_reply(
            actor=request.user, case=case, text=form.cleaned_data["text"]
        )
        messages.success(
            request, _("The reply is waiting for the reporter on the follow-up page.")
        )

    return _confidential_action(request, organization, pk, act)


@require_POST
@org_staff_view(can_handle_confidential)
def confidential_note(request, organization, pk):
    def act(case):
        form = TextForm(request.POST)
        if not form.is_valid():
            _errors_to_messages(request, form)
            return
        services.case_add_note(
            actor=request.user, case=case, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note has been added."))

    return _confidential_action(request, organization, pk, act)


@org_staff_view(can_handle_confidential)
def confidential_attachment(request, organization, pk):
    item = (
        CaseAttachment.objects.select_related("case")
        .filter(
            case__organization=organization,
            case__kind=Kind.CORRUPTION,
            case__external_body="",
            pk=pk,
        )
        .first()
    )
    if item is None:
        raise Http404
    services.confidential_record_view(actor=request.user, case=item.case)
    response = FileResponse(item.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "no-store"
    return response
