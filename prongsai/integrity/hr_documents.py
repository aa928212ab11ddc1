"""The HR plan and the HR report as PDF and DOCX, written from a snapshot
(``selectors_hr.hr_plan_snapshot`` / ``hr_report_snapshot``): a published
document is the published snapshot, never the live draft."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_paragraph,
    docx_table,
    render_pdf,
)


def _money(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value):,.2f}"


def report_summary_sentence(s: dict[str, Any]) -> str:
    text = _(
        "The plan had %(projects)s projects or activities with a budget of "
        "%(planned)s baht; %(used)s baht were used."
    ) % {
        "projects": s["project_count"],
        "planned": _money(s["budget_planned"]),
        "used": _money(s["budget_used"]),
    }
    if s["done_percent"] is not None:
        text += " " + _("%(percent)s%% of the projects were done.") % {
            "percent": s["done_percent"]
        }
    text += " " + _(
        "%(people)s people attended %(records)s courses, %(hours)s hours in all."
    ) % {
        "people": s["people_trained"],
        "records": s["training_records"],
        "hours": f"{Decimal(s['training_hours']):,.1f}".removesuffix(".0"),
    }
    return text


def hr_plan_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_pdf("integrity/hr/plan_pdf.html", {"s": snapshot})


def hr_report_pdf(snapshot: dict[str, Any]) -> bytes:
    with override("th"):
        sentence = report_summary_sentence(snapshot)
    return render_pdf(
        "integrity/hr/report_pdf.html", {"s": snapshot, "summary_sentence": sentence}
    )


def _lines(doc, text: str) -> None:
    for line in text.splitlines() or ["-"]:
        docx_paragraph(doc, "    " + line, align="thai_justify")


def _signature(doc, name: str, position: str, when: str = "") -> None:
    docx_paragraph(doc, "")
    for line in (f"({name or '.' * 40})", position, when):
        if line:
            docx_paragraph(doc, line, align="center")


def hr_plan_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document()
        docx_heading(doc, s["title"], 0)
        docx_paragraph(doc, s["organization_name"], bold=True, align="center")
        if s["introduction"]:
            _lines(doc, s["introduction"])
        docx_heading(doc, _("1. HR criteria in force"), 1)
        if s["criteria"]:
            docx_table(
                doc,
                [_("Kind of criteria"), _("Criteria"), _("In force from")],
                [
                    [c["kind_label"], c["title"], c["effective_from"]]
                    for c in s["criteria"]
                ],
                widths=[4, 8.5, 3.5],
            )
        else:
            docx_paragraph(doc, _("No HR criteria recorded."))
        docx_heading(doc, _("2. Projects and activities"), 1)
        rows = [
            [
                p["number"],
                p["name"] + (f"\n{p['target_group']}" if p["target_group"] else ""),
                p["category_label"],
                p["period"],
                _money(p["budget"]),
                p["indicator"],
            ]
            for p in s["projects"]
        ]
        rows.append(
            [
                "",
                pgettext("sum of amounts", "Total"),
                "",
                "",
                _money(s["budget_total"]),
                "",
            ]
        )
        docx_table(
            doc,
            [
                _("No."),
                _("Project or activity / target group"),
                _("Category"),
                _("Period"),
                _("Budget (baht)"),
                _("Indicator and target"),
            ],
            rows,
            widths=[1, 5, 2.5, 2.5, 2.5, 3],
        )
        if s["approved_by_name"]:
            docx_paragraph(doc, "")
            docx_paragraph(doc, _("Approved"), align="center")
            _signature(
                doc, s["approved_by_name"], s["approved_by_position"], s["approved_on"]
            )
        return docx_bytes(doc)


def hr_report_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document()
        docx_heading(doc, s["title"], 0)
        docx_paragraph(doc, s["organization_name"], bold=True, align="center")
        docx_heading(doc, _("1. Summary"), 1)
        docx_paragraph(doc, "    " + report_summary_sentence(s), align="thai_justify")
        if s["summary"]:
            _lines(doc, s["summary"])
        docx_heading(doc, _("2. Results by project"), 1)
        docx_table(
            doc,
            [
                _("No."),
                _("Project or activity"),
                _("Result"),
                _("Output"),
                _("Budget planned / used (baht)"),
                _("Problems"),
            ],
            [
                [
                    p["number"],
                    p["name"],
                    p["status_label"],
                    p["output"],
                    f"{_money(p['budget'])}\n{_money(p['budget_used'])}",
                    p["problems"],
                ]
                for p in s["projects"]
            ],
            widths=[1, 4, 2, 4, 2.5, 3],
        )
        docx_heading(doc, _("3. Training and development"), 1)
        docx_table(
            doc,
            [
                _("People trained"),
                _("Courses attended"),
                _("Training hours"),
                _("People trained with ethics content"),
                _("Cost (baht)"),
            ],
            [
                [
                    s["people_trained"],
                    s["training_records"],
                    s["training_hours"],
                    f"{s['ethics_people']} ({s['ethics_share_percent'] or 0}%)",
                    _money(s["training_cost"]),
                ]
            ],
            widths=[3, 3, 3, 4, 3],
        )
        docx_heading(doc, _("4. Problems and obstacles"), 1)
        _lines(doc, s["problems"])
        docx_heading(doc, _("5. Proposals"), 1)
        _lines(doc, s["proposals"])
        docx_paragraph(doc, "")
        docx_paragraph(
            doc,
            _("(signed)")
            + " "
            + "." * 40
            + " "
            + pgettext("progress report", "Reporter"),
            align="center",
        )
        _signature(doc, s["reported_by_name"], s["reported_by_position"])
        return docx_bytes(doc)
