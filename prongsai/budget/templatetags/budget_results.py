"""Filters of the results and public budget pages."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter(is_safe=True)
def baht(value) -> str:
    """An amount as ``1,234,567.50`` (a fast ``floatformat:"2g"`` for long
    tables); empty for no value."""
    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(value):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return ""
