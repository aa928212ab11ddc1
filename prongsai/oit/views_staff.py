"""OIT checklist back office."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.documents import CONTENT_TYPE_XLSX, file_response
from prongsai.core.forms import handle_form, run_action
from prongsai.core.storage import private_file_response
from prongsai.ita import selectors as ita_selectors
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services, services_submission
from .export import export_csv, export_xlsx
from .forms import (
    AppointForm,
    EvidenceForm,
    HoldForm,
    ItemForm,
    OpenChecklistForm,
    ScoresForm,
    SubmitConfirmForm,
)
from .models import ChecklistItem, Evidence
from .permissions import can_appoint_data_officer, can_manage_oit, can_read_oit
from .snapshots import copy_content_type, copy_filename


def _can_manage(request) -> bool:
    return can_manage_oit(request.user, request.membership)


def _require_manage(request) -> None:
    """Readers (executives) see the pages; only managers change anything."""
    if request.method not in ("GET", "HEAD") and not _can_manage(request):
        raise PermissionDenied


def _checklist_url(organization, fiscal_year) -> str:
    return reverse(
        "oit-staff:checklist",
        kwargs={"org": organization.slug, "fiscal_year": fiscal_year},
    )


def _item_url(organization, pk) -> str:
    return reverse("oit-staff:item", kwargs={"org": organization.slug, "pk": pk})


def _index_page(request, organization, *, open_form=None, appoint_form=None):
    can_appoint = can_appoint_data_officer(request.user, request.membership)
    return render(
        request,
        "oit/index.html",
        {
            "organization": organization,
            "checklists": selectors.checklist_list(organization=organization),
            "open_form": open_form
            or OpenChecklistForm(years=ita_selectors.framework_list_years()),
            "officer": selectors.data_officer_get_current(organization=organization),
            "appointments": selectors.data_officer_list_history(
                organization=organization
            )[:10],
            "appoint_form": (appoint_form or AppointForm(organization=organization))
            if can_appoint
            else None,
            "can_manage": _can_manage(request),
        },
    )


@org_staff_view(can_read_oit)
def index(request, organization):
    _require_manage(request)
    years = ita_selectors.framework_list_years()
    open_form = OpenChecklistForm(request.POST or None, years=years)
    response = handle_form(
        request,
        open_form,
        on_valid=lambda data: services.checklist_open(
            actor=request.user,
            organization=organization,
            fiscal_year=data["fiscal_year"],
        ),
        redirect_to=lambda checklist: _checklist_url(
            organization, checklist.fiscal_year
        ),
    )
    return response or _index_page(request, organization, open_form=open_form)


@org_staff_view(can_appoint_data_officer)
@require_POST
def appoint(request, organization):
    form = AppointForm(request.POST, organization=organization)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.data_officer_appoint(
            actor=request.user,
            organization=organization,
            officer=data["officer"],
            appointed_on=data["appointed_on"],
            order_reference=data["order_reference"],
        ),
        success_message=_("The appointment has been recorded."),
        redirect_to=reverse("oit-staff:index", kwargs={"org": organization.slug}),
    )
    return response or _index_page(request, organization, appoint_form=form)


@org_staff_view(can_read_oit)
def checklist(request, organization, fiscal_year):
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    states = selectors.checklist_item_list_states(checklist)
    link_checks = selectors.link_check_list_latest(checklist=checklist)
    return render(
        request,
        "oit/checklist.html",
        {
            "organization": organization,
            "checklist": checklist,
            "states": states,
            "readiness": selectors.readiness_get(
                organization=organization, checklist=checklist, states=states
            ),
            "officer": selectors.data_officer_get_current(organization=organization),
            "rows": [(state, link_checks.get(state.item.pk, [])) for state in states],
            "reminders": selectors.reminder_list(states, today=timezone.localdate()),
            "can_manage": _can_manage(request),
        },
    )


def _item_page(
    request,
    organization,
    item,
    *,
    item_form=None,
    upload=None,
    link=None,
    hold_form=None,
):
    state = selectors.checklist_item_get_state(item, with_providers=True)
    return render(
        request,
        "oit/item.html",
        {
            "organization": organization,
            "item": item,
            "state": state,
            "checklist": item.checklist,
            "item_form": item_form
            or ItemForm(
                instance=item, organization=organization, providers=state.providers
            ),
            "upload_form": upload
            or EvidenceForm(
                kind=Evidence.Kind.UPLOAD,
                prefix="upload",
                initial={"covers_fiscal_year": item.data_year},
            ),
            "link_form": link
            or EvidenceForm(
                kind=Evidence.Kind.LINK,
                prefix="link",
                initial={"covers_fiscal_year": item.data_year},
            ),
            "hold_form": hold_form or HoldForm(),
            "can_manage": _can_manage(request),
        },
    )


@org_staff_view(can_read_oit)
def item_detail(request, organization, pk):
    _require_manage(request)
    item = selectors.access_checklist_item(organization=organization, pk=pk)
    if request.method != "POST":
        return _item_page(request, organization, item)
    action = request.POST.get("action")
    if action == "update":
        state = selectors.checklist_item_get_state(item, with_providers=True)
        form = ItemForm(
            request.POST,
            instance=item,
            organization=organization,
            providers=state.providers,
        )
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services.checklist_item_update(
                actor=request.user,
                item=selectors.access_checklist_item(organization=organization, pk=pk),
                responsible=data["responsible"],
                due_date=data["due_date"],
                explanation=data["explanation"],
                provider_key=data["provider_key"],
            ),
            success_message=_("The item has been saved."),
            redirect_to=_item_url(organization, item.pk),
        )
        if response:
            return response
        item.refresh_from_db()
        return _item_page(request, organization, item, item_form=form)
    if action in ("upload", "link"):
        kind = Evidence.Kind.UPLOAD if action == "upload" else Evidence.Kind.LINK
        form = EvidenceForm(request.POST, request.FILES, kind=kind, prefix=action)
        response = handle_form(
            request,
            form,
            on_valid=lambda _data: services.evidence_add(
                actor=request.user, item=item, **form.service_arguments()
            ),
            success_message=_("The evidence has been added."),
            redirect_to=_item_url(organization, item.pk),
        )
        if response:
            return response
        return _item_page(request, organization, item, **{action: form})
    return redirect("oit-staff:item", org=organization.slug, pk=item.pk)


@org_staff_view(can_manage_oit)
@require_POST
def item_status(request, organization, pk):
    """Hold an item back as not ready (with the reason), or mark it ready
    (which only succeeds when every check passes)."""
    item = selectors.access_checklist_item(organization=organization, pk=pk)
    status = request.POST.get("status", "")
    if status == ChecklistItem.Status.NOT_READY:
        form = HoldForm(request.POST)
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services.checklist_item_set_status(
                actor=request.user,
                item=item,
                status=status,
                reason=data["reason"],
            ),
            success_message=_("Item %(code)s is held back as not ready.")
            % {"code": item.code},
            redirect_to=_item_url(organization, item.pk),
        )
        if response:
            return response
        item.refresh_from_db()
        return _item_page(request, organization, item, hold_form=form)
    return run_action(
        request,
        lambda: services.checklist_item_set_status(
            actor=request.user, item=item, status=status
        ),
        success_message=lambda _result: (
            _("Item %(code)s is now: %(status)s")
            % {"code": item.code, "status": item.get_status_display()}
        ),
        redirect_to=_item_url(organization, item.pk),
    )


@org_staff_view(can_manage_oit)
@require_POST
def item_release(request, organization, pk):
    """End a hold: the checks decide the item's status again."""
    item = selectors.access_checklist_item(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.checklist_item_release(actor=request.user, item=item),
        success_message=lambda _result: (
            _("Item %(code)s is now: %(status)s")
            % {"code": item.code, "status": item.get_status_display()}
        ),
        redirect_to=_item_url(organization, item.pk),
    )


@org_staff_view(can_manage_oit)
@require_POST
def evidence_remove(request, organization, pk):
    evidence = selectors.access_evidence(organization=organization, pk=pk)
    item_pk = evidence.item_id
    return run_action(
        request,
        lambda: services.evidence_remove(actor=request.user, evidence=evidence),
        success_message=_("The evidence has been removed."),
        redirect_to=_item_url(organization, item_pk),
    )


def _checklist_action(
    request, organization, fiscal_year, action, message, level=messages.SUCCESS
):
    """Run a one-click action on the year's checklist, back to its page."""
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    return run_action(
        request,
        lambda: action(checklist),
        success_message=message,
        message_level=level,
        redirect_to=_checklist_url(organization, fiscal_year),
    )


@org_staff_view(can_manage_oit)
def submit(request, organization, fiscal_year):
    """The confirmation step: the items not ready (and why), then submit
    only with the confirmation ticked; anything else changes nothing."""
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    not_ready = list(selectors.checklist_item_list_not_ready(checklist=checklist))
    states = {
        state.item.pk: state
        for state in selectors.checklist_item_list_states(checklist)
        if not state.item.counts_as_done
    }
    form = SubmitConfirmForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_submission.checklist_submit_confirm(
            actor=request.user,
            checklist=checklist,
            confirmed=data["confirm"],
            not_ready_seen=data["not_ready_seen"],
        ),
        success_message=_(
            "Submitted: the URL set is frozen and every page has a snapshot."
        ),
        redirect_to=_checklist_url(organization, fiscal_year),
    )
    if response:
        return response
    return render(
        request,
        "oit/submit_confirm.html",
        {
            "organization": organization,
            "checklist": checklist,
            "not_ready": [(item, states.get(item.pk)) for item in not_ready],
            "not_ready_codes": ",".join(item.code for item in not_ready),
            "readiness": selectors.readiness_get(
                organization=organization, checklist=checklist
            ),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@org_staff_view(can_manage_oit)
@require_POST
def link_check(request, organization, fiscal_year):
    return _checklist_action(
        request,
        organization,
        fiscal_year,
        lambda checklist: services_submission.link_check_run(
            organization=organization, checklist=checklist
        ),
        lambda warnings: (
            _("Link check finished with %(count)s warnings: see the table.")
            % {"count": len(warnings)}
            if warnings
            else _("Every evidence link works.")
        ),
        lambda warnings: messages.WARNING if warnings else messages.SUCCESS,
    )


@org_staff_view(can_read_oit)
def submitted(request, organization, fiscal_year):
    """What was submitted: every frozen URL with its status, hash and copy."""
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(
        request,
        "oit/submitted.html",
        {
            "organization": organization,
            "checklist": checklist,
            "rows": selectors.submitted_url_list_with_copies(checklist=checklist),
        },
    )


@org_staff_view(can_read_oit)
def copy_download(request, organization, pk):
    """The kept copy of a submitted page, for the organisation's OIT staff."""
    copy = selectors.access_submitted_copy(organization=organization, pk=pk)
    return private_file_response(
        copy.file,
        filename=copy_filename(copy),
        content_type=copy_content_type(copy),
    )


@org_staff_view(can_read_oit)
def export(request, organization, fiscal_year, fmt):
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    states = selectors.checklist_item_list_states(checklist)
    name = f"OIT-{organization.slug}-{fiscal_year}"
    if fmt == "csv":
        return export_csv(states, filename=f"{name}.csv")
    return file_response(
        export_xlsx(checklist, states),
        filename=f"{name}.xlsx",
        content_type=CONTENT_TYPE_XLSX,
    )


@org_staff_view(can_manage_oit)
def scores(request, organization, fiscal_year):
    checklist = selectors.access_checklist(
        organization=organization, fiscal_year=fiscal_year
    )
    items = list(checklist.items.order_by("position"))
    form = ScoresForm(request.POST or None, items=items)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_submission.item_scores_record(
            actor=request.user,
            checklist=checklist,
            scores=form.scores(),
            final=data["final"],
        ),
        success_message=_("The item scores have been recorded."),
        redirect_to=_checklist_url(organization, fiscal_year),
    )
    if response:
        return response
    return render(
        request,
        "oit/scores.html",
        {"organization": organization, "checklist": checklist, "form": form},
    )
