"""Running numbers per organisation (and per fiscal year), one mechanism for all.

A counter row (:class:`prongsai.core.models.Sequence`) holds the last number
handed out. :func:`next_number` locks that row (``SELECT ... FOR UPDATE`` on
PostgreSQL; SQLite runs write transactions one at a time because the settings
open them ``IMMEDIATE``), adds one and returns the result, so numbers are
unique without comparing strings: after 9999 comes 10000. The lock is held
until the caller's transaction ends; a transaction that rolls back gives its
number back, one that commits never sees the number again, even if the
record carrying it is deleted later. Numbers may skip (a failed save inside a
savepoint), never repeat.

A counter that does not exist yet starts from ``start()``: the highest number
already in use, so data imported or restored without counters keeps going
where it stopped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db import IntegrityError, transaction

from .models import Sequence

__all__ = ["highest_number", "next_number", "peek_number"]

_TRAILING_DIGITS = re.compile(r"(\d+)$")


def next_number(
    *,
    organization,
    name: str,
    fiscal_year: int = 0,
    start: Callable[[], int] | None = None,
) -> int:
    """Hand out the next number of the numbering ``name`` (1 for the first).

    ``organization`` is an organisation or its id.
    """
    lookup = {
        "organization_id": getattr(organization, "pk", organization),
        "name": name,
        "fiscal_year": fiscal_year,
    }
    with transaction.atomic():
        row = Sequence.objects.select_for_update().filter(**lookup).first()
        if row is None:
            row = _create(lookup, start() if start is not None else 0)
        row.last_value += 1
        row.save(update_fields=["last_value"])
        return row.last_value


def peek_number(*, organization, name: str, fiscal_year: int = 0) -> int:
    """The last number handed out (0 when none was), without taking one."""
    return (
        Sequence.objects.filter(
            organization_id=getattr(organization, "pk", organization),
            name=name,
            fiscal_year=fiscal_year,
        )
        .values_list("last_value", flat=True)
        .first()
        or 0
    )


def highest_number(values: Iterable[str], *, prefix: str = "") -> int:
    """The largest number at the end of ``values`` that start with ``prefix``.

    Compares numbers, not text: ``C2570-10000`` is above ``C2570-9999``.
    Values without trailing digits are ignored.
    """
    highest = 0
    for value in values:
        if not value.startswith(prefix):
            continue
        match = _TRAILING_DIGITS.search(value[len(prefix) :])
        if match:
            highest = max(highest, int(match.group(1)))
    return highest


def _create(lookup: dict, start: int) -> Sequence:
    # Two requests may both find no counter: the unique constraint lets one
    # insert it; the other waits for that insert, then locks the row it made.
    try:
        with transaction.atomic():
            return Sequence.objects.create(**lookup, last_value=max(start, 0))
    except IntegrityError:
        return Sequence.objects.select_for_update().get(**lookup)
