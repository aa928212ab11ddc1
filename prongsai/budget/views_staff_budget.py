"""Back-office pages of the annual budget and its spending, per budget year:
the lines and their money, transfers and supplementary budgets, imports,
the procurement linked to each line, monthly disbursements, the operation
plan and the spending reports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import publications
from prongsai.core.documents import file_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    documents_budget,
    selectors,
    selectors_budget,
    services_budget,
    services_budget_import,
    services_budget_publish,
)
from .forms_budget import (
    BudgetChangeForm,
    BudgetForm,
    BudgetImportForm,
    BudgetLineForm,
    DisbursementGridForm,
    LineProjectForm,
    OperationItemForm,
    ProcurementLinkForm,
)
from .models import BudgetImport
from .permissions import (
    can_link_procurement,
    can_manage_plan,
    can_record_spending,
    can_view_budget,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _url(name: str, organization, year: int | None = None, **kwargs) -> str:
    if year is not None:
        kwargs["year"] = year
    return reverse(f"budget-staff:{name}", kwargs={"org": organization.slug, **kwargs})


def _budget(organization, year: int):
    return selectors_budget.budget_of_year(organization=organization, fiscal_year=year)


def _line(organization, budget, pk):
    line = selectors.access_budget_line(organization=organization, pk=pk)
    if line.budget_id != budget.pk:
        raise Http404
    return line


def _form_page(request, form, heading: str, back: str, **context):
    return render(
        request,
        "budget/budget/form.html",
        {"organization": request.organization, "form": form, "heading": heading}
        | {"back": back}
        | context,
    )


def _perms(request) -> dict[str, bool]:
    user, membership = request.user, request.membership
    return {
        "can_manage": can_manage_plan(user, membership),
        "can_spend": can_record_spending(user, membership),
        "can_link": can_link_procurement(user, membership),
    }


# --- the years ------------------------------------------------------------------------


@org_staff_view(can_view_budget)
def budget_years(request, organization):
    form = BudgetForm(request.POST or None)
    if request.method == "POST":
        if not can_manage_plan(request.user, request.membership):
            raise Http404
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services_budget.budget_create(
                actor=request.user, organization=organization, **data
            ),
            success_message=_("The budget was created."),
            redirect_to=lambda budget: _url("year", organization, budget.fiscal_year),
        )
        if response:
            return response
    return render(
        request,
        "budget/budget/years.html",
        {
            "organization": organization,
            "years": selectors.budget_years(organization=organization),
            "form": form,
            **_perms(request),
        },
    )


@org_staff_view(can_view_budget)
def budget_year(request, organization, year):
    budget = _budget(organization, year)
    overview = selectors_budget.budget_overview(
        organization=organization, budget=budget
    )
    return render(
        request,
        "budget/budget/year.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            **overview,
            "imports": selectors_budget.import_list(
                organization=organization, budget=budget
            ),
            **_perms(request),
        },
    )


@org_staff_view(can_manage_plan)
def budget_edit(request, organization, year):
    budget = _budget(organization, year)
    form = BudgetForm(request.POST or None, instance=budget, editing=True)
    back = _url("year", organization, year)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_budget.budget_update(
            actor=request.user, budget=budget, **data
        ),
        success_message=_("The budget was saved."),
        redirect_to=back,
    ):
        return response
    return _form_page(request, form, _("Edit the budget"), back)


# --- lines --------------------------------------------------------------------------


@org_staff_view(can_manage_plan)
def line_create(request, organization, year):
    budget = _budget(organization, year)
    form = BudgetLineForm(request.POST or None, budget=budget)
    back = _url("year", organization, year)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_budget.budget_line_create(
            actor=request.user, budget=budget, **data
        ),
        success_message=_("The line was added."),
        redirect_to=back,
    ):
        return response
    return _form_page(request, form, _("Add a budget line"), back)


@org_staff_view(can_manage_plan)
def line_edit(request, organization, year, pk):
    budget = _budget(organization, year)
    line = _line(organization, budget, pk)
    form = BudgetLineForm(request.POST or None, instance=line, budget=budget)
    back = _url("line", organization, year, pk=line.pk)

    def save(data):
        project = data.pop("project")
        services_budget.budget_line_update(actor=request.user, line=line, **data)
        return services_budget.budget_line_set_project(
            actor=request.user, line=line, project=project
        )

    if response := handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The line was saved."),
        redirect_to=back,
    ):
        return response
    return _form_page(request, form, _("Edit the budget line"), back)


@require_POST
@org_staff_view(can_manage_plan)
def line_delete(request, organization, year, pk):
    budget = _budget(organization, year)
    line = _line(organization, budget, pk)
    return run_action(
        request,
        lambda: services_budget.budget_line_delete(actor=request.user, line=line),
        success_message=_("The line was deleted."),
        redirect_to=lambda _result: _url("year", organization, year),
    )


@org_staff_view(can_view_budget)
def line_detail(request, organization, year, pk):
    budget = _budget(organization, year)
    line = _line(organization, budget, pk)
    detail = selectors_budget.line_detail(organization=organization, line=line)
    money = detail["money"]
    initial = {
        f"month_{month}": amount for month, amount in money.monthly.items() if amount
    }
    perms = _perms(request)
    form = DisbursementGridForm(
        request.POST or None, fiscal_year=budget.fiscal_year, initial=initial
    )
    if request.method == "POST":
        if not perms["can_spend"]:
            raise Http404
        if response := handle_form(
            request,
            form,
            on_valid=lambda _data: services_budget.disbursements_save(
                actor=request.user, line=line, amounts=form.amounts()
            ),
            success_message=_("The disbursements were saved."),
            redirect_to=request.path,
        ):
            return response
    return render(
        request,
        "budget/budget/line.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            "line": line,
            "form": form,
            **detail,
            "suggestions": services_budget.project_suggestions(line=line)
            if line.project_id is None
            else [],
            **perms,
        },
    )


@org_staff_view(can_manage_plan)
def line_project(request, organization, year, pk):
    """Link the line to its plan project: the suggestions by name, or any."""
    budget = _budget(organization, year)
    line = _line(organization, budget, pk)
    form = LineProjectForm(
        request.POST or None, budget=budget, initial={"project": line.project_id}
    )
    back = _url("line", organization, year, pk=line.pk)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: services_budget.budget_line_set_project(
            actor=request.user, line=line, project=data["project"]
        ),
        success_message=_("The line's project was saved."),
        redirect_to=back,
    ):
        return response
    return _form_page(
        request,
        form,
        _("The plan project of “%(item)s”") % {"item": line.item},
        back,
        suggestions=services_budget.project_suggestions(line=line),
    )


# --- transfers and supplementary budgets --------------------------------------------


def _change_page(request, organization, year, *, transfer: bool):
    budget = _budget(organization, year)
    form = BudgetChangeForm(request.POST or None, budget=budget, transfer=transfer)
    back = _url("year", organization, year)

    def save(data):
        common = {
            "actor": request.user,
            "budget": budget,
            "amount": data["amount"],
            "approved_on": data["approved_on"],
            "to_line": data["to_line"],
            "new_line": form.new_line(),
            "number": data["number"],
            "reason": data["reason"],
        }
        if transfer:
            return services_budget.budget_transfer_create(
                from_line=data["from_line"], **common
            )
        return services_budget.budget_supplementary_create(**common)

    if response := handle_form(
        request,
        form,
        on_valid=save,
        success_message=_("The transfer was recorded.")
        if transfer
        else _("The supplementary budget was recorded."),
        redirect_to=back,
    ):
        return response
    heading = _("Record a transfer") if transfer else _("Record a supplementary budget")
    return _form_page(request, form, heading, back)


@org_staff_view(can_manage_plan)
def transfer_create(request, organization, year):
    return _change_page(request, organization, year, transfer=True)


@org_staff_view(can_manage_plan)
def supplementary_create(request, organization, year):
    return _change_page(request, organization, year, transfer=False)


@require_POST
@org_staff_view(can_manage_plan)
def change_delete(request, organization, year, pk):
    budget = _budget(organization, year)
    change = selectors_budget.access_budget_change(organization=organization, pk=pk)
    if change.budget_id != budget.pk:
        raise Http404
    return run_action(
        request,
        lambda: services_budget.budget_change_delete(actor=request.user, change=change),
        success_message=_("The change was removed."),
        redirect_to=_url("year", organization, year),
    )


# --- imports ------------------------------------------------------------------------


def _import_permission(request, kind: str) -> None:
    allowed = (
        can_manage_plan if kind == BudgetImport.Kind.LINES else can_record_spending
    )
    if not allowed(request.user, request.membership):
        raise Http404


@org_staff_view(can_view_budget)
def budget_import(request, organization, year, kind):
    budget = _budget(organization, year)
    if kind not in BudgetImport.Kind.values:
        raise Http404
    _import_permission(request, kind)
    form = BudgetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services_budget_import.budget_import_preview(
                actor=request.user,
                budget=budget,
                kind=kind,
                filename=upload.name,
                content=upload.read(),
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            return redirect(_url("import-preview", organization, year, pk=batch.pk))
    return render(
        request,
        "budget/budget/import.html",
        {"organization": organization, "budget": budget, "year": year, "kind": kind}
        | {"form": form},
    )


@org_staff_view(can_view_budget)
def budget_import_preview(request, organization, year, pk):
    budget = _budget(organization, year)
    batch = selectors_budget.access_budget_import(organization=organization, pk=pk)
    if batch.budget_id != budget.pk:
        raise Http404
    _import_permission(request, batch.kind)
    if request.method == "POST":
        return run_action(
            request,
            lambda: services_budget_import.budget_import_commit(
                actor=request.user, batch=batch
            ),
            success_message=lambda count: (
                _("%(count)s rows were imported.") % {"count": count}
            ),
            redirect_to=lambda count: (
                _url("year", organization, year) if count else request.path
            ),
        )
    return render(
        request,
        "budget/budget/import_preview.html",
        {
            "organization": organization,
            "budget": budget,
            "year": year,
            "batch": batch,
            "problems": Paginator(batch.problems, 100).get_page(
                request.GET.get("problems")
            ),
            "rows": Paginator(batch.rows, 100).get_page(request.GET.get("page")),
        },
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
        lambda: services_budget.commitments_suggest_for_year(
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
        services_budget.commitment_confirm
        if decision == "confirm"
        else services_budget.commitment_reject
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
        on_valid=lambda data: services_budget.commitment_link(
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
        lambda: services_budget.operation_plan_generate(
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
            return services_budget.operation_item_create(
                actor=request.user,
                organization=organization,
                fiscal_year=budget.fiscal_year,
                **data,
            )
        return services_budget.operation_item_update(
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
        lambda: services_budget.operation_item_delete(actor=request.user, item=item),
        success_message=_("The row was deleted."),
        redirect_to=_url("operation-plan", organization, year),
    )


@org_staff_view(can_view_budget)
def operation_plan_document(request, organization, year, extension):
    if extension not in ("pdf", "docx"):
        raise Http404
    budget = _budget(organization, year)
    snapshot = selectors_budget.operation_plan_snapshot(
        organization=organization, budget=budget
    )
    name = f"operation-plan-{year}-draft.{extension}"
    if extension == "pdf":
        return file_response(
            documents_budget.operation_plan_pdf(snapshot),
            filename=name,
            content_type=PDF,
        )
    return file_response(
        documents_budget.operation_plan_docx(snapshot), filename=name, content_type=DOCX
    )


@require_POST
@org_staff_view(can_manage_plan)
def operation_plan_publish(request, organization, year):
    budget = _budget(organization, year)
    withdraw = bool(request.POST.get("withdraw"))
    action = (
        services_budget_publish.operation_plan_withdraw
        if withdraw
        else services_budget_publish.operation_plan_publish
    )
    return run_action(
        request,
        lambda: action(actor=request.user, budget=budget),
        success_message=_("Withdrawn from the public pages.")
        if withdraw
        else _("Published. The public page shows this version."),
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
    budget = _budget(organization, year)
    snapshot = selectors_budget.spending_report_snapshot(
        organization=organization, budget=budget, period=_period(period)
    )
    name = f"spending-report-{period}-{year}-draft.{extension}"
    if extension == "pdf":
        return file_response(
            documents_budget.spending_report_pdf(snapshot),
            filename=name,
            content_type=PDF,
        )
    return file_response(
        documents_budget.spending_report_docx(snapshot),
        filename=name,
        content_type=DOCX,
    )


@require_POST
@org_staff_view(can_manage_plan)
def six_month_publish(request, organization, year):
    budget = _budget(organization, year)
    withdraw = bool(request.POST.get("withdraw"))
    action = (
        services_budget_publish.six_month_report_withdraw
        if withdraw
        else services_budget_publish.six_month_report_publish
    )
    return run_action(
        request,
        lambda: action(actor=request.user, budget=budget),
        success_message=_("Withdrawn from the public pages.")
        if withdraw
        else _("Published. The public page shows this version."),
        redirect_to=_url("report", organization, year, period="six_month"),
    )
