"""Writes on the year's operation plan (แผนการดำเนินงาน): made from the
budget, then edited row by row."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.procurement.vocab import BudgetCategory

from . import figures, selectors
from .models import (
    Budget,
    OperationItem,
    Project,
)
from .services_budget import (
    ITEM_FIELDS,
    _clean,
)

# --- the operation plan ---------------------------------------------------------------

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


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
