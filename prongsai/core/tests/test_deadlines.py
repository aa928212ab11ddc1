"""The one deadline module: working days of Thai government offices."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.template import Context, Template
from django.utils import translation

from prongsai.core.deadlines import (
    DayUnit,
    due_at,
    due_on,
    duration_text,
    get_nth_working_day,
    is_due_within,
    is_overdue,
    is_working_day,
    public_holidays,
    remaining,
    working_days_between,
)
from prongsai.core.thai_dates import BANGKOK


def test_weekends_and_thai_public_holidays_are_not_working_days():
    assert is_working_day(date(2026, 12, 1))  # a Tuesday
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 12, 7))  # Father's Day, substituted
    assert not is_working_day(date(2026, 12, 10))  # Constitution Day
    assert not is_working_day(date(2026, 4, 14))  # Songkran
    assert not is_working_day(date(2026, 3, 3))  # Makha Bucha (lunar)
    assert date(2027, 2, 22) in public_holidays(2027)  # Makha Bucha in lieu


def test_songkran_and_the_fifth_of_december_on_a_weekday():
    # 2025: 13-15 April fall Sun-Tue, the 13th is made up on Wednesday 16th.
    for day in (13, 14, 15, 16):
        assert not is_working_day(date(2025, 4, day))
    assert is_working_day(date(2025, 4, 17))
    # 5 December 2025 is a Friday: no working day between Thu 4 and Mon 8.
    assert not is_working_day(date(2025, 12, 5))
    assert get_nth_working_day(date(2025, 12, 4), 1) == date(2025, 12, 8)


def test_an_organisation_may_add_its_own_days_off():
    extra = frozenset({date(2026, 12, 2)})
    assert not is_working_day(date(2026, 12, 2), extra)
    assert get_nth_working_day(date(2026, 12, 1), 1, extra) == date(2026, 12, 3)


def test_nth_working_day_skips_weekends_and_holidays():
    # Tue 1 Dec + 5 working days: 2, 3, 4, 8 (5-7 off), 9 December.
    assert get_nth_working_day(date(2026, 12, 1), 5) == date(2026, 12, 9)
    # Friday + 1: the next Monday.
    assert get_nth_working_day(date(2026, 11, 27), 1) == date(2026, 11, 30)
    # Across Songkran 2026 (13-15 April, Mon-Wed).
    assert get_nth_working_day(date(2026, 4, 10), 1) == date(2026, 4, 16)
    assert get_nth_working_day(date(2026, 12, 1), 0) == date(2026, 12, 1)
    with pytest.raises(ValueError):
        get_nth_working_day(date(2026, 12, 1), -1)


def test_working_days_cross_the_year_boundary():
    # Thu 31 Dec 2026 (New Year's Eve, a holiday) and Fri 1 Jan 2027 are off.
    assert not is_working_day(date(2026, 12, 31))
    assert not is_working_day(date(2027, 1, 1))
    assert get_nth_working_day(date(2026, 12, 30), 1) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 29), date(2027, 1, 5)) == 3


def test_counting_working_days_between_dates():
    assert working_days_between(date(2026, 12, 1), date(2026, 12, 9)) == 5
    assert working_days_between(date(2026, 12, 4), date(2026, 12, 7)) == 0
    assert working_days_between(date(2026, 12, 9), date(2026, 12, 1)) == 0


def test_working_day_deadlines_close_at_half_past_four():
    filed = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)  # Friday 10:00 in Bangkok
    due = due_at(filed, 3, DayUnit.WORKING)
    # Mon 7 Dec is the substitute Father's Day: 8, 9, 11 (10 = Constitution Day).
    assert due == datetime(2026, 12, 11, 16, 30, tzinfo=BANGKOK)
    # Filed after office hours (Friday 23:30 Bangkok): the day still counts as
    # the start day, so the deadline is the same.
    late = datetime(2026, 12, 4, 16, 30, tzinfo=UTC)
    assert due_at(late, 3, DayUnit.WORKING) == due
    # Just after midnight Bangkok time it is Saturday already.
    saturday = datetime(2026, 12, 4, 17, 1, tzinfo=UTC)
    assert due_at(saturday, 1, DayUnit.WORKING).date() == date(2026, 12, 8)
    assert due_at(filed, 1, DayUnit.WORKING, end_of_day=time(12, 0)) == datetime(
        2026, 12, 8, 12, 0, tzinfo=BANGKOK
    )


def test_calendar_day_deadlines_are_exact_days():
    filed = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)
    assert due_at(filed, 3, DayUnit.CALENDAR) == datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
    assert due_on(date(2026, 12, 30), 3, DayUnit.CALENDAR) == date(2027, 1, 2)
    assert due_on(date(2026, 12, 30), 3, DayUnit.WORKING) == date(2027, 1, 6)
    with pytest.raises(ValueError):
        due_at(filed, 3, "fortnights")
    with pytest.raises(ValueError):
        due_at(filed, -1, DayUnit.CALENDAR)


def test_remaining_and_overdue_for_datetimes_and_dates():
    due = datetime(2026, 12, 11, 16, 30, tzinfo=BANGKOK)
    before = due - timedelta(hours=2)
    assert remaining(due, before) == timedelta(hours=2)
    assert not is_overdue(due, before)
    assert not is_overdue(due, due)
    assert is_overdue(due, due + timedelta(seconds=1))
    assert remaining(due, due + timedelta(hours=1)) == -timedelta(hours=1)
    # A due date is met all day long.
    assert not is_overdue(date(2026, 12, 11), date(2026, 12, 11))
    assert is_overdue(date(2026, 12, 11), date(2026, 12, 12))
    assert not is_overdue(None, date(2026, 12, 12))
    assert is_due_within(date(2026, 12, 11), date(2026, 12, 4), 7)
    assert not is_due_within(date(2026, 12, 12), date(2026, 12, 4), 7)
    assert not is_due_within(None, date(2026, 12, 4), 7)


def test_thai_labels_come_from_one_filter():
    template = Template(
        "{% load thai %}{{ a|days_label:'working_days' }}/{{ b|days_label:'days' }}"
        "/{{ c|days_label }}/{{ none|days_label }}"
    )
    with translation.override("th"):
        assert template.render(Context({"a": 3, "b": 45, "c": 1})) == (
            "3 วันทำการ/45 วัน/1 วันทำการ/"
        )
        assert duration_text(45, DayUnit.CALENDAR) == "45 วัน"
    with translation.override("en"):
        assert duration_text(1, DayUnit.WORKING) == "1 working day"
        assert duration_text(2, DayUnit.CALENDAR) == "2 days"
