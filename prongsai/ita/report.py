"""The analysis report as PDF and DOCX, and the result import templates.

Both formats are built from one context (:func:`report_context`), so the
PDF and the editable DOCX say the same thing.
"""

from __future__ import annotations

import base64

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.core import thai_dates
from prongsai.core.documents import (
    CONTENT_TYPE_XLSX,
    csv_response,
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    file_response,
    render_pdf,
)
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes

from .charts import analysis_charts
from .frameworks import Framework
from .importing import INDICATOR_KEYS, PUBLISHED_KEYS
from .models import AnalysisReport
from .selectors import ita_analysis_get


def report_title(fiscal_year: int) -> str:
    return _(
        "Report on the analysis of the Integrity and Transparency Assessment "
        "(ITA) results, fiscal year %(year)s"
    ) % {"year": fiscal_year}


def report_filename(report: AnalysisReport, fmt: str) -> str:
    return (
        f"รายงานการวิเคราะห์ผล ITA {report.organization.slug} {report.fiscal_year}.{fmt}"
    )


def report_context(report: AnalysisReport) -> dict:
    """Everything the report says, for the page, the PDF and the DOCX."""
    with override("th"):
        analysis = ita_analysis_get(
            organization=report.organization, fiscal_year=report.fiscal_year
        )
        return {
            "organization": report.organization,
            "report": report,
            "analysis": analysis,
            "title": report_title(report.fiscal_year),
            "generated_on": timezone.localdate(),
            "fiscal_year_label": thai_dates.fiscal_year_label(report.fiscal_year),
        }


def _png_uri(chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png(dpi=150)).decode()


def report_pdf(context: dict) -> bytes:
    """The report as an A4 PDF in Sarabun with Thai page numbers."""
    with override("th"):
        charts = analysis_charts(context["analysis"])
        images = {name: _png_uri(chart) for name, chart in charts.items() if chart}
    return render_pdf(
        "ita/report_pdf.html",
        {**context, "images": images},
        thai_digits=context["report"].thai_digits,
    )


def _score_rows(analysis) -> list[list[str]]:
    rows = []
    for tool in analysis.tools:
        rows.append(
            [
                f"{tool.code} {tool.title}",
                str(tool.score),
                "-" if tool.previous is None else str(tool.previous),
                "-" if tool.change is None else f"{tool.change:+}",
                _("Weakness") if tool.weak else _("Strength"),
            ]
        )
        for row in analysis.indicators:
            if row.tool != tool.code:
                continue
            rows.append(
                [
                    _("Indicator %(number)s") % {"number": row.code} + f": {row.title}",
                    str(row.score),
                    "-" if row.previous is None else str(row.previous),
                    "-" if row.change is None else f"{row.change:+}",
                    _("Weakness") if row.weak else _("Strength"),
                ]
            )
    return rows


def _docx_result(doc, analysis, organization, charts) -> None:
    """Part 1: the scores, their change, the peers, the table and the charts."""
    docx_heading(doc, _("Part 1. Assessment result"), 1)
    docx_paragraph(
        doc,
        _(
            "%(organization)s scored %(total)s points in the ITA of fiscal "
            "year %(year)s, rated “%(level)s” (IIT %(iit)s, EIT %(eit)s, OIT "
            "%(oit)s)."
        )
        % {
            "organization": organization.name,
            "total": analysis.score.total,
            "year": analysis.fiscal_year,
            "level": analysis.score.level.label_th,
            "iit": analysis.score.iit,
            "eit": analysis.score.eit,
            "oit": analysis.score.oit,
        },
    )
    if analysis.total_change is not None:
        docx_paragraph(
            doc,
            _(
                "Against fiscal year %(previous)s the total changed by "
                "%(change)s points."
            )
            % {
                "previous": analysis.previous_year,
                "change": f"{analysis.total_change:+}",
            },
        )
    if analysis.peers and not analysis.peers.ranked:
        docx_paragraph(
            doc,
            _(
                "The comparison group has %(number)s organisations, fewer than "
                "%(minimum)s, so no rank is shown."
            )
            % {
                "number": analysis.peers.count,
                "minimum": analysis.peers.min_for_rank,
            },
        )
    elif analysis.peers:
        docx_paragraph(
            doc,
            _(
                "Among %(count)s organisations of %(name)s it ranks %(rank)s "
                "(percentile %(percentile)s); the peer average total is "
                "%(average)s."
            )
            % {
                "count": analysis.peers.count,
                "name": analysis.peers.name,
                "rank": analysis.peers.rank,
                "percentile": analysis.peers.percentile,
                "average": analysis.peers.average_total,
            },
        )
    docx_table(
        doc,
        [
            _("Tool / indicator"),
            _("FY %(year)s") % {"year": analysis.fiscal_year},
            _("Previous year"),
            _("Change"),
            _("Assessment"),
        ],
        _score_rows(analysis),
        widths=[6.4, 2.4, 2.4, 2.4, 2.4],
    )
    docx_image(doc, charts["radar"].png(dpi=150), 13)
    if charts["trend"]:
        docx_image(doc, charts["trend"].png(dpi=150), 15)


def _docx_analysis(doc, analysis) -> None:
    """Part 2: the urgent weaknesses and the missing OIT items."""
    docx_heading(doc, _("Part 2. Analysis"), 1)
    docx_heading(doc, _("Weaknesses to fix urgently"), 2)
    if analysis.urgent:
        for weakness in analysis.urgent:
            docx_paragraph(
                doc,
                f"• {weakness.title} ({weakness.score})",
            )
    else:
        docx_paragraph(doc, _("None below the threshold."))
    docx_heading(doc, _("Issues to develop"), 2)
    if analysis.missing_items:
        docx_table(
            doc,
            [_("Item"), _("Requirements not met"), _("Gain if fixed")],
            [
                [
                    f"{item.code} {item.title}",
                    "\n".join(item.requirements),
                    "-" if item.gain is None else f"+{item.gain}",
                ]
                for item in analysis.missing_items
            ],
            widths=[6, 8, 2],
        )
    else:
        docx_paragraph(doc, _("No OIT item is missing."))


def _docx_measures(doc, report: AnalysisReport) -> None:
    """Part 3: the measures, then the signature and approval blocks."""
    docx_heading(doc, _("Part 3. Measures"), 1)
    if report.summary:
        docx_paragraph(doc, report.summary)
    docx_table(
        doc,
        [_("Measure"), _("Responsible unit"), _("Steps"), _("Timeline")],
        [
            [m["title"], m["responsible_unit"], m["steps"], m["timeline"]]
            for m in report.measures
        ]
        or [["-", "-", "-", "-"]],
        widths=[5, 3.5, 5.5, 2.5],
    )
    docx_paragraph(doc, "")
    docx_paragraph(
        doc,
        _("Prepared by") + " " + "." * 40,
        align="right",
    )
    docx_paragraph(doc, f"({report.prepared_by_name or '.' * 30})", align="right")
    docx_paragraph(doc, report.prepared_by_position, align="right")
    docx_heading(doc, _("Executive's decision"), 2)
    docx_paragraph(doc, "☐ " + _("Approved") + "    ☐ " + _("Not approved"))
    docx_paragraph(doc, _("Comments") + " " + "." * 60)
    docx_paragraph(doc, _("Signed") + " " + "." * 40, align="right")
    docx_paragraph(doc, f"({report.approver_name or '.' * 30})", align="right")
    docx_paragraph(doc, report.approver_position, align="right")
    docx_paragraph(doc, _("Date") + " " + "." * 30, align="right")


def report_docx(context: dict) -> bytes:
    """The same report as an editable Word document."""
    report: AnalysisReport = context["report"]
    analysis = context["analysis"]
    organization = context["organization"]
    with override("th"):
        charts = analysis_charts(analysis)
        doc = docx_document(thai_digits=report.thai_digits)
        docx_heading(doc, context["title"], 0)
        docx_paragraph(doc, organization.name, bold=True, align="center")
        _docx_result(doc, analysis, organization, charts)
        _docx_analysis(doc, analysis)
        _docx_measures(doc, report)
        return docx_bytes(doc)


# --------------------------------------------------------------------------
# Import templates


def _template_columns(framework: Framework) -> list[tuple[str, str]]:
    columns = [("fiscal_year", _("Fiscal year (BE)"))]
    columns += [
        (key, _("Indicator %(number)s") % {"number": key[1:]}) for key in INDICATOR_KEYS
    ]
    labels = {
        "published_iit": _("Published IIT"),
        "published_eit": _("Published EIT"),
        "published_oit": _("Published OIT"),
        "published_total": _("Published total"),
    }
    columns += [(key, labels[key]) for key in PUBLISHED_KEYS]
    columns += [
        (item.code, f"{item.code} {item.title_th}") for item in framework.oit_items
    ]
    columns.append(("notes", _("Notes")))
    return columns


def result_template_xlsx(framework: Framework):
    columns = _template_columns(framework)
    sheet = Sheet(
        title=_("ITA result"),
        headers=[label for _key, label in columns],
        rows=[
            [key for key, _label in columns],
            [framework.fiscal_year] + [""] * (len(columns) - 1),
        ],
        widths=[14] * len(columns),
    )
    content = xlsx_bytes([sheet])
    return file_response(
        content,
        filename=f"ita-result-template-{framework.fiscal_year}.xlsx",
        content_type=CONTENT_TYPE_XLSX,
    )


def result_template_csv(framework: Framework):
    columns = _template_columns(framework)
    return csv_response(
        f"ita-result-template-{framework.fiscal_year}.csv",
        [label for _key, label in columns],
        [
            [key for key, _label in columns],
            [framework.fiscal_year] + [""] * (len(columns) - 1),
        ],
        streaming=False,
    )
