"""Back-office views of the complaint centre: general cases and categories.

The settings and the external address are in ``views_staff_settings``, the
confidential channel in ``views_staff_confidential``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.errors import DomainError
from prongsai.core.forms import RedirectTarget, handle_form, run_action
from prongsai.core.manuals_forms import procedure_edit
from prongsai.organizations.decorators import org_staff_view

from . import (
    links,
    redaction,
    selectors,
    selectors_entries,
    services,
    services_intake,
    services_manuals,
    services_settings,
    workflow,
)
from .forms import (
    AssignForm,
    CaseFilterForm,
    CategoryForm,
    MergeForm,
    PublicTextForm,
    StaffCaseForm,
    StatusForm,
    TextForm,
)
from .models import Status
from .permissions import can_handle_complaints, can_view_complaints


def form_action(
    request,
    form,
    on_valid: Callable[[dict], Any],
    *,
    success_message: str | Callable[[Any], str],
    redirect_to: RedirectTarget,
) -> HttpResponse:
    """A small form posted from a case page, run as a one-click action.

    The page shows the form again empty, so the form's own errors, like the
    service's, become error messages (``run_action``) and the user goes back.
    """

    def act():
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[field].label}: {error}"
                    if field in form.fields
                    else error
                    for field, errors in form.errors.items()
                    for error in errors
                ]
            )
        return on_valid(form.cleaned_data)

    return run_action(
        request, act, success_message=success_message, redirect_to=redirect_to
    )


def text_entry(
    request,
    case,
    service: Callable[..., Any],
    *,
    success_message: str,
    redirect_to: str,
) -> HttpResponse:
    """Add a note or a reply (``service``) to a case from its page."""
    return form_action(
        request,
        TextForm(request.POST),
        lambda data: service(actor=request.user, case=case, text=data["text"]),
        success_message=success_message,
        redirect_to=redirect_to,
    )


def _case_url(case) -> str:
    return reverse(
        "complaints-staff:case", kwargs={"org": case.organization.slug, "pk": case.pk}
    )


def _read_only(request) -> bool:
    """Executives read the cases; only complaint officers change them."""
    return not can_handle_complaints(request.user, request.membership)


# --- General cases --------------------------------------------------------------------
@org_staff_view(can_view_complaints)
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
        {
            "organization": organization,
            "form": form,
            "page": page,
            "read_only": _read_only(request),
        },
    )


@org_staff_view(can_handle_complaints)
def case_new(request, organization):
    form = StaffCaseForm(
        request.POST or None, request.FILES or None, organization=organization
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_intake.case_record(
            actor=request.user,
            organization=organization,
            channel=data["channel"],
            kind=data["kind"],
            received_at=data.get("received_at"),
            **form.case_values(),
        ),
        success_message=lambda case: (
            _("Case %(reference)s recorded. Tracking code: %(code)s.")
            % {"reference": case.reference, "code": case.tracking_code}
        ),
        redirect_to=_case_url,
    )
    return response or render(
        request,
        "complaints/staff/case_new.html",
        {"organization": organization, "form": form},
    )


def _status_form(case, data=None, files=None) -> StatusForm:
    allowed = workflow.CASES.allowed_next(case.status)
    return StatusForm(
        data,
        files,
        allowed=allowed,
        after_fix=Status.RESOLVED in allowed
        and selectors_entries.case_has_report_photos(case),
    )


def _case_page(request, organization, case, status_form=None) -> HttpResponse:
    members = selectors.member_list_assignable(organization=organization)
    return render(
        request,
        "complaints/staff/case_detail.html",
        {
            "organization": organization,
            "case": case,
            "entries": selectors_entries.case_entry_list_with_delivery(case=case),
            "reopened": selectors_entries.case_get_reopen_entry(case=case),
            "status_form": status_form or _status_form(case),
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
            "duplicates": selectors.case_list_duplicates(case=case),
            "attachments": case.attachments.all(),
            "case_links": links.case_links(case),
            "read_only": _read_only(request),
        },
    )


@org_staff_view(can_view_complaints)
def case_detail(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    return _case_page(request, organization, case)


def status_change(request, case, *, redirect_to: str):
    """Change a confidential case's status from its page."""
    return form_action(
        request,
        StatusForm(request.POST, allowed=workflow.CASES.allowed_next(case.status)),
        lambda data: services.case_change_status(
            actor=request.user,
            case=case,
            status=data["status"],
            text=data["text"],
            forwarded_to=data["forwarded_to"],
            rejection_reason=data["rejection_reason"],
        ),
        success_message=_("The status has been changed."),
        redirect_to=redirect_to,
    )


@require_POST
@org_staff_view(can_handle_complaints)
def case_status(request, organization, pk):
    """Change a case's status; on an error the page comes back with the input
    kept (a resolve may need a photo after the fix)."""
    case = selectors.access_case(organization=organization, pk=pk)
    form = _status_form(case, request.POST, request.FILES)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services.case_change_status(
            actor=request.user, case=case, **form.service_values()
        ),
        success_message=_("The status has been changed."),
        redirect_to=_case_url(case),
    ):
        return response
    return _case_page(request, organization, case, status_form=form)


@require_POST
@org_staff_view(can_handle_complaints)
def case_entry_retry(request, organization, pk, entry):
    """Send a reply or status message that could not be sent once more."""
    case = selectors.access_case(organization=organization, pk=pk)
    item = selectors_entries.access_case_entry(case=case, pk=entry)
    return run_action(
        request,
        lambda: services.entry_retry_delivery(actor=request.user, entry=item),
        success_message=_("The message is being sent again."),
        redirect_to=_case_url(case),
    )


@require_POST
@org_staff_view(can_handle_complaints)
def case_assign(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)
    members = selectors.member_list_assignable(organization=organization)
    return form_action(
        request,
        AssignForm(request.POST, members=members),
        lambda data: services.case_assign(
            actor=request.user, case=case, assignee=data["assignee"]
        ),
        success_message=_("The case has been assigned."),
        redirect_to=_case_url(case),
    )


def _case_text_view(service: Callable[..., Any], success_message: str):
    """The view that adds a note or a reply (``service``) from a case's page."""

    @require_POST
    @org_staff_view(can_handle_complaints)
    def view(request, organization, pk):
        case = selectors.access_case(organization=organization, pk=pk)
        return text_entry(
            request,
            case,
            service,
            success_message=success_message,
            redirect_to=_case_url(case),
        )

    return view


case_note = _case_text_view(
    services.case_add_note, gettext_lazy("The note has been added.")
)
case_reply = _case_text_view(
    services.case_reply, gettext_lazy("The reply has been sent.")
)


@require_POST
@org_staff_view(can_handle_complaints)
def case_merge(request, organization, pk):
    case = selectors.access_case(organization=organization, pk=pk)

    def merge(data):
        into = selectors.case_get_by_reference(
            organization=organization, reference=data["into"]
        )
        if into is None:
            raise DomainError(_("No case has that reference."))
        services.case_merge(actor=request.user, case=case, into=into)
        return into

    return form_action(
        request,
        MergeForm(request.POST),
        merge,
        success_message=lambda into: (
            _("Merged into %(reference)s.") % {"reference": into.reference}
        ),
        redirect_to=lambda into: _case_url(into or case),
    )


@require_POST
@org_staff_view(can_handle_complaints)
def case_public_text(request, organization, pk):
    """Approve the case's text for the public board and the open data."""
    case = selectors.access_case(organization=organization, pk=pk)
    return form_action(
        request,
        PublicTextForm(request.POST),
        lambda data: services.case_review_public_text(
            actor=request.user, case=case, text=data["text"]
        ),
        success_message=_("The public text has been approved."),
        redirect_to=_case_url(case),
    )


@org_staff_view(can_view_complaints)
def attachment(request, organization, pk):
    item = selectors.access_case_attachment(organization=organization, pk=pk)
    return FileResponse(item.file.open("rb"), content_type="image/jpeg")


# --- Categories -----------------------------------------------------------------------
@org_staff_view(can_view_complaints)
def category_list(request, organization):
    return render(
        request,
        "complaints/staff/category_list.html",
        {
            "organization": organization,
            "categories": selectors.category_list(organization=organization),
            "read_only": _read_only(request),
        },
    )


@org_staff_view(can_handle_complaints)
def category_procedure(request, organization, pk):
    """Edit how the staff handle a category (its staff work manual)."""
    category = selectors.access_category(organization=organization, pk=pk)
    return procedure_edit(
        request,
        current=selectors.category_procedure_data(category),
        save=lambda data: services_manuals.category_procedure_update(
            actor=request.user, category=category, data=data
        ),
        template="complaints/staff/category_procedure.html",
        context={
            "organization": organization,
            "category": category,
            "cancel_url": reverse(
                "complaints-staff:category-list", kwargs={"org": organization.slug}
            ),
        },
        redirect_to=reverse(
            "complaints-staff:category-procedure",
            kwargs={"org": organization.slug, "pk": category.pk},
        ),
        success_message=_("The staff work manual was saved."),
    )


@org_staff_view(can_handle_complaints)
def category_edit(request, organization, pk=None):
    category = (
        selectors.access_category(organization=organization, pk=pk) if pk else None
    )
    form = CategoryForm(request.POST or None, instance=category)

    def save(data):
        values = {name: data[name] for name in services_settings.CATEGORY_FIELDS}
        if category is None:
            return services_settings.category_create(
                actor=request.user, organization=organization, **values
            )
        return services_settings.category_update(
            actor=request.user, category=category, **values
        )

    response = handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The category has been saved."),
        redirect_to=reverse(
            "complaints-staff:category-list", kwargs={"org": organization.slug}
        ),
    )
    return response or render(
        request,
        "complaints/staff/category_form.html",
        {"organization": organization, "form": form, "category": category},
    )
