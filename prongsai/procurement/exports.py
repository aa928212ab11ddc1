"""Documents generated from the register: สขร.1, the ITA table, the annual
report and OCDS packages. Table rows are built here; files are written with
the shared toolkit ``prongsai.core.documents``."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from prongsai.core import documents, thai_dates
from prongsai.core.urls import absolute_url

from . import ocds, selectors
from .models import Procurement
from .vocab import (
    BUDGET_CATEGORY_THAI,
    DOCUMENT_OCDS,
    FUND_SOURCE_THAI,
    METHOD_OCDS,
    METHOD_THAI,
    STATUS_THAI,
    TYPE_OCDS,
    BudgetCategory,
    Method,
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
OCID_PREFIX_DEFAULT = "ocds-prongsai"


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


def _baht(amount: Decimal | None) -> str:
    return EMPTY if amount is None else f"{amount:,.2f}"


def _date(value: datetime.date | None, style: str = "medium") -> str:
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


def sor1_rows(procurements) -> list[list[str]]:
    rows = []
    for number, p in enumerate(procurements, 1):
        bids = (
            "\n".join(f"{b.supplier.name} {_baht(b.price)}" for b in p.bids.all())
            or EMPTY
        )
        winner = (
            f"{p.supplier.name} {_baht(p.agreed_price)}" if p.supplier_id else EMPTY
        )
        if p.contract_number or p.contract_date:
            contract = f"เลขที่ {p.contract_number or EMPTY} ลว. {_date(p.contract_date)}"
        else:
            contract = EMPTY
        method = METHOD_THAI.get(p.method, "")
        if p.cancelled:
            method += " (ยกเลิก)"
        rows.append(
            [
                str(number),
                p.title,
                _baht(p.budget_amount),
                _baht(p.reference_price),
                method,
                bids,
                winner,
                p.selection_reason or EMPTY,
                contract,
            ]
        )
    return rows


def _sor1_context(organization, fiscal_year: int, month: int) -> dict:
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


# --- annual report -----------------------------------------------------------------


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
            _baht(line.budget),
            _baht(line.agreed),
            _baht(line.savings),
        ]
        for line in lines
    ]


def annual_context(organization, fiscal_year: int) -> dict:
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
        "flags": selectors.year_flags(
            organization=organization, fiscal_year=fiscal_year
        ),
        "no_months": [
            thai_dates.format_date(m.month, style="month")
            for m in selectors.no_procurement_month_list(
                organization=organization, fiscal_year=fiscal_year
            )
        ],
        "report_date": thai_dates.format_date(timezone.localdate()),
    }


def _annual_docx(context: dict) -> bytes:
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
        f"{_baht(total.budget)} บาท ราคาที่ตกลงซื้อหรือจ้างรวม {_baht(total.agreed)} "
        f"บาท ประหยัดงบประมาณเทียบกับราคากลางได้ {_baht(total.savings)} บาท "
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
    documents.docx_heading(doc, "5. ข้อสังเกตเพื่อการตรวจสอบ (สัญญาณเตือน)", 1)
    for flag in context["flags"] or []:
        documents.docx_paragraph(doc, "• " + flag.message)
    if not context["flags"]:
        documents.docx_paragraph(doc, "ไม่พบข้อสังเกต")
    documents.docx_heading(doc, "6. ปัญหา อุปสรรค และข้อจำกัด", 1)
    documents.docx_paragraph(doc, context["problems"] or EMPTY)
    documents.docx_heading(doc, "7. แนวทางการปรับปรุงการจัดซื้อจัดจ้าง", 1)
    documents.docx_paragraph(doc, context["proposals"] or EMPTY)
    return documents.docx_bytes(doc)


# --- OCDS --------------------------------------------------------------------------


def _base_url() -> str:
    return absolute_url("/").rstrip("/")


def ocds_publisher(organization) -> ocds.Publisher:
    return ocds.Publisher(
        name=organization.name,
        uid=organization.dla_code,
        uri=organization.website or _base_url() + organization.get_absolute_url(),
        ocid_prefix=getattr(settings, "PRONGSAI_OCID_PREFIX", OCID_PREFIX_DEFAULT),
    )


def ocds_process(procurement: Procurement, *, base_url: str = "") -> ocds.Process:
    def party(supplier):
        return ocds.Party(name=supplier.name, tax_id=supplier.published_tax_id)

    p = procurement
    budget = " / ".join(
        x
        for x in (
            p.budget_plan,
            p.budget_work,
            BUDGET_CATEGORY_THAI.get(p.budget_category, ""),
            p.expense_type,
            p.budget_line,
        )
        if x
    )
    return ocds.Process(
        local_id=str(p.pk),
        title=p.title,
        fiscal_year=p.fiscal_year,
        category=TYPE_OCDS.get(p.procurement_type, "goods"),
        method=METHOD_OCDS.get(p.method, "direct"),
        method_details=METHOD_THAI.get(p.method, ""),
        method_rationale=p.legal_ground,
        budget_amount=p.budget_amount,
        budget_description=budget,
        procured_on=p.procured_on,
        updated=p.updated_at,
        reference_price=p.reference_price,
        egp_project_number=p.egp_project_number,
        bids=[ocds.BidValue(party(b.supplier), b.price) for b in p.bids.all()],
        supplier=party(p.supplier) if p.supplier_id else None,
        agreed_price=p.agreed_price,
        selection_reason=p.selection_reason,
        contract_number=p.contract_number,
        contract_date=p.contract_date,
        contract_start=p.contract_start,
        contract_end=p.contract_end,
        cancelled=p.cancelled,
        documents=[
            ocds.DocumentRef(
                id=str(d.pk),
                title=d.title,
                url=base_url + d.href if d.file else d.url,
                published=d.published_on,
                document_type=DOCUMENT_OCDS.get(d.kind, ""),
            )
            for d in p.documents.all()
        ],
    )


def ocds_package(organization, fiscal_year: int, *, kind: str) -> dict:
    procurements = list(
        selectors.year_procurements(organization=organization, fiscal_year=fiscal_year)
    )
    if not procurements:
        raise ExportError("empty")
    publisher = ocds_publisher(organization)
    processes = [ocds_process(p, base_url=_base_url()) for p in procurements]
    fmt = "ocds-release" if kind == "release" else "ocds-record"
    uri = (
        _base_url()
        + reverse(
            "procurement-public:download", kwargs={"org": organization.slug, "fmt": fmt}
        )
        + f"?year={fiscal_year}"
    )
    published = max(p.updated_at for p in procurements)
    if kind == "release":
        return ocds.release_package(publisher, processes, uri=uri, published=published)
    return ocds.record_package(publisher, processes, uri=uri, published=published)


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


# --- dispatch ----------------------------------------------------------------------


def build(*, organization, fmt: str, fiscal_year: int, month: int | None = None):
    """The document ``fmt`` for a fiscal year (and month, for สขร.1)."""
    if fmt not in FORMATS:
        raise ExportError(fmt)
    if fmt == "register-csv":
        queryset = selectors.procurement_list(
            organization=organization, fiscal_year=fiscal_year
        )
        return Document(
            b"".join(register_csv_stream(queryset)),
            f"procurement-{organization.slug}-{fiscal_year}.csv",
            documents.CONTENT_TYPE_CSV,
        )
    with translation.override("th"):
        if fmt.startswith("sor1"):
            if month is None:
                raise ExportError(_("Choose a month for the สขร.1 summary."))
            context = _sor1_context(organization, fiscal_year, month)
            if fmt == "sor1-pdf":
                return Document(
                    documents.render_pdf(
                        "procurement/documents/sor1.html", context, landscape=True
                    ),
                    context["filename"] + ".pdf",
                    documents.CONTENT_TYPE_PDF,
                )
            title_rows = [
                "แบบ สขร.1",
                f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {context['month_label']}",
                organization.name,
            ]
            rows = context["rows"] or [
                ["", "ไม่มีการจัดซื้อจัดจ้าง", *[""] * (len(SOR1_HEADERS) - 2)]
            ]
            return Document(
                documents.xlsx_bytes(
                    [
                        documents.Sheet(
                            title="สขร.1",
                            headers=SOR1_HEADERS,
                            rows=rows,
                            title_rows=title_rows,
                            widths=[8, 40, 16, 16, 22, 36, 36, 30, 30],
                        )
                    ]
                ),
                context["filename"] + ".xlsx",
                documents.CONTENT_TYPE_XLSX,
            )
        if fmt.startswith("ita"):
            procurements = list(
                selectors.year_procurements(
                    organization=organization, fiscal_year=fiscal_year
                )
            )
            rows = ita_rows(organization, procurements, fiscal_year)
            name = f"ita-procurement-{organization.slug}-{fiscal_year}"
            if fmt == "ita-csv":
                return Document(
                    documents.csv_bytes(ITA_HEADERS, rows, dates="thai"),
                    name + ".csv",
                    documents.CONTENT_TYPE_CSV,
                )
            return Document(
                documents.xlsx_bytes(
                    [documents.Sheet(title="ITA", headers=ITA_HEADERS, rows=rows)]
                ),
                name + ".xlsx",
                documents.CONTENT_TYPE_XLSX,
            )
        if fmt.startswith("annual"):
            context = annual_context(organization, fiscal_year)
            name = f"procurement-report-{organization.slug}-{fiscal_year}"
            if fmt == "annual-pdf":
                return Document(
                    documents.render_pdf("procurement/documents/annual.html", context),
                    name + ".pdf",
                    documents.CONTENT_TYPE_PDF,
                )
            return Document(
                _annual_docx(context), name + ".docx", documents.CONTENT_TYPE_DOCX
            )
        kind = "release" if fmt == "ocds-release" else "record"
        package = ocds_package(organization, fiscal_year, kind=kind)
        return Document(
            json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8"),
            f"ocds-{kind}-{organization.slug}-{fiscal_year}.json",
            "application/json",
        )
