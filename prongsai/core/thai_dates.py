"""Buddhist-era dates and Thai government fiscal years.

This module is deliberately free of Django imports so that it can be used
anywhere (management commands, Celery tasks, report generators) and tested
without settings.

Conventions:

* The Buddhist era (พุทธศักราช, พ.ศ.) is the Common Era year plus 543.
* The Thai government fiscal year (ปีงบประมาณ) runs from 1 October to
  30 September and is named by the BE year in which it ends: 1 October 2025
  opens fiscal year 2569.
* Calendar dates are always taken in Bangkok time.  Aware datetimes are
  converted to Asia/Bangkok before their date is taken; naive datetimes are
  assumed to be Bangkok local time already.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "DATE_IN_TEXT",
    "DATE_STYLES",
    "FISCAL_PERIODS",
    "NBSP",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "fiscal_half",
    "fiscal_half_bounds",
    "fiscal_period_bounds",
    "fiscal_quarter",
    "fiscal_quarter_bounds",
    "fiscal_year",
    "fiscal_year_bounds",
    "fiscal_year_label",
    "format_date",
    "format_datetime",
    "glue",
    "keep_dates_together",
    "local_date",
    "parse_thai_date",
    "to_arabic_digits",
    "to_be_year",
    "to_ce_year",
    "to_thai_digits",
]

BE_OFFSET = 543
"""Years to add to a Common Era year to obtain the Buddhist-era year."""

BANGKOK = ZoneInfo("Asia/Bangkok")
"""Time zone in which calendar dates are determined."""

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
"""Full Thai month names, January first."""

THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
"""Abbreviated Thai month names, January first."""

_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int, *, abbr: bool = False) -> str:
    """The name of ``month`` (1-12) in the active language: Thai unless the
    visitor chose another (English names, ``Jan`` when ``abbr``)."""
    from django.utils import translation

    if (translation.get_language() or "th").startswith("th"):
        return (THAI_MONTHS_ABBR if abbr else THAI_MONTHS)[month - 1]
    name = _ENGLISH_MONTHS[month - 1]
    return name[:3] if abbr else name


THAI_WEEKDAYS: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)
"""Thai weekday names, Monday first (matching :meth:`date.weekday`)."""

DATE_STYLES: tuple[str, ...] = ("long", "medium", "short", "numeric", "month")
"""Styles accepted by :func:`format_date`."""

FISCAL_PERIODS: tuple[str, ...] = ("q1", "q2", "q3", "q4", "h1", "h2", "year")
"""Period names accepted by :func:`fiscal_period_bounds`."""

_ARABIC_DIGITS = "0123456789"
_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC_DIGITS, _THAI_DIGITS)
_TO_ARABIC = str.maketrans(_THAI_DIGITS, _ARABIC_DIGITS)

# Fiscal years start in October; fiscal month offset 0 is October.
_FISCAL_START_MONTH = 10
# Four-digit years from this value upwards are read as Buddhist era.
_BE_THRESHOLD = 2400


# ---------------------------------------------------------------------------
# Era conversion
# ---------------------------------------------------------------------------


def to_be_year(ce_year: int) -> int:
    """Return the Buddhist-era year for a Common Era year (2025 -> 2568)."""
    return ce_year + BE_OFFSET


def to_ce_year(be_year: int) -> int:
    """Return the Common Era year for a Buddhist-era year (2568 -> 2025)."""
    return be_year - BE_OFFSET


def local_date(value: date | datetime) -> date:
    """Return the Bangkok calendar date of *value*.

    A :class:`date` is returned unchanged.  An aware :class:`datetime` is
    converted to Asia/Bangkok before its date is taken; a naive one is taken
    to be Bangkok local time already.

    Raises:
        TypeError: if *value* is neither a date nor a datetime.
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(BANGKOK)
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected date or datetime, got {type(value).__name__}")


# ---------------------------------------------------------------------------
# Fiscal years, quarters and halves
# ---------------------------------------------------------------------------


def fiscal_year(value: date | datetime) -> int:
    """Return the BE fiscal year containing *value*.

    The fiscal year is named by the BE year in which it ends, so
    2025-09-30 belongs to 2568 and 2025-10-01 to 2569.
    """
    day = local_date(value)
    ce_end = day.year + 1 if day.month >= _FISCAL_START_MONTH else day.year
    return to_be_year(ce_end)


def _fiscal_month_start(fy: int, offset: int) -> date:
    """Return the first day of fiscal month *offset* (0 = October) of *fy*.

    *offset* may be 12, which gives the first day of the following fiscal
    year and is used to compute inclusive end dates.
    """
    ce_start = to_ce_year(fy) - 1
    month_index = _FISCAL_START_MONTH - 1 + offset  # zero-based from January
    try:
        return date(ce_start + month_index // 12, month_index % 12 + 1, 1)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"fiscal year {fy} is outside the supported range") from exc


def _fiscal_span(fy: int, first: int, stop: int) -> tuple[date, date]:
    """Return inclusive bounds of fiscal months ``first`` to ``stop - 1``."""
    start = _fiscal_month_start(fy, first)
    if stop == 12 and to_ce_year(fy) == date.max.year:
        # The day after 30 September 9999 is not representable.
        return start, date(date.max.year, 9, 30)
    return start, _fiscal_month_start(fy, stop) - timedelta(days=1)


def _check_fiscal_year(fy: int) -> None:
    """Raise ``TypeError`` unless *fy* is an integer year."""
    if isinstance(fy, bool) or not isinstance(fy, int):
        raise TypeError(f"fiscal year must be an int, got {type(fy).__name__}")


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """Return the first and last day of BE fiscal year *fy*.

    ``fiscal_year_bounds(2569)`` is ``(date(2025, 10, 1), date(2026, 9, 30))``.

    Raises:
        ValueError: if the fiscal year falls outside the range of
            :class:`date`.
    """
    _check_fiscal_year(fy)
    return _fiscal_span(fy, 0, 12)


def fiscal_quarter(value: date | datetime) -> tuple[int, int]:
    """Return ``(fiscal_year, quarter)`` for *value*.

    Q1 is October–December, Q2 January–March, Q3 April–June and
    Q4 July–September.
    """
    day = local_date(value)
    offset = (day.month - _FISCAL_START_MONTH) % 12
    return fiscal_year(day), offset // 3 + 1


def fiscal_quarter_bounds(fy: int, q: int) -> tuple[date, date]:
    """Return the first and last day of quarter *q* (1–4) of fiscal year *fy*.

    Raises:
        ValueError: if *q* is not 1, 2, 3 or 4.
    """
    _check_fiscal_year(fy)
    if isinstance(q, bool) or q not in (1, 2, 3, 4):
        raise ValueError(f"fiscal quarter must be 1-4, got {q!r}")
    return _fiscal_span(fy, (q - 1) * 3, q * 3)


def fiscal_half(value: date | datetime) -> tuple[int, int]:
    """Return ``(fiscal_year, half)`` for *value*.

    H1 is October–March and H2 April–September.
    """
    day = local_date(value)
    offset = (day.month - _FISCAL_START_MONTH) % 12
    return fiscal_year(day), offset // 6 + 1


def fiscal_half_bounds(fy: int, h: int) -> tuple[date, date]:
    """Return the first and last day of half *h* (1–2) of fiscal year *fy*.

    Raises:
        ValueError: if *h* is not 1 or 2.
    """
    _check_fiscal_year(fy)
    if isinstance(h, bool) or h not in (1, 2):
        raise ValueError(f"fiscal half must be 1 or 2, got {h!r}")
    return _fiscal_span(fy, (h - 1) * 6, h * 6)


def fiscal_period_bounds(fy: int, period: str) -> tuple[date, date]:
    """Return the bounds of a named period of fiscal year *fy*.

    *period* is one of ``"q1"``–``"q4"``, ``"h1"``, ``"h2"`` or ``"year"``.

    Raises:
        ValueError: if *period* is not one of those names.
    """
    if period == "year":
        return fiscal_year_bounds(fy)
    if period in ("q1", "q2", "q3", "q4"):
        return fiscal_quarter_bounds(fy, int(period[1]))
    if period in ("h1", "h2"):
        return fiscal_half_bounds(fy, int(period[1]))
    expected = ", ".join(FISCAL_PERIODS)
    raise ValueError(f"unknown fiscal period {period!r}; expected one of {expected}")


def fiscal_year_label(fy: int, *, thai_digits: bool = False) -> str:
    """Return the Thai label of a fiscal year, e.g. ``"ปีงบประมาณ พ.ศ. 2569"``."""
    label = f"ปีงบประมาณ พ.ศ. {fy}"
    return to_thai_digits(label) if thai_digits else label


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------


def to_thai_digits(value: object) -> str:
    """Return ``str(value)`` with 0–9 replaced by Thai digits ๐–๙."""
    return str(value).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Return *text* with Thai digits ๐–๙ replaced by 0–9."""
    return text.translate(_TO_ARABIC)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


def format_date(
    value: date | datetime,
    style: str = "long",
    *,
    thai_digits: bool = False,
    weekday: bool = False,
    nbsp: bool = False,
) -> str:
    """Format *value* as a Thai Buddhist-era date.

    Styles, shown for 22 November 2026:

    * ``"long"``: ``22 พฤศจิกายน 2569``
    * ``"medium"``: ``22 พ.ย. 2569``
    * ``"short"``: ``22 พ.ย. 69`` (two-digit BE year)
    * ``"numeric"``: ``22/11/2569`` (two-digit day and month)
    * ``"month"``: ``พฤศจิกายน 2569``

    With ``weekday=True`` the weekday is prefixed, as in
    ``วันอาทิตย์ที่ 22 พฤศจิกายน 2569``.  With ``thai_digits=True`` all
    digits are written as Thai digits.  With ``nbsp=True`` the spaces are
    no-break spaces (:data:`NBSP`), so a document never breaks the date
    across lines (see :func:`keep_dates_together`).

    Raises:
        ValueError: for an unknown style, or ``weekday=True`` with the
            ``"month"`` style (which has no day).
        TypeError: if *value* is not a date or datetime.
    """
    if style not in DATE_STYLES:
        expected = ", ".join(DATE_STYLES)
        raise ValueError(f"unknown date style {style!r}; expected one of {expected}")
    day = local_date(value)
    be_year = to_be_year(day.year)
    if style == "long":
        text = f"{day.day} {THAI_MONTHS[day.month - 1]} {be_year}"
    elif style == "medium":
        text = f"{day.day} {THAI_MONTHS_ABBR[day.month - 1]} {be_year}"
    elif style == "short":
        text = f"{day.day} {THAI_MONTHS_ABBR[day.month - 1]} {be_year % 100:02d}"
    elif style == "numeric":
        text = f"{day.day:02d}/{day.month:02d}/{be_year}"
    else:
        text = f"{THAI_MONTHS[day.month - 1]} {be_year}"
    if weekday:
        if style == "month":
            raise ValueError(
                'weekday=True needs a style that shows the day, not "month"'
            )
        text = f"วัน{THAI_WEEKDAYS[day.weekday()]}ที่ {text}"
    if nbsp:
        text = text.replace(" ", NBSP)
    return to_thai_digits(text) if thai_digits else text


def format_datetime(
    value: datetime,
    style: str = "long",
    *,
    thai_digits: bool = False,
    nbsp: bool = False,
) -> str:
    """Format *value* as a Thai date and time.

    ``format_datetime(datetime(2026, 11, 22, 14, 5))`` gives
    ``22 พฤศจิกายน 2569 เวลา 14:05 น.``.  Aware values are converted to
    Asia/Bangkok first; naive values are taken as Bangkok local time.  The
    date part follows :func:`format_date` styles except ``"month"``.

    Raises:
        ValueError: for an unknown style or the ``"month"`` style.
        TypeError: if *value* is not a datetime.
    """
    if not isinstance(value, datetime):
        raise TypeError(f"expected datetime, got {type(value).__name__}")
    if style == "month":
        raise ValueError('format_datetime does not support the "month" style')
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(BANGKOK)
    text = f"{format_date(value.date(), style)} เวลา {value:%H:%M} น."
    if nbsp:
        text = text.replace(" ", NBSP)
    return to_thai_digits(text) if thai_digits else text


# ---------------------------------------------------------------------------
# Keeping dates on one line (documents)
# ---------------------------------------------------------------------------

NBSP = "\u00a0"
"""The no-break space that glues the parts of a date in documents."""

_D = "[0-9๐-๙]"
_MONTH = "|".join(
    re.escape(name)
    for name in sorted((*THAI_MONTHS, *THAI_MONTHS_ABBR), key=len, reverse=True)
)
_ERA_WORD = r"(?:พ\.\s?ศ\.|ค\.\s?ศ\.)"
_GAP = r"[ \t\u00a0]+"
DATE_IN_TEXT = re.compile(
    rf"(?<!{_D})(?:"
    # 28 มิถุนายน 2569, 28 มิ.ย. 69, 28 มิถุนายน พ.ศ. 2569, 1 ตุลาคม
    rf"{_D}{{1,2}}{_GAP}(?:{_MONTH})(?:{_GAP}{_ERA_WORD})?(?:{_GAP}{_D}{{2,4}})?"
    # มิถุนายน 2569, มิถุนายน พ.ศ. 2569
    rf"|(?:{_MONTH})(?:{_GAP}{_ERA_WORD})?{_GAP}{_D}{{4}}"
    # พ.ศ. 2569, ปีงบประมาณ พ.ศ. 2569, ปีงบประมาณ 2569, ประจำปี 2569
    rf"|(?:(?:ปีงบประมาณ|ปี)(?:{_GAP}{_ERA_WORD})?|{_ERA_WORD}){_GAP}{_D}{{4}}"
    # เวลา 14:05 น.
    rf"|เวลา{_GAP}{_D}{{1,2}}[:.]{_D}{{2}}(?:{_GAP}น\.)?"
    rf")(?!{_D})"
)
"""A Thai date (or B.E. year, or time) in running text."""


def keep_dates_together(text: str) -> str:
    """Return *text* with the spaces inside Thai dates made no-break spaces.

    ``28 มิถุนายน 2569``, ``28 มิ.ย. 69``, ``มิถุนายน พ.ศ. 2569``,
    ``ปีงบประมาณ 2569`` and ``เวลา 14:05 น.`` (Arabic or Thai digits) then
    never break across lines.  The document writers apply it to all their
    text (PDF and DOCX); web pages keep ordinary spaces.
    """
    if not text:
        return text
    return DATE_IN_TEXT.sub(lambda m: glue(m[0]), text)


def glue(text: str) -> str:
    """*text* with its spaces (runs of them) made single no-break spaces."""
    return re.sub(_GAP, NBSP, text)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WEEKDAY_ALTERNATION = "|".join(sorted((*THAI_WEEKDAYS, "พฤหัส"), key=len, reverse=True))
_PREFIX_RE = re.compile(rf"^วัน\s*(?:(?P<weekday>{_WEEKDAY_ALTERNATION})\s*(?:ที่)?|ที่)\s*")
_ERA = r"(?:(?P<era>[พค]\s*\.?\s*ศ\s*\.?)\s*)?"
_NUMERIC_RE = re.compile(
    r"^(?P<day>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<year>\d{4}|\d{2})$"
)
_ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$")
_TEXT_RE = re.compile(
    r"^(?P<day>\d{1,2})\s*(?P<month>[^\d\s.][^\d]*?)\s*"
    + _ERA
    + r"(?P<year>\d{4}|\d{2})$"
)


def _month_key(name: str) -> str:
    """Return *name* without dots and whitespace, for lenient matching."""
    return re.sub(r"[\s.]", "", name)


_MONTH_LOOKUP: dict[str, int] = {
    **{_month_key(name): number for number, name in enumerate(THAI_MONTHS, 1)},
    **{_month_key(abbr): number for number, abbr in enumerate(THAI_MONTHS_ABBR, 1)},
}


def _resolve_year(digits: str, era: str | None) -> int:
    """Return the CE year for the year *digits*, honouring an era marker."""
    year = int(digits)
    era_key = _month_key(era) if era else None
    if era_key == "คศ":
        return year + 2000 if len(digits) == 2 else year
    if len(digits) == 2:
        return to_ce_year(2500 + year)
    if era_key == "พศ" or year >= _BE_THRESHOLD:
        return to_ce_year(year)
    return year


def parse_thai_date(text: str) -> date:
    """Parse a date written the way Thai documents usually write it.

    Accepted forms include ``22/11/2569``, ``22-11-2569``, ``22.11.2569``,
    ``22 พ.ย. 2569``, ``22 พ.ย. 69``, ``22 พฤศจิกายน 2569``,
    ``22 พฤศจิกายน พ.ศ. 2569`` and ISO ``2026-11-22``, written with Arabic or
    Thai digits, with any amount of whitespace, and optionally preceded by
    ``วันที่`` or a weekday such as ``วันอาทิตย์ที่`` (which must then match
    the date).

    Year rules: a four-digit year of 2400 or more is Buddhist era, a smaller
    four-digit year is Common Era, and a two-digit year is BE 25xx.  An
    explicit ``พ.ศ.`` or ``ค.ศ.`` marker overrides those rules.

    Raises:
        ValueError: with a Thai message naming *text* if it is not a valid
            date.
        TypeError: if *text* is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    error = f'วันที่ "{text}" ไม่ถูกต้อง'
    cleaned = _INVISIBLE.sub("", to_arabic_digits(text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()

    weekday_name = None
    prefix = _PREFIX_RE.match(cleaned)
    if prefix:
        weekday_name = prefix.group("weekday")
        cleaned = cleaned[prefix.end() :]

    era = None
    match = _NUMERIC_RE.match(cleaned) or _ISO_RE.match(cleaned)
    if match:
        month = int(match.group("month"))
    else:
        match = _TEXT_RE.match(cleaned)
        if not match:
            raise ValueError(error)
        month_number = _MONTH_LOOKUP.get(_month_key(match.group("month")))
        if month_number is None:
            raise ValueError(error)
        month = month_number
        era = match.group("era")

    try:
        result = date(
            _resolve_year(match.group("year"), era), month, int(match.group("day"))
        )
    except (ValueError, OverflowError):
        raise ValueError(error) from None

    if weekday_name is not None:
        actual = THAI_WEEKDAYS[result.weekday()]
        if weekday_name not in (actual, actual.removesuffix("บดี")):
            raise ValueError(f"{error}: วันที่นี้ตรงกับวัน{actual}")
    return result
