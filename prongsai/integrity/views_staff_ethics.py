"""Back-office pages of the ethics registers (``/<org>/staff/integrity/ethics/``):
the year's overview, the code and its acknowledgements, the working group,
Dos & Don'ts guidance, activities, the report and publishing."""

from __future__ import annotations

from functools import partial

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.documents import CONTENT_TYPE_DOCX, CONTENT_TYPE_PDF, file_response
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors_ethics as selectors
from . import services_ethics as services
from . import services_ethics_guides as guides
from . import services_ethics_publication as publication
from .documents_ethics import ethics_report_docx, ethics_report_pdf
from .forms_ethics import (
    EthicsActivityForm,
    EthicsDocumentForm,
    EthicsGuideForm,
    EthicsWorkingGroupForm,
    EthicsWorkingGroupMemberForm,
)
from .models_ethics import EthicsDocument
from .permissions import (
    can_acknowledge_ethics,
    can_manage_ethics,
    can_see_ethics_acknowledgements,
    can_view_ethics,
)
from .views_common import record_form, record_or_none, requested_year, save_record


def _page_url(organization, fiscal_year: int | None = None) -> str:
    url = reverse("integrity-staff:ethics", kwargs={"org": organization.slug})
    return f"{url}?year={fiscal_year}" if fiscal_year else url


def _group_url(organization, group) -> str:
    return reverse(
        "integrity-staff:ethics-group",
        kwargs={"org": organization.slug, "pk": group.pk},
    )


def _render_form(request, form, heading: str, **context):
    return render(
        request,
        "integrity/ethics/form.html",
        {"organization": request.organization, "form": form, "heading": heading}
        | context,
    )


@org_staff_view(can_view_ethics)
def ethics(request, organization):
    """The year's ethics page: each part and its state, the member's own
    acknowledgement, and (for managers) the forms and the publish button."""
    fiscal_year = requested_year(request)
    user, membership = request.user, request.membership
    current = thai_dates.fiscal_year(timezone.localdate())
    year = {"organization": organization, "fiscal_year": fiscal_year}
    code = selectors.ethics_document_get_in_force(
        organization=organization, kind=EthicsDocument.Kind.CODE
    )
    see_all = can_see_ethics_acknowledgements(user, membership)
    return render(
        request,
        "integrity/ethics/overview.html",
        {
            **year,
            "years": [current + 1, current, current - 1, current - 2],
            "code": code,
            "my_acknowledgement": selectors.ethics_acknowledgement_get(
                membership=membership, document=code
            ),
            "can_acknowledge": can_acknowledge_ethics(user, membership),
            "stats": selectors.ethics_acknowledgement_stats(
                organization=organization, document=code
            )
            if see_all
            else None,
            "code_versions": selectors.ethics_document_list(
                organization=organization, kind=EthicsDocument.Kind.CODE
            ),
            "process_versions": selectors.ethics_document_list(
                organization=organization, kind=EthicsDocument.Kind.PROCESS
            ),
            "year_code": selectors.ethics_document_get_in_force(
                organization=organization,
                kind=EthicsDocument.Kind.CODE,
                on=selectors.ethics_year_day(fiscal_year),
            ),
            "year_process": selectors.ethics_document_get_in_force(
                organization=organization,
                kind=EthicsDocument.Kind.PROCESS,
                on=selectors.ethics_year_day(fiscal_year),
            ),
            "group": selectors.ethics_working_group_get_for_year(**year),
            "groups": selectors.ethics_working_group_list(organization=organization),
            "guides": selectors.ethics_guide_list_for_year(**year),
            "activities": selectors.ethics_activity_list(**year),
            "activity_count": selectors.ethics_activity_count(
                organization, fiscal_year
            ),
            "publication": publication.ethics_publication_get(**year),
            "can_manage": can_manage_ethics(user, membership),
            "see_all": see_all,
        },
    )


# --- the code of ethics and the process rules ---


@org_staff_view(can_manage_ethics)
def document_edit(request, organization, pk=None):
    """A new version of the code (``?kind=code``) or the process rules, or a
    correction of one."""
    if pk is None:
        document = None
        kind = request.GET.get("kind") or request.POST.get("kind")
        if kind not in EthicsDocument.Kind.values:
            kind = EthicsDocument.Kind.CODE
    else:
        document = selectors.access_ethics_document(organization=organization, pk=pk)
        kind = document.kind
    form = record_form(request, EthicsDocumentForm, document)
    response = save_record(
        request,
        form,
        document,
        create=partial(
            services.ethics_document_create, organization=organization, kind=kind
        ),
        update=partial(services.ethics_document_update, document=document),
        success_message=_("The document was saved."),
        redirect_to=_page_url(organization),
    )
    label = EthicsDocument.Kind(kind).label
    heading = (
        _("New version: %(kind)s") % {"kind": label}
        if document is None
        else _("Edit: %(kind)s, %(version)s")
        % {"kind": label, "version": document.version_label}
    )
    return response or _render_form(request, form, heading, kind=kind)


@require_POST
@org_staff_view(can_acknowledge_ethics)
def acknowledge(request, organization):
    pk = request.POST.get("document")
    document = (
        selectors.access_ethics_document(organization=organization, pk=pk)
        if pk
        else selectors.ethics_document_get_in_force(
            organization=organization, kind=EthicsDocument.Kind.CODE
        )
    )
    return run_action(
        request,
        lambda: services.ethics_acknowledge(
            actor=request.user, organization=organization, document=document
        ),
        success_message=_("Thank you: your acknowledgement of the code was recorded."),
        redirect_to=_page_url(organization),
    )


@org_staff_view(can_see_ethics_acknowledgements)
def acknowledgements(request, organization):
    """Who has and who has not acknowledged a version (the one in force by default)."""
    pk = request.GET.get("document")
    if pk:
        document = selectors.access_ethics_document(organization=organization, pk=pk)
    else:
        document = selectors.ethics_document_get_in_force(
            organization=organization, kind=EthicsDocument.Kind.CODE
        )
    return render(
        request,
        "integrity/ethics/acknowledgements.html",
        {
            "organization": organization,
            "document": document,
            "versions": selectors.ethics_document_list(
                organization=organization, kind=EthicsDocument.Kind.CODE
            ),
            "rows": selectors.ethics_acknowledgement_list_rows(
                organization=organization, document=document
            )
            if document
            else [],
            "stats": selectors.ethics_acknowledgement_stats(
                organization=organization, document=document
            ),
        },
    )


# --- the working group ---


@org_staff_view(can_manage_ethics)
def group_edit(request, organization, pk=None):
    group = record_or_none(selectors.access_ethics_working_group, organization, pk)
    form = record_form(request, EthicsWorkingGroupForm, group)
    response = save_record(
        request,
        form,
        group,
        create=partial(services.ethics_working_group_create, organization=organization),
        update=partial(services.ethics_working_group_update, group=group),
        success_message=_("The order was saved."),
        redirect_to=lambda saved: _group_url(organization, saved),
    )
    heading = (
        _("Order appointing the ethics working group")
        if group is None
        else _("Edit the order %(number)s") % {"number": group.order_number}
    )
    return response or _render_form(request, form, heading)


@org_staff_view(can_view_ethics)
def group_detail(request, organization, pk):
    group = selectors.access_ethics_working_group(organization=organization, pk=pk)
    manage = can_manage_ethics(request.user, request.membership)
    form = EthicsWorkingGroupMemberForm(request.POST or None) if manage else None
    if form is not None:
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services.ethics_working_group_member_add(
                actor=request.user, group=group, **data
            ),
            success_message=_("The member was added to the working group."),
            redirect_to=_group_url(organization, group),
        )
        if response:
            return response
    return render(
        request,
        "integrity/ethics/group.html",
        {
            "organization": organization,
            "group": group,
            "members": list(group.members.all()),
            "form": form,
            "can_manage": manage,
        },
    )


@require_POST
@org_staff_view(can_manage_ethics)
def group_member_remove(request, organization, pk):
    member = selectors.access_ethics_group_member(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.ethics_working_group_member_remove(
            actor=request.user, member=member
        ),
        success_message=_("The member was removed from the working group."),
        redirect_to=_group_url(organization, member.group),
    )


# --- Dos & Don'ts ---


@org_staff_view(can_manage_ethics)
def guide_edit(request, organization, pk=None):
    guide = record_or_none(selectors.access_ethics_guide, organization, pk)
    form = record_form(request, EthicsGuideForm, guide)
    response = save_record(
        request,
        form,
        guide,
        create=partial(guides.ethics_guide_create, organization=organization),
        update=partial(guides.ethics_guide_update, guide=guide),
        success_message=_("The guide was saved."),
        redirect_to=lambda saved: _page_url(
            organization, thai_dates.fiscal_year(saved.published_on)
        ),
    )
    heading = _("Add Dos & Don'ts guidance") if guide is None else guide.title
    return response or _render_form(request, form, heading)


@require_POST
@org_staff_view(can_manage_ethics)
def guide_delete(request, organization, pk):
    guide = selectors.access_ethics_guide(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: guides.ethics_guide_delete(actor=request.user, guide=guide),
        success_message=_("The guide was removed."),
        redirect_to=_page_url(organization),
    )


# --- activities ---


@org_staff_view(can_manage_ethics)
def activity_edit(request, organization, pk=None):
    activity = record_or_none(selectors.access_ethics_activity, organization, pk)
    form = record_form(request, EthicsActivityForm, activity, organization=organization)
    response = save_record(
        request,
        form,
        activity,
        create=partial(guides.ethics_activity_create, organization=organization),
        update=partial(guides.ethics_activity_update, activity=activity),
        success_message=_("The activity was saved."),
        redirect_to=lambda saved: _page_url(organization, saved.fiscal_year),
    )
    heading = (
        _("Add an ethics activity or training")
        if activity is None
        else _("Edit the ethics activity")
    )
    return response or _render_form(request, form, heading)


@require_POST
@org_staff_view(can_manage_ethics)
def activity_delete(request, organization, pk):
    activity = selectors.access_ethics_activity(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: guides.ethics_activity_delete(actor=request.user, activity=activity),
        success_message=_("The activity was removed."),
        redirect_to=_page_url(organization, activity.fiscal_year),
    )


# --- the report and publishing ---


def _report_name(fiscal_year: int, extension: str) -> str:
    return f"รายงานการขับเคลื่อนจริยธรรม-{fiscal_year}.{extension}"


@org_staff_view(can_view_ethics)
def report_pdf(request, organization):
    """The report of the year as it stands now (the draft)."""
    fiscal_year = requested_year(request)
    snapshot = selectors.ethics_year_snapshot(
        organization=organization, fiscal_year=fiscal_year
    )
    return file_response(
        ethics_report_pdf(snapshot),
        filename=_report_name(fiscal_year, "pdf"),
        content_type=CONTENT_TYPE_PDF,
    )


@org_staff_view(can_view_ethics)
def report_docx(request, organization):
    fiscal_year = requested_year(request)
    snapshot = selectors.ethics_year_snapshot(
        organization=organization, fiscal_year=fiscal_year
    )
    return file_response(
        ethics_report_docx(snapshot),
        filename=_report_name(fiscal_year, "docx"),
        content_type=CONTENT_TYPE_DOCX,
    )


@require_POST
@org_staff_view(can_manage_ethics)
def publish(request, organization):
    fiscal_year = requested_year(request)
    withdraw = bool(request.POST.get("withdraw"))
    action = (
        publication.ethics_year_withdraw
        if withdraw
        else publication.ethics_year_publish
    )
    return run_action(
        request,
        lambda: action(
            actor=request.user, organization=organization, fiscal_year=fiscal_year
        ),
        success_message=_("The ethics page was withdrawn from the public pages.")
        if withdraw
        else _("The ethics page of the year is now on the public pages."),
        redirect_to=_page_url(organization, fiscal_year),
    )
