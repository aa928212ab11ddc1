"""Tables generated from the register: สขร.1, the ITA table and the whole
register as CSV, and what the other exports share (formats, fiscal months,
baht and date text). The annual report is in ``exports_annual``, OCDS in
``exports_ocds``; ``exports_files.build`` writes any of them as a file with
the shared toolkit ``prongsai.core.documents``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import documents, thai_dates

from . import selectors
from .models import Procurement
from .vocab import (
    FUND_SOURCE_THAI,
    METHOD_THAI,
    STATUS_THAI,
    BudgetCategory,
    Status,
)

EMPTY = "-"
ITA_MIN_ROWS = 100
FORMATS = (
    "register-csv",
    "sor1-xlsx",
    "sor1-pdf",
    "ita-xlsx",
    "ita-csv",
    "annual-pdf",
    "annual-docx",
    "ocds-release",
    "ocds-record",
)
STAFF_FORMATS = [
    ("register-csv", _("Whole register (CSV)")),
    ("ita-xlsx", _("ITA table (XLSX)")),
    ("ita-csv", _("ITA table (CSV)")),
    ("annual-pdf", _("Annual report (PDF)")),
    ("annual-docx", _("Annual report (DOCX)")),
    ("ocds-release", _("OCDS release package (JSON)")),
    ("ocds-record", _("OCDS record package (JSON)")),
]
PUBLIC_FORMATS = (
    "register-csv",
    "ita-xlsx",
    "ita-csv",
    "sor1-xlsx",
    "sor1-pdf",
    "ocds-release",
    "ocds-record",
)
# The annual report is public once its fiscal year has ended (OIT evidence);
# the report of a year still running is a back-office draft.
PUBLIC_ANNUAL_FORMATS = ("annual-pdf", "annual-docx")


class ExportError(ValueError):
    pass


@dataclass
class Document:
    content: bytes
    filename: str
    content_type: str


def fiscal_months(fiscal_year: int) -> list[datetime.date]:
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    months = []
    day = start
    for _i in range(12):
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def month_of(fiscal_year: int, month: int) -> datetime.date:
    for day in fiscal_months(fiscal_year):
        if day.month == month:
            return day
    raise ExportError(month)


def baht(amount: Decimal | None) -> str:
    return EMPTY if amount is None else f"{amount:,.2f}"


def date_text(value: datetime.date | None, style: str = "medium") -> str:
    return thai_dates.format_date(value, style=style) if value else EMPTY


# --- สขร.1 -------------------------------------------------------------------------

SOR1_HEADERS = [
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
]


def sor1_rows(procurements, *, typed: bool = False) -> list[list]:
    """The rows of สขร.1: text for the PDF, or (``typed``) the sequence number
    and amounts as numbers, for a spreadsheet that sums them."""
    rows = []
    for number, p in enumerate(procurements, 1):
        bids = (
            "\n".join(f"{b.supplier.name} {baht(b.price)}" for b in p.bids.all())
            or EMPTY
        )
        winner = f"{p.supplier.name} {baht(p.agreed_price)}" if p.supplier_id else EMPTY
        if p.contract_number or p.contract_date:
            contract = (
                f"เลขที่ {p.contract_number or EMPTY} ลว. {date_text(p.contract_date)}"
            )
        else:
            contract = EMPTY
        method = METHOD_THAI.get(p.method, "")
        if p.cancelled:
            method += " (ยกเลิก)"
        rows.append(
            [
                number if typed else str(number),
                p.title,
                _amount_cell(p.budget_amount, typed),
                _amount_cell(p.reference_price, typed),
                method,
                bids,
                winner,
                p.selection_reason or EMPTY,
                contract,
            ]
        )
    return rows


def _amount_cell(amount: Decimal | None, typed: bool):
    if typed:
        return EMPTY if amount is None else amount
    return baht(amount)


def sor1_context(organization, fiscal_year: int, month: int) -> dict:
    day = month_of(fiscal_year, month)
    procurements = list(
        selectors.procurements_in_month(organization=organization, month=day)
    )
    return {
        "organization": organization,
        "month_label": thai_dates.format_date(day, style="month"),
        "report_date": thai_dates.format_date(timezone.localdate()),
        "headers": SOR1_HEADERS,
        "rows": sor1_rows(procurements),
        "cells": sor1_rows(procurements, typed=True),
        "declared_empty": selectors.is_no_procurement_month(
            organization=organization, month=day
        ),
        "filename": f"sor1-{organization.slug}-{thai_dates.to_be_year(day.year)}-"
        f"{day.month:02d}",
    }


# --- ITA table ---------------------------------------------------------------------

ITA_HEADERS = [
    "ที่",
    "ปีงบประมาณ",
    "ชื่อหน่วยงาน",
    "อำเภอ",
    "จังหวัด",
    "กระทรวง",
    "ประเภทหน่วยงาน",
    "ชื่อรายการของงานที่ซื้อหรือจ้าง",
    "วงเงินงบประมาณที่ได้รับจัดสรร (บาท)",
    "แหล่งที่มาของงบประมาณ",
    "สถานะการจัดซื้อจัดจ้าง",
    "วิธีการจัดซื้อจัดจ้าง",
    "ราคากลาง (บาท)",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
    "เลขประจำตัวผู้เสียภาษี",
    "เลขที่โครงการในระบบ e-GP",
    "วันที่ลงนามในสัญญา",
    "วันที่สิ้นสุดสัญญา",
]


def ita_order(procurements: list[Procurement]) -> list[Procurement]:
    """งบลงทุน items first (largest budget first); if fewer than 100, fill up
    with the other categories, largest first, to 100 rows."""
    live = [p for p in procurements if not p.cancelled] + [
        p for p in procurements if p.cancelled
    ]
    investment = sorted(
        (p for p in live if p.budget_category == BudgetCategory.INVESTMENT),
        key=lambda p: (-p.budget_amount, p.procured_on, p.pk),
    )
    others = sorted(
        (p for p in live if p.budget_category != BudgetCategory.INVESTMENT),
        key=lambda p: (-p.budget_amount, p.procured_on, p.pk),
    )
    room = max(ITA_MIN_ROWS - len(investment), 0)
    return investment + others[:room]


def ita_rows(organization, procurements: list[Procurement], fiscal_year: int):
    today = timezone.localdate()
    rows = []
    for number, p in enumerate(ita_order(procurements), 1):
        row = [
            number,
            fiscal_year,
            organization.name,
            organization.district,
            organization.province,
            "กระทรวงมหาดไทย",
            "องค์กรปกครองส่วนท้องถิ่น",
            p.title,
            p.budget_amount,
            FUND_SOURCE_THAI.get(p.fund_source, ""),
            STATUS_THAI[Status(p.status_on(today))],
            METHOD_THAI.get(p.method, ""),
            p.reference_price,
            p.agreed_price,
            p.supplier.name if p.supplier_id else None,
            p.supplier.published_tax_id if p.supplier_id else None,
            p.egp_project_number,
            p.contract_date,
            p.contract_end,
        ]
        rows.append([EMPTY if v in (None, "") else v for v in row])
    return rows


# --- the whole register as a streamed CSV ---------------------------------------


def register_table(queryset):
    """``(header, rows)`` of the published register: plain cursor rows (no
    model objects), read lazily, for the toolkit's streaming CSV writer."""
    headers = [title for _key, title, _type in selectors.PROCUREMENT_DATASET_FIELDS]
    rows = selectors.procurement_value_rows(queryset.order_by("procured_on", "id"))
    return headers, rows


def register_csv_stream(queryset):
    """UTF-8 CSV (BOM first, CRLF) of published rows, streamed in chunks;
    dates stay ISO (open data)."""
    return documents.csv_rows(*register_table(queryset))
