"""Running numbers per organisation (and per fiscal year), one mechanism for all.

A counter row (:class:`prongsai.core.models.Sequence`) holds the last number
handed out. :func:`next_number` adds one to it and reads the result in one
statement (``UPDATE ... RETURNING``, which locks the row on PostgreSQL;
SQLite runs write transactions one at a time because the settings open them
``IMMEDIATE``), so numbers are unique without comparing strings: after 9999
comes 10000. The lock is held until the caller's transaction ends, so a
caller takes its number as late as it can (just before the insert that
carries it) to keep concurrent callers waiting as briefly as possible. A
transaction that rolls back gives its number back, one that commits never
sees the number again, even if the record carrying it is deleted later.
Numbers may skip (a failed save inside a savepoint), never repeat.

A counter that does not exist yet starts from ``start()``: the highest number
already in use, so data imported or restored without counters keeps going
where it stopped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db import IntegrityError, connection, transaction

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
    number = _increment(lookup)
    if number is None:
        number = _create(lookup, start() if start is not None else 0)
    return number


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


def _increment(lookup: dict) -> int | None:
    """Add one to the counter and return it; None when there is no counter.

    One round trip, and no savepoint: this is the statement that makes a
    concurrent caller wait, so it is kept as short as it can be.
    """
    table = connection.ops.quote_name(Sequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_value = last_value + 1 "  # noqa: S608 - the model's table
            "WHERE organization_id = %s AND name = %s AND fiscal_year = %s "
            "RETURNING last_value",
            [lookup["organization_id"], lookup["name"], lookup["fiscal_year"]],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _create(lookup: dict, start: int) -> int:
    # Two requests may both find no counter: the unique constraint lets one
    # insert it; the other waits for that insert, then counts on from it.
    try:
        with transaction.atomic():
            return Sequence.objects.create(
                **lookup, last_value=max(start, 0) + 1
            ).last_value
    except IntegrityError:
        number = _increment(lookup)
        assert number is not None  # the row the other request inserted
        return number
