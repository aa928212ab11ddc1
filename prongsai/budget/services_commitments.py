"""Writes on what the budget lines commit: procurement linked to a line
(suggested, confirmed, rejected) and the monthly disbursements."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.procurement.models import Procurement
from prongsai.procurement.vocab import FundSource

from . import figures, linking, selectors
from .models import (
    Budget,
    BudgetLine,
    Commitment,
    Disbursement,
    Project,
    ProjectYear,
)

# --- commitments (procurement against a line) --------------------------------------

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


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
