"""At-risk detection for measures and activities: plain data in, flags out.

A piece of work is at risk when it is overdue, when nobody has reported on it
for too long, or when its KPI lags behind the straight line from the baseline
at the start date to the target at the due date.
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


def kpi_behind(state: WorkState, share: Decimal) -> tuple[bool, Decimal | None]:
    """Whether the KPI lags its trajectory, and the value expected today."""
    if state.kpi_target is None or share <= 0:
        return False, None
    expected = expected_kpi(state.kpi_baseline, state.kpi_target, share)
    value = state.kpi_value
    if value is None:
        value = state.kpi_baseline if state.kpi_baseline is not None else Decimal(0)
    if state.kpi_direction == "at_most":
        return value > expected, expected
    return value < expected, expected


def assess(
    state: WorkState, *, today: datetime.date, stale_after_days: int = 30
) -> Assessment:
    """Judge one piece of work on ``today``."""
    share = elapsed_share(state.start_date, state.due_date, today)
    last = state.last_update_on
    days_since = (today - last).days if last is not None else None
    if state.status in DONE_STATUSES:
        return Assessment(state.status, (), share, None, days_since)
    flags: list[str] = []
    if deadlines.is_overdue(state.due_date, today):
        flags.append(OVERDUE)
    # Without any report, the clock starts on the start date.
    reference = last or state.start_date
    if today > state.start_date and (today - reference).days > stale_after_days:
        flags.append(STALE)
    behind, expected = kpi_behind(state, share)
    if behind:
        flags.append(KPI_BEHIND)
    if flags:
        label = "at_risk"
    elif today < state.start_date and state.status == "not_started":
        label = "not_started"
    else:
        label = "on_track"
    return Assessment(label, tuple(flags), share, expected, days_since)
