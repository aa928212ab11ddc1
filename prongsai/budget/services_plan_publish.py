"""Publishing the development plan through ``core.publications``: the
snapshot and its ผ.02 PDF are frozen; the public page shows only the
current publication, never the live plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import publications
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication

from . import documents_plan, selectors_plan
from .models import DevelopmentPlan

if TYPE_CHECKING:
    from prongsai.accounts.models import User


@transaction.atomic
def plan_publish(*, actor: User, plan: DevelopmentPlan) -> Publication:
    """Freeze the plan as it is now (strategies, goals, indicators, projects)
    with its ผ.02 PDF, and show it on the public page."""
    snapshot = selectors_plan.plan_snapshot(plan=plan)
    problems = selectors_plan.plan_snapshot_problems(snapshot)
    if problems:
        raise DomainError(
            _("The plan cannot be published yet: %(problems)s")
            % {"problems": " ".join(problems)}
        )
    if plan.approved_on is None:
        raise DomainError(_("Record the date the plan was approved before publishing."))
    return publications.publication_publish(
        actor=actor,
        subject=plan,
        snapshot=snapshot,
        pdf=documents_plan.p02_pdf(snapshot),
        filename=f"development-plan-{plan.first_year}-{plan.last_year}.pdf",
        action="development_plan.publish",
    )


@transaction.atomic
def plan_withdraw(*, actor: User, plan: DevelopmentPlan) -> None:
    publications.publication_withdraw(
        actor=actor, subject=plan, action="development_plan.withdraw"
    )
