"""Reports to executives (quarterly, six-month, annual) and the risk register,
as PDF and as editable DOCX in Thai official style.

Each document is built from one context so that the PDF and the DOCX say the
same thing. Progress is read as it stood at the end of the period.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from prongsai.core import thai_dates
from prongsai.core.charts import bar_chart, matrix_chart
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
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import members_with_role

from . import monitoring, selectors
from .charts import GanttRow, gantt_svg
from .models import (
    Measure,
    MeasureCase,
    Plan,
    ProgressUpdate,
    RiskAssessment,
    WorkStatus,
)
from .templatetags.plans import FLAG_LABELS, LEVEL_LABELS, STATE_LABELS

PERIODS = ("q1", "q2", "q3", "q4", "h1", "year")


def period_title(period: str, plan: Plan) -> str:
    if period == "year":
        return _("Annual implementation report") + " " + plan.title
    if period == "h1":
        return _("Six-month implementation report") + " " + plan.title
    return (
        _("Progress report, quarter %(quarter)s") % {"quarter": period[1]}
        + " "
        + plan.title
    )


@dataclass
class MeasureReport:
    measure: Measure
    state: str
    flags: list[str]
    status_label: str
    percent: int
    kpi_value: Decimal | None
    updates: list[ProgressUpdate]  # within the period, oldest first
    latest: ProgressUpdate | None  # latest on or before the end of the period
    # Complaints the measure addresses: references of general cases only (no
    # personal data); confidential reports are only counted.
    case_references: list[str] = field(default_factory=list)
    confidential_cases: int = 0

    @property
    def flag_labels(self) -> str:
        return ", ".join(str(FLAG_LABELS[f]) for f in self.flags)

    @property
    def case_count(self) -> int:
        return len(self.case_references) + self.confidential_cases

    @property
    def complaints_text(self) -> str:
        if not self.case_count:
            return _("Complaints addressed: none linked.")
        parts = list(self.case_references)
        if self.confidential_cases:
            parts.append(
                ngettext(
                    "%(count)d confidential report",
                    "%(count)d confidential reports",
                    self.confidential_cases,
                )
                % {"count": self.confidential_cases}
            )
        return _("Complaints addressed: %(count)s (%(list)s).") % {
            "count": self.case_count,
            "list": ", ".join(parts),
        }


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


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


def plan_report_context(
    *, plan: Plan, period: str, today: datetime.date | None = None
) -> dict:
    """Everything a report on ``period`` of the plan's fiscal year says."""
    if period not in PERIODS:
        raise DomainError(_("Choose a quarter, the six months or the year."))
    latest = selectors.latest_approved_version(plan)
    if latest is None:
        raise DomainError(_("A report is made once the plan has been approved."))
    today = today or timezone.localdate()
    start, end = thai_dates.fiscal_period_bounds(plan.fiscal_year, period)
    # The version in force at the end of the period.
    approved = (
        plan.versions.filter(approved_at__date__lte=end).order_by("-number").first()
        or latest
    )
    as_of = min(end, today)
    settings_row = selectors.plan_settings_for(plan.organization)
    measures = list(selectors.measure_list(plan=plan))
    updates: dict[int, list[ProgressUpdate]] = {m.pk: [] for m in measures}
    for update in ProgressUpdate.objects.filter(
        measure__plan=plan, reported_on__lte=end
    ).order_by("reported_on", "id"):
        updates[update.measure_id].append(update)
    linked: dict[int, list] = {m.pk: [] for m in measures}
    for link in MeasureCase.objects.filter(measure__plan=plan).select_related("case"):
        linked[link.measure_id].append(link.case)
    rows = []
    for measure in measures:
        history = updates[measure.pk]
        cases = linked.get(measure.pk, [])
        latest = history[-1] if history else None
        status = latest.status if latest else WorkStatus.NOT_STARTED
        percent = latest.percent_done if latest else 0
        kpi_value = next(
            (u.kpi_value for u in reversed(history) if u.kpi_value is not None), None
        )
        state = monitoring.assess(
            monitoring.WorkState(
                start_date=measure.start_date,
                due_date=measure.due_date,
                status=status,
                percent_done=percent,
                last_update_on=latest.reported_on if latest else None,
                kpi_baseline=measure.kpi_baseline,
                kpi_target=measure.kpi_target,
                kpi_value=kpi_value,
                kpi_direction=measure.kpi_direction,
            ),
            today=as_of,
            stale_after_days=settings_row.stale_after_days,
        )
        rows.append(
            MeasureReport(
                measure=measure,
                state=state.state,
                flags=list(state.flags),
                status_label=str(WorkStatus(status).label),
                percent=percent,
                kpi_value=kpi_value,
                updates=[u for u in history if u.reported_on >= start],
                latest=latest,
                case_references=sorted(
                    c.reference for c in cases if not c.is_confidential
                ),
                confidential_cases=sum(1 for c in cases if c.is_confidential),
            )
        )
    counts = dict.fromkeys(STATE_LABELS, 0)
    for row in rows:
        counts[row.state] += 1
    budget = sum((m.budget for m in measures), Decimal(0))
    coordinators = members_with_role(
        organization=plan.organization, role=Role.ITA_COORDINATOR
    )
    executives = members_with_role(organization=plan.organization, role=Role.EXECUTIVE)
    return {
        "organization": plan.organization,
        "plan": plan,
        "period": period,
        "title": period_title(period, plan),
        "start": start,
        "end": end,
        "as_of": as_of,
        "approved": approved,
        "rows": rows,
        "counts": counts,
        "state_labels": {k: str(v) for k, v in STATE_LABELS.items()},
        "measure_count": len(rows),
        "case_count": sum(r.case_count for r in rows),
        "budget": budget,
        "average_percent": round(sum(r.percent for r in rows) / len(rows))
        if rows
        else 0,
        "reporter": coordinators[0] if coordinators else None,
        "executive": executives[0] if executives else None,
        "generated_on": today,
    }


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
        title=plan.title,
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
    name = member.user.display_name if member else "." * 40
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
            [
                [
                    r.measure.number,
                    f"{r.measure.title}\n{_responsible(r.measure)}",
                    _money(r.measure.budget),
                    _kpi_text(r.measure),
                    _result_text(r),
                    context["state_labels"][r.state]
                    + (f"\n{r.flag_labels}" if r.flags else ""),
                ]
                for r in context["rows"]
            ],
            widths=[1.0, 4.5, 2.4, 3.4, 2.6, 2.6],
        )
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
        docx_heading(doc, _("4. Problems and suggestions"), 1)
        docx_paragraph(doc, _problems_text(context))
        docx_paragraph(
            doc,
            _("Plan approved by %(name)s on %(date)s, version %(version)s.")
            % {
                "name": context["approved"].approved_by_name,
                "date": thai_dates.format_date(context["approved"].approved_at),
                "version": context["approved"].number,
            },
        )
        _signature(doc, _("Reporter"), context["reporter"])
        docx_paragraph(doc, "")
        docx_paragraph(doc, _("Opinion of the executive") + " " + "." * 80)
        _signature(doc, _("Executive"), context["executive"])
        return docx_bytes(doc)


def _responsible(measure: Measure) -> str:
    parts = [measure.responsible_unit]
    if measure.owner:
        parts.append(measure.owner.user.display_name)
    return " · ".join(p for p in parts if p)


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


def _problems_text(context: dict) -> str:
    at_risk = [r for r in context["rows"] if r.state == "at_risk"]
    if not at_risk:
        return _("Every measure is on track.")
    return _("Measures needing attention: %(list)s.") % {
        "list": "; ".join(
            f"{r.measure.number}. {r.measure.title} ({r.flag_labels})" for r in at_risk
        )
    }


def plan_report_file(
    *, plan: Plan, period: str, file_format: str, today: datetime.date | None = None
) -> tuple[bytes, str, str]:
    """The report as ``(content, file name, content type)``."""
    context = plan_report_context(plan=plan, period=period, today=today)
    context["summary"] = _summary_sentence(context)
    context["problems"] = _problems_text(context)
    name = f"รายงานผลการดำเนินงาน {plan.fiscal_year} {period} แผน{plan.pk}"
    if file_format == "docx":
        return plan_report_docx(context), f"{name}.docx", CONTENT_TYPE_DOCX
    if file_format != "pdf":
        raise DomainError(_("Choose PDF or DOCX."))
    return plan_report_pdf(context), f"{name}.pdf", CONTENT_TYPE_PDF


# --- risk register ------------------------------------------------------------------


def risk_report_context(*, assessment: RiskAssessment) -> dict:
    register = selectors.risk_register(assessment=assessment)
    codes = {risk.pk: f"R{index}" for index, (risk, _r) in enumerate(register.risks, 1)}
    cells: dict[tuple[int, int], str] = {}
    for risk, _rank in register.risks:
        key = (risk.likelihood, risk.impact)
        cells[key] = ", ".join(filter(None, [cells.get(key, ""), codes[risk.pk]]))
    executives = members_with_role(
        organization=assessment.organization, role=Role.EXECUTIVE
    )
    return {
        "organization": assessment.organization,
        "assessment": assessment,
        "register": register,
        "codes": codes,
        "cells": cells,
        "level_labels": {k: str(v) for k, v in LEVEL_LABELS.items()},
        "executive": executives[0] if executives else None,
        "generated_on": timezone.localdate(),
    }


def _matrix(context: dict):
    return matrix_chart(context["cells"], title=_("Risk matrix"))


def risk_report_pdf(context: dict) -> bytes:
    with override("th"):
        return render_pdf(
            "plans/risk_report_pdf.html", {**context, "chart": _matrix(context)}
        )


def risk_report_docx(context: dict) -> bytes:
    assessment = context["assessment"]
    register = context["register"]
    with override("th"):
        doc = docx_document()
        docx_heading(doc, assessment.title, 0)
        docx_paragraph(doc, context["organization"].name, bold=True, align="center")
        if assessment.notes:
            docx_paragraph(doc, assessment.notes)
        docx_heading(doc, _("1. Risk matrix"), 1)
        docx_image(doc, _matrix(context).png(), 12)
        docx_heading(doc, _("2. Risks by priority"), 1)
        _table(
            doc,
            [
                _("Code"),
                _("Process"),
                _("Risk event"),
                _("L"),
                _("I"),
                _("Score"),
                _("Level"),
                _("Control measures"),
            ],
            [
                [
                    context["codes"][risk.pk],
                    risk.get_process_display(),
                    risk.event,
                    risk.likelihood,
                    risk.impact,
                    rank.score,
                    context["level_labels"][rank.level],
                    risk.control_measures
                    + (
                        "\n"
                        + _("Plan measure: %(title)s") % {"title": risk.measure.title}
                        if risk.measure
                        else ""
                    ),
                ]
                for risk, rank in register.risks
            ],
            widths=[1.1, 2.2, 4.0, 1.1, 1.1, 1.2, 1.6, 4.2],
        )
        if register.previous is not None:
            docx_heading(
                doc,
                _("3. Follow-up of the risks of fiscal year %(year)s")
                % {"year": register.previous.fiscal_year},
                1,
            )
            _table(
                doc,
                [_("Risk event"), _("Control measures"), _("Follow-up")],
                [
                    [
                        risk.event,
                        risk.control_measures,
                        risk.get_follow_up_display()
                        + (f": {risk.follow_up_note}" if risk.follow_up_note else ""),
                    ]
                    for risk in register.previous_risks
                ],
                widths=[6, 5.5, 5],
            )
        _signature(doc, _("Executive"), context["executive"])
        return docx_bytes(doc)


def risk_report_file(
    *, assessment: RiskAssessment, file_format: str
) -> tuple[bytes, str, str]:
    context = risk_report_context(assessment=assessment)
    name = f"การประเมินความเสี่ยงการทุจริต {assessment.fiscal_year}"
    if file_format == "docx":
        return risk_report_docx(context), f"{name}.docx", CONTENT_TYPE_DOCX
    return risk_report_pdf(context), f"{name}.pdf", CONTENT_TYPE_PDF
