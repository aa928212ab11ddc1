"""Inline charts in templates: ``{% load charts %}{% chart_svg chart %}``."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from prongsai.core.charts import Chart

register = template.Library()


@register.simple_tag
def chart_svg(chart: Chart | None) -> SafeString | str:
    """Return the chart's SVG, unescaped because we generated it ourselves.

    Only :class:`~prongsai.core.charts.Chart` objects are trusted; anything
    else (e.g. a string from user data) is rendered escaped as text, and
    ``None`` renders nothing.
    """
    if chart is None:
        return ""
    if not isinstance(chart, Chart):
        return str(chart)
    return mark_safe(chart.svg())


@register.simple_tag
def chart_png_src(chart: Chart, dpi: int = 150) -> str:
    """Return a ``data:`` URI of the chart as PNG, for ``<img src>`` in PDFs."""
    return chart.png_data_uri(dpi)
