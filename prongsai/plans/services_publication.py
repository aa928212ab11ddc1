"""Publishing a plan: what the public sees is frozen when it is published.

A publication (a ``core.Publication`` of the plan) stores the latest approved version's
content, each measure's progress and the public reports (six-month and
annual, with their narrative sections) as they stood, and who published
them. The public pages read only the publication; later edits, progress,
narratives and approvals reach them when the plan is published again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.publications import (
    publication_current,
    publication_publish,
    publication_withdraw,
)
from prongsai.core.services import model_update

from . import selectors
from .models import Plan, PlanReport, PlanVersion
from .reports import plan_report_context
from .reports_snapshot import NARRATIVE_FIELDS, report_data
from .selectors_publication import PUBLIC_PERIODS, publication_state
from .services import _lock, _user, stripped


def publication_snapshot(plan: Plan, version: PlanVersion) -> dict:
    """The publication's content: the state above and the public reports."""
    return {
        **publication_state(plan, version),
        "approval": {
            "number": version.number,
            "reason": version.reason,
            "approved_by_name": version.approved_by_name,
            "approved_by_position": version.approved_by_position,
            "approved_at": version.approved_at.isoformat()
            if version.approved_at
            else None,
        },
        "reports": {
            period: report_data(plan_report_context(plan=plan, period=period))
            for period in PUBLIC_PERIODS
        },
    }


@transaction.atomic
def plan_publish(*, actor: User, plan: Plan) -> Plan:
    """Publish the latest approved version with its progress and reports as
    they stand now (again, to bring the public pages up to date)."""
    plan = _lock(plan)
    version = selectors.plan_version_get_latest_approved(plan)
    if version is None:
        raise DomainError(_("Only an approved plan can be published."))
    publication = publication_publish(
        actor=actor,
        subject=plan,
        snapshot=publication_snapshot(plan, version),
        action="plan.publish",
        changes={"version": version.number},
        refuse_unchanged=False,
    )
    plan.published_at = publication.published_at
    plan.save(update_fields=["published_at", "updated_at"])
    return plan


@transaction.atomic
def plan_unpublish(*, actor: User, plan: Plan) -> Plan:
    """Take the plan off the public pages; its publications stay on record."""
    plan.published_at = None
    plan.save(update_fields=["published_at", "updated_at"])
    if publication_current(plan) is not None:
        publication_withdraw(actor=actor, subject=plan, action="plan.unpublish")
    else:  # published before publications were kept
        audit_log(
            actor=actor,
            organization=plan.organization,
            action="plan.unpublish",
            target=plan,
        )
    return plan


@transaction.atomic
def plan_report_narrative_update(
    *,
    actor: User,
    plan: Plan,
    period: str,
    problems: str = "",
    obstacles: str = "",
    suggestions: str = "",
) -> PlanReport:
    """Write the narrative sections of the plan's report on ``period``.

    They are not part of the approved plan, so an approved plan takes them
    too; the public reports show them once the plan is published again.
    """
    if period not in PlanReport.Period.values:
        raise DomainError(
            _("Choose a quarter, the six months or the year."), field="period"
        )
    report = plan.reports.filter(period=period).first()
    if report is None:
        report = PlanReport(plan=plan, period=period)
    data = stripped(
        {"problems": problems, "obstacles": obstacles, "suggestions": suggestions}
    )
    if report.pk is None:
        for key in NARRATIVE_FIELDS:
            setattr(report, key, data[key])
        report.updated_by = _user(actor)
        report.full_clean()
        report.save()
        changes = {key: {"old": "", "new": data[key]} for key in NARRATIVE_FIELDS}
    else:
        report.updated_by = _user(actor)
        changes = model_update(report, data, NARRATIVE_FIELDS)
        if changes:
            report.save(update_fields=["updated_by", "updated_at"])
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="plan.report_narrative",
        target=plan,
        changes={"period": period, **changes},
    )
    return report
