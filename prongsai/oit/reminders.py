"""Which OIT items a responsible person should be reminded of today (pure).

Two kinds of reminder, both in Thai:

- a due date: an item not yet ready whose due date is past or near;
- recurring content: generated evidence that no longer meets its
  requirements, e.g. a month whose procurement summary is not yet published
  or a six-month report that is now due. Generated evidence follows the
  records, so an item that was ready becomes "needs updating" when the next
  period arrives, and leaves the digest again once the records are complete.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from prongsai.core import deadlines

OVERDUE = "overdue"
DUE_SOON = "due_soon"
NEEDS_UPDATE = "needs_update"


@dataclass(frozen=True)
class DigestLine:
    item_id: int
    code: str
    title: str
    reason: str
    due_date: datetime.date | None = None
    missing: tuple[str, ...] = ()


DUE_SOON_DAYS = 14


def due_near(item, *, today: datetime.date, days: int = DUE_SOON_DAYS) -> bool:
    """Whether the item's due date is past or within ``days`` days."""
    return deadlines.is_due_within(item.due_date, today, days)


def digest_lines(
    states, *, today: datetime.date, days: int = DUE_SOON_DAYS
) -> list[DigestLine]:
    """The lines owed for ``states`` (``oit.selectors.ItemState``), in item order."""
    lines = []
    for state in states:
        item = state.item
        generated = state.generated
        is_due = due_near(item, today=today, days=days)
        # A period not over yet (e.g. the first six months in November) is
        # not owed before the item is due; what is missing now is.
        failing = (
            tuple(
                c.message_th
                for c in generated.checks
                if not c.passed and (c.text != "period" or is_due)
            )
            if generated is not None
            else ()
        )
        if failing:
            lines.append(
                DigestLine(
                    item.pk,
                    item.code,
                    item.title_th,
                    NEEDS_UPDATE,
                    item.due_date,
                    failing,
                )
            )
        elif not item.counts_as_done and is_due:
            reason = OVERDUE if deadlines.is_overdue(item.due_date, today) else DUE_SOON
            lines.append(
                DigestLine(
                    item.pk,
                    item.code,
                    item.title_th,
                    reason,
                    item.due_date,
                    tuple(state.missing),
                )
            )
    return lines


def digest_key(lines) -> str:
    """A fingerprint of a digest: the same lines are not sent again at once."""
    raw = "\n".join(
        f"{line.item_id}|{line.reason}|{line.due_date}|{'/'.join(line.missing)}"
        for line in lines
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def should_send(
    *,
    key: str,
    last_key: str | None,
    last_sent_on: datetime.date | None,
    today: datetime.date,
    repeat_days: int = 7,
) -> bool:
    """New content goes out the next morning; the same content once a week."""
    if last_sent_on is None or key != last_key:
        return True
    return (today - last_sent_on).days >= repeat_days
