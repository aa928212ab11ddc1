"""The annual performance report (รายงานผลการดำเนินงานประจำปี) and the plan
follow-up report (ติดตามและประเมินผลแผนพัฒนา) as PDF and editable DOCX,
written from a snapshot (``selectors_results.report_snapshot``): a published
document is the published snapshot, never the live records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core import charts
from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    render_pdf,
)

from .models_documents import ResultsReport


def _number(value: str | None) -> float:
    return float(Decimal(value)) if value else 0.0


def _million(value: str | None) -> float:
    return round(_number(value) / 1_000_000, 2)


def strategy_chart(strategies: list[dict[str, Any]]) -> charts.Chart:
    """Budget by strategy: planned in the plan, in force in the budget, and
    disbursed (million baht)."""
    labels = [
        f"{s['number']}. {s['name']}" if s["number"] else s["name"] for s in strategies
    ]
    return charts.bar_chart(
        labels,
        {
            pgettext("budget money", "Planned"): [
                _million(s["planned"]) for s in strategies
            ],
            pgettext("budget money", "In force"): [
                _million(s["in_force"]) for s in strategies
            ],
            pgettext("budget money", "Disbursed"): [
                _million(s["disbursed"]) for s in strategies
            ],
        },
        horizontal=True,
        title=_("Budget by strategy (million baht)"),
        value_format="{:,.2f}",
    )


def carried_out_chart(strategies: list[dict[str, Any]]) -> charts.Chart:
    """Share of the plan's projects of the year carried out, per strategy."""
    shown = [s for s in strategies if s["number"]]
    return charts.bar_chart(
        [f"{s['number']}. {s['name']}" for s in shown],
        {
            _("Carried out (%)"): [
                _number(s["carried_out_percent"]) if s["projects"] else None
                for s in shown
            ]
        },
        horizontal=True,
        title=_("Plan projects carried out (%)"),
        value_format="{:.0f}%",
    )


def _charts(snapshot: dict[str, Any]) -> list[charts.Chart]:
    with override("th"):
        made = [strategy_chart(snapshot["strategies"])]
        if snapshot["kind"] == ResultsReport.Kind.FOLLOW_UP:
            made.append(carried_out_chart(snapshot["strategies"]))
        return made


def report_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_pdf(
        "budget/results/report_pdf.html",
        {
            "s": snapshot,
            "charts": [c.png_data_uri() for c in _charts(snapshot)],
            "follow_up": snapshot["kind"] == ResultsReport.Kind.FOLLOW_UP,
        },
        landscape=True,
    )


def _money(value: str | None) -> Decimal:
    return Decimal(value or "0")


def _lines(doc, text: str) -> None:
    for line in text.splitlines() or ["-"]:
        docx_paragraph(doc, "    " + line, align="thai_justify")


def _docx_summary(doc, s: dict[str, Any]) -> None:
    docx_heading(doc, _("1. Summary"), 1)
    docx_paragraph(
        doc,
        _(
            "%(projects)s projects; %(carried)s of the %(planned)s plan projects "
            "of the year were carried out (%(completed)s completed). Budget in "
            "force %(in_force)s baht, committed %(committed)s baht, disbursed "
            "%(disbursed)s baht."
        )
        % {
            "projects": s["project_count"],
            "carried": s["carried_out"],
            "planned": s["plan_project_count"],
            "completed": s["completed"],
            "in_force": f"{_money(s['budget_in_force']):,.2f}",
            "committed": f"{_money(s['budget_committed']):,.2f}",
            "disbursed": f"{_money(s['budget_disbursed']):,.2f}",
        },
    )
    if s["summary"]:
        _lines(doc, s["summary"])
    docx_table(
        doc,
        [c["label"] for c in s["status_counts"]],
        [[c["count"] for c in s["status_counts"]]],
    )


def _docx_strategies(doc, s: dict[str, Any]) -> None:
    docx_heading(doc, _("2. Results by strategy"), 1)
    docx_table(
        doc,
        [
            _("Strategy"),
            _("Plan projects"),
            _("Carried out"),
            _("Carried out (%)"),
            _("Planned (baht)"),
            _("In force (baht)"),
            _("Disbursed (baht)"),
        ],
        [
            [
                f"{x['number']}. {x['name']}" if x["number"] else x["name"],
                x["projects"],
                x["carried_out"],
                x["carried_out_percent"] or "-",
                _money(x["planned"]),
                _money(x["in_force"]),
                _money(x["disbursed"]),
            ]
            for x in s["strategies"]
        ],
    )
    for chart in _charts(s):
        docx_image(doc, chart.png(), 22)


def _docx_projects(doc, s: dict[str, Any]) -> None:
    docx_heading(doc, _("3. Results by project"), 1)
    docx_table(
        doc,
        [
            _("No."),
            _("Project"),
            _("Status"),
            _("Output and result"),
            _("In force (baht)"),
            _("Disbursed (baht)"),
            _("Problems"),
        ],
        [
            [
                p["number"],
                p["name"],
                p["status_label"],
                "\n".join(x for x in (p["output"], p["result"]) if x),
                _money(p["in_force"]),
                _money(p["disbursed"]),
                p["problems"],
            ]
            for p in s["projects"]
        ],
        widths=[1.2, 6.5, 2.8, 6, 2.8, 2.8, 4],
    )


def report_docx(s: dict[str, Any]) -> bytes:
    follow_up = s["kind"] == ResultsReport.Kind.FOLLOW_UP
    with override("th"):
        doc = docx_document(landscape=True)
        docx_heading(doc, s["title"], 0)
        docx_paragraph(doc, s["organization_name"], bold=True, align="center")
        if s["plan_title"]:
            docx_paragraph(doc, s["plan_title"], align="center")
        _docx_summary(doc, s)
        _docx_strategies(doc, s)
        if not follow_up:
            _docx_projects(doc, s)
        docx_heading(doc, _("Problems and obstacles"), 1)
        _lines(doc, s["problems"])
        docx_heading(doc, _("Recommendations"), 1)
        _lines(doc, s["recommendations"])
        docx_paragraph(doc, "")
        name = s["reported_by_name"] or "." * 40
        for line in (f"({name})", s["reported_by_position"]):
            if line:
                docx_paragraph(doc, line, align="center")
        return docx_bytes(doc)
