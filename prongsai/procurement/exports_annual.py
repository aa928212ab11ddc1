"""The annual procurement report: analysis by method, budget category and
month, with savings against reference prices, as page context and DOCX."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from prongsai.core import documents, thai_dates

from . import selectors, selectors_indicators
from .exports import EMPTY, baht, fiscal_months
from .models import Procurement
from .vocab import BUDGET_CATEGORY_THAI, METHOD_THAI, Method


@dataclass
class Line:
    label: str
    count: int = 0
    budget: Decimal = Decimal("0")
    reference: Decimal = Decimal("0")  # of the items with a reference price
    agreed: Decimal = Decimal("0")
    agreed_with_reference: Decimal = Decimal("0")

    @property
    def savings(self) -> Decimal:
        """Σ(reference price − agreed price) over items that have both."""
        return self.reference - self.agreed_with_reference


def annual_analysis(procurements: list[Procurement], fiscal_year: int) -> dict:
    """Counts and values by method, budget category and month; savings."""
    live = [p for p in procurements if not p.cancelled]
    by_method: dict[str, Line] = {}
    by_category: dict[str, Line] = {}
    by_month = {
        day: Line(thai_dates.format_date(day, style="month"))
        for day in fiscal_months(fiscal_year)
    }
    total = Line("รวม")
    for p in live:
        agreed = p.agreed_price or Decimal("0")
        for line in (
            by_method.setdefault(p.method, Line(METHOD_THAI.get(p.method, p.method))),
            by_category.setdefault(
                p.budget_category,
                Line(BUDGET_CATEGORY_THAI.get(p.budget_category, "")),
            ),
            by_month[p.procured_on.replace(day=1)]
            if p.procured_on.replace(day=1) in by_month
            else Line(""),
            total,
        ):
            line.count += 1
            line.budget += p.budget_amount
            line.agreed += agreed
            if p.reference_price is not None and p.agreed_price is not None:
                line.reference += p.reference_price
                line.agreed_with_reference += p.agreed_price
    specific = by_method.get(Method.SPECIFIC, Line(""))
    share_count = (
        Decimal(specific.count * 100) / total.count if total.count else Decimal("0")
    )
    share_value = specific.agreed * 100 / total.agreed if total.agreed else Decimal("0")
    return {
        "by_method": sorted(by_method.values(), key=lambda line: -line.count),
        "by_category": sorted(by_category.values(), key=lambda line: -line.budget),
        "by_month": list(by_month.values()),
        "total": total,
        "cancelled": len(procurements) - len(live),
        "specific_share_count": share_count.quantize(Decimal("0.01")),
        "specific_share_value": share_value.quantize(Decimal("0.01")),
        "savings_percent": (
            (total.savings * 100 / total.reference).quantize(Decimal("0.01"))
            if total.reference
            else Decimal("0")
        ),
    }


ANALYSIS_HEADERS = [
    "รายการ",
    "จำนวน (รายการ)",
    "วงเงินงบประมาณ (บาท)",
    "ราคาที่ตกลง (บาท)",
    "ประหยัดจากราคากลาง (บาท)",
]


def _analysis_rows(lines: list[Line]) -> list[list[str]]:
    return [
        [
            line.label,
            f"{line.count:,}",
            baht(line.budget),
            baht(line.agreed),
            baht(line.savings),
        ]
        for line in lines
    ]


#: The indicators listed one by one in the annual report (the counts by kind
#: always cover all of them).
REPORT_INDICATOR_LIMIT = 100


def _indicator_context(organization, fiscal_year: int, show: bool) -> dict:
    if not show:
        return {"show_indicators": False, "flags": [], "indicator_counts": []}
    flags = selectors_indicators.year_flags(
        organization=organization, fiscal_year=fiscal_year
    )
    year = selectors_indicators.indicator_year(
        organization=organization, fiscal_year=fiscal_year
    )
    return {
        "show_indicators": True,
        "flags": flags[:REPORT_INDICATOR_LIMIT],
        "flags_more": max(len(flags) - REPORT_INDICATOR_LIMIT, 0),
        "indicator_counts": selectors_indicators.indicator_counts(year),
        "indicator_disclaimer": INDICATOR_DISCLAIMER_TH,
    }


#: Said wherever the report lists indicators (not an accusation).
INDICATOR_DISCLAIMER_TH = (
    "ข้อสังเกตเป็นเพียงการระบุความเสี่ยงเพื่อการตรวจสอบเพิ่มเติมเท่านั้น มิได้หมายความว่ามีการกระทำผิดเกิดขึ้น"
)


def annual_context(organization, fiscal_year: int, *, indicators: bool = True) -> dict:
    """The report's figures; ``indicators`` adds the year's risk indicators
    (always for officers; for the public when the organisation shows them)."""
    procurements = list(
        selectors.year_procurements(organization=organization, fiscal_year=fiscal_year)
    )
    analysis = annual_analysis(procurements, fiscal_year)
    note = selectors.report_note(organization=organization, fiscal_year=fiscal_year)
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return {
        "organization": organization,
        "fiscal_year": fiscal_year,
        "period": f"{thai_dates.format_date(start)} – {thai_dates.format_date(end)}",
        "analysis": analysis,
        "headers": ANALYSIS_HEADERS,
        "method_rows": _analysis_rows(analysis["by_method"]),
        "category_rows": _analysis_rows(analysis["by_category"]),
        "month_rows": _analysis_rows(analysis["by_month"]),
        "total_row": _analysis_rows([analysis["total"]])[0],
        "problems": note.problems if note else "",
        "proposals": note.proposals if note else "",
        **_indicator_context(organization, fiscal_year, indicators),
        "no_months": [
            thai_dates.format_date(m.month, style="month")
            for m in selectors.no_procurement_month_list(
                organization=organization, fiscal_year=fiscal_year
            )
        ],
        "report_date": thai_dates.format_date(timezone.localdate()),
    }


def annual_docx(context: dict) -> bytes:
    doc = documents.docx_document()
    organization = context["organization"]
    documents.docx_heading(
        doc,
        f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {context['fiscal_year']}",
        0,
    )
    documents.docx_paragraph(doc, organization.name, bold=True, align="center")
    documents.docx_paragraph(doc, f"ระยะเวลา {context['period']}", align="center")
    analysis = context["analysis"]
    total = analysis["total"]
    documents.docx_heading(doc, "1. สรุปผลการจัดซื้อจัดจ้าง", 1)
    documents.docx_paragraph(
        doc,
        f"ในปีงบประมาณ พ.ศ. {context['fiscal_year']} {organization.name} "
        f"ดำเนินการจัดซื้อจัดจ้างรวม {total.count:,} รายการ วงเงินงบประมาณ "
        f"{baht(total.budget)} บาท ราคาที่ตกลงซื้อหรือจ้างรวม {baht(total.agreed)} "
        f"บาท ประหยัดงบประมาณเทียบกับราคากลางได้ {baht(total.savings)} บาท "
        f"(ร้อยละ {analysis['savings_percent']}) "
        f"วิธีเฉพาะเจาะจงคิดเป็นร้อยละ {analysis['specific_share_count']} ของจำนวนรายการ "
        f"และร้อยละ {analysis['specific_share_value']} ของมูลค่า",
        align="thai_justify",
    )
    for title, key in (
        ("2. จำแนกตามวิธีการจัดซื้อจัดจ้าง", "method_rows"),
        ("3. จำแนกตามประเภทงบประมาณ", "category_rows"),
        ("4. จำแนกตามเดือน", "month_rows"),
    ):
        documents.docx_heading(doc, title, 1)
        documents.docx_table(
            doc, context["headers"], [*context[key], context["total_row"]]
        )
    number = 5
    if context["show_indicators"]:
        _docx_indicators(doc, context)
        number = 6
    documents.docx_heading(doc, f"{number}. ปัญหา อุปสรรค และข้อจำกัด", 1)
    documents.docx_paragraph(doc, context["problems"] or EMPTY)
    documents.docx_heading(doc, f"{number + 1}. แนวทางการปรับปรุงการจัดซื้อจัดจ้าง", 1)
    documents.docx_paragraph(doc, context["proposals"] or EMPTY)
    return documents.docx_bytes(doc)


def _docx_indicators(doc, context: dict) -> None:
    documents.docx_heading(doc, "5. ข้อสังเกต (ตัวชี้วัดความเสี่ยง)", 1)
    documents.docx_paragraph(doc, context["indicator_disclaimer"])
    for row in context["indicator_counts"]:
        documents.docx_paragraph(doc, f"{row.label}: {row.count:,} รายการ — {row.rule}")
    for flag in context["flags"]:
        documents.docx_paragraph(doc, "• " + flag.message)
    if context.get("flags_more"):
        documents.docx_paragraph(doc, f"และอีก {context['flags_more']:,} รายการ")
    if not context["flags"]:
        documents.docx_paragraph(doc, "ไม่พบข้อสังเกต")
