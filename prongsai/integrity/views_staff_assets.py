"""Back-office pages of the asset register and its loans."""

from __future__ import annotations

import copy

from django.core.files import File
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors_assets as selectors
from . import services_assets as services
from . import services_assets_loans as workflow
from . import services_assets_rules as rules_services
from .documents_assets import loan_report_response
from .forms_assets import (
    AssetForm,
    LoanRulesForm,
    NoteForm,
    ReasonForm,
    ReturnForm,
    StaffLoanForm,
)
from .models_assets import Asset, LoanStatus
from .permissions import (
    can_decide_loans,
    can_manage_assets,
    can_request_loan,
    can_view_assets,
)
from .views_common import requested_year


def _loans_url(organization, tab: str = "") -> str:
    url = reverse("integrity-staff:loan-list", kwargs={"org": organization.slug})
    return f"{url}?tab={tab}" if tab else url


# --- the register -------------------------------------------------------------------


@org_staff_view(can_view_assets)
def asset_list(request, organization):
    filters = {
        "category": request.GET.get("category", ""),
        "condition": request.GET.get("condition", ""),
        "lendable": request.GET.get("lendable", ""),
        "query": request.GET.get("q", "")[:100],
    }
    assets = selectors.asset_list(organization=organization, **filters)
    page = Paginator(assets, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "integrity/assets/asset_list.html",
        {
            "organization": organization,
            "page": page,
            "filters": filters,
            "query_string": query.urlencode(),
            "categories": Asset.Category.choices,
            "conditions": Asset.Condition.choices,
            "can_manage": can_manage_assets(request.user, request.membership),
        },
    )


@org_staff_view(can_view_assets)
def asset_detail(request, organization, pk):
    asset = selectors.access_asset(organization=organization, pk=pk)
    loans = Paginator(selectors.loan_list_for_asset(asset=asset), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "integrity/assets/asset_detail.html",
        {
            "organization": organization,
            "asset": asset,
            "loans": loans,
            "today": timezone.localdate(),
            "can_manage": can_manage_assets(request.user, request.membership),
        },
    )


@org_staff_view(can_manage_assets)
def asset_edit(request, organization, pk=None):
    asset = (
        None if pk is None else selectors.access_asset(organization=organization, pk=pk)
    )
    form = AssetForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(asset),
        organization=organization,
    )

    def save(data):
        data = dict(data)
        photo = data.pop("photo", None)
        photo = photo if isinstance(photo, File) else None
        if asset is None:
            return services.asset_create(
                actor=request.user, organization=organization, photo=photo, **data
            )
        return services.asset_update(
            actor=request.user, asset=asset, photo=photo, **data
        )

    response = handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The asset was saved."),
        redirect_to=lambda saved: saved.get_staff_url(),
    )
    return response or render(
        request,
        "integrity/assets/asset_form.html",
        {
            "organization": organization,
            "form": form,
            "asset": asset,
            "heading": _("Edit the asset") if asset else _("Add an asset"),
        },
    )


# --- loans --------------------------------------------------------------------------


@org_staff_view(can_request_loan)
def loan_list(request, organization):
    see_all = can_view_assets(request.user, request.membership)
    tab = request.GET.get("tab") or ("requested" if see_all else "all")
    if tab not in selectors.QUEUE_TABS:
        tab = "all"
    loans = selectors.loan_list(
        organization=organization,
        tab=tab,
        borrower=None if see_all else request.user,
    )
    page = Paginator(loans, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "integrity/assets/loan_list.html",
        {
            "organization": organization,
            "page": page,
            "tab": tab,
            "tabs": selectors.QUEUE_TABS,
            "see_all": see_all,
            "counts": selectors.loan_get_counts(organization=organization)
            if see_all
            else {},
            "today": timezone.localdate(),
            "can_manage": can_manage_assets(request.user, request.membership),
        },
    )


@org_staff_view(can_request_loan)
def loan_create(request, organization):
    manager = can_manage_assets(request.user, request.membership)
    assets = selectors.asset_list_lendable(organization=organization, public=False)
    form = StaffLoanForm(
        request.POST or None,
        organization=organization,
        assets=assets,
        membership=request.membership,
        manager=manager,
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.loan_request_staff(
            actor=request.user,
            organization=organization,
            borrower=data["borrower"],
            lines=form.lines(),
            start_on=data["start_on"],
            end_on=data["end_on"],
            purpose=data["purpose"],
            place=data["place"],
        ),
        success_message=_("Your loan request was sent to the custodian."),
        redirect_to=lambda loan: loan.get_staff_url(),
    )
    return response or render(
        request,
        "integrity/assets/loan_form.html",
        {"organization": organization, "form": form},
    )


def _loan_for(request, organization, pk):
    """The loan, or 404 to a member who may see only their own loans."""
    loan = selectors.access_loan(organization=organization, pk=pk)
    if not can_view_assets(
        request.user, request.membership
    ) and request.user.pk not in (
        loan.borrower_id,
        loan.created_by_id,
    ):
        raise Http404
    return loan


@org_staff_view(can_request_loan)
def loan_detail(request, organization, pk):
    loan = _loan_for(request, organization, pk)
    decide = can_decide_loans(request.user, request.membership)
    own = request.user.pk in (loan.borrower_id, loan.created_by_id)
    return render(
        request,
        "integrity/assets/loan_detail.html",
        {
            "organization": organization,
            "loan": loan,
            "lines": list(loan.lines.select_related("asset")),
            "today": timezone.localdate(),
            "can_decide": decide,
            "can_cancel": (decide or own)
            and workflow.LOANS.can_move(loan.status, LoanStatus.CANCELLED),
            "next": workflow.LOANS.allowed_next(loan.status),
            "reason_form": ReasonForm(),
            "note_form": NoteForm(),
        },
    )


@require_POST
@org_staff_view(can_request_loan)
def loan_action(request, organization, pk, action):
    loan = _loan_for(request, organization, pk)
    decide = can_decide_loans(request.user, request.membership)
    own = request.user.pk in (loan.borrower_id, loan.created_by_id)
    reason = request.POST.get("reason", "")[:2000]
    note = request.POST.get("note", "")[:2000]
    actor = request.user
    actions = {
        "approve": (
            lambda: workflow.loan_approve(actor=actor, loan=loan, note=note),
            _("The loan was approved."),
        ),
        "reject": (
            lambda: workflow.loan_reject(actor=actor, loan=loan, reason=reason),
            _("The loan was rejected."),
        ),
        "hand-over": (
            lambda: workflow.loan_hand_over(actor=actor, loan=loan, note=note),
            _("The items were handed over."),
        ),
        "cancel": (
            lambda: workflow.loan_cancel(actor=actor, loan=loan, reason=reason),
            _("The loan was cancelled."),
        ),
    }
    if action not in actions:
        raise Http404
    if not decide and not (action == "cancel" and own):
        raise Http404
    run, message = actions[action]
    return run_action(
        request, run, success_message=message, redirect_to=loan.get_staff_url()
    )


@org_staff_view(can_decide_loans)
def loan_return(request, organization, pk):
    loan = selectors.access_loan(organization=organization, pk=pk)
    form = ReturnForm(
        request.POST or None,
        loan=loan,
        initial={"returned_on": timezone.localdate()},
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: workflow.loan_return(
            actor=request.user,
            loan=loan,
            returns=form.returns(),
            returned_on=data["returned_on"],
            note=data["return_note"],
        ),
        success_message=_("The return was recorded."),
        redirect_to=loan.get_staff_url(),
    )
    return response or render(
        request,
        "integrity/assets/loan_return.html",
        {"organization": organization, "loan": loan, "form": form},
    )


# --- statistics ---------------------------------------------------------------------


@org_staff_view(can_view_assets)
def loan_statistics(request, organization):
    fiscal_year = requested_year(request)
    current = thai_dates.fiscal_year(timezone.localdate())
    years = sorted(
        {current, current - 1, *selectors.loan_list_years(organization=organization)},
        reverse=True,
    )
    return render(
        request,
        "integrity/assets/statistics.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": years,
            "stats": selectors.loan_statistics_get(
                organization=organization, fiscal_year=fiscal_year
            ),
        },
    )


@org_staff_view(can_view_assets)
def loan_report(request, organization, fmt):
    stats = selectors.loan_statistics_get(
        organization=organization, fiscal_year=requested_year(request)
    )
    return loan_report_response(organization, stats, fmt)


# --- the rules on borrowing -----------------------------------------------------------


@org_staff_view(can_manage_assets)
def loan_rules(request, organization):
    """Edit the rules on borrowing and publish them on the public page."""
    rules = rules_services.loan_rules_get(organization=organization)
    form = LoanRulesForm(
        request.POST or None, request.FILES or None, instance=copy.copy(rules)
    )

    def save(data):
        pdf = data.get("pdf")
        return rules_services.loan_rules_save(
            actor=request.user,
            organization=organization,
            title=data["title"],
            text=data["text"],
            pdf=pdf if isinstance(pdf, File) else None,
        )

    response = handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The rules were saved. Publish them to show them."),
        redirect_to=reverse(
            "integrity-staff:loan-rules", kwargs={"org": organization.slug}
        ),
    )
    return response or render(
        request,
        "integrity/assets/rules.html",
        {
            "organization": organization,
            "form": form,
            "rules": rules,
            "current": rules_services.loan_rules_current(organization=organization),
        },
    )


@require_POST
@org_staff_view(can_manage_assets)
def loan_rules_publish(request, organization):
    rules = rules_services.loan_rules_get(organization=organization)
    withdraw = bool(request.POST.get("withdraw"))

    def act():
        if rules is None:
            raise DomainError(_("Write the rules or upload the signed PDF first."))
        if withdraw:
            return rules_services.loan_rules_withdraw(actor=request.user, rules=rules)
        return rules_services.loan_rules_publish(actor=request.user, rules=rules)

    return run_action(
        request,
        act,
        success_message=_("The rules were withdrawn from the public page.")
        if withdraw
        else _("The rules are now on the public borrowing page."),
        redirect_to=reverse(
            "integrity-staff:loan-rules", kwargs={"org": organization.slug}
        ),
    )
