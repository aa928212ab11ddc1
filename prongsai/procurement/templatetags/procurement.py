"""Template filters of the procurement pages."""

from decimal import Decimal

from django import template

from ..vocab import METHOD_THAI, STATUS_THAI

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


@register.filter
def method_thai(value) -> str:
    return METHOD_THAI.get(value, value)


@register.filter
def status_thai(value) -> str:
    return STATUS_THAI.get(value, value)
