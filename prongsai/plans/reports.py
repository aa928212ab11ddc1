"""Reports to executives (quarterly, six-month, annual) and the risk register,
as PDF and as editable DOCX in Thai official style.

Each document is built from one context so that the PDF and the DOCX say the
same thing. A plan report follows the plan as approved: its measures, targets,
budgets, dates and owners come from the snapshot of the version in force at
the end of the period, while progress, KPI values reached and linked
complaints come from the live records of those measures, as they stood at the
end of the period. The follow-up dashboard, by contrast, shows the live plan.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override, pgettext

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
from prongsai.organizations.models import Membership
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

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
REMOVED_LATER = "later"  # by a later approved version
REMOVAL_PENDING = "pending"  # by the open revision, not approved yet


def period_title(period: str, plan_title: str) -> str:
    if period == "year":
        return _("Annual implementation report") + " " + plan_title
    if period == "h1":
        return _("Six-month implementation report") + " " + plan_title
    return (
        _("Progress report, quarter %(quarter)s") % {"quarter": period[1]}
        + " "
        + plan_title
    )


@dataclass
class ApprovedMeasure:
    """A measure as an approved version of the plan froze it.

    ``live`` is the measure's current row, if it still exists, from which
    progress and linked complaints are read; a measure removed by a later
    revision, approved or not yet, has none.
    """

    id: int | None
    number: int
    title: str
    description: str
    responsible_unit: str
    owner: str  # the owner's name at approval
    owner_position: str
    start_date: datetime.date
    due_date: datetime.date
    budget: Decimal
    kpi_name: str
    kpi_unit: str
    kpi_baseline: Decimal | None
    kpi_target: Decimal | None
    kpi_direction: str
    live: Measure | None = None
    # Why there is no live row: REMOVED_LATER or REMOVAL_PENDING (or "" when
    # the snapshot does not say which measure it was).
    removal: str = ""

    @classmethod
    def from_snapshot(cls, data: dict, live: Measure | None) -> ApprovedMeasure:
        """``data``: one measure of ``selectors.snapshot_for_display``."""
        return cls(
            id=data["id"],
            number=data["number"],
            title=data["title"],
            description=data["description"],
            responsible_unit=data["responsible_unit"],
            owner=data["owner"],
            owner_position=data["owner_position"],
            start_date=data["start_date"],
            due_date=data["due_date"],
            budget=data["budget"],
            kpi_name=data["kpi_name"],
            kpi_unit=data["kpi_unit"],
            kpi_baseline=data["kpi_baseline"],
            kpi_target=data["kpi_target"],
            kpi_direction=data["kpi_direction"],
            live=live,
        )

    @property
    def has_kpi(self) -> bool:
        return bool(self.kpi_name) and self.kpi_target is not None

    @property
    def removal_note(self) -> str:
        if self.removal == REMOVED_LATER:
            return _("Removed from the plan by a later revision.")
        if self.removal == REMOVAL_PENDING:
            return _("To be removed by the revision awaiting approval.")
        return ""


@dataclass
class MeasureReport:
    measure: ApprovedMeasure
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


def _updates_until(measure_ids, end: datetime.date) -> dict[int, list]:
    updates: dict[int, list[ProgressUpdate]] = {pk: [] for pk in measure_ids}
    for update in ProgressUpdate.objects.filter(
        measure_id__in=measure_ids, reported_on__lte=end
    ).order_by("reported_on", "id"):
        updates[update.measure_id].append(update)
    return updates


def plan_report_context(
    *, plan: Plan, period: str, today: datetime.date | None = None
) -> dict:
    """Everything a report on ``period`` of the plan's fiscal year says.

    The measures are those of the version in force at the end of the period
    (``selectors.version_in_force``), with their approved targets, budgets,
    dates and owners; progress comes from the live records. Measures of an
    open revision that is not approved yet are listed apart, without targets.
    """
    if period not in PERIODS:
        raise DomainError(_("Choose a quarter, the six months or the year."))
    latest_version = selectors.latest_approved_version(plan)
    if latest_version is None:
        raise DomainError(_("A report is made once the plan has been approved."))
    today = today or timezone.localdate()
    start, end = thai_dates.fiscal_period_bounds(plan.fiscal_year, period)
    approved = selectors.version_in_force(plan=plan, on=end)
    content = selectors.snapshot_for_display(
        approved.snapshot or {}, fiscal_year=plan.fiscal_year
    )
    as_of = min(end, today)
    settings_row = selectors.plan_settings_for(plan.organization)
    live = {m.pk: m for m in selectors.measure_list(plan=plan)}
    measures = sorted(
        (
            ApprovedMeasure.from_snapshot(data, live.get(data["id"]))
            for data in content["measures"]
        ),
        key=lambda m: m.number,
    )
    in_latest = {
        data.get("id") for data in (latest_version.snapshot or {}).get("measures", [])
    }
    for measure in measures:
        if measure.live is None and measure.id is not None:
            measure.removal = (
                REMOVAL_PENDING if measure.id in in_latest else REMOVED_LATER
            )
    measure_ids = [m.live.pk for m in measures if m.live is not None]
    updates = _updates_until(measure_ids, end)
    linked: dict[int, list] = {pk: [] for pk in measure_ids}
    for link in MeasureCase.objects.filter(measure_id__in=measure_ids).select_related(
        "case"
    ):
        linked[link.measure_id].append(link.case)
    rows = []
    for measure in measures:
        history = updates.get(measure.id, []) if measure.live else []
        cases = linked.get(measure.id, []) if measure.live else []
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
    # An open revision of the version in force: its new measures are shown
    # apart, as awaiting approval; its changed targets are not shown at all.
    revision_pending = (
        approved.pk == latest_version.pk and plan.status != Plan.Status.APPROVED
    )
    approved_ids = {m.id for m in measures}
    pending = []
    if revision_pending:
        pending_updates = _updates_until(
            [pk for pk in live if pk not in approved_ids], end
        )
        pending = [
            PendingMeasure(measure=m, latest=(pending_updates[m.pk] or [None])[-1])
            for pk, m in live.items()
            if pk not in approved_ids
        ]
    coordinators = membership_list_with_role(
        organization=plan.organization, role=Role.ITA_COORDINATOR
    )
    executives = membership_list_with_role(
        organization=plan.organization, role=Role.EXECUTIVE
    )
    plan_title = content["title"] or plan.title
    return {
        "organization": plan.organization,
        "plan": plan,
        "plan_title": plan_title,
        "period": period,
        "title": period_title(period, plan_title),
        "start": start,
        "end": end,
        "as_of": as_of,
        "approved": approved,
        # The version was approved only after the period ended.
        "approved_after_period": timezone.localdate(approved.approved_at) > end,
        "later_version": latest_version if latest_version.pk != approved.pk else None,
        "revision_pending": plan.version if revision_pending else None,
        "pending": pending,
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


@dataclass
class PendingMeasure:
    """A measure of an open revision, not approved yet: no approved target."""

    measure: Measure
    latest: ProgressUpdate | None

    @property
    def progress_text(self) -> str:
        if self.latest is None:
            return str(WorkStatus.NOT_STARTED.label)
        return f"{WorkStatus(self.latest.status).label} {self.latest.percent_done}%"


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
                    "\n".join(
                        filter(
                            None,
                            [
                                r.measure.title,
                                _responsible(r.measure),
                                _dates_text(r.measure),
                                r.measure.removal_note,
                            ],
                        )
                    ),
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
        if context["pending"]:
            docx_paragraph(doc, "")
            docx_paragraph(doc, _pending_intro(), bold=True)
            _table(
                doc,
                [_("No."), _("Measure / responsible"), _("Progress")],
                [
                    [
                        p.measure.number,
                        f"{p.measure.title}\n{_responsible(p.measure)}",
                        p.progress_text,
                    ]
                    for p in context["pending"]
                ],
                widths=[1.0, 11.5, 4.0],
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
        intro, lines = _problems(context)
        docx_paragraph(doc, intro)
        for line in lines:
            docx_paragraph(doc, "    " + line)
        _signature(doc, pgettext("progress report", "Reporter"), context["reporter"])
        docx_paragraph(doc, "")
        docx_paragraph(doc, _("Opinion of the executive") + " " + "." * 80)
        _signature(doc, _("Executive"), context["executive"])
        return docx_bytes(doc)


def _responsible(measure: ApprovedMeasure | Measure) -> str:
    owner = measure.owner
    if isinstance(owner, Membership):
        owner = owner.user.display_name
    return " · ".join(p for p in (measure.responsible_unit, owner) if p)


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
    """The report as ``(content, file name, content type)``."""
    context = plan_report_context(plan=plan, period=period, today=today)
    context["summary"] = _summary_sentence(context)
    context["problems"], context["problem_lines"] = _problems(context)
    context["version_text"] = version_text(context)
    context["pending_intro"] = _pending_intro()
    name = f"รายงานผลการดำเนินงาน {plan.fiscal_year} {period} แผน{plan.pk}"
    if file_format == "docx":
        return plan_report_docx(context), f"{name}.docx", CONTENT_TYPE_DOCX
    if file_format != "pdf":
        raise DomainError(_("Choose PDF or DOCX."))
    return plan_report_pdf(context), f"{name}.pdf", CONTENT_TYPE_PDF


# --- risk register ------------------------------------------------------------------


def risk_report_context(*, assessment: RiskAssessment) -> dict:
    register = selectors.risk_register(assessment=assessment)
    executives = membership_list_with_role(
        organization=assessment.organization, role=Role.EXECUTIVE
    )
    return {
        "organization": assessment.organization,
        "assessment": assessment,
        "register": register,
        "codes": selectors.risk_codes(register),
        "level_labels": {k: str(v) for k, v in LEVEL_LABELS.items()},
        "executive": executives[0] if executives else None,
        "generated_on": timezone.localdate(),
    }


def _matrix(context: dict):
    return selectors.risk_matrix_chart(register=context["register"])


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
                pgettext("risk", "Level"),
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
