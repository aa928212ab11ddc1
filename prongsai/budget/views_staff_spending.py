"""Back-office pages of the budget's spending: procurement against the lines,
the operation plan and the spending reports."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import publications
from prongsai.core.document_jobs import document_job_response
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    documents_budget,
    selectors,
    selectors_budget,
    services_budget_publish,
    services_commitments,
    services_operation,
)
from .forms_budget import (
    OperationItemForm,
    ProcurementLinkForm,
)
from .permissions import (
    can_link_procurement,
    can_manage_plan,
    can_view_budget,
)
from .views_staff_budget import (
    _budget,
    _form_page,
    _perms,
    _url,
)

# --- procurement against the lines ---------------------------------------------------


@org_staff_view(can_view_budget)
def procurement_unlinked(request, organization, year):
    budget = _budget(organization, year)
    return render(
        request,
        "budget/budget/procurement.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            "procurements": selectors_budget.procurement_without_line(
                organization=organization, fiscal_year=year
            ),
            **_perms(request),
        },
    )


@require_POST
@org_staff_view(can_link_procurement)
def procurement_suggest(request, organization, year):
    budget = _budget(organization, year)
    return run_action(
        request,
        lambda: services_commitments.commitments_suggest_for_year(
            actor=request.user, organization=organization, budget=budget
        ),
        success_message=lambda count: (
            _("Budget lines were suggested for %(count)s procurements.")
            % {"count": count}
        ),
        redirect_to=_url("procurement", organization, year),
    )


@require_POST
@org_staff_view(can_link_procurement)
def commitment_decide(request, organization, year, pk, decision):
    budget = _budget(organization, year)
    commitment = selectors.access_commitment(organization=organization, pk=pk)
    if commitment.line.budget_id != budget.pk or decision not in ("confirm", "reject"):
        raise Http404
    action = (
        services_commitments.commitment_confirm
        if decision == "confirm"
        else services_commitments.commitment_reject
    )
    back = request.POST.get("next", "")
    if not back.startswith(f"/{organization.slug}/staff/budget/"):
        back = _url("procurement", organization, year)
    return run_action(
        request,
        lambda: action(actor=request.user, commitment=commitment),
        success_message=_("The link was confirmed.")
        if decision == "confirm"
        else _("The link was rejected."),
        redirect_to=back,
    )


@org_staff_view(can_link_procurement)
def procurement_link(request, organization, year, pk):
    budget = _budget(organization, year)
    procurement = selectors_budget.access_procurement(organization=organization, pk=pk)
    if procurement.fiscal_year != budget.fiscal_year:
        raise Http404
    form = ProcurementLinkForm(request.POST or None, budget=budget)
    back = _url("procurement", organization, year)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_commitments.commitment_link(
            actor=request.user, procurement=procurement, line=data["line"]
        ),
        success_message=_("The procurement was linked to the line."),
        redirect_to=back,
    ):
        return response
    return _form_page(
        request,
        form,
        _("Budget line of “%(title)s”") % {"title": procurement.title},
        back,
        procurement=procurement,
    )


def _publish_or_withdraw(request, budget, publish, withdraw, *, redirect_to):
    """Publish the budget's document, or withdraw it when the form says so."""
    withdrawing = bool(request.POST.get("withdraw"))
    return run_action(
        request,
        lambda: (withdraw if withdrawing else publish)(
            actor=request.user, budget=budget
        ),
        success_message=_("Withdrawn from the public pages.")
        if withdrawing
        else _("Published. The public page shows this version."),
        redirect_to=redirect_to,
    )


# --- the operation plan --------------------------------------------------------------


@org_staff_view(can_view_budget)
def operation_plan(request, organization, year):
    budget = _budget(organization, year)
    snapshot = selectors_budget.operation_plan_snapshot(
        organization=organization, budget=budget
    )
    subject = selectors_budget.operation_plan_subject(budget)
    return render(
        request,
        "budget/budget/operation_plan.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            "s": snapshot,
            "items": selectors_budget.operation_items(
                organization=organization, fiscal_year=year
            ),
            "month_range": range(1, 13),
            "publication": publications.publication_latest(subject),
            "current": publications.publication_current(subject),
            **_perms(request),
        },
    )


@require_POST
@org_staff_view(can_manage_plan)
def operation_plan_generate(request, organization, year):
    budget = _budget(organization, year)
    return run_action(
        request,
        lambda: services_operation.operation_plan_generate(
            actor=request.user, organization=organization, budget=budget
        ),
        success_message=lambda added: (
            _(
                "%(count)s rows were added from the budget; the others were "
                "brought up to date."
            )
            % {"count": added}
        ),
        redirect_to=_url("operation-plan", organization, year),
    )


@org_staff_view(can_manage_plan)
def operation_item_edit(request, organization, year, pk=None):
    budget = _budget(organization, year)
    item = None
    if pk is not None:
        item = selectors_budget.access_operation_item(organization=organization, pk=pk)
        if item.fiscal_year != budget.fiscal_year:
            raise Http404
    form = OperationItemForm(
        request.POST or None,
        instance=item,
        fiscal_year=budget.fiscal_year,
        initial=None if item else {"months": list(range(1, 13))},
    )
    back = _url("operation-plan", organization, year)

    def save(data):
        if item is None:
            return services_operation.operation_item_create(
                actor=request.user,
                organization=organization,
                fiscal_year=budget.fiscal_year,
                **data,
            )
        return services_operation.operation_item_update(
            actor=request.user, item=item, **data
        )

    if response := handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The row was saved."),
        redirect_to=back,
    ):
        return response
    heading = _("Edit the row") if item else _("Add a project or activity")
    return _form_page(request, form, heading, back)


@require_POST
@org_staff_view(can_manage_plan)
def operation_item_delete(request, organization, year, pk):
    budget = _budget(organization, year)
    item = selectors_budget.access_operation_item(organization=organization, pk=pk)
    if item.fiscal_year != budget.fiscal_year:
        raise Http404
    return run_action(
        request,
        lambda: services_operation.operation_item_delete(actor=request.user, item=item),
        success_message=_("The row was deleted."),
        redirect_to=_url("operation-plan", organization, year),
    )


@org_staff_view(can_view_budget)
def operation_plan_document(request, organization, year, extension):
    if extension not in ("pdf", "docx"):
        raise Http404
    _budget(organization, year)
    return document_job_response(
        request,
        organization=organization,
        kind="budget.operation_plan",
        params={"year": year, "extension": extension},
    )


@require_POST
@org_staff_view(can_manage_plan)
def operation_plan_publish(request, organization, year):
    return _publish_or_withdraw(
        request,
        _budget(organization, year),
        services_budget_publish.operation_plan_publish,
        services_budget_publish.operation_plan_withdraw,
        redirect_to=_url("operation-plan", organization, year),
    )


# --- the spending reports ---------------------------------------------------------


def _period(period: str) -> str:
    if period not in selectors_budget.PERIODS:
        raise Http404
    return period


@org_staff_view(can_view_budget)
def spending_report(request, organization, year, period):
    budget = _budget(organization, year)
    snapshot = selectors_budget.spending_report_snapshot(
        organization=organization, budget=budget, period=_period(period)
    )
    subject = selectors_budget.six_month_subject(budget)
    return render(
        request,
        "budget/budget/report.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            "period": period,
            "s": snapshot,
            "strategy_chart": documents_budget.strategy_chart(snapshot),
            "quarter_chart": documents_budget.quarter_chart(snapshot),
            "publication": publications.publication_latest(subject)
            if period == "six_month"
            else None,
            "current": publications.publication_current(subject)
            if period == "six_month"
            else None,
            **_perms(request),
        },
    )


@org_staff_view(can_view_budget)
def spending_report_document(request, organization, year, period, extension):
    if extension not in ("pdf", "docx"):
        raise Http404
    _budget(organization, year)
    return document_job_response(
        request,
        organization=organization,
        kind="budget.spending_report",
        params={"year": year, "period": _period(period), "extension": extension},
    )


@require_POST
@org_staff_view(can_manage_plan)
def six_month_publish(request, organization, year):
    return _publish_or_withdraw(
        request,
        _budget(organization, year),
        services_budget_publish.six_month_report_publish,
        services_budget_publish.six_month_report_withdraw,
        redirect_to=_url("report", organization, year, period="six_month"),
    )
