"""Publishing the HR plan and the HR report of a fiscal year through
``core.publications``: publishing freezes the snapshot and its PDF; the
public pages show only the current publication, never the live draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import publications
from prongsai.core.errors import DomainError

from . import hr_documents, selectors_hr
from .models_hr import HRPlan, HRReport

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization


def _plan(organization: Organization, fiscal_year: int) -> HRPlan:
    plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    if plan is None:
        raise DomainError(
            _("There is no HR plan for fiscal year %(year)s.") % {"year": fiscal_year}
        )
    return plan


@transaction.atomic
def hr_plan_publish(
    *, actor: User, organization: Organization, fiscal_year: int
) -> Any:
    """Freeze the plan as it is now and show it on the public page."""
    plan = _plan(organization, fiscal_year)
    snapshot = selectors_hr.hr_plan_snapshot(plan=plan)
    if not snapshot["projects"]:
        raise DomainError(_("Add the plan's projects or activities before publishing."))
    if plan.approved_on is None:
        raise DomainError(_("Record the plan's approval before publishing."))
    return publications.publication_publish(
        actor=actor,
        subject=plan,
        snapshot=snapshot,
        pdf=hr_documents.hr_plan_pdf(snapshot),
        filename=f"hr-plan-{fiscal_year}.pdf",
        action="hr_plan.publish",
    )


@transaction.atomic
def hr_plan_withdraw(
    *, actor: User, organization: Organization, fiscal_year: int
) -> None:
    publications.publication_withdraw(
        actor=actor, subject=_plan(organization, fiscal_year), action="hr_plan.withdraw"
    )


@transaction.atomic
def hr_report_publish(
    *, actor: User, organization: Organization, fiscal_year: int
) -> Any:
    """Freeze the year's report (figures and narrative) and publish it."""
    plan = _plan(organization, fiscal_year)
    if not plan.projects.exists():
        raise DomainError(_("The plan of that year has no projects to report on."))
    report, _created = HRReport.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    snapshot = selectors_hr.hr_report_snapshot(
        organization=organization, fiscal_year=fiscal_year
    )
    if any(not p["status"] for p in snapshot["projects"]):
        raise DomainError(
            _("Record the result of every project before publishing the report.")
        )
    return publications.publication_publish(
        actor=actor,
        subject=report,
        snapshot=snapshot,
        pdf=hr_documents.hr_report_pdf(snapshot),
        filename=f"hr-report-{fiscal_year}.pdf",
        action="hr_report.publish",
    )


@transaction.atomic
def hr_report_withdraw(
    *, actor: User, organization: Organization, fiscal_year: int
) -> None:
    report = selectors_hr.hr_report_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if report is None:
        raise DomainError(_("The report of that year was never published."))
    publications.publication_withdraw(
        actor=actor, subject=report, action="hr_report.withdraw"
    )
