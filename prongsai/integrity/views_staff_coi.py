"""Back-office pages of the conflict-of-interest registers, at
``/<org>/staff/integrity/coi/``: my declarations, all declarations (HR and
integrity officers), committee declarations per procurement record, the
cross-check's flags (integrity officers) and the summary (counts only)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.documents import (
    CONTENT_TYPE_DOCX,
    CONTENT_TYPE_PDF,
    file_response,
)
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors_coi as selectors
from . import services_coi as services
from .coi_documents import coi_summary_docx, coi_summary_pdf, summary_rows
from .forms_coi import (
    CoiCommitteeForm,
    CoiDeclarationForm,
    CoiFlagReviewForm,
    CoiInterestForm,
)
from .models_coi import CoiDeclaration, CoiFlag
from .permissions_coi import (
    can_declare_coi,
    can_open_coi_area,
    can_review_coi_flags,
    can_see_all_coi,
    can_view_coi_summary,
)
from .views_common import requested_year, year_choices


def _url(name: str, organization, **kwargs) -> str:
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def _context(request, organization, **extra) -> dict:
    user, membership = request.user, request.membership
    return {
        "organization": organization,
        "can_see_all_coi": can_see_all_coi(user, membership),
        "can_review_coi_flags": can_review_coi_flags(user, membership),
        "can_view_coi_summary": can_view_coi_summary(user, membership),
    } | extra


def _render_form(request, form, heading: str, back: str, **extra):
    return render(
        request,
        "integrity/coi/form.html",
        {"organization": request.organization, "form": form, "heading": heading}
        | {"back_url": back}
        | extra,
    )


@org_staff_view(can_open_coi_area)
def coi_mine(request, organization):
    """My declarations of interests, and the way to declare."""
    membership = request.membership
    current = thai_dates.fiscal_year(timezone.localdate())
    declarations = (
        selectors.coi_declaration_list(organization=organization, declarant=membership)
        if membership is not None
        else CoiDeclaration.objects.none()
    )
    yearly_done = declarations.filter(
        kind=CoiDeclaration.Kind.YEARLY, fiscal_year=current
    ).exists()
    return render(
        request,
        "integrity/coi/mine.html",
        _context(
            request,
            organization,
            declarations=declarations,
            fiscal_year=current,
            yearly_done=yearly_done,
            can_declare=can_declare_coi(request.user, membership),
        ),
    )


@org_staff_view(can_declare_coi)
def coi_declaration_create(request, organization, kind):
    if kind not in CoiDeclaration.Kind.values:
        raise Http404
    form = CoiDeclarationForm(request.POST or None, kind=kind)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.coi_declaration_create(
            actor=request.user, organization=organization, kind=kind, **data
        ),
        success_message=lambda d: (
            _("Your declaration was recorded.")
            if d.nothing_to_declare
            else _("Your declaration was recorded. Add each interest below.")
        ),
        redirect_to=lambda d: _url("coi-declaration", organization, pk=d.pk),
    )
    heading = (
        _("Yearly declaration of interests")
        if kind == CoiDeclaration.Kind.YEARLY
        else _("Ad hoc declaration of interests")
    )
    return response or _render_form(
        request, form, heading, _url("coi-mine", organization)
    )


@org_staff_view(can_open_coi_area)
def coi_declaration_detail(request, organization, pk):
    declaration = selectors.access_coi_declaration(
        organization=organization,
        pk=pk,
        user=request.user,
        membership=request.membership,
    )
    own = declaration.declarant == request.membership
    return render(
        request,
        "integrity/coi/declaration.html",
        _context(
            request,
            organization,
            declaration=declaration,
            interests=declaration.interests.all(),
            own=own,
        ),
    )


@org_staff_view(can_declare_coi)
def coi_interest_create(request, organization, pk):
    declaration = selectors.access_coi_declaration(
        organization=organization,
        pk=pk,
        user=request.user,
        membership=request.membership,
    )
    if declaration.declarant != request.membership:
        raise Http404
    form = CoiInterestForm(request.POST or None)
    back = _url("coi-declaration", organization, pk=declaration.pk)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.coi_interest_add(
            actor=request.user, declaration=declaration, **data
        ),
        success_message=_("The interest was added to your declaration."),
        redirect_to=back,
    )
    return response or _render_form(request, form, _("Declare an interest"), back)


@require_POST
@org_staff_view(can_declare_coi)
def coi_interest_delete(request, organization, pk):
    interest = selectors.access_coi_interest(
        organization=organization,
        pk=pk,
        user=request.user,
        membership=request.membership,
    )
    back = _url("coi-declaration", organization, pk=interest.declaration_id)
    return run_action(
        request,
        lambda: services.coi_interest_remove(actor=request.user, interest=interest),
        success_message=_("The interest was removed."),
        redirect_to=back,
    )


@org_staff_view(can_see_all_coi)
def coi_declaration_list(request, organization):
    """Every declaration of the year (HR and integrity officers)."""
    fiscal_year = requested_year(request)
    return render(
        request,
        "integrity/coi/declaration_list.html",
        _context(
            request,
            organization,
            fiscal_year=fiscal_year,
            years=year_choices(),
            declarations=selectors.coi_declaration_list(
                organization=organization, fiscal_year=fiscal_year
            ),
            summary=selectors.coi_summary_get(
                organization=organization, fiscal_year=fiscal_year
            ),
        ),
    )


@org_staff_view(can_review_coi_flags)
def coi_flag_list(request, organization):
    status = request.GET.get("status") or ""
    if status and status not in CoiFlag.Status.values:
        raise Http404
    return render(
        request,
        "integrity/coi/flag_list.html",
        _context(
            request,
            organization,
            flags=selectors.coi_flag_list(organization=organization, status=status),
            status=status,
            statuses=CoiFlag.Status.choices,
        ),
    )


@org_staff_view(can_review_coi_flags)
def coi_flag_review(request, organization, pk):
    flag = selectors.access_coi_flag(
        organization=organization,
        pk=pk,
        user=request.user,
        membership=request.membership,
    )
    initial = {"review_note": flag.review_note}
    if flag.status != CoiFlag.Status.OPEN:
        initial["status"] = flag.status
    form = CoiFlagReviewForm(request.POST or None, initial=initial)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.coi_flag_review(
            actor=request.user, flag=flag, **data
        ),
        success_message=_("The review was recorded."),
        redirect_to=_url("coi-flag-list", organization),
    )
    return response or render(
        request,
        "integrity/coi/flag_review.html",
        _context(request, organization, flag=flag, form=form),
    )


@org_staff_view(can_open_coi_area)
def coi_committee_index(request, organization):
    """The year's procurement records, to declare on or to read declarations."""
    fiscal_year = requested_year(request)
    return render(
        request,
        "integrity/coi/committee_index.html",
        _context(
            request,
            organization,
            fiscal_year=fiscal_year,
            years=year_choices(),
            procurements=selectors.coi_procurement_list(
                organization=organization, fiscal_year=fiscal_year
            ),
        ),
    )


@org_staff_view(can_open_coi_area)
def coi_committee(request, organization, procurement_pk):
    """Committee declarations on one procurement record, and the form."""
    procurement = selectors.access_coi_procurement(
        organization=organization, pk=procurement_pk
    )
    see_all = can_see_all_coi(request.user, request.membership)
    form = CoiCommitteeForm(request.POST or None)
    here = _url("coi-committee", organization, procurement_pk=procurement.pk)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.coi_committee_declare(
            actor=request.user, procurement=procurement, **data
        ),
        success_message=_("Your committee declaration was recorded."),
        redirect_to=here,
    )
    if response:
        return response
    declarations = (
        selectors.coi_committee_list(procurement=procurement)
        if see_all
        else selectors.coi_committee_list(
            procurement=procurement, member=request.membership
        )
    )
    return render(
        request,
        "integrity/coi/committee.html",
        _context(
            request,
            organization,
            procurement=procurement,
            declarations=declarations,
            see_all=see_all,
            form=form,
            can_declare=can_declare_coi(request.user, request.membership),
        ),
    )


@org_staff_view(can_view_coi_summary)
def coi_summary(request, organization):
    fiscal_year = requested_year(request)
    summary = selectors.coi_summary_get(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(
        request,
        "integrity/coi/summary.html",
        _context(
            request,
            organization,
            fiscal_year=fiscal_year,
            years=year_choices(),
            summary=summary,
            sections=summary_rows(summary),
        ),
    )


@org_staff_view(can_view_coi_summary)
def coi_summary_document(request, organization, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    fiscal_year = requested_year(request)
    summary = selectors.coi_summary_get(
        organization=organization, fiscal_year=fiscal_year
    )
    name = f"สรุปการเปิดเผยผลประโยชน์ทับซ้อน-{fiscal_year}"
    if fmt == "pdf":
        return file_response(
            coi_summary_pdf(organization=organization, summary=summary),
            filename=f"{name}.pdf",
            content_type=CONTENT_TYPE_PDF,
        )
    return file_response(
        coi_summary_docx(organization=organization, summary=summary),
        filename=f"{name}.docx",
        content_type=CONTENT_TYPE_DOCX,
    )
