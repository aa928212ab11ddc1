"""Which reminders a measure is due for on a day: plain data in, plain data out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from prongsai.core import deadlines

DUE_SOON = "due_soon"
OVERDUE = "overdue"
NO_UPDATE = "no_update"


@dataclass(frozen=True)
class ReminderDue:
    kind: str
    key: str  # sent once per kind and key


def reminders_due(
    *,
    start_date: datetime.date,
    due_date: datetime.date,
    last_update_on: datetime.date | None,
    today: datetime.date,
    days_before: int,
    stale_after_days: int,
    approved_on: datetime.date | None = None,
) -> list[ReminderDue]:
    """Reminders an open measure's owner should get today.

    A due date coming within ``days_before`` days, a due date passed (once per
    due date), and no report for more than ``stale_after_days`` days (once per
    last report, so a new report starts the clock again). The last two wait
    until the day after the plan was first approved (``approved_on``), and the
    no-report clock starts on the later of the start date and that day.
    """
    due: list[ReminderDue] = []
    just_approved = approved_on is not None and today <= approved_on
    if deadlines.is_overdue(due_date, today):
        if not just_approved:
            due.append(ReminderDue(OVERDUE, due_date.isoformat()))
    elif deadlines.is_due_within(due_date, today, days_before):
        due.append(ReminderDue(DUE_SOON, due_date.isoformat()))
    tracked_from = max(start_date, approved_on) if approved_on else start_date
    reference = last_update_on or tracked_from
    if (
        not just_approved
        and today > tracked_from
        and (today - reference).days > stale_after_days
    ):
        due.append(ReminderDue(NO_UPDATE, reference.isoformat()))
    return due
