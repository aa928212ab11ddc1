"""The operation plan (แผนการดำเนินงาน) and the spending reports as PDF and
DOCX, written from a snapshot (``selectors_budget``): a published document
is the published snapshot, never the live draft."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from prongsai.core import charts
from prongsai.core.documents import render_pdf
from prongsai.core.documents_docx import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
)
from prongsai.core.thai_dates import format_date

BAR = "█"


def _money(value: str | Decimal | None) -> str:
    return "—" if value is None else f"{Decimal(value):,.2f}"


def _millions(value: str) -> float:
    return float(Decimal(value) / Decimal(1_000_000))


# --- the operation plan -------------------------------------------------------------


def operation_plan_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_pdf(
        "budget/budget/operation_plan_pdf.html",
        {"s": snapshot, "month_range": range(1, 13)},
        landscape=True,
    )


def operation_plan_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document(landscape=True)
        docx_heading(doc, s["title"], 0)
        docx_paragraph(doc, s["organization_name"], bold=True, align="center")
        if s["plan_title"]:
            docx_paragraph(
                doc, _("Following %(plan)s") % {"plan": s["plan_title"]}, align="center"
            )
        headers = [
            _("No."),
            _("Project or activity"),
            _("Details"),
            _("Budget (baht)"),
            _("Place"),
            _("Responsible unit"),
            *s["months"],
        ]
        for strategy in s["strategies"]:
            docx_heading(doc, strategy["name"], 1)
            for programme in strategy["programmes"]:
                docx_paragraph(doc, programme["name"], bold=True)
                rows = [
                    [
                        item["number"],
                        item["title"],
                        item["details"],
                        Decimal(item["amount"]),
                        item["place"],
                        item["unit"],
                        *[BAR if m in item["months"] else "" for m in range(1, 13)],
                    ]
                    for item in programme["items"]
                ]
                docx_table(
                    doc,
                    headers,
                    rows,
                    widths=[0.8, 5, 4, 2.4, 2.4, 2.2, *[0.6] * 12],
                )
        docx_paragraph(
            doc,
            _("%(count)s projects or activities, %(amount)s baht in all.")
            % {"count": s["item_count"], "amount": _money(s["amount"])},
            bold=True,
        )
        return docx_bytes(doc)


# --- the spending reports -----------------------------------------------------------


def strategy_chart(s: dict[str, Any]) -> charts.Chart:
    names = [row["name"] for row in s["strategies"]]
    return charts.bar_chart(
        names,
        {
            _("Budget in force"): [_millions(r["in_force"]) for r in s["strategies"]],
            _("Committed"): [_millions(r["committed"]) for r in s["strategies"]],
            _("Disbursed"): [_millions(r["disbursed"]) for r in s["strategies"]],
        },
        horizontal=True,
        title=_("Budget by strategy (million baht)"),
        value_format="{:,.2f}",
    )


def quarter_chart(s: dict[str, Any]) -> charts.Chart:
    labels = [
        _("Quarter %(number)s") % {"number": q + 1} for q in range(s["quarter_count"])
    ]
    return charts.bar_chart(
        labels,
        {
            _("Planned"): [_millions(v) for v in s["planned_quarters"]],
            _("Disbursed"): [_millions(v) for v in s["spent_quarters"]],
        },
        title=_("Planned and spent by quarter (million baht)"),
        value_format="{:,.2f}",
    )


def spending_report_pdf(snapshot: dict[str, Any]) -> bytes:
    with override("th"):
        by_strategy = strategy_chart(snapshot).png_data_uri()
        by_quarter = quarter_chart(snapshot).png_data_uri()
    return render_pdf(
        "budget/budget/report_pdf.html",
        {
            "s": snapshot,
            "strategy_chart": by_strategy,
            "quarter_chart": by_quarter,
            "until": format_date(_date(snapshot["until"]), style="long"),
        },
    )


def _date(text: str):
    import datetime

    return datetime.date.fromisoformat(text)


def _money_rows(rows: list[dict[str, Any]]) -> list[list[object]]:
    return [
        [
            row["name"],
            Decimal(row["in_force"]),
            Decimal(row["committed"]),
            Decimal(row["disbursed"]),
            f"{row['disbursed_share']}%" if row["disbursed_share"] else "—",
            Decimal(row["remaining"]),
        ]
        for row in rows
    ]


def _money_table(doc, heading: str, rows: list[dict[str, Any]]) -> None:
    """A section of the spending report: its heading and the money of its rows."""
    headers = [
        "",
        _("In force (baht)"),
        _("Committed (baht)"),
        _("Disbursed (baht)"),
        _("Disbursed %"),
        _("Left (baht)"),
    ]
    docx_heading(doc, heading, 1)
    docx_table(doc, headers, _money_rows(rows), widths=[4, 2.6, 2.6, 2.6, 1.6, 2.6])


def spending_report_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document()
        docx_heading(doc, s["title"], 0)
        docx_paragraph(doc, s["organization_name"], bold=True, align="center")
        docx_paragraph(
            doc,
            _("Figures up to %(date)s.")
            % {"date": format_date(_date(s["until"]), style="long")},
            align="center",
        )
        total = {"name": pgettext("money", "Total"), **s["total"]}
        _money_table(doc, _("1. Summary"), [total])
        _money_table(doc, _("2. By programme"), s["programmes"])
        _money_table(doc, _("3. By budget category"), s["categories"])
        docx_heading(doc, _("4. By quarter"), 1)
        docx_table(
            doc,
            [_("Quarter"), _("Planned (baht)"), _("Disbursed (baht)")],
            [
                [q + 1, Decimal(planned), Decimal(spent)]
                for q, (planned, spent) in enumerate(
                    zip(s["planned_quarters"], s["spent_quarters"], strict=True)
                )
            ],
        )
        docx_image(doc, quarter_chart(s).png(), 15)
        _money_table(doc, _("5. By strategy"), s["strategies"])
        docx_image(doc, strategy_chart(s).png(), 15)
        if s["projects"]:
            _money_table(doc, _("6. Projects of the development plan"), s["projects"])
        return docx_bytes(doc)
