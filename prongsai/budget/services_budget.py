"""Writes of the annual budget and its spending: the budget of a year, its
lines and their plan projects, transfers and supplementary budgets, the
procurement committed against each line, monthly disbursements and the
operation plan. Every write is audited; broken rules raise ``DomainError``
with a Thai message."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.procurement.models import Procurement
from prongsai.procurement.vocab import BudgetCategory, FundSource

from . import figures, linking, selectors
from .models import (
    Budget,
    BudgetChange,
    BudgetLine,
    Commitment,
    Disbursement,
    OperationItem,
    Project,
    ProjectYear,
)

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
    if to_line is None:
        assert new_line is not None
        to_line = _new_line(actor, budget, new_line)
    change = BudgetChange(
        organization=budget.organization,
        budget=budget,
        kind=BudgetChange.Kind.TRANSFER,
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
    audit_log(
        actor=actor,
        organization=budget.organization,
        action="budget_change.transfer",
        target=change,
        changes={
            "from_line": from_line.item,
            "to_line": to_line.item,
            "new_line": new_line is not None,
            "amount": amount,
            "approved_on": approved_on,
            "number": change.number,
        },
    )
    return change


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
    else:
        assert new_line is not None
        to_line = _new_line(actor, budget, new_line)
    change = BudgetChange(
        organization=budget.organization,
        budget=budget,
        kind=BudgetChange.Kind.SUPPLEMENTARY,
        number=number.strip(),
        approved_on=approved_on,
        to_line=to_line,
        amount=amount,
        reason=reason.strip(),
        created_by=actor,
    )
    _clean(change)
    change.save()
    audit_log(
        actor=actor,
        organization=budget.organization,
        action="budget_change.supplementary",
        target=change,
        changes={
            "to_line": to_line.item,
            "new_line": new_line is not None,
            "amount": amount,
            "approved_on": approved_on,
            "number": change.number,
        },
    )
    return change


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


# --- commitments (procurement against a line) --------------------------------------


def procurement_amount(procurement: Procurement) -> Decimal:
    """What a procurement commits: the agreed price once there is one."""
    if procurement.agreed_price is not None:
        return procurement.agreed_price
    return procurement.budget_amount or figures.ZERO


def _procurement_facts(procurement: Procurement) -> linking.ProcurementFacts:
    return linking.ProcurementFacts(
        fiscal_year=procurement.fiscal_year,
        title=procurement.title,
        budget_plan=procurement.budget_plan,
        budget_work=procurement.budget_work,
        budget_category=procurement.budget_category,
        expense_type=procurement.expense_type,
        budget_line=procurement.budget_line,
    )


def _line_facts(
    organization: Organization, lines: Iterable[BudgetLine], fiscal_year: int
) -> list[linking.LineFacts]:
    cancelled = set(
        ProjectYear.objects.filter(
            organization=organization,
            project_id__in=[line.project_id for line in lines if line.project_id],
            fiscal_year=fiscal_year,
            status=Project.Status.CANCELLED,
        )
        .order_by()
        .values_list("project_id", flat=True)
    )
    return [
        linking.LineFacts(
            id=line.pk,
            fiscal_year=fiscal_year,
            programme=line.programme,
            work=line.work,
            category=line.category,
            expense_class=line.expense_class,
            expense_type=line.expense_type,
            item=line.item,
            project_name=line.project.name if line.project else "",
            project_cancelled=line.project_id in cancelled,
        )
        for line in lines
    ]


@transaction.atomic
def commitment_suggest(
    *, procurement: Procurement, lines: list[BudgetLine] | None = None
) -> list[Commitment]:
    """Bring a procurement's links up to date after it changed: a cancelled
    one loses its open suggestions (its confirmed links stop counting);
    the amount of its links follows the agreed price; without a confirmed
    link, the suggested lines are computed afresh. Returns the suggestions."""
    organization = procurement.organization
    existing = list(
        Commitment.objects.filter(organization=organization, procurement=procurement)
    )
    amount = procurement_amount(procurement)
    for commitment in existing:
        if (
            commitment.state != Commitment.State.REJECTED
            and commitment.amount != amount
        ):
            commitment.amount = amount
            commitment.save(update_fields=["amount", "updated_at"])
    suggested = [c for c in existing if c.state == Commitment.State.SUGGESTED]
    if procurement.cancelled or procurement.fund_source != FundSource.BUDGET_ORDINANCE:
        for commitment in suggested:
            commitment.delete()
        return []
    if any(c.state == Commitment.State.CONFIRMED for c in existing):
        return []
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=procurement.fiscal_year
    )
    if budget is None:
        return suggested
    if lines is None:
        lines = list(
            BudgetLine.objects.filter(
                organization=organization, budget=budget
            ).select_related("project")
        )
    rejected = {c.line_id for c in existing if c.state == Commitment.State.REJECTED}
    found = linking.suggest_lines(
        _procurement_facts(procurement),
        _line_facts(organization, lines, budget.fiscal_year),
        rejected=rejected,
    )
    wanted = {s.line_id: s for s in found}
    kept = []
    for commitment in suggested:
        if commitment.line_id in wanted:
            commitment.reason = wanted.pop(commitment.line_id).reason
            commitment.save(update_fields=["reason", "updated_at"])
            kept.append(commitment)
        else:
            commitment.delete()
    for suggestion in wanted.values():
        commitment = Commitment.objects.create(
            organization=organization,
            line_id=suggestion.line_id,
            procurement=procurement,
            amount=amount,
            state=Commitment.State.SUGGESTED,
            reason=suggestion.reason,
        )
        audit_log(
            actor=None,
            organization=organization,
            action="budget_commitment.suggest",
            target=commitment,
            changes={"procurement": procurement.title, "reason": suggestion.reason},
        )
        kept.append(commitment)
    return kept


@transaction.atomic
def commitments_suggest_for_year(
    *, actor: User, organization: Organization, budget: Budget
) -> int:
    """Suggest lines for every procurement of the budget's year that has no
    confirmed line; the number of procurements with a suggestion."""
    lines = list(
        BudgetLine.objects.filter(
            organization=organization, budget=budget
        ).select_related("project")
    )
    procurements = Procurement.objects.filter(
        organization=organization, fiscal_year=budget.fiscal_year
    ).select_related("organization")
    count = 0
    for procurement in procurements:
        if commitment_suggest(procurement=procurement, lines=lines):
            count += 1
    audit_log(
        actor=actor,
        organization=organization,
        action="budget_commitment.suggest_year",
        target=budget,
        changes={"fiscal_year": budget.fiscal_year, "procurements": count},
    )
    return count


def _decide(commitment: Commitment, actor: User, state: str) -> None:
    commitment.state = state
    commitment.decided_by = actor
    commitment.decided_at = timezone.now()
    commitment.save(update_fields=["state", "decided_by", "decided_at", "updated_at"])


@transaction.atomic
def commitment_confirm(*, actor: User, commitment: Commitment) -> Commitment:
    """The officer confirms the suggested line; other suggestions for the
    same procurement are rejected (a procurement spends one line)."""
    commitment = Commitment.objects.select_for_update().get(
        organization=commitment.organization, pk=commitment.pk
    )
    if commitment.procurement.cancelled:
        raise DomainError(_("The procurement was cancelled; it commits nothing."))
    if commitment.state == Commitment.State.CONFIRMED:
        raise DomainError(_("This link is already confirmed."))
    _decide(commitment, actor, Commitment.State.CONFIRMED)
    for other in Commitment.objects.filter(
        organization=commitment.organization,
        procurement=commitment.procurement,
        state=Commitment.State.SUGGESTED,
    ).exclude(pk=commitment.pk):
        _decide(other, actor, Commitment.State.REJECTED)
    audit_log(
        actor=actor,
        organization=commitment.organization,
        action="budget_commitment.confirm",
        target=commitment,
        changes={
            "line": commitment.line.item,
            "procurement": commitment.procurement.title,
            "amount": commitment.amount,
        },
    )
    return commitment


@transaction.atomic
def commitment_reject(*, actor: User, commitment: Commitment) -> Commitment:
    """The procurement does not spend this line (a confirmed link may be
    undone the same way)."""
    if commitment.state == Commitment.State.REJECTED:
        raise DomainError(_("This link is already rejected."))
    before = commitment.state
    _decide(commitment, actor, Commitment.State.REJECTED)
    audit_log(
        actor=actor,
        organization=commitment.organization,
        action="budget_commitment.reject",
        target=commitment,
        changes={
            "state": {"old": before, "new": commitment.state},
            "line": commitment.line.item,
            "procurement": commitment.procurement.title,
        },
    )
    return commitment


@transaction.atomic
def commitment_link(
    *, actor: User, procurement: Procurement, line: BudgetLine
) -> Commitment:
    """Link a procurement to a line by hand (confirmed at once)."""
    if line.organization_id != procurement.organization_id:
        raise DomainError(_("Choose a line of this organisation."), field="line")
    if line.budget.fiscal_year != procurement.fiscal_year:
        raise DomainError(
            _("The line is not in the budget of the procurement's fiscal year."),
            field="line",
        )
    if procurement.cancelled:
        raise DomainError(_("The procurement was cancelled; it commits nothing."))
    commitment, _created = Commitment.objects.get_or_create(
        organization=procurement.organization,
        line=line,
        procurement=procurement,
        defaults={"amount": procurement_amount(procurement)},
    )
    commitment.amount = procurement_amount(procurement)
    commitment.save(update_fields=["amount", "updated_at"])
    if commitment.state == Commitment.State.CONFIRMED:
        raise DomainError(_("This link is already confirmed."))
    return commitment_confirm(actor=actor, commitment=commitment)


# --- disbursements -----------------------------------------------------------------


def _month(budget: Budget, month: int) -> datetime.date:
    try:
        return figures.month_start(budget.fiscal_year, month)
    except ValueError:
        raise DomainError(_("There is no such month in the fiscal year.")) from None


@transaction.atomic
def disbursements_save(
    *,
    actor: User,
    line: BudgetLine,
    amounts: dict[int, Decimal | None],
    audit: bool = True,
) -> int:
    """Set what was paid from ``line`` in each fiscal month (1 = October);
    empty or zero removes the month. The number of months changed."""
    budget = line.budget
    existing = {
        figures.fiscal_month(d.month): d
        for d in Disbursement.objects.filter(organization=line.organization, line=line)
    }
    changes: dict[str, Any] = {}
    for month, amount in sorted(amounts.items()):
        day = _month(budget, month)
        if amount is not None and amount < 0:
            raise DomainError(
                _("A disbursement cannot be negative."), field=f"month_{month}"
            )
        current = existing.get(month)
        old = current.amount if current else None
        new = amount if amount else None
        if old == new:
            continue
        if new is None:
            assert current is not None
            current.delete()
        elif current is None:
            Disbursement.objects.create(
                organization=line.organization,
                line=line,
                month=day,
                amount=new,
                entered_by=actor,
            )
        else:
            current.amount = new
            current.entered_by = actor
            current.save(
                update_fields=["amount", "entered_by", "entered_at", "updated_at"]
            )
        changes[day.isoformat()[:7]] = {"old": old, "new": new}
    if changes and audit:
        audit_log(
            actor=actor,
            organization=line.organization,
            action="budget_disbursement.save",
            target=line,
            changes=changes,
        )
    return len(changes)


# --- the operation plan ---------------------------------------------------------------


@transaction.atomic
def operation_plan_generate(
    *, actor: User, organization: Organization, budget: Budget
) -> int:
    """Rows of the year's operation plan from the budget: each line funding
    a plan project and each investment line, with its amount in force. Rows
    already made keep their months and details; their title and amount
    follow the budget. The number of rows added."""
    money = selectors.budget_money(organization=organization, budget=budget)
    items = {
        item.budget_line_id: item
        for item in OperationItem.objects.filter(
            organization=organization, fiscal_year=budget.fiscal_year
        )
        if item.budget_line_id
    }
    position = (
        OperationItem.objects.filter(
            organization=organization, fiscal_year=budget.fiscal_year
        ).aggregate(top=Max("position"))["top"]
        or 0
    )
    added = 0
    for line in money.lines:
        if line.project_id is None and line.category != BudgetCategory.INVESTMENT:
            continue
        in_force = money.of(line).in_force
        title = line.project.name if line.project else line.item
        item = items.get(line.pk)
        if item is not None:
            model_update(
                item,
                {"title": title[:500], "amount": in_force, "project": line.project},
                ("title", "amount", "project"),
            )
            continue
        position += 1
        OperationItem.objects.create(
            organization=organization,
            fiscal_year=budget.fiscal_year,
            project=line.project,
            budget_line=line,
            title=title[:500],
            details=line.project.target if line.project else "",
            place=line.project.location if line.project else "",
            amount=in_force,
            unit=line.unit or (line.project.responsible_unit if line.project else ""),
            months=list(range(1, figures.FISCAL_MONTHS + 1)),
            position=position,
        )
        added += 1
    audit_log(
        actor=actor,
        organization=organization,
        action="operation_plan.generate",
        target=budget,
        changes={"fiscal_year": budget.fiscal_year, "added": added},
    )
    return added


def _check_months(months: Iterable[Any]) -> list[int]:
    try:
        out = sorted({int(m) for m in months})
    except (TypeError, ValueError):
        raise DomainError(
            _("Choose months of the fiscal year."), field="months"
        ) from None
    if not out or out[0] < 1 or out[-1] > figures.FISCAL_MONTHS:
        raise DomainError(
            _("Choose at least one month of the fiscal year."), field="months"
        )
    return out


@transaction.atomic
def operation_item_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    title: str,
    months: Iterable[int],
    amount: Decimal = figures.ZERO,
    details: str = "",
    place: str = "",
    unit: str = "",
    project: Project | None = None,
) -> OperationItem:
    if project is not None and project.organization_id != organization.pk:
        raise DomainError(_("The project is not of this organisation."))
    item = OperationItem(
        organization=organization,
        fiscal_year=fiscal_year,
        title=title.strip(),
        months=_check_months(months),
        amount=amount,
        details=details,
        place=place,
        unit=unit,
        project=project,
        position=(
            OperationItem.objects.filter(
                organization=organization, fiscal_year=fiscal_year
            ).aggregate(top=Max("position"))["top"]
            or 0
        )
        + 1,
    )
    _clean(item)
    item.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="operation_item.create",
        target=item,
        changes=snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def operation_item_update(
    *, actor: User, item: OperationItem, **data: Any
) -> OperationItem:
    if "months" in data:
        data["months"] = _check_months(data["months"])
    try:
        changes = model_update(item, data, ITEM_FIELDS)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from error
    if changes:
        audit_log(
            actor=actor,
            organization=item.organization,
            action="operation_item.update",
            target=item,
            changes=changes,
        )
    return item


@transaction.atomic
def operation_item_delete(*, actor: User, item: OperationItem) -> None:
    audit_log(
        actor=actor,
        organization=item.organization,
        action="operation_item.delete",
        target=item,
        changes=snapshot(item, ("title", "amount")),
    )
    item.delete()
