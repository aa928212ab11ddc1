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

from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    selectors,
    selectors_budget,
    services_budget,
    services_budget_import,
    services_commitments,
)
from .forms_budget import (
    BudgetChangeForm,
    BudgetForm,
    BudgetImportForm,
    BudgetLineForm,
    DisbursementGridForm,
    LineProjectForm,
)
from .models_documents import BudgetImport
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
            on_valid=lambda _data: services_commitments.disbursements_save(
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
