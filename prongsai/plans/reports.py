"""What the reports to executives (quarterly, six-month, annual) on a plan
say: one context, which ``reports_documents`` prints as PDF and as DOCX so
that both say the same thing. A plan report follows the plan as approved:
its measures, targets, budgets, dates and owners come from the snapshot of
the version in force at the end of the period, while progress, KPI values
reached and linked complaints come from the live records of those measures,
as they stood at the end of the period. The follow-up dashboard, by
contrast, shows the live plan.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

from . import monitoring, selectors
from .models import (
    Measure,
    MeasureCase,
    Plan,
    ProgressUpdate,
    WorkStatus,
)
from .templatetags.plans import FLAG_LABELS, STATE_LABELS

PERIODS = ("q1", "q2", "q3", "q4", "h1", "year")
REMOVED_LATER = "later"  # by a later approved version
REMOVAL_PENDING = "pending"  # by the open revision, not approved yet


def period_title(period: str, plan_title: str) -> str:
    if period == "year":
        return _("Annual implementation report") + " " + plan_title
    if period == "h1":
        return _("Six-month implementation report") + " " + plan_title
    return (
        _("Progress report, quarter %(quarter)s") % {"quarter": period[1]}
        + " "
        + plan_title
    )


@dataclass
class ApprovedMeasure:
    """A measure as an approved version of the plan froze it.

    ``live`` is the measure's current row, if it still exists, from which
    progress and linked complaints are read; a measure removed by a later
    revision, approved or not yet, has none.
    """

    id: int | None
    number: int
    title: str
    description: str
    responsible_unit: str
    owner: str  # the owner's name at approval
    owner_position: str
    start_date: datetime.date
    due_date: datetime.date
    budget: Decimal
    kpi_name: str
    kpi_unit: str
    kpi_baseline: Decimal | None
    kpi_target: Decimal | None
    kpi_direction: str
    live: Measure | None = None
    # Why there is no live row: REMOVED_LATER or REMOVAL_PENDING (or "" when
    # the snapshot does not say which measure it was).
    removal: str = ""

    @classmethod
    def from_snapshot(cls, data: dict, live: Measure | None) -> ApprovedMeasure:
        """``data``: one measure of ``selectors.snapshot_for_display``."""
        return cls(
            id=data["id"],
            number=data["number"],
            title=data["title"],
            description=data["description"],
            responsible_unit=data["responsible_unit"],
            owner=data["owner"],
            owner_position=data["owner_position"],
            start_date=data["start_date"],
            due_date=data["due_date"],
            budget=data["budget"],
            kpi_name=data["kpi_name"],
            kpi_unit=data["kpi_unit"],
            kpi_baseline=data["kpi_baseline"],
            kpi_target=data["kpi_target"],
            kpi_direction=data["kpi_direction"],
            live=live,
        )

    @property
    def has_kpi(self) -> bool:
        return bool(self.kpi_name) and self.kpi_target is not None

    @property
    def removal_note(self) -> str:
        if self.removal == REMOVED_LATER:
            return _("Removed from the plan by a later revision.")
        if self.removal == REMOVAL_PENDING:
            return _("To be removed by the revision awaiting approval.")
        return ""


@dataclass
class MeasureReport:
    measure: ApprovedMeasure
    state: str
    flags: list[str]
    status_label: str
    percent: int
    kpi_value: Decimal | None
    updates: list[ProgressUpdate]  # within the period, oldest first
    latest: ProgressUpdate | None  # latest on or before the end of the period
    # Complaints the measure addresses: references of general cases only (no
    # personal data); confidential reports are only counted.
    case_references: list[str] = field(default_factory=list)
    confidential_cases: int = 0
    status: str = WorkStatus.NOT_STARTED  # the code behind ``status_label``

    @property
    def flag_labels(self) -> str:
        return ", ".join(str(FLAG_LABELS[f]) for f in self.flags)

    @property
    def case_count(self) -> int:
        return len(self.case_references) + self.confidential_cases

    @property
    def complaints_text(self) -> str:
        if not self.case_count:
            return _("Complaints addressed: none linked.")
        parts = list(self.case_references)
        if self.confidential_cases:
            parts.append(
                ngettext(
                    "%(count)d confidential report",
                    "%(count)d confidential reports",
                    self.confidential_cases,
                )
                % {"count": self.confidential_cases}
            )
        return _("Complaints addressed: %(count)s (%(list)s).") % {
            "count": self.case_count,
            "list": ", ".join(parts),
        }


@dataclass
class PendingMeasure:
    """A measure of an open revision, not approved yet: no approved target."""

    measure: Measure
    latest: ProgressUpdate | None

    @property
    def progress_text(self) -> str:
        if self.latest is None:
            return str(WorkStatus.NOT_STARTED.label)
        return f"{WorkStatus(self.latest.status).label} {self.latest.percent_done}%"


def _updates_until(measure_ids, end: datetime.date) -> dict[int, list]:
    updates: dict[int, list[ProgressUpdate]] = {pk: [] for pk in measure_ids}
    for update in ProgressUpdate.objects.filter(
        measure_id__in=measure_ids, reported_on__lte=end
    ).order_by("reported_on", "id"):
        updates[update.measure_id].append(update)
    return updates


def _approved_measures(
    content: dict, live: dict[int, Measure], latest_version
) -> list[ApprovedMeasure]:
    """The measures of the version in force, by number, each with its live row
    or why it has none."""
    measures = sorted(
        (
            ApprovedMeasure.from_snapshot(data, live.get(data["id"]))
            for data in content["measures"]
        ),
        key=lambda m: m.number,
    )
    in_latest = {
        data.get("id") for data in (latest_version.snapshot or {}).get("measures", [])
    }
    for measure in measures:
        if measure.live is None and measure.id is not None:
            measure.removal = (
                REMOVAL_PENDING if measure.id in in_latest else REMOVED_LATER
            )
    return measures


def _linked_cases(measure_ids) -> dict[int, list]:
    linked: dict[int, list] = {pk: [] for pk in measure_ids}
    for link in MeasureCase.objects.filter(measure_id__in=measure_ids).select_related(
        "case"
    ):
        linked[link.measure_id].append(link.case)
    return linked


def _measure_row(
    measure: ApprovedMeasure,
    history: list[ProgressUpdate],
    cases: list,
    *,
    start: datetime.date,
    as_of: datetime.date,
    stale_after_days: int,
) -> MeasureReport:
    """One measure's line of the report: its progress as of the period's end."""
    latest = history[-1] if history else None
    status = latest.status if latest else WorkStatus.NOT_STARTED
    percent = latest.percent_done if latest else 0
    kpi_value = next(
        (u.kpi_value for u in reversed(history) if u.kpi_value is not None), None
    )
    state = monitoring.assess(
        monitoring.WorkState(
            start_date=measure.start_date,
            due_date=measure.due_date,
            status=status,
            percent_done=percent,
            last_update_on=latest.reported_on if latest else None,
            kpi_baseline=measure.kpi_baseline,
            kpi_target=measure.kpi_target,
            kpi_value=kpi_value,
            kpi_direction=measure.kpi_direction,
        ),
        today=as_of,
        stale_after_days=stale_after_days,
    )
    return MeasureReport(
        measure=measure,
        state=state.state,
        flags=list(state.flags),
        status_label=str(WorkStatus(status).label),
        percent=percent,
        kpi_value=kpi_value,
        updates=[u for u in history if u.reported_on >= start],
        latest=latest,
        case_references=sorted(c.reference for c in cases if not c.is_confidential),
        confidential_cases=sum(1 for c in cases if c.is_confidential),
        status=status,
    )


def _pending_measures(
    live: dict[int, Measure], approved_ids: set, end: datetime.date
) -> list[PendingMeasure]:
    """The new measures of an open revision, shown apart as awaiting approval."""
    pending_updates = _updates_until([pk for pk in live if pk not in approved_ids], end)
    return [
        PendingMeasure(measure=m, latest=(pending_updates[m.pk] or [None])[-1])
        for pk, m in live.items()
        if pk not in approved_ids
    ]


def _summary(rows: list[MeasureReport], measures: list[ApprovedMeasure]) -> dict:
    counts = dict.fromkeys(STATE_LABELS, 0)
    for row in rows:
        counts[row.state] += 1
    return {
        "rows": rows,
        "counts": counts,
        "state_labels": {k: str(v) for k, v in STATE_LABELS.items()},
        "measure_count": len(rows),
        "case_count": sum(r.case_count for r in rows),
        "budget": sum((m.budget for m in measures), Decimal(0)),
        "average_percent": round(sum(r.percent for r in rows) / len(rows))
        if rows
        else 0,
    }


def plan_report_context(
    *, plan: Plan, period: str, today: datetime.date | None = None
) -> dict:
    """Everything a report on ``period`` of the plan's fiscal year says.

    The measures are those of the version in force at the end of the period
    (``selectors.plan_version_get_in_force``), with their approved targets, budgets,
    dates and owners; progress comes from the live records. Measures of an
    open revision that is not approved yet are listed apart, without targets.
    """
    if period not in PERIODS:
        raise DomainError(_("Choose a quarter, the six months or the year."))
    latest_version = selectors.plan_version_get_latest_approved(plan)
    if latest_version is None:
        raise DomainError(_("A report is made once the plan has been approved."))
    today = today or timezone.localdate()
    start, end = thai_dates.fiscal_period_bounds(plan.fiscal_year, period)
    approved = selectors.plan_version_get_in_force(plan=plan, on=end)
    content = selectors.snapshot_for_display(
        approved.snapshot or {}, fiscal_year=plan.fiscal_year
    )
    as_of = min(end, today)
    stale_after_days = selectors.plan_settings_for(plan.organization).stale_after_days
    live = {m.pk: m for m in selectors.measure_list(plan=plan)}
    measures = _approved_measures(content, live, latest_version)
    measure_ids = [m.live.pk for m in measures if m.live is not None]
    updates = _updates_until(measure_ids, end)
    linked = _linked_cases(measure_ids)
    rows = [
        _measure_row(
            measure,
            updates.get(measure.id, []) if measure.live else [],
            linked.get(measure.id, []) if measure.live else [],
            start=start,
            as_of=as_of,
            stale_after_days=stale_after_days,
        )
        for measure in measures
    ]
    # An open revision of the version in force: its new measures are shown
    # apart, as awaiting approval; its changed targets are not shown at all.
    revision_pending = (
        approved.pk == latest_version.pk and plan.status != Plan.Status.APPROVED
    )
    pending = (
        _pending_measures(live, {m.id for m in measures}, end)
        if revision_pending
        else []
    )
    coordinators = membership_list_with_role(
        organization=plan.organization, role=Role.ITA_COORDINATOR
    )
    executives = membership_list_with_role(
        organization=plan.organization, role=Role.EXECUTIVE
    )
    plan_title = content["title"] or plan.title
    return {
        "organization": plan.organization,
        "plan": plan,
        "plan_title": plan_title,
        "period": period,
        "title": period_title(period, plan_title),
        "start": start,
        "end": end,
        "as_of": as_of,
        "approved": approved,
        # The version was approved only after the period ended.
        "approved_after_period": timezone.localdate(approved.approved_at) > end,
        "later_version": latest_version if latest_version.pk != approved.pk else None,
        "revision_pending": plan.version if revision_pending else None,
        "pending": pending,
        **_summary(rows, measures),
        "reporter": coordinators[0] if coordinators else None,
        "executive": executives[0] if executives else None,
        "generated_on": today,
        "narrative": plan_report_narrative(plan=plan, period=period),
    }


def plan_report_narrative(*, plan: Plan, period: str) -> dict[str, str]:
    """The narrative sections staff wrote for the report on ``period``
    (empty text for sections not written)."""
    report = plan.reports.filter(period=period).first()
    return {
        "problems": report.problems if report else "",
        "obstacles": report.obstacles if report else "",
        "suggestions": report.suggestions if report else "",
    }
