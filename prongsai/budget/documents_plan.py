"""The development plan as documents, written from a snapshot
(``selectors_plan.plan_snapshot``): the ผ.02 project list (รายละเอียดโครงการ
พัฒนา) and the ผ.01 summary (บัญชีสรุปโครงการพัฒนา), each as a landscape PDF
with Thai digits, like the official forms, and as an editable DOCX. A
published document is the published snapshot, never the live plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_paragraph,
    docx_table,
    render_pdf,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _money(value: str | None) -> str:
    return "-" if value is None or Decimal(value) == 0 else f"{Decimal(value):,.2f}"


def summary_rows(s: dict[str, Any]) -> list[dict[str, Any]]:
    """ผ.01 rows: per strategy (and its programmes) the count and budget per
    year and over the whole plan."""
    rows = []
    for strategy in s["strategies"]:
        rows.append(
            {
                "label": f"{strategy['number']}. {strategy['name']}",
                "strategy": True,
                "cells": list(zip(strategy["counts"], strategy["totals"], strict=True)),
                "count": strategy["project_count"],
                "total": strategy["total"],
            }
        )
        for programme in strategy["programmes"]:
            counts = [
                sum(1 for p in programme["projects"] if p["amounts"][i] is not None)
                for i in range(len(s["years"]))
            ]
            rows.append(
                {
                    "label": programme["name"],
                    "strategy": False,
                    "cells": list(zip(counts, programme["totals"], strict=True)),
                    "count": len(programme["projects"]),
                    "total": programme["total"],
                }
            )
    return rows


def p02_pdf(s: dict[str, Any]) -> bytes:
    return render_pdf(
        "budget/plan/p02_pdf.html", {"s": s}, landscape=True, thai_digits=True
    )


def p01_pdf(s: dict[str, Any]) -> bytes:
    return render_pdf(
        "budget/plan/p01_pdf.html",
        {
            "s": s,
            "rows": summary_rows(s),
            "totals": list(zip(s["counts"], s["totals"], strict=True)),
        },
        landscape=True,
        thai_digits=True,
    )


def _heading(doc, s: dict[str, Any], title: str) -> None:
    docx_paragraph(doc, title, bold=True, align="center")
    docx_paragraph(doc, s["title"], bold=True, align="center")
    docx_paragraph(doc, s["organization_name"], bold=True, align="center")


def p02_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document(landscape=True, thai_digits=True)
        _heading(doc, s, _("Details of the development projects"))
        years = s["years"]
        headers = [
            _("No."),
            _("Project"),
            _("Objective"),
            _("Target (output)"),
            *[_("%(year)s (baht)") % {"year": y} for y in years],
            _("Indicator (KPI)"),
            _("Expected result"),
            _("Responsible unit"),
        ]
        width = 2.0 if len(years) <= 5 else 1.6
        widths = [0.8, 3.2, 2.6, 2.6, *[width] * len(years), 2.2, 2.4, 1.8]
        for strategy in s["strategies"]:
            docx_heading(
                doc,
                _("Strategy %(number)s: %(name)s")
                % {"number": strategy["number"], "name": strategy["name"]},
                1,
            )
            for programme in strategy["programmes"]:
                docx_heading(doc, programme["name"], 2)
                rows = [
                    [
                        p["number"],
                        p["name"] + (f"\n({p['amendment']})" if p["amendment"] else ""),
                        p["objective"],
                        p["target"],
                        *[_money(a) for a in p["amounts"]],
                        p["kpi"],
                        p["expected_result"],
                        p["responsible_unit"],
                    ]
                    for p in programme["projects"]
                ]
                rows.append(
                    [
                        "",
                        _("Total (%(count)s projects)")
                        % {"count": len(programme["projects"])},
                        "",
                        "",
                        *[_money(t) for t in programme["totals"]],
                        "",
                        "",
                        "",
                    ]
                )
                docx_table(doc, headers, rows, widths=widths)
        docx_paragraph(doc, "")
        docx_table(
            doc,
            [_("Whole plan"), *[str(y) for y in years], _("Total")],
            [
                [
                    _("%(count)s projects") % {"count": s["project_count"]},
                    *[_money(t) for t in s["totals"]],
                    _money(s["total"]),
                ]
            ],
        )
        return docx_bytes(doc)


def p01_docx(s: dict[str, Any]) -> bytes:
    with override("th"):
        doc = docx_document(landscape=True, thai_digits=True)
        _heading(doc, s, _("Summary of the development projects"))
        headers = [_("Strategy")]
        for year in s["years"]:
            headers += [
                _("%(year)s projects") % {"year": year},
                _("%(year)s budget (baht)") % {"year": year},
            ]
        headers += [_("Total projects"), _("Total budget (baht)")]
        rows = []
        for row in summary_rows(s):
            cells = [row["label"] if row["strategy"] else "    " + row["label"]]
            for count, total in row["cells"]:
                cells += [count, _money(total)]
            rows.append([*cells, row["count"], _money(row["total"])])
        total_row = [_("Total")]
        for count, total in zip(s["counts"], s["totals"], strict=True):
            total_row += [count, _money(total)]
        rows.append([*total_row, s["project_count"], _money(s["total"])])
        docx_table(doc, headers, rows)
        return docx_bytes(doc)
