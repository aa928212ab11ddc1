"""How many of an asset are free over some days: pure calculation, no database.

A booking holds ``quantity`` of an asset on every day from ``start`` to
``end``, both included: a loan ending on the 10th and another starting on the
10th both need the item on the 10th. What is free over a range is the stock
less the busiest day of the range.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Booking:
    """``quantity`` of asset ``asset_id`` held from ``start`` to ``end`` (inclusive)."""

    asset_id: int
    start: datetime.date
    end: datetime.date
    quantity: int
    loan_id: int | None = None


@dataclass(frozen=True)
class Shortage:
    """Asked for more of an asset than is free over the range."""

    asset_id: int
    wanted: int
    free: int
    busiest_day: datetime.date


def overlaps(
    start: datetime.date,
    end: datetime.date,
    other_start: datetime.date,
    other_end: datetime.date,
) -> bool:
    """Whether two inclusive day ranges share a day."""
    return start <= other_end and other_start <= end


def peak_booked(
    bookings: Iterable[Booking],
    *,
    asset_id: int,
    start: datetime.date,
    end: datetime.date,
    exclude_loan: int | None = None,
) -> tuple[int, datetime.date]:
    """The most of the asset booked on one day of the range, and that day.

    The day is ``start`` when nothing is booked.
    """
    changes: dict[datetime.date, int] = {}
    for booking in bookings:
        if booking.asset_id != asset_id or booking.quantity <= 0:
            continue
        if exclude_loan is not None and booking.loan_id == exclude_loan:
            continue
        if not overlaps(start, end, booking.start, booking.end):
            continue
        first = max(booking.start, start)
        after = min(booking.end, end) + datetime.timedelta(days=1)
        changes[first] = changes.get(first, 0) + booking.quantity
        changes[after] = changes.get(after, 0) - booking.quantity
    peak, peak_day, running = 0, start, 0
    for day in sorted(changes):
        running += changes[day]
        if running > peak:
            peak, peak_day = running, day
    return peak, peak_day


def free_quantity(
    stock: int,
    bookings: Iterable[Booking],
    *,
    asset_id: int,
    start: datetime.date,
    end: datetime.date,
    exclude_loan: int | None = None,
) -> int:
    """How many may still be lent on every day of the range (never below 0)."""
    peak, _day = peak_booked(
        bookings, asset_id=asset_id, start=start, end=end, exclude_loan=exclude_loan
    )
    return max(stock - peak, 0)


def shortages(
    stock: dict[int, int],
    bookings: Iterable[Booking],
    wanted: dict[int, int],
    *,
    start: datetime.date,
    end: datetime.date,
    exclude_loan: int | None = None,
) -> list[Shortage]:
    """The assets of ``wanted`` (asset id → quantity) that are short over the range."""
    bookings = list(bookings)
    out = []
    for asset_id, quantity in wanted.items():
        peak, day = peak_booked(
            bookings,
            asset_id=asset_id,
            start=start,
            end=end,
            exclude_loan=exclude_loan,
        )
        free = max(stock.get(asset_id, 0) - peak, 0)
        if quantity > free:
            out.append(
                Shortage(asset_id=asset_id, wanted=quantity, free=free, busiest_day=day)
            )
    return out
