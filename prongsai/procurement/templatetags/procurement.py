"""Template filters of the procurement pages."""

from decimal import Decimal

from django import template
from django.utils import translation

from ..vocab import METHOD_THAI, STATUS_THAI, Method, Status

register = template.Library()


@register.filter
def baht(value) -> str:
    """``1234.5`` → ``1,234.50``; empty values become a dash."""
    if value in (None, ""):
        return "–"
    return f"{Decimal(value):,.2f}"


@register.filter
def iso_thai_date(value) -> str:
    """``2024-11-29`` (as kept in an import preview) → ``29 พ.ย. 2567``."""
    import datetime

    from prongsai.core import thai_dates

    if not value:
        return "–"
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return thai_dates.format_date(day, style="medium")


def _official_label(value, thai: dict[str, str], choices) -> str:
    """The official Thai wording in Thai; the choice's label in English."""
    if (translation.get_language() or "th").startswith("th"):
        return thai.get(value, value)
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def method_thai(value) -> str:
    return _official_label(value, METHOD_THAI, Method)


@register.filter
def status_thai(value) -> str:
    return _official_label(value, STATUS_THAI, Status)
