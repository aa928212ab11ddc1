"""The analysis charts: the same pictures on pages (SVG) and in documents (PNG)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.core.charts import bar_chart, line_chart, radar_chart

from .analysis import Analysis


def analysis_charts(analysis: Analysis) -> dict:
    """Radar of the ten indicators, tool bars and the multi-year trend.

    ``trend`` is ``None`` when fewer than two years are on record.
    """
    year = str(analysis.fiscal_year)
    labels = [f"{row.code}. {row.title}" for row in analysis.indicators]
    radar_series = {
        _("FY %(year)s") % {"year": year}: [row.score for row in analysis.indicators]
    }
    if analysis.previous_year is not None and all(
        row.previous is not None for row in analysis.indicators
    ):
        radar_series[_("FY %(year)s") % {"year": analysis.previous_year}] = [
            row.previous for row in analysis.indicators
        ]
    if analysis.peers is not None and all(
        row.peer_average is not None for row in analysis.indicators
    ):
        radar_series[_("Average of %(name)s") % {"name": analysis.peers.name}] = [
            row.peer_average for row in analysis.indicators
        ]
    charts = {
        "radar": radar_chart(
            labels,
            radar_series,
            threshold=analysis.threshold,
            title=_("Scores per indicator, FY %(year)s") % {"year": year},
        ),
        "tools": bar_chart(
            [
                f"{row.code}\n{row.title}" if len(row.title) < 40 else row.code
                for row in analysis.tools
            ]
            + [pgettext("ITA score", "Total")],
            {
                _("FY %(year)s") % {"year": year}: [row.score for row in analysis.tools]
                + [analysis.score.total]
            },
            threshold=analysis.threshold,
            title=_("Scores per tool, FY %(year)s") % {"year": year},
            maximum=100,  # scores out of 100: the axis ends at the scale's end
        ),
        "trend": None,
    }
    if len(analysis.trend) >= 2:
        charts["trend"] = line_chart(
            [str(point.fiscal_year) for point in analysis.trend],
            {
                pgettext("ITA score", "Total"): [
                    point.total for point in analysis.trend
                ],
                "IIT": [point.iit for point in analysis.trend],
                "EIT": [point.eit for point in analysis.trend],
                "OIT": [point.oit for point in analysis.trend],
            },
            title=_("ITA results over the years"),
        )
    return charts
