"""Reading procurement tables as LAOs actually have them (pure, no database).

Two layouts are recognised from their Thai headers: the monthly สขร.1 table and
the e-GP/CGD open-data table, merged headers included. Each cell is read by
``parsing_cells`` and each data row by ``parsing_rows``; this module finds the
header row, the report month and the rows, and reads whole files.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from prongsai.core import spreadsheets, thai_dates

from . import validation
from .parsing_cells import CellError, clean_text, is_empty
from .parsing_rows import DATE_COLUMNS, ERROR, WARNING, Problem, RowCells, parse_row

SOR1 = "sor1"
EGP = "egp"

NO_PROCUREMENT_TEXT = "ไม่มีการจัดซื้อจัดจ้าง"

# --- headers ---------------------------------------------------------------------

# (alias without spaces, field). Longer aliases first so the most specific wins.
HEADER_ALIASES = sorted(
    [
        ("ลำดับที่", "seq"),
        ("ลำดับ", "seq"),
        ("ที่", "seq"),
        ("งานที่จัดซื้อหรือจัดจ้าง", "title"),
        ("งานที่จัดซื้อจัดจ้าง", "title"),
        ("ชื่อโครงการ", "title"),
        ("ชื่อรายการของงานที่ซื้อหรือจ้าง", "title"),
        ("วงเงินที่จะซื้อหรือจ้าง", "budget_amount"),
        ("วงเงินงบประมาณ", "budget_amount"),
        ("งบประมาณ(บาท)", "budget_amount"),
        ("ราคากลาง", "reference_price"),
        ("วิธีซื้อหรือจ้าง", "method"),
        ("วิธีจัดซื้อ", "method"),
        ("วิธีการจัดซื้อจัดจ้าง", "method"),
        ("กลุ่มวิธีจัดซื้อ", "ignore"),
        ("รายชื่อผู้เสนอราคาและราคาที่เสนอ", "bids"),
        ("ผู้เสนอราคา", "bids"),
        ("ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", "winner"),
        ("ผู้ได้รับการคัดเลือก", "winner"),
        ("รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก", "supplier_name"),
        ("ชื่อผู้ชนะ", "supplier_name"),
        ("ผู้ชนะการเสนอราคา", "supplier_name"),
        ("ผู้ขาย/ผู้รับจ้าง", "supplier_name"),
        ("เลขประจำตัวผู้เสียภาษี", "supplier_tax_id"),
        ("เหตุผลที่คัดเลือก", "reason"),
        ("เลขที่และวันที่ของสัญญา", "contract"),
        ("รหัสโครงการ", "egp_project_number"),
        ("เลขที่โครงการ", "egp_project_number"),
        ("ชื่อประเภทโครงการ", "type"),
        ("ประเภทการจัดซื้อ", "type"),
        ("ชื่อหน่วยงาน", "ignore"),
        ("จังหวัด", "ignore"),
        ("อำเภอ", "ignore"),
        ("วันที่ประกาศ", "announce_date"),
        ("ราคาตกลงซื้อ/จ้าง", "agreed_price"),
        ("ราคาที่ตกลงซื้อหรือจ้าง", "agreed_price"),
        ("วันที่เกิดรายการ", "procured_on"),
        ("วันที่จัดซื้อจัดจ้าง", "procured_on"),
        ("สถานะโครงการ", "status"),
        ("สถานะการจัดซื้อจัดจ้าง", "status"),
        ("วันที่ลงนามสัญญา", "contract_date"),
        ("วันที่เริ่มต้นสัญญา", "contract_start"),
        ("วันที่สิ้นสุดสัญญา", "contract_end"),
        ("เลขที่สัญญา", "contract_number"),
        ("ปีงบประมาณ", "fiscal_year"),
        ("แหล่งที่มาของงบประมาณ", "fund_source"),
        ("ประเภทงบประมาณ", "budget_category"),
        ("งบรายจ่าย", "budget_category"),
    ],
    key=lambda pair: -len(pair[0]),
)
SUBHEADERS = {
    "เลขที่": "contract_number",
    "วันที่": "contract_date",
    "ลงวันที่": "contract_date",
}


def _header_key(value) -> str:
    return re.sub(r"\s+", "", clean_text(value))


def match_header(value) -> str | None:
    key = _header_key(value)
    if not key:
        return None
    for alias, name in HEADER_ALIASES:
        if alias == "ที่":
            if key == "ที่":
                return name
            continue
        if alias in key:
            return name
    return None


@dataclass
class SheetSummary:
    """What became of one worksheet: rows read, rows skipped and why."""

    name: str
    layout: str = ""
    rows: int = 0
    skipped: dict[str, list[int]] = field(default_factory=dict)
    note: str = ""  # why the whole sheet was skipped

    def skip(self, number: int, reason: str) -> None:
        self.skipped.setdefault(reason, []).append(number)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "layout": self.layout,
            "rows": self.rows,
            "skipped": [
                {"reason": reason, "rows": rows, "count": len(rows)}
                for reason, rows in self.skipped.items()
            ],
            "skipped_count": sum(len(rows) for rows in self.skipped.values()),
            "note": self.note,
        }


@dataclass
class ParseResult:
    layout: str = ""
    period: datetime.date | None = None  # first day of the report month, if stated
    rows: list[dict] = field(default_factory=list)
    no_procurement_months: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


_PERIOD_RE = re.compile(
    r"(?:รอบเดือน|ประจำเดือน|เดือน)\s*(?P<month>[ก-๙.]+)\s*(?:พ\.?\s*ศ\.?)?\s*(?P<year>[0-9๐-๙]{2,4})"
)


def parse_period(text: str) -> datetime.date | None:
    match = _PERIOD_RE.search(clean_text(text))
    if not match:
        return None
    try:
        day = thai_dates.parse_thai_date(
            f"1 {match.group('month')} {match.group('year')}"
        )
    except ValueError:
        return None
    return day


# --- reading files ---------------------------------------------------------------


def read_sheets(filename: str, content: bytes) -> list[tuple[str, list[list]]]:
    """``(sheet name, rows)`` of every sheet of an XLSX file, or the one table
    of a CSV file (any BOM)."""
    name = filename.lower()
    try:
        if name.endswith((".xlsx", ".xlsm")):
            return spreadsheets.read_xlsx_sheets(content)
        if name.endswith((".csv", ".txt")):
            return [("", spreadsheets.read_csv(content, sniff=True))]
    except spreadsheets.SpreadsheetError as error:
        raise CellError(error.message) from None
    raise CellError(_("Upload an .xlsx or .csv file."))


def read_table(filename: str, content: bytes) -> list[list]:
    """Rows of the first sheet of an XLSX file, or of a CSV file (any BOM)."""
    return read_sheets(filename, content)[0][1]


def _find_header(rows: list[list]) -> tuple[int, dict[int, str], dict[int, str]]:
    """Index of the header row, {column: field} and {column: header text}."""
    for index, row in enumerate(rows[:30]):
        mapping = {}
        for col, value in enumerate(row):
            name = match_header(value)
            if name:
                mapping[col] = name
        fields = set(mapping.values())
        if len(fields) >= 3 and "title" in fields:
            labels = {col: clean_text(row[col]) for col in range(len(row))}
            return index, mapping, labels
    return -1, {}, {}


NO_HEADER = "no_header"


def _no_header_problem() -> Problem:
    return Problem(
        1,
        "",
        _(
            "No header row found: the table needs Thai column headers "
            "such as งานที่จัดซื้อหรือจัดจ้าง or ชื่อโครงการ."
        ),
    )


def _missing_columns(fields: set[str], layout: str, period) -> list[str]:
    """Thai names of the columns a table must have and does not."""
    missing = []
    if "method" not in fields:
        missing.append(validation.field_name("method"))
    if not {"budget_amount", "agreed_price", "winner"} & fields:
        missing.append(validation.field_name("budget_amount"))
    if period is None and not set(DATE_COLUMNS) & fields:
        missing.append(
            validation.field_name("contract" if layout == SOR1 else "procured_on")
        )
    return missing


def _apply_subheaders(rows, first_data: int, mapping: dict, labels: dict) -> int:
    """A merged header (contract number | date) has its sub-headers below it."""
    if first_data >= len(rows):
        return first_data
    below = rows[first_data]
    sub = {
        col: SUBHEADERS.get(_header_key(value))
        for col, value in enumerate(below)
        if _header_key(value) in SUBHEADERS
    }
    if not sub:
        return first_data
    original = dict(labels)
    for col, name in sub.items():
        mapping[col] = name
        parent = next((original[c] for c in range(col, -1, -1) if original.get(c)), "")
        labels[col] = f"{parent} ({clean_text(below[col])})".strip()
    return first_data + 1


def parse_rows(
    rows: list[list], *, fiscal_year: int | None = None, sheet: str = ""
) -> ParseResult:
    """Parse the rows of one table; never raises for bad cells."""
    result = ParseResult()
    summary = SheetSummary(name=sheet)
    result.sheets.append(summary)
    header_index, mapping, labels = _find_header(rows)
    if header_index < 0:
        summary.note = NO_HEADER
        result.problems.append(_no_header_problem())
        return result
    for row in rows[:header_index]:
        for value in row:
            period = parse_period(str(value or ""))
            if period:
                result.period = period
                break
        if result.period:
            break
    fields = set(mapping.values())
    result.layout = summary.layout = SOR1 if {"bids", "winner"} & fields else EGP
    first_data = _apply_subheaders(rows, header_index + 1, mapping, labels)
    missing = _missing_columns(set(mapping.values()), result.layout, result.period)
    for column in missing:
        message = _("No column %(column)s was found.") % {"column": column}
        result.problems.append(Problem(header_index + 1, column, message))
    footer = False
    for offset, row in enumerate(rows[first_data:]):
        number = first_data + offset + 1  # 1-based, as the spreadsheet shows
        footer = _parse_row(
            result, summary, row, number, mapping, labels, fiscal_year, footer
        )
    if missing:
        result.rows = []  # the file is refused; its rows are not checked further
    summary.rows = len(result.rows)
    return result


# What a row that is not a purchase looks like (each cell tested alone).
_SIGNATURE_RE = re.compile(
    r"^\(?\s*(?:ลงชื่อ|ลงนาม|ลายมือชื่อ|ผู้รายงาน|ผู้ตรวจสอบ|ผู้อนุมัติ|ผู้จัดทำ|ตำแหน่ง"
    r"|หัวหน้า|เจ้าหน้าที่|ผู้อำนวยการ|นายก|ปลัด|รองปลัด|ผู้ช่วย)"
    r"|^\(\s*(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|จ\.ส\.|ส\.|พ\.|ร\.|สิบ|จ่า)[^()]*\)$"
    r"|^[.\s…_]+$"
)
_NOTE_RE = re.compile(r"^\(?\s*(?:หมายเหตุ|หมายเหต|\*)")
_TOTAL_RE = re.compile(
    r"^(?:รวม(?:ทั้งสิ้น|ทั้งหมด|เงิน|ยอด)?|ยอดรวม|total)\s*"
    r"(?:[0-9๐-๙,]+\s*(?:รายการ|โครงการ)?)?\s*:?$",
    re.IGNORECASE,
)

SKIP_BLANK = "blank"
SKIP_SIGNATURE = "signature"
SKIP_NOTE = "note"
SKIP_TOTAL = "total"
SKIP_CAPTION = "caption"
SKIP_NO_PROCUREMENT = "no_procurement"


def _skip_reason(values: list[str], title: str, after_footer: bool) -> str | None:
    """Why a row is not a purchase, or ``None`` for a data row."""
    if not values:
        return SKIP_BLANK
    if any(_TOTAL_RE.match(v) for v in values[:2]) and (
        not title or _TOTAL_RE.match(title)
    ):
        return SKIP_TOTAL
    if _NOTE_RE.match(values[0]):
        return SKIP_NOTE
    if all(_SIGNATURE_RE.match(v) for v in values):
        return SKIP_SIGNATURE
    if len(values) <= 1:
        # A lone cell: a caption under the table, a signature line, or the
        # continuation of a note or signature block.
        return SKIP_SIGNATURE if after_footer else SKIP_CAPTION
    return None


def _parse_row(result, summary, row, number, mapping, labels, fiscal_year, footer):
    """Read one row into *result*; return whether a footer (notes, signatures)
    has begun, after which lone cells belong to it."""
    cells = RowCells(row, number, mapping, labels)
    values = [clean_text(v) for v in row if not is_empty(v)]
    joined = " ".join(values)
    if NO_PROCUREMENT_TEXT in joined.replace(" ", ""):
        summary.skip(number, SKIP_NO_PROCUREMENT)
        if result.period:
            result.no_procurement_months.append(result.period.isoformat())
        else:
            cells.problem(
                "",
                _(
                    "The row says there was no procurement, but the table "
                    "does not say which month (รอบเดือน …)."
                ),
            )
        result.problems.extend(cells.problems)
        return footer
    title = cells.text("title")
    reason = _skip_reason(values, title, footer)
    if reason is not None:
        if reason != SKIP_BLANK:
            summary.skip(number, reason)
        return footer or reason in (SKIP_SIGNATURE, SKIP_NOTE)
    if not title:
        cells.problem("title", _("The title is empty."))
    else:
        data = parse_row(cells, title, period=result.period, fiscal_year=fiscal_year)
        if data is not None:
            data["sheet"] = summary.name
            result.rows.append(data)
    result.problems.extend(cells.problems)
    return footer


def _sheet_problems(result: ParseResult, sheet: str) -> None:
    for problem in result.problems:
        problem.sheet = sheet


def parse_file(
    filename: str, content: bytes, *, fiscal_year: int | None = None
) -> ParseResult:
    """Every worksheet of the file; sheets without a procurement table are
    noted and skipped (the file is refused when no sheet has one)."""
    try:
        sheets = read_sheets(filename, content)
    except CellError as error:
        return ParseResult(problems=[Problem(0, "", str(error))])
    parts = []
    for name, rows in sheets:
        part = parse_rows(rows, fiscal_year=fiscal_year, sheet=name)
        _sheet_problems(part, name)
        parts.append(part)
    tables = [part for part in parts if part.layout]
    if not tables:
        return (
            parts[0]
            if len(parts) == 1
            else ParseResult(
                problems=[_no_header_problem()],
                sheets=[s for p in parts for s in p.sheets],
            )
        )
    result = ParseResult(layout=tables[0].layout, period=tables[0].period)
    for part in parts:
        result.sheets.extend(part.sheets)
        if not part.layout:
            if not any(
                row
                for row in sheets[parts.index(part)][1]
                if any(not is_empty(v) for v in row)
            ):
                part.sheets[0].note = "empty"
            continue  # a sheet without a table is noted, not an error
        result.rows.extend(part.rows)
        result.no_procurement_months.extend(part.no_procurement_months)
        result.problems.extend(part.problems)
    _check_duplicates(result)
    return result


def _check_duplicates(result: ParseResult) -> None:
    seen: dict[str, dict] = {}
    kept = []
    for row in result.rows:
        first = seen.get(row["key"])
        if first is not None:
            if first.get("sheet") and first.get("sheet") != row.get("sheet"):
                message = _("This row repeats row %(row)s of sheet %(sheet)s.") % {
                    "row": first["row"],
                    "sheet": first["sheet"],
                }
            else:
                message = _("This row repeats row %(row)s.") % {"row": first["row"]}
            result.problems.append(
                Problem(row["row"], "", message, sheet=row.get("sheet", ""))
            )
            continue
        seen[row["key"]] = row
        kept.append(row)
    result.rows = kept
    for summary in result.sheets:
        summary.rows = sum(1 for row in kept if row.get("sheet", "") == summary.name)


def iter_problems(result: ParseResult) -> Iterable[dict]:
    order = {summary.name: index for index, summary in enumerate(result.sheets)}
    for problem in sorted(
        result.problems, key=lambda p: (order.get(p.sheet, 0), p.row, p.column)
    ):
        yield problem.as_dict()
