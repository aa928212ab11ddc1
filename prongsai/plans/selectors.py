"""Reads on plans, measures, progress and participation, scoped to one organisation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.ita import selectors as ita_selectors

from . import monitoring
from .charts import GanttRow, gantt_svg
from .models import Activity, Measure, Plan, PlanVersion, ProgressUpdate
from .models_participation import Comment, Proposal, ProposalSupport
from .services import plan_settings_for


def _get(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_plan(*, organization, pk) -> Plan:
    """One of the organisation's plans, or 404."""
    return _get(Plan.objects.filter(organization=organization), pk=pk)


def access_measure(*, organization, pk) -> Measure:
    return _get(
        Measure.objects.filter(organization=organization).select_related(
            "plan", "owner__user"
        ),
        pk=pk,
    )


def access_activity(*, organization, pk) -> Activity:
    return _get(
        Activity.objects.filter(organization=organization).select_related(
            "measure__plan", "owner__user"
        ),
        pk=pk,
    )


def access_proposal(*, organization, pk) -> Proposal:
    return _get(
        Proposal.objects.filter(organization=organization).select_related("plan"),
        pk=pk,
    )


def access_published_plan(*, organization, pk) -> tuple[Plan, PlanVersion]:
    """A published plan and its latest approved version, or 404."""
    plan = _get(
        Plan.objects.filter(organization=organization, published_at__isnull=False),
        pk=pk,
    )
    version = plan_version_get_latest_approved(plan)
    if version is None:
        raise Http404
    return plan, version


def plan_list(*, organization, fiscal_year: int | None = None) -> QuerySet[Plan]:
    plans = (
        Plan.objects.filter(organization=organization)
        .select_related("organization")
        .annotate(measure_count=Count("measures"))
    )
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    return plans.order_by("-fiscal_year", "kind", "title")


def plan_list_published(*, organization) -> list[tuple[Plan, PlanVersion]]:
    approved = (
        PlanVersion.objects.filter(approved_at__isnull=False)
        .select_related("approved_by")
        .order_by("-number")
    )
    plans = (
        Plan.objects.filter(organization=organization, published_at__isnull=False)
        .select_related("organization")
        .prefetch_related(Prefetch("versions", approved, to_attr="approved_versions"))
        .order_by("-fiscal_year", "kind")
    )
    # The latest approved version of each, as plan_version_get_latest_approved.
    return [
        (plan, plan.approved_versions[0]) for plan in plans if plan.approved_versions
    ]


def plan_version_get_latest_approved(plan: Plan) -> PlanVersion | None:
    return (
        plan.versions.filter(approved_at__isnull=False)
        .select_related("approved_by")
        .order_by("-number")
        .first()
    )


def plan_version_get_in_force(*, plan: Plan, on: datetime.date) -> PlanVersion | None:
    """The approved version in force on a day: the last one approved on or
    before it (Bangkok date). Before the first approval, the first approved
    version, the nearest thing to an approved plan for that time; ``None``
    while nothing has been approved."""
    approved = plan.versions.filter(approved_at__isnull=False).select_related(
        "approved_by"
    )
    return (
        approved.filter(approved_at__date__lte=on).order_by("-number").first()
        or approved.order_by("number").first()
    )


def plan_version_list(*, plan: Plan) -> QuerySet[PlanVersion]:
    return plan.versions.select_related("created_by", "approved_by").order_by("-number")


def plan_review_list(*, plan: Plan):
    return plan.reviews.order_by("-created_at", "-id")


def measure_list(*, plan: Plan) -> QuerySet[Measure]:
    return plan.measures.select_related("owner__user", "organization").prefetch_related(
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("owner__user").order_by(
                "start_date", "id"
            ),
        )
    )


def progress_list(*, measure: Measure) -> QuerySet[ProgressUpdate]:
    return measure.updates.order_by("-reported_on", "-id")


def proposal_list(*, plan: Plan) -> QuerySet[Proposal]:
    return (
        plan.proposals.select_related("proposed_by", "measure", "decided_by")
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.select_related("author").order_by(
                    "created_at"
                ),
            ),
            "supports__user",
        )
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("status", "-support_count", "-created_at")
    )


def plan_comment_list(*, plan: Plan) -> QuerySet[Comment]:
    return plan.comments.filter(proposal__isnull=True).select_related("author")


@dataclass
class Participant:
    name: str
    proposals: int = 0
    supports: int = 0
    comments: int = 0

    @property
    def total(self) -> int:
        return self.proposals + self.supports + self.comments


def participation_list(*, plan: Plan) -> list[Participant]:
    """Who took part in shaping the plan, and how: evidence of participation."""
    people: dict[int, Participant] = {}

    def add(user, attribute):
        if user is None:
            return
        entry = people.setdefault(user.pk, Participant(user.display_name))
        setattr(entry, attribute, getattr(entry, attribute) + 1)

    for proposal in plan.proposals.select_related("proposed_by"):
        add(proposal.proposed_by, "proposals")
    supports = ProposalSupport.objects.filter(proposal__plan=plan)
    for support in supports.select_related("user"):
        add(support.user, "supports")
    for comment in plan.comments.select_related("author"):
        add(comment.author, "comments")
    return sorted(people.values(), key=lambda p: (-p.total, p.name))


# --- monitoring ---------------------------------------------------------------------


def plan_first_approvals(plan_ids) -> dict[int, datetime.date]:
    """The Bangkok date each plan was first approved (plans never approved
    are left out)."""
    rows = (
        PlanVersion.objects.filter(plan_id__in=set(plan_ids), approved_at__isnull=False)
        .values("plan_id")
        .annotate(first=Min("approved_at"))
    )
    return {row["plan_id"]: timezone.localdate(row["first"]) for row in rows}


def work_state(
    item, *, approved_on: datetime.date | None = None
) -> monitoring.WorkState:
    return monitoring.WorkState(
        approved_on=approved_on,
        start_date=item.start_date,
        due_date=item.due_date,
        status=item.status,
        percent_done=item.percent_done,
        last_update_on=item.last_update_on,
        kpi_baseline=item.kpi_baseline,
        kpi_target=item.kpi_target,
        kpi_value=item.kpi_value,
        kpi_direction=item.kpi_direction,
    )


@dataclass
class MeasureState:
    measure: Measure
    assessment: monitoring.Assessment


@dataclass
class PlanDashboard:
    plan: Plan
    today: datetime.date
    rows: list[MeasureState]
    counts: dict[str, int] = field(default_factory=dict)
    flag_counts: dict[str, int] = field(default_factory=dict)
    budget: Decimal = Decimal(0)
    average_percent: int = 0
    gantt: str = ""


def _measure_states(measures, *, organization, today) -> list[MeasureState]:
    """Each measure with its state today, by the organisation's settings."""
    stale_after_days = plan_settings_for(organization).stale_after_days
    measures = list(measures)
    approvals = plan_first_approvals(m.plan_id for m in measures)
    return [
        MeasureState(
            m,
            monitoring.assess(
                work_state(m, approved_on=approvals.get(m.plan_id)),
                today=today,
                stale_after_days=stale_after_days,
            ),
        )
        for m in measures
    ]


def plan_dashboard_get(
    *, plan: Plan, today: datetime.date | None = None, with_gantt: bool = True
) -> PlanDashboard:
    """Every measure of the plan with its state today, and the timeline."""
    today = today or timezone.localdate()
    measures = list(measure_list(plan=plan))
    rows = _measure_states(measures, organization=plan.organization, today=today)
    counts: dict[str, int] = {}
    flag_counts = {monitoring.OVERDUE: 0, monitoring.STALE: 0, monitoring.KPI_BEHIND: 0}
    for row in rows:
        counts[row.assessment.state] = counts.get(row.assessment.state, 0) + 1
        for flag in row.assessment.flags:
            flag_counts[flag] += 1
    dashboard = PlanDashboard(
        plan=plan,
        today=today,
        rows=rows,
        counts=counts,
        flag_counts=flag_counts,
        budget=sum((m.budget for m in measures), Decimal(0)),
        average_percent=round(sum(m.percent_done for m in measures) / len(measures))
        if measures
        else 0,
    )
    if with_gantt:
        dashboard.gantt = plan_gantt_svg(plan=plan, rows=rows, today=today)
    return dashboard


def plan_gantt_svg(*, plan: Plan, rows: list[MeasureState], today) -> str:
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    approved_on = plan_first_approvals([plan.pk]).get(plan.pk)
    gantt_rows = []
    for row in rows:
        measure = row.measure
        start = min(start, measure.start_date)
        end = max(end, measure.due_date)
        gantt_rows.append(
            GanttRow(
                f"{measure.number}. {measure.title}",
                measure.start_date,
                measure.due_date,
                measure.percent_done,
                row.assessment.state,
            )
        )
        for activity in measure.activities.all():
            state = monitoring.assess(
                work_state(activity, approved_on=approved_on), today=today
            ).state
            gantt_rows.append(
                GanttRow(
                    activity.title,
                    activity.start_date,
                    activity.due_date,
                    activity.percent_done,
                    state,
                    level=1,
                )
            )
    return gantt_svg(gantt_rows, start=start, end=end, today=today, title=plan.title)


# --- reminders ----------------------------------------------------------------------


def measure_list_to_remind(*, today: datetime.date | None = None):
    """Open measures with an active owner in plans approved at least once and
    not closed, of every organisation (the daily reminder job), each with
    ``first_approved_at``, when its plan was first approved.

    A plan is closed once its fiscal year has ended: what was left undone is
    reported in the annual report, not chased by reminders."""
    today = today or timezone.localdate()
    return (
        Measure.objects.all_organizations()
        .filter(
            plan__versions__approved_at__isnull=False,
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(status__in=monitoring.DONE_STATUSES)
        .filter(plan__fiscal_year__gte=thai_dates.fiscal_year(today))
        .annotate(first_approved_at=Min("plan__versions__approved_at"))
        .select_related("plan", "organization", "owner__user")
        .order_by("organization_id", "owner_id", "due_date", "pk")
    )


def measure_list_of_member(*, organization, membership) -> list[MeasureState]:
    """The measures the member is responsible for, with their state today."""
    if membership is None:
        return []
    measures = (
        Measure.objects.filter(organization=organization, owner=membership)
        .select_related("plan")
        .order_by("due_date", "id")
    )
    return _measure_states(
        measures, organization=organization, today=timezone.localdate()
    )


def measure_assessment_get(*, measure: Measure) -> monitoring.Assessment:
    settings_row = plan_settings_for(measure.organization)
    return monitoring.assess(
        work_state(
            measure,
            approved_on=plan_first_approvals([measure.plan_id]).get(measure.plan_id),
        ),
        today=timezone.localdate(),
        stale_after_days=settings_row.stale_after_days,
    )


def ita_year_list_with_results(*, organization) -> list[int]:
    """Fiscal years of the organisation's recorded ITA results, newest first."""
    return list(
        ita_selectors.ita_result_list(organization=organization).values_list(
            "fiscal_year", flat=True
        )
    )


def ita_weakness_list(*, organization, fiscal_year: int) -> list | None:
    """The weaknesses the ITA analysis finds in a year's result; None when
    there is no result (or no framework) of that year to analyse."""
    try:
        analysis = ita_selectors.ita_analysis_get(
            organization=organization, fiscal_year=fiscal_year
        )
    except Http404:
        return None
    return list(analysis.weaknesses)


def _snapshot_date(value, default: datetime.date | None) -> datetime.date | None:
    if not value:
        return default
    return datetime.date.fromisoformat(value)


def _snapshot_decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def snapshot_for_display(snapshot: dict, *, fiscal_year: int | None = None) -> dict:
    """An approved snapshot with dates and amounts as Python values.

    Older or hand-made snapshots may lack keys: text reads as empty, KPI
    numbers as ``None``, the budget as 0, the direction as "at least" and
    missing dates as the bounds of the fiscal year (the snapshot's own, else
    ``fiscal_year``).
    """
    year = snapshot.get("fiscal_year") or fiscal_year
    year_start, year_end = thai_dates.fiscal_year_bounds(year) if year else (None, None)

    def work(data: dict) -> dict:
        item = {
            "title": "",
            "description": "",
            "responsible_unit": "",
            "owner": "",
            "owner_position": "",
            "kpi_name": "",
            "kpi_unit": "",
            **data,
        }
        item["start_date"] = _snapshot_date(data.get("start_date"), year_start)
        item["due_date"] = _snapshot_date(data.get("due_date"), year_end)
        item["budget"] = _snapshot_decimal(data.get("budget")) or Decimal(0)
        for key in ("kpi_baseline", "kpi_target"):
            item[key] = _snapshot_decimal(data.get(key))
        item["kpi_direction"] = data.get("kpi_direction") or "at_least"
        return item

    content = {"title": "", "description": "", **snapshot}
    content["fiscal_year"] = year
    content["measures"] = []
    for index, measure in enumerate(snapshot.get("measures", []), 1):
        item = work(measure)
        item.setdefault("id", None)
        item.setdefault("number", index)
        for key in ("steps", "ita_kind", "ita_code", "ita_title"):
            item.setdefault(key, "")
        item["activities"] = [work(a) for a in measure.get("activities", [])]
        content["measures"].append(item)
    # A measure's budget covers its activities.
    content["budget"] = sum((m["budget"] for m in content["measures"]), Decimal(0))
    return content


# --- OIT evidence -------------------------------------------------------------------


def plan_list_published_of_year(
    *, organization, fiscal_year: int, kind: str | None = None
) -> list[tuple[Plan, PlanVersion]]:
    """Published plans of a fiscal year with their latest approved version."""
    return [
        (plan, version)
        for plan, version in plan_list_published(organization=organization)
        if plan.fiscal_year == fiscal_year and (kind is None or plan.kind == kind)
    ]


def plan_list_of_year(*, organization, fiscal_year: int, kind: str) -> list[Plan]:
    return list(
        Plan.objects.filter(
            organization=organization, fiscal_year=fiscal_year, kind=kind
        ).order_by("-published_at", "-id")
    )


def measure_list_without_progress(*, plan: Plan) -> list[Measure]:
    return list(
        plan.measures.filter(updates__isnull=True).order_by("number", "id").distinct()
    )


@dataclass
class PlanParticipation:
    plan: Plan
    proposals: list
    participants: int
    comments: int

    @property
    def adopted(self) -> list:
        return [p for p in self.proposals if p.status == Proposal.Status.ADOPTED]

    @property
    def decided(self) -> list:
        return [p for p in self.proposals if p.status != Proposal.Status.OPEN]


def participation_list_of_year(
    *, organization, fiscal_year: int
) -> list[PlanParticipation]:
    """Proposals, support and comments on the year's published plans (counts
    only: who took part is kept in the back office)."""
    result = []
    for plan, _version in plan_list_published_of_year(
        organization=organization, fiscal_year=fiscal_year
    ):
        proposals = list(
            proposal_list(plan=plan).annotate(
                comment_count=Count("comments", distinct=True)
            )
        )
        people = participation_list(plan=plan)
        result.append(
            PlanParticipation(
                plan=plan,
                proposals=proposals,
                participants=len(people),
                comments=sum(p.comments for p in people),
            )
        )
    return result


def measure_states_of_year(
    *, organization, fiscal_year: int, today: datetime.date | None = None
) -> list[MeasureState]:
    """Every measure of the fiscal year's plans with its state today, in a
    fixed number of queries however many plans and measures there are."""
    today = today or timezone.localdate()
    measures = Measure.objects.filter(
        organization=organization, plan__fiscal_year=fiscal_year
    ).select_related("plan")
    return _measure_states(measures, organization=organization, today=today)
