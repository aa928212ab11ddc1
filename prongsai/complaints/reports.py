"""Complaint statistics as PDF, XLSX and a chart (OIT evidence)."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.core import thai_dates
from prongsai.core.charts import bar_chart
from prongsai.core.documents import render_pdf
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes

from . import selectors_statistics

OUTCOME_KEYS = ("received", "in_progress", "completed", "forwarded")


def _outcome_labels() -> list[str]:
    return [_("Received"), _("In progress"), _("Completed"), _("Forwarded")]


def category_chart(stats: dict):
    """Bars of received and completed cases per category."""
    labels = [name or _("No category") for name, _counts in stats["by_category"]]
    return bar_chart(
        labels,
        {
            _("Received"): [c["received"] for _n, c in stats["by_category"]],
            _("Completed"): [c["completed"] for _n, c in stats["by_category"]],
        },
        horizontal=True,
        title=_("Cases by category, fiscal year %(year)s")
        % {"year": stats["fiscal_year"]},
        value_format="{:.0f}",
    )


def statistics_pdf(*, organization, fiscal_year: int) -> bytes:
    stats = selectors_statistics.complaint_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    with translation.override("th"):
        chart = category_chart(stats).png_data_uri() if stats["total"] else ""
        return render_pdf(
            "complaints/statistics_pdf.html",
            {
                "organization": organization,
                "stats": stats,
                "year": fiscal_year,
                "year_label": thai_dates.fiscal_year_label(fiscal_year),
                "today": timezone.localdate(),
                "chart": chart,
            },
        )


def statistics_xlsx(*, organization, fiscal_year: int) -> bytes:
    stats = selectors_statistics.complaint_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    with translation.override("th"):
        title_rows = [
            _("Complaint statistics, %(organization)s")
            % {"organization": organization.name},
            thai_dates.fiscal_year_label(fiscal_year),
        ]
        none = _("None received")
        category_rows = [
            [name or _("No category"), *[counts[k] for k in OUTCOME_KEYS]]
            for name, counts in stats["by_category"]
        ] or [[none, 0, 0, 0, 0]]
        corruption = stats["corruption"]
        sheets = [
            Sheet(
                title=_("Summary"),
                headers=[
                    pgettext("statistics row", "Item"),
                    pgettext("count", "Number"),
                ],
                rows=[
                    *[
                        [label, stats["outcomes"][key]]
                        for label, key in zip(
                            _outcome_labels(), OUTCOME_KEYS, strict=True
                        )
                    ],
                    *[[label, n] for label, n in stats["by_kind"]],
                    [_("Corruption and misconduct reports"), corruption["total"]],
                ],
                title_rows=title_rows,
            ),
            Sheet(
                title=_("By category"),
                headers=[_("Category"), *_outcome_labels()],
                rows=category_rows,
                title_rows=title_rows,
            ),
            Sheet(
                title=_("By channel"),
                headers=[_("Channel"), pgettext("count", "Number")],
                rows=[[label, n] for label, n in stats["by_channel"]] or [[none, 0]],
                title_rows=title_rows,
            ),
            Sheet(
                title=_("Corruption reports"),
                headers=[
                    _("Received"),
                    _("In progress"),
                    _("Completed"),
                    _("Forwarded"),
                ],
                rows=[
                    [
                        corruption["total"],
                        corruption["in_progress"],
                        corruption["completed"],
                        corruption["forwarded"],
                    ]
                ],
                title_rows=title_rows,
            ),
        ]
        return xlsx_bytes(sheets)
