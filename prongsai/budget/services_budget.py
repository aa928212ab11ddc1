"""Writes of the annual budget and its spending: the budget of a year, its
lines and their plan projects, transfers and supplementary budgets, the
procurement committed against each line, monthly disbursements and the
operation plan. Every write is audited; broken rules raise ``DomainError``
with a Thai message."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from . import figures, linking, selectors
from .models import Budget, BudgetChange, BudgetLine, Project
from .models_spending import Commitment

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

BUDGET_FIELDS = ("title", "enacted_on", "estimated_revenue", "notes")
LINE_FIELDS = (
    "code",
    "programme",
    "work",
    "category",
    "expense_class",
    "expense_type",
    "item",
    "amount",
    "unit",
)
ITEM_FIELDS = ("title", "details", "place", "amount", "unit", "months")


def _clean(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        messages = [str(m) for m in error.messages]
        raise DomainError(" ".join(messages)) from error


def _check_year_date(budget: Budget, day: datetime.date, *, field: str) -> None:
    if thai_dates.fiscal_year(day) != budget.fiscal_year:
        raise DomainError(
            _("The date must be in fiscal year %(year)s.")
            % {"year": budget.fiscal_year},
            field=field,
        )


# --- the budget --------------------------------------------------------------------


@transaction.atomic
def budget_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    title: str = "",
    enacted_on: datetime.date | None = None,
    estimated_revenue: Decimal = figures.ZERO,
    notes: str = "",
) -> Budget:
    """The budget ordinance of ``fiscal_year`` (one per year)."""
    if selectors.budget_for_year(organization=organization, fiscal_year=fiscal_year):
        raise DomainError(
            _("There is already a budget for fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    budget = Budget(
        organization=organization,
        fiscal_year=fiscal_year,
        title=title.strip()
        or _("Annual budget ordinance for fiscal year %(year)s")
        % {"year": fiscal_year},
        enacted_on=enacted_on,
        estimated_revenue=estimated_revenue,
        notes=notes,
        created_by=actor,
    )
    _clean(budget)
    budget.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="budget.create",
        target=budget,
        changes=snapshot(budget, ("fiscal_year", *BUDGET_FIELDS)),
    )
    return budget


@transaction.atomic
def budget_update(*, actor: User, budget: Budget, **data: Any) -> Budget:
    try:
        changes = model_update(budget, data, BUDGET_FIELDS)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    if changes:
        audit_log(
            actor=actor,
            organization=budget.organization,
            action="budget.update",
            target=budget,
            changes=changes,
        )
    return budget


# --- lines -------------------------------------------------------------------------


def _check_project(budget: Budget, project: Project | None) -> None:
    if project is None:
        return
    if project.organization_id != budget.organization_id:
        raise DomainError(_("The project is not of this organisation."))
    plan = selectors.plan_for_year(
        organization=budget.organization, fiscal_year=budget.fiscal_year
    )
    if plan is None or project.plan_id != plan.pk:
        raise DomainError(
            _(
                "The project is not in the development plan covering fiscal "
                "year %(year)s."
            )
            % {"year": budget.fiscal_year},
            field="project",
        )


def _next_position(budget: Budget) -> int:
    top = BudgetLine.objects.filter(
        organization=budget.organization, budget=budget
    ).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


@transaction.atomic
def budget_line_create(
    *,
    actor: User,
    budget: Budget,
    programme: str,
    category: str,
    item: str,
    amount: Decimal = figures.ZERO,
    work: str = "",
    expense_class: str = "",
    expense_type: str = "",
    code: str = "",
    unit: str = "",
    project: Project | None = None,
    import_key: str = "",
    audit: bool = True,
) -> BudgetLine:
    _check_project(budget, project)
    line = BudgetLine(
        organization=budget.organization,
        budget=budget,
        code=code.strip(),
        programme=programme.strip(),
        work=work.strip(),
        category=category,
        expense_class=expense_class.strip(),
        expense_type=expense_type.strip(),
        item=item.strip(),
        amount=amount,
        unit=unit.strip(),
        project=project,
        position=_next_position(budget),
        import_key=import_key,
    )
    _clean(line)
    line.save()
    if audit:
        audit_log(
            actor=actor,
            organization=budget.organization,
            action="budget_line.create",
            target=line,
            changes=snapshot(line, (*LINE_FIELDS, "project")),
        )
    return line


@transaction.atomic
def budget_line_update(
    *, actor: User, line: BudgetLine, audit: bool = True, **data: Any
) -> BudgetLine:
    line = BudgetLine.objects.select_for_update().get(
        organization=line.organization, pk=line.pk
    )
    if "amount" in data and data["amount"] != line.amount:
        money = selectors.budget_money(
            organization=line.organization, budget=line.budget
        ).of(line)
        used = max(money.committed, money.disbursed)
        if money.in_force - line.amount + data["amount"] < used:
            raise DomainError(
                _(
                    "The line would hold less than is already committed or paid "
                    "from it (%(used)s baht)."
                )
                % {"used": f"{used:,.2f}"},
                field="amount",
            )
    try:
        changes = model_update(line, data, LINE_FIELDS)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    if changes and audit:
        audit_log(
            actor=actor,
            organization=line.organization,
            action="budget_line.update",
            target=line,
            changes=changes,
        )
    return line


@transaction.atomic
def budget_line_delete(*, actor: User, line: BudgetLine) -> None:
    if (
        line.commitments.exclude(state=Commitment.State.REJECTED).exists()
        or line.disbursements.exists()
        or line.changes_in.exists()
        or line.transfers_out.exists()
    ):
        raise DomainError(
            _(
                "The line has transfers, linked procurement or disbursements; "
                "it cannot be deleted."
            )
        )
    audit_log(
        actor=actor,
        organization=line.organization,
        action="budget_line.delete",
        target=line,
        changes=snapshot(line, ("programme", "category", "item", "amount")),
    )
    line.commitments.all().delete()
    line.delete()


@transaction.atomic
def budget_line_set_project(
    *, actor: User, line: BudgetLine, project: Project | None
) -> BudgetLine:
    """Link a line to the plan project it funds (or unlink it)."""
    _check_project(line.budget, project)
    line = BudgetLine.objects.select_for_update().get(
        organization=line.organization, pk=line.pk
    )
    before = line.project
    if before == project:
        return line
    line.project = project
    line.save(update_fields=["project", "updated_at"])
    audit_log(
        actor=actor,
        organization=line.organization,
        action="budget_line.project",
        target=line,
        changes={"project": {"old": str(before or ""), "new": str(project or "")}},
    )
    return line


def project_suggestions(
    *, line: BudgetLine, limit: int = 5
) -> list[tuple[Project, float]]:
    """Projects of the plan covering the line's year, by how alike their
    name is to the line's item (the officer confirms one)."""
    plan = selectors.plan_for_year(
        organization=line.organization, fiscal_year=line.budget.fiscal_year
    )
    if plan is None:
        return []
    projects = {
        p.pk: p
        for p in Project.objects.filter(organization=line.organization, plan=plan)
    }
    facts = [linking.ProjectFacts(p.pk, p.number, p.name) for p in projects.values()]
    return [
        (projects[fact.id], score)
        for fact, score in linking.suggest_projects(line.item, facts, limit=limit)
    ]


# --- transfers and supplementary budgets ---------------------------------------------


def _lock(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().get(
        organization=budget.organization, pk=budget.pk
    )


def _new_line(actor: User, budget: Budget, new_line: dict[str, Any]) -> BudgetLine:
    data = {**new_line, "amount": figures.ZERO}
    return budget_line_create(actor=actor, budget=budget, **data)


def _line_of(budget: Budget, line: BudgetLine | None, field: str) -> BudgetLine:
    if line is None or line.budget_id != budget.pk:
        raise DomainError(_("Choose a line of this budget."), field=field)
    return line


def _change_record(
    actor: User,
    budget: Budget,
    *,
    kind: BudgetChange.Kind,
    to_line: BudgetLine | None,
    new_line: dict[str, Any] | None,
    amount: Decimal,
    approved_on: datetime.date,
    number: str,
    reason: str,
    from_line: BudgetLine | None = None,
) -> BudgetChange:
    """Record a checked change (the new line set up first) and log it."""
    if to_line is None:
        assert new_line is not None
        to_line = _new_line(actor, budget, new_line)
    change = BudgetChange(
        organization=budget.organization,
        budget=budget,
        kind=kind,
        number=number.strip(),
        approved_on=approved_on,
        from_line=from_line,
        to_line=to_line,
        amount=amount,
        reason=reason.strip(),
        created_by=actor,
    )
    _clean(change)
    change.save()
    changes = {"from_line": from_line.item} if from_line is not None else {}
    audit_log(
        actor=actor,
        organization=budget.organization,
        action="budget_change." + kind,
        target=change,
        changes={
            **changes,
            "to_line": to_line.item,
            "new_line": new_line is not None,
            "amount": amount,
            "approved_on": approved_on,
            "number": change.number,
        },
    )
    return change


@transaction.atomic
def budget_transfer_create(
    *,
    actor: User,
    budget: Budget,
    from_line: BudgetLine,
    amount: Decimal,
    approved_on: datetime.date,
    to_line: BudgetLine | None = None,
    new_line: dict[str, Any] | None = None,
    number: str = "",
    reason: str = "",
) -> BudgetChange:
    """Move ``amount`` from ``from_line`` to ``to_line``, or to a new line
    (``new_line``: โอนตั้งจ่ายเป็นรายการใหม่). Refused when the from-line has
    less left than ``amount``."""
    budget = _lock(budget)
    from_line = _line_of(budget, from_line, "from_line")
    if (to_line is None) == (new_line is None):
        raise DomainError(
            _("Choose the line to transfer to, or describe the new line."),
            field="to_line",
        )
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount")
    _check_year_date(budget, approved_on, field="approved_on")
    if to_line is not None:
        to_line = _line_of(budget, to_line, "to_line")
        if to_line.pk == from_line.pk:
            raise DomainError(_("A line cannot transfer to itself."), field="to_line")
    left = (
        selectors.budget_money(organization=budget.organization, budget=budget)
        .of(from_line)
        .remaining
    )
    if amount > left:
        raise DomainError(
            _(
                "The line “%(line)s” has only %(left)s baht left; it cannot "
                "transfer %(amount)s baht."
            )
            % {
                "line": from_line.item,
                "left": f"{max(left, figures.ZERO):,.2f}",
                "amount": f"{amount:,.2f}",
            },
            field="amount",
        )
    return _change_record(
        actor,
        budget,
        kind=BudgetChange.Kind.TRANSFER,
        from_line=from_line,
        to_line=to_line,
        new_line=new_line,
        amount=amount,
        approved_on=approved_on,
        number=number,
        reason=reason,
    )


@transaction.atomic
def budget_supplementary_create(
    *,
    actor: User,
    budget: Budget,
    amount: Decimal,
    approved_on: datetime.date,
    to_line: BudgetLine | None = None,
    new_line: dict[str, Any] | None = None,
    number: str = "",
    reason: str = "",
) -> BudgetChange:
    """A supplementary budget (งบประมาณรายจ่ายเพิ่มเติม) adding to a line or
    setting up a new one."""
    budget = _lock(budget)
    if (to_line is None) == (new_line is None):
        raise DomainError(
            _(
                "Choose the line the supplementary budget adds to, or describe "
                "the new line."
            ),
            field="to_line",
        )
    if amount is None or amount <= 0:
        raise DomainError(_("The amount must be more than zero."), field="amount")
    _check_year_date(budget, approved_on, field="approved_on")
    if to_line is not None:
        to_line = _line_of(budget, to_line, "to_line")
    return _change_record(
        actor,
        budget,
        kind=BudgetChange.Kind.SUPPLEMENTARY,
        to_line=to_line,
        new_line=new_line,
        amount=amount,
        approved_on=approved_on,
        number=number,
        reason=reason,
    )


@transaction.atomic
def budget_change_delete(*, actor: User, change: BudgetChange) -> None:
    """Undo a recorded transfer or supplementary budget; refused when the
    receiving line has already spent what it received."""
    budget = _lock(change.budget)
    left = (
        selectors.budget_money(organization=budget.organization, budget=budget)
        .of(change.to_line)
        .remaining
    )
    if change.amount > left:
        raise DomainError(
            _(
                "The line “%(line)s” has already used what it received; the "
                "change cannot be removed."
            )
            % {"line": change.to_line.item}
        )
    audit_log(
        actor=actor,
        organization=budget.organization,
        action="budget_change.delete",
        target=change,
        changes={
            "kind": change.kind,
            "from_line": change.from_line.item if change.from_line else "",
            "to_line": change.to_line.item,
            "amount": change.amount,
        },
    )
    change.delete()
