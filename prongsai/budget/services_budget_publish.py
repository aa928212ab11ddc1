"""Publishing the operation plan and the six-month spending report of a
year through ``core.publications``: publishing freezes the snapshot and its
PDF; the public pages and the OIT evidence read only the publication."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import publications
from prongsai.core.errors import DomainError

from . import documents_budget, selectors_budget
from .models import Budget

if TYPE_CHECKING:
    from prongsai.accounts.models import User


@transaction.atomic
def operation_plan_publish(*, actor: User, budget: Budget) -> Any:
    """Freeze the year's operation plan as it is now and publish it."""
    snapshot = selectors_budget.operation_plan_snapshot(
        organization=budget.organization, budget=budget
    )
    if not snapshot["item_count"]:
        raise DomainError(
            _(
                "Add the projects and activities of the operation plan before "
                "publishing."
            )
        )
    return publications.publication_publish(
        actor=actor,
        subject=selectors_budget.operation_plan_subject(budget),
        snapshot=snapshot,
        pdf=documents_budget.operation_plan_pdf(snapshot),
        filename=f"operation-plan-{budget.fiscal_year}.pdf",
        action="operation_plan.publish",
    )


@transaction.atomic
def operation_plan_withdraw(*, actor: User, budget: Budget) -> None:
    publications.publication_withdraw(
        actor=actor,
        subject=selectors_budget.operation_plan_subject(budget),
        action="operation_plan.withdraw",
    )


@transaction.atomic
def six_month_report_publish(*, actor: User, budget: Budget) -> Any:
    """Freeze the six-month spending report (1 October - 31 March)."""
    if not budget.lines.exists():
        raise DomainError(_("The budget has no lines to report on."))
    snapshot = selectors_budget.spending_report_snapshot(
        organization=budget.organization, budget=budget, period="six_month"
    )
    return publications.publication_publish(
        actor=actor,
        subject=selectors_budget.six_month_subject(budget),
        snapshot=snapshot,
        pdf=documents_budget.spending_report_pdf(snapshot),
        filename=f"six-month-report-{budget.fiscal_year}.pdf",
        action="six_month_report.publish",
    )


@transaction.atomic
def six_month_report_withdraw(*, actor: User, budget: Budget) -> None:
    publications.publication_withdraw(
        actor=actor,
        subject=selectors_budget.six_month_subject(budget),
        action="six_month_report.withdraw",
    )
