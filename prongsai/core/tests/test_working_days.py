"""Working days of Thai government offices."""

from datetime import UTC, date, datetime

import pytest

from prongsai.core.thai_dates import BANGKOK
from prongsai.core.working_days import (
    CALENDAR_DAYS,
    add_working_days,
    deadline,
    is_working_day,
    public_holidays,
    working_days_between,
)


def test_weekends_and_thai_public_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 1))  # a Tuesday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 7))  # Father's Day, substituted
    assert not is_working_day(date(2026, 12, 10))  # Constitution Day
    assert not is_working_day(date(2026, 4, 14))  # Songkran
    assert not is_working_day(date(2026, 3, 3))  # Makha Bucha (lunar)
    assert date(2027, 2, 22) in public_holidays(2027)  # Makha Bucha in lieu


def test_an_organisation_may_add_its_own_days_off():
    extra = frozenset({date(2026, 12, 2)})
    assert not is_working_day(date(2026, 12, 2), extra)
    assert add_working_days(date(2026, 12, 1), 1, extra) == date(2026, 12, 3)


def test_adding_working_days_skips_weekends_and_holidays():
    # Tue 1 Dec + 5 working days: 2, 3, 4, 8 (5-7 off), 9 December.
    assert add_working_days(date(2026, 12, 1), 5) == date(2026, 12, 9)
    # Friday + 1: the next Monday.
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)
    # Across Songkran 2026 (13-15 April, Mon-Wed).
    assert add_working_days(date(2026, 4, 10), 1) == date(2026, 4, 16)
    assert add_working_days(date(2026, 12, 1), 0) == date(2026, 12, 1)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 1), -1)


def test_counting_working_days_between_dates():
    assert working_days_between(date(2026, 12, 1), date(2026, 12, 9)) == 5
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 0


def test_deadline_closes_at_the_end_of_office_hours():
    filed = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # Friday 10:00 in Bangkok
    due = deadline(filed, 3)
    # Mon 7 Dec is the substitute Father's Day: 8, 9, 11 (10 = Constitution Day).
    assert due == datetime(2026, 12, 11, 16, 30, tzinfo=BANGKOK)


def test_calendar_day_deadlines_are_exact_days():
    filed = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
    assert deadline(filed, 3, CALENDAR_DAYS) == datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        deadline(filed, 3, "fortnights")
