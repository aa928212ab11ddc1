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
def method_thai(value) -> str:
    return METHOD_THAI.get(value, value)


@register.filter
def status_thai(value) -> str:
    return STATUS_THAI.get(value, value)
