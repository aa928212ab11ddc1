"""Deadlines: the one place that knows working days and time limits.

Service time limits under the Licensing Facilitation Act (พ.ร.บ. การอำนวย
ความสะดวกในการพิจารณาอนุญาตของทางราชการ), complaint deadlines and most
citizen manuals count working days (วันทำการ): Monday to Friday, except
public and government holidays. Holidays come from the ``holidays`` package
(Thai calendar with the lunar Buddhist holidays and substitution days); an
organisation may add its own days off (``extra``). Some limits count calendar
days instead; every model with a time limit stores its unit as a
:class:`DayUnit`.

No database access: complaints, E-Service, plans and OIT call these
functions with the values they hold.

    >>> due_at(received_at, 3, DayUnit.WORKING)  # 16:30 on the 3rd working day
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TypeVar

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .thai_dates import BANGKOK, local_date

OFFICE_CLOSES = time(16, 30)
NO_EXTRA: frozenset[date] = frozenset()
# Two datetimes, or two dates (a due date and today).
Moment = TypeVar("Moment", date, datetime)


class DayUnit(models.TextChoices):
    """How a time limit counts its days (the stored values predate this module)."""

    WORKING = "working_days", _("working days")
    CALENDAR = "days", _("calendar days")


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Thai public and government holidays of a Gregorian year."""
    calendar = holidays.country_holidays(
        "TH",
        years=year,
        categories=(holidays.PUBLIC, holidays.GOVERNMENT),
    )
    return frozenset(calendar.keys())


def is_working_day(day: date, extra: frozenset[date] = NO_EXTRA) -> bool:
    return (
        day.weekday() < 5
        and day not in public_holidays(day.year)
        and (day not in extra)
    )


def get_nth_working_day(
    start: date, count: int, extra: frozenset[date] = NO_EXTRA
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


def working_days_between(a: date, b: date, extra: frozenset[date] = NO_EXTRA) -> int:
    """Working days after ``a`` up to and including ``b`` (0 when ``b <= a``)."""
    days = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day, extra):
            days += 1
    return days


def _check_unit(unit: str) -> None:
    if unit not in DayUnit.values:
        raise ValueError(f"unknown unit {unit!r}")


def due_at(
    start: datetime,
    amount: int,
    unit: str = DayUnit.WORKING,
    *,
    end_of_day: time = OFFICE_CLOSES,
    extra: frozenset[date] = NO_EXTRA,
) -> datetime:
    """When a time limit of ``amount`` days started at ``start`` runs out.

    Calendar days: exactly ``amount`` × 24 hours later. Working days: at
    ``end_of_day`` (the close of office, 16:30 Bangkok time) on the
    ``amount``-th working day after the day of ``start``, whatever the hour of
    ``start``. The result is aware (Bangkok time for working days).
    """
    _check_unit(unit)
    if amount < 0:
        raise ValueError("amount must not be negative")
    if unit == DayUnit.CALENDAR:
        return start + timedelta(days=amount)
    last = get_nth_working_day(local_date(start), amount, extra)
    return datetime.combine(last, end_of_day, tzinfo=BANGKOK)


def due_on(
    start: date, amount: int, unit: str, extra: frozenset[date] = NO_EXTRA
) -> date:
    """The day a limit of ``amount`` days counted from ``start`` ends."""
    _check_unit(unit)
    if unit == DayUnit.CALENDAR:
        return start + timedelta(days=amount)
    return get_nth_working_day(start, amount, extra)


def remaining(due: Moment, now: Moment) -> timedelta:
    """Time left until ``due``; negative once it has passed.

    Pass two datetimes or two dates (a due date and today).
    """
    return due - now


def is_overdue(due: Moment | None, now: Moment) -> bool:
    """Whether ``due`` has passed at ``now`` (a due date is met all that day)."""
    return due is not None and remaining(due, now) < timedelta(0)


def is_due_within(due: Moment | None, now: Moment, days: int) -> bool:
    """Whether ``due`` is past or at most ``days`` days away."""
    return due is not None and remaining(due, now) <= timedelta(days=days)


def duration_text(amount: int, unit: str) -> str:
    """ "3 วันทำการ" or "45 วัน" (in the active language)."""
    if unit == DayUnit.CALENDAR:
        return ngettext("%(days)s day", "%(days)s days", amount) % {"days": amount}
    return ngettext("%(days)s working day", "%(days)s working days", amount) % {
        "days": amount
    }
