"""The executive's desk: one read of everything an executive follows.

Only counts and aggregates, composed from each app's own selectors: no
personal data, and of the confidential reports only the number the viewer
already reads (``complaints.permissions.confidential_audience``). Each tile
carries the link to the staff list behind it when the viewer may open it.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.budget import selectors as budget_selectors
from prongsai.budget.figures import LineMoney
from prongsai.budget.permissions import can_view_budget
from prongsai.complaints import selectors as complaint_selectors
from prongsai.complaints.choices import OPEN_STATUSES, Status
from prongsai.complaints.permissions import (
    can_manage_external_address,
    can_view_complaints,
    confidential_audience,
)
from prongsai.core import thai_dates
from prongsai.eservices import selectors as eservice_selectors
from prongsai.eservices.permissions import can_view_requests
from prongsai.oit import selectors as oit_selectors
from prongsai.oit.checks import ItemSpec
from prongsai.oit.models import ChecklistItem
from prongsai.oit.permissions import can_read_oit
from prongsai.organizations.permissions import can_view_confidential_access
from prongsai.organizations.selectors_role_grants import role_grant_list_pending
from prongsai.plans import monitoring
from prongsai.plans import selectors as plan_selectors
from prongsai.plans.models import Plan
from prongsai.plans.permissions import can_view_plans
from prongsai.plans.templatetags.plans import STATE_LABELS
from prongsai.procurement import selectors_indicators as indicator_selectors
from prongsai.procurement.permissions import can_view_procurement

logger = logging.getLogger(__name__)

#: Ages of open complaints, in days since they were received: (label, upper
#: bound inclusive; ``None`` for the last, open-ended bucket).
AGE_BUCKETS: tuple[tuple[Any, int | None], ...] = (
    (_("Up to 7 days"), 7),
    (_("8–15 days"), 15),
    (_("16–30 days"), 30),
    (_("Over 30 days"), None),
)


@dataclass(frozen=True)
class Waiting:
    """Something that waits for the executive, with how many and where."""

    key: str
    label: Any
    count: int
    url: str = ""
    #: (title, link) of the records themselves where they are not personal
    #: (the plans waiting for approval).
    records: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Count_:
    label: Any
    count: int


@dataclass
class OitTile:
    fiscal_year: int
    done: int
    total: int
    share: Decimal
    oit: Decimal | None
    ita_total: Decimal | None
    ita_level: str
    based_on_year: int | None
    url: str = ""


@dataclass
class PlansTile:
    plans: int
    approved: int
    measures: int
    average_percent: int
    states: list[Count_]
    at_risk: int
    overdue: int
    stale: int
    kpi_behind: int
    url: str = ""


@dataclass
class EservicesTile:
    received: int
    completed: int
    met: int
    missed: int
    open: int
    overdue_now: int
    in_time_percent: float | None
    url: str = ""


@dataclass
class ComplaintsTile:
    total: int
    open: int
    overdue: int
    by_status: list[Count_]
    ages: list[Count_]
    url: str = ""


@dataclass
class ProcurementTile:
    fiscal_year: int
    flagged: int
    indicators: list[Count_]
    url: str = ""


@dataclass
class BudgetTile:
    fiscal_year: int
    in_force: Decimal
    committed: Decimal
    disbursed: Decimal
    disbursed_share: Decimal | None
    committed_share: Decimal | None
    url: str = ""


@dataclass
class Desk:
    organization: Any
    fiscal_year: int
    today: datetime.date
    waiting: list[Waiting] = field(default_factory=list)
    oit: OitTile | None = None
    plans: PlansTile | None = None
    eservices: EservicesTile | None = None
    complaints: ComplaintsTile | None = None
    procurement: ProcurementTile | None = None
    budget: BudgetTile | None = None
    prediction: Any = None

    @property
    def waiting_total(self) -> int:
        return sum(w.count for w in self.waiting)

    @property
    def fiscal_year_label(self) -> str:
        return thai_dates.fiscal_year_label(self.fiscal_year)


class _Viewer:
    """Who reads the desk: the links and the confidential count follow them."""

    def __init__(self, user, membership):
        self.user = user
        self.membership = membership

    def link(self, permission, name: str, slug: str, **kwargs) -> str:
        if self.user is None or not permission(self.user, self.membership):
            return ""
        return reverse(name, kwargs={"org": slug, **kwargs})

    @property
    def is_executive(self) -> bool:
        return self.membership is not None and self.membership.has_role("executive")


def desk_get(
    *,
    organization,
    user=None,
    membership=None,
    today: datetime.date | None = None,
) -> Desk:
    """The desk of ``organization`` for the fiscal year of ``today``, as
    ``user`` (with ``membership``) may see it."""
    today = today or timezone.localdate()
    fiscal_year = thai_dates.fiscal_year(today)
    viewer = _Viewer(user, membership)
    desk = Desk(organization=organization, fiscal_year=fiscal_year, today=today)
    desk.waiting = desk_waiting_list(
        organization=organization, fiscal_year=fiscal_year, viewer=viewer
    )
    desk.oit = _oit_tile(organization, fiscal_year, viewer)
    desk.plans = _plans_tile(organization, fiscal_year, today, viewer)
    desk.eservices = _eservices_tile(organization, fiscal_year, viewer)
    desk.complaints = _complaints_tile(organization, today, viewer)
    desk.procurement = _procurement_tile(organization, fiscal_year, viewer)
    desk.budget = _budget_tile(organization, fiscal_year, viewer)
    desk.prediction = desk_prediction(organization, fiscal_year)
    return desk


def desk_prediction(organization, fiscal_year: int):
    """The predicted ITA of the year from the pulse surveys and the OIT
    checklist (``surveys.selectors_prediction.prediction_summary``), or
    ``None`` when the year has nothing to predict from."""
    from prongsai.ita.scoring import ScoringInputError
    from prongsai.surveys.selectors_prediction import prediction_summary

    try:
        summary = prediction_summary(organization=organization, fiscal_year=fiscal_year)
    except ScoringInputError:  # data the prediction refuses: its page says why
        logger.warning("No ITA prediction for organisation %s", organization.pk)
        return None
    if summary is None or summary.total is None:
        return None
    return summary


# --- what waits -------------------------------------------------------------------


def _general_cases(organization, status: str = "") -> QuerySet:
    """The complaint centre's general cases (never confidential reports)."""
    cases = complaint_selectors.case_list(organization=organization, status=status)
    assert isinstance(cases, QuerySet)  # a list only when asked for the overdue
    return cases


def _oit_items_to_sign(organization, fiscal_year: int) -> int:
    """OIT items of the year whose document needs the executive's approval
    (plans, announcements, anything "approved" or "signed") and has no
    approval recorded yet; items with generated evidence take the approval
    from their own record (a plan's approval) and are counted there."""
    checklist = oit_selectors.checklist_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if checklist is None:
        return 0
    items = ChecklistItem.objects.filter(checklist=checklist, provider_key="").exclude(
        status__in=(ChecklistItem.Status.READY, ChecklistItem.Status.SUBMITTED)
    )
    approved = set(
        checklist.items.filter(
            Q(evidence__approved_on__isnull=False) | Q(evidence__states_none=True)
        ).values_list("pk", flat=True)
    )
    count = 0
    for pk, title, requirements, has_evidence in items.annotate(
        evidence_count=Count("evidence")
    ).values_list("pk", "title_th", "requirements_th", "evidence_count"):
        spec = ItemSpec(code="", title_th=title, requirements_th=tuple(requirements))
        if spec.needs_approval and has_evidence and pk not in approved:
            count += 1
    return count


def _waiting_plans(organization, viewer: _Viewer) -> Waiting:
    slug = organization.slug
    plans = [
        (
            title,
            viewer.link(can_view_plans, "plans-staff:plan-detail", slug, pk=pk),
        )
        for pk, title in Plan.objects.filter(
            organization=organization, status=Plan.Status.SUBMITTED
        )
        .order_by("fiscal_year", "pk")
        .values_list("pk", "title")
    ]
    return Waiting(
        "plans",
        _("Plans awaiting the executive's approval"),
        len(plans),
        viewer.link(can_view_plans, "plans-staff:plan-list", slug),
        records=tuple(plans),
    )


def _waiting_confirmations(organization, viewer: _Viewer) -> list[Waiting]:
    """The role grants and the external address an executive confirms."""
    slug = organization.slug
    address = (
        complaint_selectors.external_address_change_list(organization=organization)
        .filter(status="verified")
        .count()
    )
    return [
        Waiting(
            "role_grants",
            _("Confidential roles awaiting confirmation"),
            len(role_grant_list_pending(organization=organization)),
            viewer.link(
                can_view_confidential_access,
                "organizations-staff:confidential-access",
                slug,
            ),
        ),
        Waiting(
            "external_address",
            _("External address for reports about executives to confirm"),
            address,
            viewer.link(
                can_manage_external_address, "complaints-staff:external-address", slug
            ),
        ),
    ]


def _waiting_confidential(organization, viewer: _Viewer) -> list[Waiting]:
    """Open reports about an integrity officer: only for those who read them."""
    audience = confidential_audience(viewer.user, viewer.membership)
    if audience != complaint_selectors.AUDIENCE_EXECUTIVES:
        return []
    reports = complaint_selectors.confidential_list(
        organization=organization, status="open", audience=audience
    ).count()
    return [
        Waiting(
            "confidential",
            _("Open reports about an integrity officer"),
            reports,
            reverse(
                "complaints-staff:confidential-list", kwargs={"org": organization.slug}
            ),
        )
    ]


def _waiting_reopened(organization, viewer: _Viewer) -> list[Waiting]:
    slug = organization.slug
    reopened_cases = (
        _general_cases(organization, status="open")
        .filter(reopened=True)  # an annotation of case_list
        .count()
    )
    eservice_reopen = eservice_selectors.request_get_counts(organization=organization)[
        "reopen"
    ]
    return [
        Waiting(
            "complaints_reopened",
            _("Complaints reopened after an unhappy rating"),
            reopened_cases,
            viewer.link(can_view_complaints, "complaints-staff:case-list", slug),
        ),
        Waiting(
            "eservices_reopen",
            _("E-Service reopen requests to decide"),
            eservice_reopen,
            viewer.link(can_view_requests, "eservices-staff:queue", slug),
        ),
    ]


def desk_waiting_list(*, organization, fiscal_year: int, viewer: _Viewer) -> list:
    """Everything waiting for an executive: plans to approve, OIT documents
    to sign, confidential-role grants and the external address for reports
    about executives to confirm, reports about an integrity officer (only
    for those who read them), reopened complaints and E-Service requests."""
    oit = Waiting(
        "oit",
        _("OIT documents awaiting the executive's approval"),
        _oit_items_to_sign(organization, fiscal_year),
        viewer.link(
            can_read_oit,
            "oit-staff:checklist",
            organization.slug,
            fiscal_year=fiscal_year,
        ),
    )
    return [
        _waiting_plans(organization, viewer),
        oit,
        *_waiting_confirmations(organization, viewer),
        *_waiting_confidential(organization, viewer),
        *_waiting_reopened(organization, viewer),
    ]


# --- tiles ------------------------------------------------------------------------


def _oit_tile(organization, fiscal_year: int, viewer: _Viewer) -> OitTile | None:
    """The readiness of this fiscal year's checklist, else of the newest one
    (before the year's checklist is opened the last one still tells)."""
    checklist = (
        oit_selectors.checklist_get(organization=organization, fiscal_year=fiscal_year)
        or oit_selectors.checklist_list(organization=organization).first()
    )
    if checklist is None:
        return None
    fiscal_year = checklist.fiscal_year
    readiness = oit_selectors.readiness_get(
        organization=organization, checklist=checklist
    )
    return OitTile(
        fiscal_year=fiscal_year,
        done=readiness.done,
        total=readiness.total,
        share=readiness.share,
        oit=readiness.oit,
        ita_total=readiness.ita_total,
        ita_level=readiness.ita_level,
        based_on_year=readiness.based_on_year,
        url=viewer.link(
            can_read_oit,
            "oit-staff:checklist",
            organization.slug,
            fiscal_year=fiscal_year,
        ),
    )


def _plans_tile(organization, fiscal_year, today, viewer) -> PlansTile | None:
    plans = list(
        Plan.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).values_list("status", flat=True)
    )
    if not plans:
        return None
    rows = plan_selectors.measure_states_of_year(
        organization=organization, fiscal_year=fiscal_year, today=today
    )
    states: dict[str, int] = {}
    flags = {monitoring.OVERDUE: 0, monitoring.STALE: 0, monitoring.KPI_BEHIND: 0}
    for row in rows:
        states[row.assessment.state] = states.get(row.assessment.state, 0) + 1
        for flag in row.assessment.flags:
            flags[flag] = flags.get(flag, 0) + 1
    labels = STATE_LABELS
    return PlansTile(
        plans=len(plans),
        approved=sum(1 for s in plans if s == Plan.Status.APPROVED),
        measures=len(rows),
        average_percent=round(sum(r.measure.percent_done for r in rows) / len(rows))
        if rows
        else 0,
        states=[
            Count_(labels.get(key, key), n)
            for key, n in states.items()
            if key in labels
        ],
        at_risk=sum(1 for r in rows if r.assessment.at_risk),
        overdue=flags[monitoring.OVERDUE],
        stale=flags[monitoring.STALE],
        kpi_behind=flags[monitoring.KPI_BEHIND],
        url=viewer.link(can_view_plans, "plans-staff:plan-list", organization.slug),
    )


def _eservices_tile(organization, fiscal_year, viewer) -> EservicesTile:
    report = eservice_selectors.eservice_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    counts = eservice_selectors.request_get_counts(organization=organization)
    total = report.total
    return EservicesTile(
        received=total.received,
        completed=total.completed,
        met=total.in_time,
        missed=total.completed - total.in_time + counts["overdue"],
        open=counts["open"],
        overdue_now=counts["overdue"],
        in_time_percent=total.in_time_percent,
        url=viewer.link(
            can_view_requests, "eservices-staff:statistics", organization.slug
        ),
    )


def _complaints_tile(organization, today, viewer) -> ComplaintsTile:
    """General cases (never confidential ones) by status, and the open ones
    by age; one query."""
    now = timezone.now()
    cases = _general_cases(organization).order_by()
    open_q = Q(status__in=OPEN_STATUSES)
    aggregates: dict[str, Any] = {
        status: Count("pk", filter=Q(status=status)) for status in Status.values
    }
    lower = None
    for index, (_label, days) in enumerate(AGE_BUCKETS):
        bucket = open_q
        if days is not None:
            bucket &= Q(received_at__gt=now - datetime.timedelta(days=days))
        if lower is not None:
            bucket &= Q(received_at__lte=now - datetime.timedelta(days=lower))
        aggregates[f"age{index}"] = Count("pk", filter=bucket)
        lower = days
    aggregates["overdue"] = Count("pk", filter=open_q & Q(resolve_due__lt=now))
    row = cases.aggregate(**aggregates)
    by_status = [
        Count_(label, row[value]) for value, label in Status.choices if row[value]
    ]
    return ComplaintsTile(
        total=sum(row[value] for value in Status.values),
        open=sum(row[value] for value in OPEN_STATUSES),
        overdue=row["overdue"],
        by_status=by_status,
        ages=[
            Count_(label, row[f"age{index}"])
            for index, (label, _days) in enumerate(AGE_BUCKETS)
        ],
        url=viewer.link(
            can_view_complaints, "complaints-staff:case-list", organization.slug
        ),
    )


def _procurement_tile(organization, fiscal_year, viewer) -> ProcurementTile:
    year = indicator_selectors.indicator_year(
        organization=organization, fiscal_year=fiscal_year
    )
    counts = indicator_selectors.indicator_counts(year)
    return ProcurementTile(
        fiscal_year=fiscal_year,
        flagged=sum(c.count for c in counts),
        indicators=[Count_(c.label, c.count) for c in counts],
        url=viewer.link(
            can_view_procurement, "procurement-staff:list", organization.slug
        ),
    )


def _budget_tile(organization, fiscal_year, viewer) -> BudgetTile | None:
    budget = budget_selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if budget is None:
        return None
    total: LineMoney = budget_selectors.budget_money(
        organization=organization, budget=budget
    ).total
    return BudgetTile(
        fiscal_year=fiscal_year,
        in_force=total.in_force,
        committed=total.committed,
        disbursed=total.disbursed,
        disbursed_share=total.disbursed_share,
        committed_share=total.committed_share,
        url=viewer.link(
            can_view_budget, "budget-staff:year", organization.slug, year=fiscal_year
        ),
    )
