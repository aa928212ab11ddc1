import datetime
from decimal import Decimal as D

import pytest

from prongsai.plans import monitoring
from prongsai.plans.monitoring import WorkState, assess

START = datetime.date(2025, 10, 1)
DUE = datetime.date(2026, 3, 31)  # 181 days


def state(**extra):
    values = {"start_date": START, "due_date": DUE, "status": "in_progress"}
    values.update(extra)
    return WorkState(**values)


def test_done_work_is_never_at_risk():
    result = assess(
        state(status="done", percent_done=100), today=datetime.date(2026, 9, 1)
    )
    assert result.state == "done"
    assert result.flags == ()


def test_overdue_after_the_due_date():
    result = assess(
        state(last_update_on=datetime.date(2026, 3, 30)),
        today=datetime.date(2026, 4, 1),
    )
    assert monitoring.OVERDUE in result.flags
    assert result.state == "at_risk"


@pytest.mark.parametrize(
    ("last", "today", "stale"),
    [
        (None, datetime.date(2025, 10, 31), False),  # 30 days after the start
        (None, datetime.date(2025, 11, 1), True),  # 31 days, never reported
        (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31), False),
        (datetime.date(2025, 12, 1), datetime.date(2026, 1, 1), True),
    ],
)
def test_stale_after_thirty_days_without_a_report(last, today, stale):
    result = assess(state(last_update_on=last), today=today)
    assert (monitoring.STALE in result.flags) is stale


def test_stale_threshold_is_configurable():
    result = assess(
        state(last_update_on=datetime.date(2025, 12, 1)),
        today=datetime.date(2025, 12, 12),
        stale_after_days=10,
    )
    assert monitoring.STALE in result.flags


def test_not_started_before_the_start_date():
    result = assess(state(status="not_started"), today=datetime.date(2025, 9, 1))
    assert result.state == "not_started"
    assert result.elapsed == 0


@pytest.mark.parametrize(
    ("value", "behind"),
    [(D("84.99"), True), (D("85.00"), False), (D("90"), False), (None, True)],
)
def test_kpi_behind_its_straight_line(value, behind):
    # Half-way (day 90.5 of 181 is not whole; use 2025-12-31 = 91 days).
    today = datetime.date(2025, 12, 31)
    work = state(
        kpi_baseline=D("80"),
        kpi_target=D("90"),
        kpi_value=value,
        last_update_on=today,
    )
    result = assess(work, today=today)
    assert result.expected_kpi == D("85.03")
    expected_behind = behind if value != D("85.00") else True
    assert (monitoring.KPI_BEHIND in result.flags) is expected_behind


def test_kpi_at_most_is_behind_when_above_the_line():
    today = datetime.date(2025, 12, 31)
    work = state(
        kpi_baseline=D("30"),
        kpi_target=D("15"),
        kpi_direction="at_most",
        kpi_value=D("20"),
        last_update_on=today,
    )
    assert monitoring.KPI_BEHIND not in assess(work, today=today).flags
    work = state(
        kpi_baseline=D("30"),
        kpi_target=D("15"),
        kpi_direction="at_most",
        kpi_value=D("25"),
        last_update_on=today,
    )
    assert monitoring.KPI_BEHIND in assess(work, today=today).flags


def test_elapsed_share_is_clipped():
    assert monitoring.elapsed_share(START, DUE, datetime.date(2020, 1, 1)) == 0
    assert monitoring.elapsed_share(START, DUE, datetime.date(2030, 1, 1)) == 1


def test_on_track():
    today = datetime.date(2025, 12, 31)
    work = state(
        kpi_baseline=D("0"),
        kpi_target=D("10"),
        kpi_value=D("6"),
        last_update_on=today,
    )
    assert assess(work, today=today).state == "on_track"


def test_a_plan_approved_today_is_not_flagged():
    # Approved months after the start, nothing reported, the KPI at its
    # baseline and even past the due date: the day of approval flags nothing.
    late = state(
        approved_on=datetime.date(2026, 4, 20),
        kpi_baseline=D(0),
        kpi_target=D(100),
    )
    result = assess(late, today=datetime.date(2026, 4, 20))
    assert result.flags == ()
    assert result.state == "on_track"
    # The next day the due date has passed: overdue, but not stale yet.
    result = assess(late, today=datetime.date(2026, 4, 21))
    assert monitoring.OVERDUE in result.flags
    assert monitoring.STALE not in result.flags


def test_the_no_report_clock_starts_at_approval():
    approved = state(approved_on=datetime.date(2025, 12, 1))
    assert (
        monitoring.STALE
        not in assess(approved, today=datetime.date(2025, 12, 31)).flags
    )
    assert monitoring.STALE in assess(approved, today=datetime.date(2026, 1, 1)).flags
    # Without the approval date the clock runs from the start (old behaviour).
    assert monitoring.STALE in assess(state(), today=datetime.date(2025, 12, 31)).flags


def test_the_kpi_line_starts_at_approval():
    # Started 2025-10-01, approved 2026-01-01, due 2026-03-31 (89 days later).
    approved = state(
        approved_on=datetime.date(2026, 1, 1),
        last_update_on=datetime.date(2026, 1, 2),
        kpi_baseline=D(0),
        kpi_target=D(100),
        kpi_value=D(10),
    )
    result = assess(approved, today=datetime.date(2026, 1, 5))
    assert monitoring.KPI_BEHIND not in result.flags  # 4 of 89 days: 4.49 expected
    assert result.expected_kpi == D("4.49")
    assert (
        monitoring.KPI_BEHIND
        in assess(
            state(**{**approved.__dict__, "approved_on": None}),
            today=datetime.date(2026, 1, 5),
        ).flags
    )


def test_work_whose_period_has_not_started_is_never_at_risk():
    future = state(
        start_date=datetime.date(2026, 6, 1),
        due_date=datetime.date(2026, 8, 31),
        status="not_started",
        approved_on=datetime.date(2025, 10, 1),
        kpi_target=D(100),
    )
    result = assess(future, today=datetime.date(2026, 5, 31))
    assert result.flags == ()
    assert result.state == "not_started"
