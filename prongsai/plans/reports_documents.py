"""The plan reports as documents: PDF and editable DOCX in Thai official
style, both from one ``reports.plan_report_context``."""

from __future__ import annotations

import base64
import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core import thai_dates
from prongsai.core.charts import bar_chart
from prongsai.core.documents import (
    CONTENT_TYPE_DOCX,
    CONTENT_TYPE_PDF,
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    render_pdf,
)
from prongsai.core.errors import DomainError

from .charts import GanttRow, gantt_svg
from .models import Plan
from .reports import (
    ApprovedMeasure,
    MeasureReport,
    plan_report_context,
)
from .reports_snapshot import report_data, report_from_data


def _kpi_text(item) -> str:
    if not item.has_kpi:
        return "—"
    sign = "≤" if item.kpi_direction == "at_most" else "≥"
    unit = f" {item.kpi_unit}" if item.kpi_unit else ""
    baseline = (
        _(" (baseline %(value)s)") % {"value": item.kpi_baseline}
        if item.kpi_baseline is not None
        else ""
    )
    return f"{item.kpi_name}: {sign} {item.kpi_target}{unit}{baseline}"


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def version_text(context: dict) -> str:
    """Which approved version the report follows, and when it was approved."""
    approved = context["approved"]
    text = _(
        "This report follows version %(version)s of the plan, approved by "
        "%(name)s on %(date)s."
    ) % {
        "version": approved.number,
        "name": approved.approved_by_name or "—",
        "date": thai_dates.format_date(approved.approved_at),
    }
    if context["approved_after_period"]:
        text += " " + _(
            "The plan was first approved after the end of the period; the "
            "report follows that first approved version."
        )
    later = context["later_version"]
    if later is not None:
        text += " " + _(
            "Version %(version)s, approved on %(date)s, applies from then on."
        ) % {
            "version": later.number,
            "date": thai_dates.format_date(later.approved_at),
        }
    if context["revision_pending"]:
        text += " " + _(
            "A revision (version %(version)s) has not been approved yet; its "
            "changes are not reported here."
        ) % {"version": context["revision_pending"]}
    return text


def _progress_chart(context: dict):
    rows = context["rows"]
    return bar_chart(
        [_("Measure %(number)s") % {"number": r.measure.number} for r in rows],
        {_("Percent done"): [r.percent for r in rows]},
        horizontal=True,
        title=_("Progress of each measure at the end of the period"),
        value_format="{:.0f}%",
    )


def _gantt_uri(context: dict) -> str:
    plan = context["plan"]
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    rows = [
        GanttRow(
            f"{r.measure.number}. {r.measure.title}",
            r.measure.start_date,
            r.measure.due_date,
            r.percent,
            r.state,
        )
        for r in context["rows"]
    ]
    svg = gantt_svg(
        rows,
        start=min([start, *(r.start for r in rows)]),
        end=max([end, *(r.end for r in rows)]),
        today=context["as_of"],
        title=context["plan_title"],
        width=900,
        label_width=330,
        label_chars=40,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def plan_report_pdf(context: dict) -> bytes:
    with override("th"):
        chart = _progress_chart(context)
        gantt = _gantt_uri(context)
        return render_pdf(
            "plans/report_pdf.html",
            {**context, "chart": chart, "gantt": gantt},
            landscape=False,
        )


def _table(doc, headers, rows, *, widths):
    """A toolkit table whose column widths also hold in LibreOffice (which
    reads the table grid, not the cell widths)."""
    from docx.shared import Cm

    table = docx_table(doc, headers, rows, widths=widths)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    return table


def _signature(doc, label: str, member, fallback_position: str = "") -> None:
    name = member.name if member else "." * 40
    position = (member.position if member else "") or fallback_position
    docx_paragraph(doc, "")
    docx_paragraph(
        doc,
        _("(signed) %(dots)s %(role)s") % {"dots": "." * 40, "role": label},
        align="right",
    )
    docx_paragraph(doc, f"({name})", align="right")
    if position:
        docx_paragraph(doc, position, align="right")


def _measure_cells(context: dict, r: MeasureReport) -> list:
    measure = r.measure
    lines = [measure.title, _responsible(measure), _dates_text(measure)]
    return [
        measure.number,
        "\n".join(filter(None, [*lines, measure.removal_note])),
        _money(measure.budget),
        _kpi_text(measure),
        _result_text(r),
        context["state_labels"][r.state] + (f"\n{r.flag_labels}" if r.flags else ""),
    ]


def _docx_results(doc, context: dict) -> None:
    docx_heading(doc, _("2. Results by measure"), 1)
    _table(
        doc,
        [
            _("No."),
            _("Measure / responsible"),
            _("Budget (baht)"),
            _("Indicator and target"),
            _("Result"),
            _("State"),
        ],
        [_measure_cells(context, r) for r in context["rows"]],
        widths=[1.0, 4.5, 2.4, 3.4, 2.6, 2.6],
    )
    if context["pending"]:
        docx_paragraph(doc, "")
        docx_paragraph(doc, _pending_intro(), bold=True)
        _table(
            doc,
            [_("No."), _("Measure / responsible"), _("Progress")],
            [
                [p.number, f"{p.title}\n{p.responsible}", p.progress_text]
                for p in context["pending"]
            ],
            widths=[1.0, 11.5, 4.0],
        )


def _docx_work_done(doc, context: dict) -> None:
    docx_heading(doc, _("3. Work done in the period"), 1)
    for r in context["rows"]:
        docx_paragraph(doc, f"{r.measure.number}. {r.measure.title}", bold=True)
        docx_paragraph(doc, r.complaints_text)
        if not r.updates:
            docx_paragraph(doc, _("No progress was reported in this period."))
        for u in r.updates:
            docx_paragraph(
                doc,
                f"{thai_dates.format_date(u.reported_on)}: {u.narrative}"
                + (f" ({u.evidence_url})" if u.evidence_url else ""),
            )


def narrative_sections(context: dict) -> list[tuple[str, str]]:
    """The headings and texts of the narrative sections staff wrote
    (problems, obstacles, suggestions); a section not written reads "none"."""
    narrative = context.get("narrative") or {}
    none = _("None stated.")
    return [
        (_("4.1 Problems"), narrative.get("problems") or none),
        (_("4.2 Obstacles"), narrative.get("obstacles") or none),
        (_("4.3 Suggestions"), narrative.get("suggestions") or none),
    ]


def _docx_narrative(doc, context: dict) -> None:
    docx_heading(doc, _("4. Problems, obstacles and suggestions"), 1)
    intro, lines = _problems(context)
    docx_paragraph(doc, intro)
    for line in lines:
        docx_paragraph(doc, "    " + line)
    for heading, text in narrative_sections(context):
        docx_paragraph(doc, heading, bold=True)
        for paragraph in text.splitlines() or [""]:
            docx_paragraph(doc, "    " + paragraph, align="thai_justify")


def plan_report_docx(context: dict) -> bytes:
    with override("th"):
        doc = docx_document()
        docx_heading(doc, context["title"], 0)
        docx_paragraph(doc, context["organization"].name, bold=True, align="center")
        docx_paragraph(
            doc,
            _("Period: %(start)s to %(end)s")
            % {
                "start": thai_dates.format_date(context["start"]),
                "end": thai_dates.format_date(context["end"]),
            },
            align="center",
        )
        docx_paragraph(doc, version_text(context), align="thai_justify")
        docx_heading(doc, _("1. Summary"), 1)
        docx_paragraph(doc, _summary_sentence(context))
        _table(
            doc,
            [_("State"), _("Measures")],
            [
                [context["state_labels"][key], count]
                for key, count in context["counts"].items()
                if count
            ],
            widths=[8, 3],
        )
        docx_image(doc, _progress_chart(context).png(), 15)
        _docx_results(doc, context)
        _docx_work_done(doc, context)
        _docx_narrative(doc, context)
        _signature(doc, pgettext("progress report", "Reporter"), context["reporter"])
        docx_paragraph(doc, "")
        docx_paragraph(doc, _("Opinion of the executive") + " " + "." * 80)
        _signature(doc, _("Executive"), context["executive"])
        return docx_bytes(doc)


def _responsible(measure: ApprovedMeasure) -> str:
    return " · ".join(p for p in (measure.responsible_unit, measure.owner) if p)


def _dates_text(measure: ApprovedMeasure) -> str:
    start = thai_dates.format_date(measure.start_date, "short")
    due = thai_dates.format_date(measure.due_date, "short")
    return f"{start} – {due}"


def _pending_intro() -> str:
    return _(
        "Measures added after the approval, awaiting approval (not part of the "
        "approved plan; no approved target yet):"
    )


def _result_text(row: MeasureReport) -> str:
    text = f"{row.status_label} {row.percent}%"
    if row.kpi_value is not None:
        unit = f" {row.measure.kpi_unit}" if row.measure.kpi_unit else ""
        text += "\n" + _("KPI reached: %(value)s%(unit)s") % {
            "value": row.kpi_value,
            "unit": unit,
        }
    return text


def _summary_sentence(context: dict) -> str:
    return _(
        "As of %(date)s the plan has %(count)s measures with a budget of "
        "%(budget)s baht: %(done)s done, %(risk)s at risk; average progress "
        "%(percent)s percent."
    ) % {
        "date": thai_dates.format_date(context["as_of"]),
        "count": context["measure_count"],
        "budget": _money(context["budget"]),
        "done": context["counts"]["done"],
        "risk": context["counts"]["at_risk"],
        "percent": context["average_percent"],
    }


def _problems(context: dict) -> tuple[str, list[str]]:
    """An opening sentence and one line per measure that needs attention."""
    at_risk = [r for r in context["rows"] if r.state == "at_risk"]
    if not at_risk:
        return _("Every measure is on track."), []
    return _("Measures needing attention:"), [
        f"{r.measure.number}. {r.measure.title} ({r.flag_labels})" for r in at_risk
    ]


def plan_report_file(
    *, plan: Plan, period: str, file_format: str, today: datetime.date | None = None
) -> tuple[bytes, str, str]:
    """The report as it stands now, as ``(content, file name, content type)``."""
    if file_format not in ("pdf", "docx"):
        raise DomainError(_("Choose PDF or DOCX."))
    context = plan_report_context(plan=plan, period=period, today=today)
    return plan_report_file_from_data(
        plan=plan, data=report_data(context), file_format=file_format
    )


def plan_report_file_from_data(
    *, plan: Plan, data: dict, file_format: str
) -> tuple[bytes, str, str]:
    """A report from ``reports_snapshot.report_data`` (a fresh one or one
    frozen in a publication), as ``(content, file name, content type)``."""
    if file_format not in ("pdf", "docx"):
        raise DomainError(_("Choose PDF or DOCX."))
    with override("th"):
        context = report_from_data(data, plan=plan, organization=plan.organization)
        context["summary"] = _summary_sentence(context)
        context["problems"], context["problem_lines"] = _problems(context)
        context["narrative_sections"] = narrative_sections(context)
        context["version_text"] = version_text(context)
        context["pending_intro"] = _pending_intro()
    name = f"รายงานผลการดำเนินงาน {plan.fiscal_year} {data['period']} แผน{plan.pk}"
    if file_format == "docx":
        return plan_report_docx(context), f"{name}.docx", CONTENT_TYPE_DOCX
    return plan_report_pdf(context), f"{name}.pdf", CONTENT_TYPE_PDF
