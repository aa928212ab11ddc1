"""At-risk detection for measures and activities: plain data in, flags out.

A piece of work is at risk when it is overdue, when nobody has reported on it
for too long, or when its KPI lags behind the straight line from the baseline
at the start date to the target at the due date.

Work is judged only while its plan is in force: nothing is flagged on or
before the day the plan was first approved (``approved_on``), the
no-report clock and the KPI's straight line start on the later of the start
date and that day, and work whose period has not started is never at risk.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from prongsai.core import deadlines

OVERDUE = "overdue"
STALE = "stale"
KPI_BEHIND = "kpi_behind"

DONE_STATUSES = frozenset({"done", "cancelled"})
CENT = Decimal("0.01")


@dataclass(frozen=True)
class WorkState:
    start_date: datetime.date
    due_date: datetime.date
    status: str
    percent_done: int = 0
    last_update_on: datetime.date | None = None
    kpi_baseline: Decimal | None = None
    kpi_target: Decimal | None = None
    kpi_value: Decimal | None = None
    kpi_direction: str = "at_least"
    # The day the plan was first approved; None: judged from the start date.
    approved_on: datetime.date | None = None

    @property
    def tracked_from(self) -> datetime.date:
        """The day the work is followed from: its start, or the approval of
        its plan when that came later."""
        if self.approved_on is not None and self.approved_on > self.start_date:
            return self.approved_on
        return self.start_date


@dataclass(frozen=True)
class Assessment:
    state: str  # done, cancelled, not_started, on_track, at_risk
    flags: tuple[str, ...]
    elapsed: Decimal  # share of the planned time gone, 0-1
    expected_kpi: Decimal | None
    days_since_update: int | None

    @property
    def at_risk(self) -> bool:
        return bool(self.flags)


def elapsed_share(
    start: datetime.date, due: datetime.date, today: datetime.date
) -> Decimal:
    """How much of the planned time has passed, from 0 to 1."""
    if today <= start:
        return Decimal(0)
    if today >= due:
        return Decimal(1)
    return Decimal((today - start).days) / Decimal((due - start).days)


def expected_kpi(baseline: Decimal | None, target: Decimal, share: Decimal) -> Decimal:
    """The KPI value on the straight line from baseline to target."""
    base = baseline if baseline is not None else Decimal(0)
    return (base + (target - base) * share).quantize(CENT, rounding=ROUND_HALF_UP)


def kpi_behind(
    state: WorkState, *, today: datetime.date
) -> tuple[bool, Decimal | None]:
    """Whether the KPI lags its trajectory, and the value expected today.

    The straight line runs from the day the work is followed (see
    ``WorkState.tracked_from``) to the due date.
    """
    share = elapsed_share(state.tracked_from, state.due_date, today)
    if state.kpi_target is None or share <= 0:
        return False, None
    expected = expected_kpi(state.kpi_baseline, state.kpi_target, share)
    value = state.kpi_value
    if value is None:
        value = state.kpi_baseline if state.kpi_baseline is not None else Decimal(0)
    if state.kpi_direction == "at_most":
        return value > expected, expected
    return value < expected, expected


def risk_flags(
    state: WorkState, *, today: datetime.date, stale_after_days: int = 30
) -> tuple[list[str], Decimal | None]:
    """The at-risk flags of open work on ``today`` and the KPI expected."""
    if today < state.start_date:
        return [], None  # its period has not started
    if state.approved_on is not None and today <= state.approved_on:
        return [], None  # the plan was approved today (or is dated ahead)
    flags: list[str] = []
    if deadlines.is_overdue(state.due_date, today):
        flags.append(OVERDUE)
    tracked_from = state.tracked_from
    # Without any report, the clock starts when the work is followed.
    reference = state.last_update_on or tracked_from
    if today > tracked_from and (today - reference).days > stale_after_days:
        flags.append(STALE)
    behind, expected = kpi_behind(state, today=today)
    if behind:
        flags.append(KPI_BEHIND)
    return flags, expected


def assess(
    state: WorkState, *, today: datetime.date, stale_after_days: int = 30
) -> Assessment:
    """Judge one piece of work on ``today``."""
    share = elapsed_share(state.start_date, state.due_date, today)
    last = state.last_update_on
    days_since = (today - last).days if last is not None else None
    if state.status in DONE_STATUSES:
        return Assessment(state.status, (), share, None, days_since)
    flags, expected = risk_flags(state, today=today, stale_after_days=stale_after_days)
    if flags:
        label = "at_risk"
    elif today < state.start_date and state.status == "not_started":
        label = "not_started"
    else:
        label = "on_track"
    return Assessment(label, tuple(flags), share, expected, days_since)
