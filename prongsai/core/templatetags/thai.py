"""Template filters for Buddhist-era dates, fiscal years and Thai digits.

Load with ``{% load thai %}``.  ``thai_date`` and ``thai_datetime`` follow the
active language: Thai pages get Buddhist-era dates from
:mod:`prongsai.core.thai_dates`, other languages get Gregorian dates from
Django's localised formats.  Every filter renders ``""`` for ``None``, an
empty string or a value of the wrong type instead of raising.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats, timezone, translation

from prongsai.core import addresses, deadlines, thai_dates
from prongsai.core.deadlines import DayUnit

register = template.Library()

# Gregorian equivalents of the thai_dates styles, for non-Thai languages.
_GREGORIAN_DATE_FORMATS = {
    "long": "j F Y",
    "medium": "j M Y",
    "short": "j M y",
    "numeric": "d/m/Y",
    "month": "F Y",
}
_GREGORIAN_DATETIME_FORMATS = {
    "long": "j F Y, H:i",
    "medium": "j M Y, H:i",
    "short": "j M y, H:i",
    "numeric": "d/m/Y H:i",
}


def _thai_active() -> bool:
    """Return whether the active language is Thai."""
    return (translation.get_language() or "").lower().startswith("th")


def _is_empty(value: object) -> bool:
    """Return whether *value* should render as an empty string."""
    return value is None or value == ""


def _localtime(value: datetime) -> datetime:
    """Return an aware *value* in the current time zone; naive as is."""
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _check_style(style: str, allowed: dict[str, str]) -> None:
    """Raise ``ValueError`` for a style the filter does not know."""
    if style not in allowed:
        expected = ", ".join(allowed)
        raise ValueError(f"unknown date style {style!r}; expected one of {expected}")


@register.filter(is_safe=True)
def thai_date(value: date | datetime | None, style: str = "long") -> str:
    """Render a date in the active language.

    Thai: ``{{ d|thai_date }}`` gives ``22 พฤศจิกายน 2569`` and
    ``{{ d|thai_date:"short" }}`` gives ``22 พ.ย. 69`` (styles as in
    :func:`~prongsai.core.thai_dates.format_date`).  Other languages get the
    Gregorian equivalent, e.g. ``22 November 2026``.
    """
    if _is_empty(value) or not isinstance(value, date):
        return ""
    _check_style(style, _GREGORIAN_DATE_FORMATS)
    if _thai_active():
        return thai_dates.format_date(value, style)
    if isinstance(value, datetime):
        value = _localtime(value)
    return formats.date_format(value, _GREGORIAN_DATE_FORMATS[style])


@register.filter(is_safe=True)
def thai_datetime(value: date | datetime | None, style: str = "long") -> str:
    """Render a date and time in the active language.

    Thai: ``22 พฤศจิกายน 2569 เวลา 14:05 น.``; other languages:
    ``22 November 2026, 14:05``.  A plain date is rendered as by
    :func:`thai_date`.
    """
    if _is_empty(value) or not isinstance(value, date):
        return ""
    if not isinstance(value, datetime):
        return thai_date(value, style)
    _check_style(style, _GREGORIAN_DATETIME_FORMATS)
    if _thai_active():
        return thai_dates.format_datetime(value, style)
    return formats.date_format(_localtime(value), _GREGORIAN_DATETIME_FORMATS[style])


@register.filter
def be_year(value: int | date | datetime | None) -> int | str:
    """Return the Buddhist-era year of a CE year or of a date's year."""
    if isinstance(value, date):
        return thai_dates.to_be_year(thai_dates.local_date(value).year)
    if isinstance(value, bool) or value is None or value == "":
        return ""
    try:
        return thai_dates.to_be_year(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def fiscal_year(value: date | datetime | None) -> int | str:
    """Return the BE fiscal year (1 October – 30 September) containing a date."""
    if not isinstance(value, date):
        return ""
    return thai_dates.fiscal_year(value)


@register.filter(is_safe=True)
def thai_digits(value: object) -> str:
    """Return the value as text with 0–9 written as Thai digits ๐–๙."""
    if _is_empty(value):
        return ""
    return thai_dates.to_thai_digits(value)


@register.filter
def days_label(value: int | None, unit: str = DayUnit.WORKING) -> str:
    """A time limit with its unit: ``{{ 3|days_label:"working_days" }}`` ->
    "3 วันทำการ", ``{{ 45|days_label:"days" }}`` -> "45 วัน"."""
    if _is_empty(value) or not isinstance(value, int):
        return ""
    return deadlines.duration_text(value, unit)


@register.filter
def thai_address(organization: object, part: str = "") -> str:
    """An organisation's address joined as Thai addresses are written.

    ``{{ organization|thai_address }}`` gives the postal address
    (``99 หมู่ที่ 5 ตำบลบ้านดง อำเภออุบลรัตน์ จังหวัดขอนแก่น 40250``);
    ``{{ organization|thai_address:"area" }}`` only the district and province.
    See :mod:`prongsai.core.addresses`.
    """
    if organization is None or organization == "":
        return ""
    return addresses.organization_address(organization, area_only=part == "area")
