"""Working days of Thai government offices, for legal time limits.

Service time limits under the Licensing Facilitation Act (พ.ร.บ. การอำนวย
ความสะดวกในการพิจารณาอนุญาตของทางราชการ) and most citizen manuals count
working days (วันทำการ): Monday to Friday, except public and government
holidays. Holidays come from the ``holidays`` package (Thai calendar with
the lunar Buddhist holidays and substitution days); an organisation may add
its own days off (``extra``). Free of Django, like ``thai_dates``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from .thai_dates import BANGKOK, local_date

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "days"
OFFICE_CLOSES = time(16, 30)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Thai public and government holidays of a Gregorian year."""
    calendar = holidays.country_holidays(
        "TH",
        years=year,
        categories=(holidays.PUBLIC, holidays.GOVERNMENT),
    )
    return frozenset(calendar.keys())


def is_working_day(day: date, extra: frozenset[date] = frozenset()) -> bool:
    return (
        day.weekday() < 5
        and day not in public_holidays(day.year)
        and (day not in extra)
    )


def add_working_days(
    start: date, count: int, extra: frozenset[date] = frozenset()
) -> date:
    """The ``count``-th working day after ``start`` (``start`` is not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day, extra):
            count -= 1
    return day


def working_days_between(
    start: date, end: date, extra: frozenset[date] = frozenset()
) -> int:
    """Working days after ``start`` up to and including ``end``."""
    days = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, extra):
            days += 1
    return days


def deadline(
    start: datetime,
    count: int,
    unit: str = WORKING_DAYS,
    extra: frozenset[date] = frozenset(),
) -> datetime:
    """When a time limit of ``count`` days started at ``start`` runs out.

    Calendar days: exactly ``count`` × 24 hours later. Working days: at the
    close of office (16:30 Bangkok time) on the ``count``-th working day
    after the day of ``start``. The result is aware (Bangkok time).
    """
    if unit == CALENDAR_DAYS:
        return start + timedelta(days=count)
    if unit != WORKING_DAYS:
        raise ValueError(f"unknown unit {unit!r}")
    last = add_working_days(local_date(start), count, extra)
    return datetime.combine(last, OFFICE_CLOSES, tzinfo=BANGKOK)
