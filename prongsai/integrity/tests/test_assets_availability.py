"""How many of an asset are free over some days (pure, no database)."""

import datetime

from prongsai.integrity.availability import (
    Booking,
    free_quantity,
    overlaps,
    peak_booked,
    shortages,
)

D = datetime.date


def day(n: int) -> datetime.date:
    return D(2027, 1, n)


def test_overlaps_includes_both_ends():
    assert overlaps(day(1), day(10), day(10), day(12))  # the same last/first day
    assert overlaps(day(10), day(12), day(1), day(10))
    assert not overlaps(day(1), day(9), day(10), day(12))  # the day after
    assert not overlaps(day(13), day(14), day(10), day(12))
    assert overlaps(day(5), day(5), day(1), day(10))  # one day inside
    assert overlaps(day(1), day(31), day(10), day(12))  # around


def test_nothing_booked_leaves_the_stock():
    assert free_quantity(200, [], asset_id=1, start=day(1), end=day(3)) == 200


def test_bookings_on_different_days_do_not_add_up():
    bookings = [
        Booking(asset_id=1, start=day(1), end=day(2), quantity=150),
        Booking(asset_id=1, start=day(3), end=day(4), quantity=150),
    ]
    assert free_quantity(200, bookings, asset_id=1, start=day(1), end=day(4)) == 50
    assert peak_booked(bookings, asset_id=1, start=day(1), end=day(4))[0] == 150


def test_overlapping_bookings_add_up_on_the_shared_day():
    bookings = [
        Booking(asset_id=1, start=day(1), end=day(5), quantity=80),
        Booking(asset_id=1, start=day(5), end=day(8), quantity=70),
        Booking(asset_id=1, start=day(6), end=day(6), quantity=40),
    ]
    peak, busiest = peak_booked(bookings, asset_id=1, start=day(1), end=day(10))
    assert (peak, busiest) == (150, day(5))  # day 6 has 70 + 40 = 110
    assert free_quantity(200, bookings, asset_id=1, start=day(1), end=day(10)) == 50
    # Asked only for the 7th-10th: 70 taken.
    assert free_quantity(200, bookings, asset_id=1, start=day(7), end=day(10)) == 130


def test_exact_boundary_days():
    bookings = [Booking(asset_id=1, start=day(10), end=day(12), quantity=10)]
    stock = 10
    assert free_quantity(stock, bookings, asset_id=1, start=day(8), end=day(9)) == 10
    assert free_quantity(stock, bookings, asset_id=1, start=day(8), end=day(10)) == 0
    assert free_quantity(stock, bookings, asset_id=1, start=day(12), end=day(14)) == 0
    assert free_quantity(stock, bookings, asset_id=1, start=day(13), end=day(14)) == 10


def test_other_assets_and_the_loan_itself_do_not_count():
    bookings = [
        Booking(asset_id=2, start=day(1), end=day(3), quantity=5),
        Booking(asset_id=1, start=day(1), end=day(3), quantity=4, loan_id=7),
    ]
    assert free_quantity(5, bookings, asset_id=1, start=day(1), end=day(3)) == 1
    assert (
        free_quantity(5, bookings, asset_id=1, start=day(1), end=day(3), exclude_loan=7)
        == 5
    )


def test_never_below_zero():
    bookings = [Booking(asset_id=1, start=day(1), end=day(3), quantity=12)]
    assert free_quantity(10, bookings, asset_id=1, start=day(1), end=day(3)) == 0


def test_shortages_name_the_asset_and_the_busiest_day():
    bookings = [
        Booking(asset_id=1, start=day(1), end=day(3), quantity=190),
        Booking(asset_id=2, start=day(2), end=day(2), quantity=1),
    ]
    found = shortages(
        {1: 200, 2: 10, 3: 1}, bookings, {1: 10, 2: 9, 3: 2}, start=day(2), end=day(4)
    )
    # Asset 1: 200 - 190 = 10 free, 10 wanted; asset 2: 9 free, 9 wanted;
    # asset 3: nothing booked, 1 in stock, 2 wanted: the only shortage.
    assert [(s.asset_id, s.wanted, s.free, s.busiest_day) for s in found] == [
        (3, 2, 1, day(2))
    ]
    found = shortages({1: 200}, bookings, {1: 11}, start=day(2), end=day(4))
    assert [(s.free, s.busiest_day) for s in found] == [(10, day(2))]


def test_exactly_what_is_free_is_not_short():
    bookings = [Booking(asset_id=1, start=day(1), end=day(1), quantity=3)]
    assert shortages({1: 5}, bookings, {1: 2}, start=day(1), end=day(1)) == []
    assert len(shortages({1: 5}, bookings, {1: 3}, start=day(1), end=day(1))) == 1
