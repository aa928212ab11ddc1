"""The asset-loan report of a fiscal year, as PDF and DOCX (official Thai layout)."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.core import thai_dates
from prongsai.core.documents import (
    CONTENT_TYPE_DOCX,
    CONTENT_TYPE_PDF,
    file_response,
    render_pdf,
)
from prongsai.core.documents_docx import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_paragraph,
    docx_table,
)

from .selectors_assets import LoanStatistics


def _summary_rows(stats: LoanStatistics) -> list[list]:
    share = "—" if stats.on_time_share is None else f"{stats.on_time_share:.1f}"
    return [
        [_("Requests received"), stats.requests],
        [_("Loans made (items handed over)"), stats.lent],
        [_("of which to staff for official use"), stats.lent_staff],
        [_("of which to citizens"), stats.lent_citizen],
        [_("Items lent (pieces)"), stats.items_lent],
        [_("Loans returned"), stats.returned],
        [_("Returned on time"), stats.returned_on_time],
        [_("Returned on time (%)"), share],
        [_("Returned late"), stats.returned_late],
        [_("Not returned and overdue"), stats.overdue],
        [_("Returned damaged or incomplete"), stats.damaged],
        [_("Requests rejected"), stats.rejected],
        [_("Requests cancelled"), stats.cancelled],
    ]


def _asset_rows(stats: LoanStatistics) -> list[list]:
    return [
        [
            index,
            row["asset"].code,
            row["asset"].name,
            row["loans"],
            f"{row['quantity']} {row['asset'].unit}",
            row["damaged"],
        ]
        for index, row in enumerate(stats.by_asset, start=1)
    ]


def _summary_headers() -> list[str]:
    return [pgettext("report column", "Item"), pgettext("report column", "Count")]


def _asset_headers() -> list[str]:
    return [
        _("No."),
        _("Asset number"),
        _("Asset"),
        _("Loans"),
        _("Quantity lent"),
        _("Damaged"),
    ]


def loan_report_response(organization, stats: LoanStatistics, fmt: str):
    """Download the fiscal year's asset-loan report (``pdf`` or ``docx``)."""
    label = thai_dates.fiscal_year_label(stats.fiscal_year)
    today = timezone.localdate()
    with translation.override("th"):
        title = _("Report on the lending of assets")
        filename = f"{title} {organization.name} {label}"
        summary = _summary_rows(stats)
        assets = _asset_rows(stats)
        if fmt == "docx":
            doc = docx_document()
            docx_heading(doc, f"{title}\n{organization.name}", 1)
            docx_paragraph(doc, label, align="center")
            docx_paragraph(
                doc,
                _(
                    "Loans are counted in the fiscal year of their first day. "
                    "A loan is on time when the items came back by its last day."
                ),
                align="thai_justify",
            )
            docx_table(doc, _summary_headers(), summary, widths=[11, 4])
            docx_paragraph(doc, "")
            docx_paragraph(doc, _("Loans by asset"), bold=True)
            docx_table(
                doc, _asset_headers(), assets, widths=[1.2, 3.3, 5, 1.8, 2.7, 1.8]
            )
            docx_paragraph(doc, "")
            docx_paragraph(
                doc,
                _("Printed on %(date)s") % {"date": thai_dates.format_date(today)},
                align="right",
            )
            return file_response(
                docx_bytes(doc),
                filename=filename + ".docx",
                content_type=CONTENT_TYPE_DOCX,
            )
    content = render_pdf(
        "integrity/assets/report_pdf.html",
        {
            "organization": organization,
            "stats": stats,
            "label": label,
            "summary": summary,
            "summary_headers": _summary_headers(),
            "asset_headers": _asset_headers(),
            "assets": assets,
            "today": today,
        },
    )
    return file_response(
        content, filename=filename + ".pdf", content_type=CONTENT_TYPE_PDF
    )
