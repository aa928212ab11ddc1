"""Tests for prongsai.core.thai_dates (pure module; no Django settings needed).

Expected values in the parametrised tables are computed by hand: BE = CE + 543,
and the fiscal year that ends on 30 September of CE year Y is BE Y + 543.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.thai_dates import (
    BANGKOK,
    BE_OFFSET,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    THAI_WEEKDAYS,
    fiscal_half,
    fiscal_half_bounds,
    fiscal_period_bounds,
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    fiscal_year_label,
    format_date,
    format_datetime,
    local_date,
    parse_thai_date,
    to_arabic_digits,
    to_be_year,
    to_ce_year,
    to_thai_digits,
)

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")

# Every date whose fiscal year lies inside the range of datetime.date.
FISCAL_DATES = st.dates(min_value=date(1, 10, 1), max_value=date(9999, 9, 30))
# Fiscal years whose bounds are representable (CE 0001-10-01 .. 9999-09-30).
FISCAL_YEARS = st.integers(min_value=545, max_value=10542)
# Dates whose BE year has four digits and is >= 2400, so it parses back as BE.
PARSEABLE_DATES = st.dates(min_value=date(1857, 1, 1), max_value=date(9456, 12, 31))
# Dates whose BE year is 25xx, the range a two-digit year denotes.
TWO_DIGIT_YEAR_DATES = st.dates(
    min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)
)


# ---------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------


def test_be_offset_is_543() -> None:
    """The Buddhist era is 543 years ahead of the Common Era."""
    assert BE_OFFSET == 543


def test_bangkok_is_the_asia_bangkok_zone() -> None:
    """BANGKOK is the Asia/Bangkok zone, UTC+7 all year."""
    assert BANGKOK.key == "Asia/Bangkok"
    assert datetime(2026, 1, 1, tzinfo=BANGKOK).utcoffset() == timedelta(hours=7)
    assert datetime(2026, 7, 1, tzinfo=BANGKOK).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("month", "full", "abbr"),
    [
        (1, "มกราคม", "ม.ค."),
        (2, "กุมภาพันธ์", "ก.พ."),
        (4, "เมษายน", "เม.ย."),
        (9, "กันยายน", "ก.ย."),
        (10, "ตุลาคม", "ต.ค."),
        (12, "ธันวาคม", "ธ.ค."),
    ],
)
def test_thai_month_names_and_abbreviations_from_january(
    month: int, full: str, abbr: str
) -> None:
    """THAI_MONTHS / THAI_MONTHS_ABBR list มกราคม (ม.ค.) … ธันวาคม (ธ.ค.) in order."""
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS[month - 1] == full
    assert THAI_MONTHS_ABBR[month - 1] == abbr


def test_thai_weekdays_start_on_monday_like_date_weekday() -> None:
    """THAI_WEEKDAYS[date.weekday()] names the weekday: 23 Nov 2026 is จันทร์."""
    assert THAI_WEEKDAYS == (
        "จันทร์",
        "อังคาร",
        "พุธ",
        "พฤหัสบดี",
        "ศุกร์",
        "เสาร์",
        "อาทิตย์",
    )
    assert THAI_WEEKDAYS[date(2026, 11, 23).weekday()] == "จันทร์"
    assert THAI_WEEKDAYS[date(2026, 11, 22).weekday()] == "อาทิตย์"


# ---------------------------------------------------------------------------
# Era conversion
# ---------------------------------------------------------------------------

ERA_PAIRS = [
    (2025, 2568),
    (2026, 2569),
    (2024, 2567),
    (2000, 2543),
    (1957, 2500),
    (1857, 2400),
    (1, 544),
]


@pytest.mark.parametrize(("ce", "be"), ERA_PAIRS)
def test_to_be_year_adds_543(ce: int, be: int) -> None:
    """to_be_year returns the CE year plus 543."""
    assert to_be_year(ce) == be


@pytest.mark.parametrize(("ce", "be"), ERA_PAIRS)
def test_to_ce_year_subtracts_543(ce: int, be: int) -> None:
    """to_ce_year returns the BE year minus 543."""
    assert to_ce_year(be) == ce


@given(st.integers(min_value=-10_000, max_value=100_000))
def test_era_conversions_are_inverse(year: int) -> None:
    """Converting to BE and back (and the other way round) is the identity."""
    assert to_ce_year(to_be_year(year)) == year
    assert to_be_year(to_ce_year(year)) == year


# ---------------------------------------------------------------------------
# local_date
# ---------------------------------------------------------------------------


def test_local_date_returns_a_date_unchanged() -> None:
    """A plain date is returned as the very same object."""
    value = date(2025, 10, 1)
    assert local_date(value) is value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 9, 30, 23, 59), date(2025, 9, 30)),
        (datetime(2025, 10, 1, 0, 0), date(2025, 10, 1)),
        (datetime(2025, 9, 30, 18, 0, tzinfo=UTC), date(2025, 10, 1)),
        (datetime(2025, 9, 30, 16, 59, 59, tzinfo=UTC), date(2025, 9, 30)),
        (datetime(2025, 9, 30, 17, 0, tzinfo=UTC), date(2025, 10, 1)),
        (datetime(2025, 10, 1, 0, 30, tzinfo=TOKYO), date(2025, 9, 30)),
        (datetime(2025, 9, 30, 13, 0, tzinfo=NEW_YORK), date(2025, 10, 1)),
        (datetime(2025, 10, 1, 6, 59, tzinfo=BANGKOK), date(2025, 10, 1)),
    ],
)
def test_local_date_takes_the_bangkok_calendar_date(
    value: datetime, expected: date
) -> None:
    """Naive datetimes keep their date; aware ones use the date in Bangkok."""
    assert local_date(value) == expected


@pytest.mark.parametrize("value", ["2025-10-01", 2025, None])
def test_local_date_rejects_non_dates(value: object) -> None:
    """Anything other than a date or datetime raises TypeError."""
    with pytest.raises(TypeError):
        local_date(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Fiscal year
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (date(2025, 12, 31), 2569),
        (date(2026, 1, 1), 2569),
        (date(2026, 9, 30), 2569),
        (date(2026, 10, 1), 2570),
        (date(2026, 11, 22), 2570),
        (date(2024, 2, 29), 2567),
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(1999, 12, 31), 2543),
        (date(2000, 1, 1), 2543),
    ],
)
def test_fiscal_year_changes_on_1_october(value: date, expected: int) -> None:
    """Dates from 1 Oct to 30 Sep belong to the BE year in which 30 Sep falls."""
    assert fiscal_year(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 9, 30, 18, 0, tzinfo=UTC), 2569),
        (datetime(2025, 9, 30, 17, 0, tzinfo=UTC), 2569),
        (datetime(2025, 9, 30, 16, 59, 59, tzinfo=UTC), 2568),
        (datetime(2025, 9, 30, 23, 59, 59), 2568),
        (datetime(2025, 10, 1, 0, 0), 2569),
        (datetime(2025, 10, 1, 0, 30, tzinfo=TOKYO), 2568),
    ],
)
def test_fiscal_year_of_datetime_uses_bangkok_date(
    value: datetime, expected: int
) -> None:
    """2025-09-30T18:00Z is 1 Oct in Bangkok, so it is already fiscal 2569."""
    assert fiscal_year(value) == expected


@pytest.mark.parametrize(
    ("fy", "expected"),
    [
        (2569, (date(2025, 10, 1), date(2026, 9, 30))),
        (2568, (date(2024, 10, 1), date(2025, 9, 30))),
        (2567, (date(2023, 10, 1), date(2024, 9, 30))),
        (2570, (date(2026, 10, 1), date(2027, 9, 30))),
        (2543, (date(1999, 10, 1), date(2000, 9, 30))),
    ],
)
def test_fiscal_year_bounds_run_1_october_to_30_september(
    fy: int, expected: tuple[date, date]
) -> None:
    """Fiscal 2569 runs from 1 Oct 2025 to 30 Sep 2026 inclusive."""
    assert fiscal_year_bounds(fy) == expected


@pytest.mark.parametrize(("fy", "days"), [(2567, 366), (2568, 365), (2569, 365)])
def test_fiscal_year_containing_29_february_has_366_days(fy: int, days: int) -> None:
    """Fiscal 2567 contains 29 Feb 2024 and so has 366 days; others have 365."""
    start, end = fiscal_year_bounds(fy)
    assert (end - start).days + 1 == days


def test_fiscal_year_bounds_reach_the_last_representable_date() -> None:
    """Fiscal 10542 ends on 30 Sep 9999 without overflowing."""
    assert fiscal_year_bounds(10542) == (date(9998, 10, 1), date(9999, 9, 30))


@pytest.mark.parametrize("fy", [544, 10543, 0, -1])
def test_fiscal_year_bounds_outside_date_range_raise_value_error(fy: int) -> None:
    """Fiscal years that cannot be represented by datetime.date raise ValueError."""
    with pytest.raises(ValueError, match="outside the supported range"):
        fiscal_year_bounds(fy)


@pytest.mark.parametrize("fy", ["2569", 2569.0, None, True])
def test_fiscal_year_bounds_require_an_int(fy: object) -> None:
    """A fiscal year that is not an int raises TypeError."""
    with pytest.raises(TypeError):
        fiscal_year_bounds(fy)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Quarters and halves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 10, 1), (2569, 1)),
        (date(2025, 12, 31), (2569, 1)),
        (date(2026, 1, 1), (2569, 2)),
        (date(2026, 3, 31), (2569, 2)),
        (date(2026, 4, 1), (2569, 3)),
        (date(2026, 6, 30), (2569, 3)),
        (date(2026, 7, 1), (2569, 4)),
        (date(2026, 9, 30), (2569, 4)),
        (date(2026, 10, 1), (2570, 1)),
        (date(2026, 11, 22), (2570, 1)),
        (date(2024, 2, 29), (2567, 2)),
        (datetime(2025, 12, 31, 17, 0, tzinfo=UTC), (2569, 2)),
        (datetime(2025, 12, 31, 16, 59, tzinfo=UTC), (2569, 1)),
    ],
)
def test_fiscal_quarter_q1_is_october_to_december(
    value: date, expected: tuple[int, int]
) -> None:
    """Q1 is Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep of the fiscal year."""
    assert fiscal_quarter(value) == expected


@pytest.mark.parametrize(
    ("fy", "q", "expected"),
    [
        (2569, 1, (date(2025, 10, 1), date(2025, 12, 31))),
        (2569, 2, (date(2026, 1, 1), date(2026, 3, 31))),
        (2569, 3, (date(2026, 4, 1), date(2026, 6, 30))),
        (2569, 4, (date(2026, 7, 1), date(2026, 9, 30))),
        (2567, 2, (date(2024, 1, 1), date(2024, 3, 31))),
        (10542, 4, (date(9999, 7, 1), date(9999, 9, 30))),
    ],
)
def test_fiscal_quarter_bounds_are_calendar_quarters_from_october(
    fy: int, q: int, expected: tuple[date, date]
) -> None:
    """Quarter 1 of fiscal 2569 is 1 Oct - 31 Dec 2025, and so on."""
    assert fiscal_quarter_bounds(fy, q) == expected


@pytest.mark.parametrize("q", [0, 5, -1, "1", 1.5, None, True])
def test_fiscal_quarter_bounds_reject_quarters_outside_1_to_4(q: object) -> None:
    """A quarter other than 1, 2, 3 or 4 raises ValueError."""
    with pytest.raises(ValueError, match="quarter"):
        fiscal_quarter_bounds(2569, q)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 10, 1), (2569, 1)),
        (date(2026, 3, 31), (2569, 1)),
        (date(2026, 4, 1), (2569, 2)),
        (date(2026, 9, 30), (2569, 2)),
        (date(2026, 10, 1), (2570, 1)),
        (date(2024, 2, 29), (2567, 1)),
        (datetime(2026, 3, 31, 17, 0, tzinfo=UTC), (2569, 2)),
    ],
)
def test_fiscal_half_h1_is_october_to_march(
    value: date, expected: tuple[int, int]
) -> None:
    """H1 is October-March and H2 is April-September."""
    assert fiscal_half(value) == expected


@pytest.mark.parametrize(
    ("fy", "h", "expected"),
    [
        (2569, 1, (date(2025, 10, 1), date(2026, 3, 31))),
        (2569, 2, (date(2026, 4, 1), date(2026, 9, 30))),
        (2567, 1, (date(2023, 10, 1), date(2024, 3, 31))),
        (2567, 2, (date(2024, 4, 1), date(2024, 9, 30))),
    ],
)
def test_fiscal_half_bounds_split_the_year_at_1_april(
    fy: int, h: int, expected: tuple[date, date]
) -> None:
    """H1 of fiscal 2569 is 1 Oct 2025 - 31 Mar 2026; H2 is 1 Apr - 30 Sep 2026."""
    assert fiscal_half_bounds(fy, h) == expected


@pytest.mark.parametrize("h", [0, 3, -1, "1", None, True])
def test_fiscal_half_bounds_reject_halves_other_than_1_or_2(h: object) -> None:
    """A half other than 1 or 2 raises ValueError."""
    with pytest.raises(ValueError, match="half"):
        fiscal_half_bounds(2569, h)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("q1", (date(2025, 10, 1), date(2025, 12, 31))),
        ("q2", (date(2026, 1, 1), date(2026, 3, 31))),
        ("q3", (date(2026, 4, 1), date(2026, 6, 30))),
        ("q4", (date(2026, 7, 1), date(2026, 9, 30))),
        ("h1", (date(2025, 10, 1), date(2026, 3, 31))),
        ("h2", (date(2026, 4, 1), date(2026, 9, 30))),
        ("year", (date(2025, 10, 1), date(2026, 9, 30))),
    ],
)
def test_fiscal_period_bounds_resolve_named_periods(
    period: str, expected: tuple[date, date]
) -> None:
    """Each named period of fiscal 2569 maps to its first and last day."""
    assert fiscal_period_bounds(2569, period) == expected


@pytest.mark.parametrize(
    "period", ["Q1", "q0", "q5", "h0", "h3", "", "year ", "annual", "1", None, 1]
)
def test_fiscal_period_bounds_reject_unknown_periods(period: object) -> None:
    """Anything but q1-q4, h1, h2 or year raises ValueError."""
    with pytest.raises(ValueError, match="unknown fiscal period"):
        fiscal_period_bounds(2569, period)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fy", "thai_digits", "expected"),
    [
        (2569, False, "ปีงบประมาณ พ.ศ. 2569"),
        (2569, True, "ปีงบประมาณ พ.ศ. ๒๕๖๙"),
        (2500, True, "ปีงบประมาณ พ.ศ. ๒๕๐๐"),
    ],
)
def test_fiscal_year_label_names_the_be_year(
    fy: int, thai_digits: bool, expected: str
) -> None:
    """The label reads "ปีงบประมาณ พ.ศ. 2569", optionally in Thai digits."""
    assert fiscal_year_label(fy, thai_digits=thai_digits) == expected


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        (2569, "๒๕๖๙"),
        (3.5, "๓.๕"),
        ("ปี 2569", "ปี ๒๕๖๙"),
        ("22/11/2569", "๒๒/๑๑/๒๕๖๙"),
        ("abc", "abc"),
        ("", ""),
        ("๒๕๖๙", "๒๕๖๙"),
    ],
)
def test_to_thai_digits_replaces_only_arabic_digits(
    value: object, expected: str
) -> None:
    """0-9 become ๐-๙ and every other character is left alone."""
    assert to_thai_digits(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๐๑๒๓๔๕๖๗๘๙", "0123456789"),
        ("ปี ๒๕๖๙", "ปี 2569"),
        ("๒๒/11/๒๕๖๙", "22/11/2569"),
        ("abc", "abc"),
        ("", ""),
        ("2569", "2569"),
    ],
)
def test_to_arabic_digits_replaces_only_thai_digits(text: str, expected: str) -> None:
    """๐-๙ become 0-9 and every other character is left alone."""
    assert to_arabic_digits(text) == expected


@given(st.text())
def test_digit_conversion_round_trips(text: str) -> None:
    """Thai digits hold no ASCII digits, keep the length and convert back."""
    thai = to_thai_digits(text)
    assert not re.search("[0-9]", thai)
    assert len(thai) == len(text)
    assert to_arabic_digits(thai) == to_arabic_digits(text)
    assert to_thai_digits(to_arabic_digits(text)) == thai


# ---------------------------------------------------------------------------
# format_date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (date(2026, 11, 22), "long", "22 พฤศจิกายน 2569"),
        (date(2026, 11, 22), "medium", "22 พ.ย. 2569"),
        (date(2026, 11, 22), "short", "22 พ.ย. 69"),
        (date(2026, 11, 22), "numeric", "22/11/2569"),
        (date(2026, 11, 22), "month", "พฤศจิกายน 2569"),
        (date(2025, 10, 1), "long", "1 ตุลาคม 2568"),
        (date(2025, 10, 1), "medium", "1 ต.ค. 2568"),
        (date(2025, 10, 1), "short", "1 ต.ค. 68"),
        (date(2025, 10, 1), "numeric", "01/10/2568"),
        (date(2025, 10, 1), "month", "ตุลาคม 2568"),
        (date(2024, 2, 29), "long", "29 กุมภาพันธ์ 2567"),
        (date(2024, 2, 29), "medium", "29 ก.พ. 2567"),
        (date(2024, 2, 29), "short", "29 ก.พ. 67"),
        (date(2024, 2, 29), "numeric", "29/02/2567"),
        (date(2024, 2, 29), "month", "กุมภาพันธ์ 2567"),
        (date(1957, 1, 5), "short", "5 ม.ค. 00"),
        (date(1957, 1, 5), "numeric", "05/01/2500"),
        (date(1966, 3, 9), "short", "9 มี.ค. 09"),
        (date(2043, 12, 31), "short", "31 ธ.ค. 86"),
    ],
)
def test_format_date_styles(value: date, style: str, expected: str) -> None:
    """Each style renders the BE date exactly as in the table."""
    assert format_date(value, style) == expected


MONTH_NAMES = [
    (1, "มกราคม", "ม.ค."),
    (2, "กุมภาพันธ์", "ก.พ."),
    (3, "มีนาคม", "มี.ค."),
    (4, "เมษายน", "เม.ย."),
    (5, "พฤษภาคม", "พ.ค."),
    (6, "มิถุนายน", "มิ.ย."),
    (7, "กรกฎาคม", "ก.ค."),
    (8, "สิงหาคม", "ส.ค."),
    (9, "กันยายน", "ก.ย."),
    (10, "ตุลาคม", "ต.ค."),
    (11, "พฤศจิกายน", "พ.ย."),
    (12, "ธันวาคม", "ธ.ค."),
]


@pytest.mark.parametrize(("month", "name", "abbr"), MONTH_NAMES)
def test_format_date_names_every_month(month: int, name: str, abbr: str) -> None:
    """The 15th of each month of 2026 shows its Thai name and abbreviation."""
    value = date(2026, month, 15)
    assert format_date(value, "long") == f"15 {name} 2569"
    assert format_date(value, "medium") == f"15 {abbr} 2569"
    assert format_date(value, "short") == f"15 {abbr} 69"
    assert format_date(value, "numeric") == f"15/{month:02d}/2569"
    assert format_date(value, "month") == f"{name} 2569"


def test_format_date_defaults_to_long_style() -> None:
    """Without a style the long form "22 พฤศจิกายน 2569" is used."""
    assert format_date(date(2026, 11, 22)) == "22 พฤศจิกายน 2569"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("long", "๒๒ พฤศจิกายน ๒๕๖๙"),
        ("medium", "๒๒ พ.ย. ๒๕๖๙"),
        ("short", "๒๒ พ.ย. ๖๙"),
        ("numeric", "๒๒/๑๑/๒๕๖๙"),
        ("month", "พฤศจิกายน ๒๕๖๙"),
    ],
)
def test_format_date_with_thai_digits(style: str, expected: str) -> None:
    """thai_digits=True writes every digit as ๐-๙."""
    assert format_date(date(2026, 11, 22), style, thai_digits=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 23), "วันจันทร์ที่ 23 พฤศจิกายน 2569"),
        (date(2026, 11, 24), "วันอังคารที่ 24 พฤศจิกายน 2569"),
        (date(2026, 11, 25), "วันพุธที่ 25 พฤศจิกายน 2569"),
        (date(2026, 11, 26), "วันพฤหัสบดีที่ 26 พฤศจิกายน 2569"),
        (date(2026, 11, 27), "วันศุกร์ที่ 27 พฤศจิกายน 2569"),
        (date(2026, 11, 28), "วันเสาร์ที่ 28 พฤศจิกายน 2569"),
        (date(2026, 11, 22), "วันอาทิตย์ที่ 22 พฤศจิกายน 2569"),
        (date(2024, 2, 29), "วันพฤหัสบดีที่ 29 กุมภาพันธ์ 2567"),
        (date(2025, 10, 1), "วันพุธที่ 1 ตุลาคม 2568"),
    ],
)
def test_format_date_with_weekday_prefixes_the_thai_weekday(
    value: date, expected: str
) -> None:
    """weekday=True prefixes "วัน<weekday>ที่ " to the long form."""
    assert format_date(value, weekday=True) == expected


@pytest.mark.parametrize(
    ("style", "thai_digits", "expected"),
    [
        ("medium", False, "วันอาทิตย์ที่ 22 พ.ย. 2569"),
        ("short", False, "วันอาทิตย์ที่ 22 พ.ย. 69"),
        ("numeric", False, "วันอาทิตย์ที่ 22/11/2569"),
        ("long", True, "วันอาทิตย์ที่ ๒๒ พฤศจิกายน ๒๕๖๙"),
    ],
)
def test_format_date_weekday_combines_with_other_styles(
    style: str, thai_digits: bool, expected: str
) -> None:
    """The weekday prefix also works with the other day-bearing styles."""
    assert (
        format_date(date(2026, 11, 22), style, thai_digits=thai_digits, weekday=True)
        == expected
    )


def test_format_date_weekday_with_month_style_raises_value_error() -> None:
    """The "month" style has no day, so weekday=True raises ValueError."""
    with pytest.raises(ValueError, match="weekday"):
        format_date(date(2026, 11, 22), "month", weekday=True)


@pytest.mark.parametrize("style", ["full", "LONG", "", "iso", "Long "])
def test_format_date_unknown_style_raises_value_error(style: str) -> None:
    """An unknown style raises ValueError naming it."""
    with pytest.raises(ValueError, match="unknown date style"):
        format_date(date(2026, 11, 22), style)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2025, 9, 30, 18, 0, tzinfo=UTC), "1 ตุลาคม 2568"),
        (datetime(2025, 9, 30, 16, 59, tzinfo=UTC), "30 กันยายน 2568"),
        (datetime(2025, 9, 30, 23, 59), "30 กันยายน 2568"),
        (datetime(2026, 11, 22, 0, 0, tzinfo=BANGKOK), "22 พฤศจิกายน 2569"),
    ],
)
def test_format_date_of_datetime_uses_the_bangkok_date(
    value: datetime, expected: str
) -> None:
    """Aware datetimes are shown on their Bangkok date; naive ones as given."""
    assert format_date(value) == expected


def test_format_date_rejects_strings() -> None:
    """A string is not a date and raises TypeError."""
    with pytest.raises(TypeError):
        format_date("2026-11-22")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# format_datetime
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "style", "thai_digits", "expected"),
    [
        (
            datetime(2026, 11, 22, 14, 5),
            "long",
            False,
            "22 พฤศจิกายน 2569 เวลา 14:05 น.",
        ),
        (
            datetime(2026, 11, 22, 7, 5, tzinfo=UTC),
            "long",
            False,
            "22 พฤศจิกายน 2569 เวลา 14:05 น.",
        ),
        (
            datetime(2025, 9, 30, 17, 30, tzinfo=UTC),
            "long",
            False,
            "1 ตุลาคม 2568 เวลา 00:30 น.",
        ),
        (
            datetime(2026, 11, 22, 14, 5, 59),
            "long",
            False,
            "22 พฤศจิกายน 2569 เวลา 14:05 น.",
        ),
        (datetime(2026, 1, 2, 9, 0), "long", False, "2 มกราคม 2569 เวลา 09:00 น."),
        (datetime(2026, 11, 22, 14, 5), "medium", False, "22 พ.ย. 2569 เวลา 14:05 น."),
        (datetime(2026, 11, 22, 14, 5), "short", False, "22 พ.ย. 69 เวลา 14:05 น."),
        (datetime(2026, 11, 22, 14, 5), "numeric", False, "22/11/2569 เวลา 14:05 น."),
        (
            datetime(2026, 11, 22, 14, 5),
            "long",
            True,
            "๒๒ พฤศจิกายน ๒๕๖๙ เวลา ๑๔:๐๕ น.",
        ),
    ],
)
def test_format_datetime_appends_bangkok_time(
    value: datetime, style: str, thai_digits: bool, expected: str
) -> None:
    """The date is followed by "เวลา HH:MM น." in Bangkok time."""
    assert format_datetime(value, style, thai_digits=thai_digits) == expected


def test_format_datetime_defaults_to_long_style() -> None:
    """Without a style the long date form is used."""
    assert (
        format_datetime(datetime(2026, 11, 22, 14, 5))
        == "22 พฤศจิกายน 2569 เวลา 14:05 น."
    )


@pytest.mark.parametrize("style", ["month", "full", ""])
def test_format_datetime_rejects_styles_without_a_day(style: str) -> None:
    """ "month" and unknown styles raise ValueError."""
    with pytest.raises(ValueError):
        format_datetime(datetime(2026, 11, 22, 14, 5), style)


def test_format_datetime_rejects_plain_dates() -> None:
    """A date without a time raises TypeError."""
    with pytest.raises(TypeError):
        format_datetime(date(2026, 11, 22))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# parse_thai_date
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22/11/2569", date(2026, 11, 22)),
        ("22-11-2569", date(2026, 11, 22)),
        ("22.11.2569", date(2026, 11, 22)),
        ("22 / 11 / 2569", date(2026, 11, 22)),
        ("22/11/69", date(2026, 11, 22)),
        ("22 พ.ย. 2569", date(2026, 11, 22)),
        ("22 พ.ย. 69", date(2026, 11, 22)),
        ("22 พ.ย.69", date(2026, 11, 22)),
        ("22 พย 2569", date(2026, 11, 22)),
        ("22 พฤศจิกายน 2569", date(2026, 11, 22)),
        ("22พฤศจิกายน2569", date(2026, 11, 22)),
        ("๒๒ พฤศจิกายน ๒๕๖๙", date(2026, 11, 22)),
        ("๒๒/๑๑/๒๕๖๙", date(2026, 11, 22)),
        ("๒๒ พ.ย. ๖๙", date(2026, 11, 22)),
        ("  22   พฤศจิกายน   2569  ", date(2026, 11, 22)),
        ("22\u00a0พ.ย.\u00a02569", date(2026, 11, 22)),
        ("22\u200bพฤศจิกายน\u200b2569", date(2026, 11, 22)),
        ("22\tพฤศจิกายน\n2569", date(2026, 11, 22)),
        ("วันที่ 22 พฤศจิกายน 2569", date(2026, 11, 22)),
        ("วันที่22/11/2569", date(2026, 11, 22)),
        ("  วันที่  ๒๒ พ.ย. ๒๕๖๙", date(2026, 11, 22)),
        ("วันอาทิตย์ที่ 22 พฤศจิกายน 2569", date(2026, 11, 22)),
        ("วันพฤหัสที่ 26 พ.ย. 69", date(2026, 11, 26)),
        ("22 พฤศจิกายน พ.ศ. 2569", date(2026, 11, 22)),
        ("22 พฤศจิกายน พ.ศ.2569", date(2026, 11, 22)),
        ("22 พฤศจิกายน ค.ศ. 2026", date(2026, 11, 22)),
        ("1 มกราคม พ.ศ. 2300", date(1757, 1, 1)),
        ("22/11/2026", date(2026, 11, 22)),
        ("22 พ.ย. 2026", date(2026, 11, 22)),
        ("2026-11-22", date(2026, 11, 22)),
        ("1/10/2568", date(2025, 10, 1)),
        ("01/10/2568", date(2025, 10, 1)),
        ("30/09/2568", date(2025, 9, 30)),
        ("29/02/2567", date(2024, 2, 29)),
        ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
        ("29 ก.พ. 67", date(2024, 2, 29)),
        ("29/02/2024", date(2024, 2, 29)),
        ("5 ม.ค. 00", date(1957, 1, 5)),
        ("31 ธ.ค. 99", date(2056, 12, 31)),
        ("1 มกราคม 2400", date(1857, 1, 1)),
        ("1 มกราคม 2399", date(2399, 1, 1)),
    ],
)
def test_parse_thai_date_accepts_common_forms(text: str, expected: date) -> None:
    """Numeric, abbreviated and full forms, in either digit set, parse alike."""
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(("month", "name", "abbr"), MONTH_NAMES)
def test_parse_thai_date_knows_every_month_name(
    month: int, name: str, abbr: str
) -> None:
    """Each full and abbreviated month name parses to its month number."""
    assert parse_thai_date(f"1 {name} 2569") == date(2026, month, 1)
    assert parse_thai_date(f"1 {abbr} 2569") == date(2026, month, 1)
    assert parse_thai_date(f"1 {abbr} 69") == date(2026, month, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "xx",
        "วันที่",
        "2569",
        "22/11",
        "22 พฤศจิกายน",
        "31/02/2569",
        "30/02/2567",
        "29/02/2568",
        "29 กุมภาพันธ์ 2566",
        "31 เมษายน 2569",
        "32/01/2569",
        "00/01/2569",
        "15/13/2569",
        "15/00/2569",
        "22/11-2569",
        "22/11/256",
        "22/11/25690",
        "22 November 2569",
        "22 ธันวา 2569",
        "22 พฤศจิกายน 2569 เวลา 10:00",
        "วันจันทร์ที่ 22 พฤศจิกายน 2569",
        "0000-01-01",
        "22//11//2569",
    ],
)
def test_parse_thai_date_rejects_invalid_text(text: str) -> None:
    """Malformed or impossible dates raise ValueError quoting the text."""
    with pytest.raises(ValueError, match=re.escape(f'วันที่ "{text}" ไม่ถูกต้อง')):
        parse_thai_date(text)


def test_parse_thai_date_error_message_is_thai() -> None:
    """The message for "xx" is exactly 'วันที่ "xx" ไม่ถูกต้อง'."""
    with pytest.raises(ValueError) as excinfo:
        parse_thai_date("xx")
    assert str(excinfo.value) == 'วันที่ "xx" ไม่ถูกต้อง'


def test_parse_thai_date_weekday_mismatch_names_the_real_weekday() -> None:
    """A wrong weekday prefix is rejected and the correct weekday is named."""
    with pytest.raises(ValueError, match="วันอาทิตย์"):
        parse_thai_date("วันจันทร์ที่ 22 พฤศจิกายน 2569")


@pytest.mark.parametrize("value", [None, 20261122, date(2026, 11, 22)])
def test_parse_thai_date_rejects_non_strings(value: object) -> None:
    """Non-string input raises TypeError."""
    with pytest.raises(TypeError):
        parse_thai_date(value)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@given(FISCAL_DATES)
def test_every_date_lies_within_its_fiscal_year_bounds(value: date) -> None:
    """start <= d <= end for the bounds of fiscal_year(d)."""
    start, end = fiscal_year_bounds(fiscal_year(value))
    assert start <= value <= end


@given(FISCAL_DATES)
def test_every_date_lies_within_its_fiscal_quarter_and_half(value: date) -> None:
    """fiscal_quarter and fiscal_half agree with their bounds and the year."""
    fy, q = fiscal_quarter(value)
    half_fy, h = fiscal_half(value)
    assert fy == half_fy == fiscal_year(value)
    q_start, q_end = fiscal_quarter_bounds(fy, q)
    h_start, h_end = fiscal_half_bounds(fy, h)
    assert q_start <= value <= q_end
    assert h_start <= value <= h_end
    assert h == (1 if q <= 2 else 2)


@given(
    st.datetimes(
        min_value=datetime(1, 10, 2),
        max_value=datetime(9999, 9, 29),
        timezones=st.sampled_from([UTC, BANGKOK, TOKYO, NEW_YORK]),
    )
)
def test_fiscal_year_of_aware_datetime_equals_that_of_its_bangkok_date(
    value: datetime,
) -> None:
    """An aware datetime falls in the fiscal year of its date in Bangkok."""
    assert fiscal_year(value) == fiscal_year(value.astimezone(BANGKOK).date())


@given(FISCAL_YEARS)
def test_quarters_tile_the_fiscal_year_exactly(fy: int) -> None:
    """Q1-Q4 start and end with the year and meet with no gap or overlap."""
    year_start, year_end = fiscal_year_bounds(fy)
    quarters = [fiscal_quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert quarters[0][0] == year_start
    assert quarters[-1][1] == year_end
    for start, end in quarters:
        assert start <= end
    for (_, previous_end), (next_start, _) in pairwise(quarters):
        assert next_start == previous_end + timedelta(days=1)
    total_days = sum((end - start).days + 1 for start, end in quarters)
    assert total_days == (year_end - year_start).days + 1


@given(FISCAL_YEARS)
def test_halves_tile_the_fiscal_year_as_pairs_of_quarters(fy: int) -> None:
    """H1 spans Q1-Q2, H2 spans Q3-Q4, and H2 starts the day after H1 ends."""
    h1 = fiscal_half_bounds(fy, 1)
    h2 = fiscal_half_bounds(fy, 2)
    assert h1 == (fiscal_quarter_bounds(fy, 1)[0], fiscal_quarter_bounds(fy, 2)[1])
    assert h2 == (fiscal_quarter_bounds(fy, 3)[0], fiscal_quarter_bounds(fy, 4)[1])
    assert h2[0] == h1[1] + timedelta(days=1)
    assert (h1[0], h2[1]) == fiscal_year_bounds(fy)


@given(FISCAL_YEARS)
def test_fiscal_year_bounds_belong_to_the_same_fiscal_year(fy: int) -> None:
    """The first and last day of a fiscal year map back to that year."""
    start, end = fiscal_year_bounds(fy)
    assert fiscal_year(start) == fiscal_year(end) == fy
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert (end - start).days + 1 in (365, 366)
    assert fiscal_period_bounds(fy, "year") == (start, end)


@given(PARSEABLE_DATES)
def test_parse_round_trips_long_format(value: date) -> None:
    """parse_thai_date(format_date(d, "long")) == d."""
    assert parse_thai_date(format_date(value, "long")) == value


@given(PARSEABLE_DATES)
def test_parse_round_trips_long_format_with_thai_digits(value: date) -> None:
    """parse_thai_date(format_date(d, "long", thai_digits=True)) == d."""
    assert parse_thai_date(format_date(value, "long", thai_digits=True)) == value


@given(PARSEABLE_DATES)
def test_parse_round_trips_numeric_format(value: date) -> None:
    """parse_thai_date(format_date(d, "numeric")) == d, in either digit set."""
    assert parse_thai_date(format_date(value, "numeric")) == value
    assert parse_thai_date(format_date(value, "numeric", thai_digits=True)) == value


@given(PARSEABLE_DATES)
def test_parse_round_trips_medium_format_with_weekday(value: date) -> None:
    """Medium and weekday-prefixed long forms parse back to the same date."""
    assert parse_thai_date(format_date(value, "medium")) == value
    assert parse_thai_date(format_date(value, "long", weekday=True)) == value


@given(TWO_DIGIT_YEAR_DATES)
def test_parse_round_trips_short_format_within_be_25xx(value: date) -> None:
    """Two-digit BE years are 25xx, so short forms of 1957-2056 round-trip."""
    assert parse_thai_date(format_date(value, "short")) == value
    assert parse_thai_date(format_date(value, "short", thai_digits=True)) == value
