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

from .parsing_cells import CellError, clean_text, is_empty
from .parsing_rows import ERROR, WARNING, Problem, RowCells, parse_row

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
class ParseResult:
    layout: str = ""
    period: datetime.date | None = None  # first day of the report month, if stated
    rows: list[dict] = field(default_factory=list)
    no_procurement_months: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

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


def read_table(filename: str, content: bytes) -> list[list]:
    """Rows of the first sheet of an XLSX file, or of a CSV file (any BOM)."""
    name = filename.lower()
    try:
        if name.endswith((".xlsx", ".xlsm")):
            return spreadsheets.read_xlsx(content)
        if name.endswith((".csv", ".txt")):
            return spreadsheets.read_csv(content, sniff=True)
    except spreadsheets.SpreadsheetError as error:
        raise CellError(error.message) from None
    raise CellError(_("Upload an .xlsx or .csv file."))


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


def parse_rows(rows: list[list], *, fiscal_year: int | None = None) -> ParseResult:
    """Parse the rows of one table; never raises for bad cells."""
    result = ParseResult()
    header_index, mapping, labels = _find_header(rows)
    if header_index < 0:
        result.problems.append(
            Problem(
                1,
                "",
                _(
                    "No header row found: the table needs Thai column headers "
                    "such as งานที่จัดซื้อหรือจัดจ้าง or ชื่อโครงการ."
                ),
            )
        )
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
    result.layout = SOR1 if {"bids", "winner"} & fields else EGP
    first_data = header_index + 1
    # A merged header (contract number | date) has its sub-headers below it.
    if first_data < len(rows):
        below = rows[first_data]
        sub = {
            col: SUBHEADERS.get(_header_key(value))
            for col, value in enumerate(below)
            if _header_key(value) in SUBHEADERS
        }
        if sub:
            original = dict(labels)
            for col, name in sub.items():
                mapping[col] = name
                parent = next(
                    (original[c] for c in range(col, -1, -1) if original.get(c)), ""
                )
                labels[col] = f"{parent} ({clean_text(below[col])})".strip()
            first_data += 1
    for offset, row in enumerate(rows[first_data:]):
        number = first_data + offset + 1  # 1-based, as the spreadsheet shows
        _parse_row(result, row, number, mapping, labels, fiscal_year)
    return result


_FOOTER_RE = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|รวม|หมายเหตุ|ผู้รายงาน)")


def _row_title(result: ParseResult, row: list, cells: RowCells) -> str:
    """The title of a data row, or "" for a row that is not one.

    A "no procurement this month" line is noted on the result; captions,
    totals and signature lines are skipped; a row without a title is an error.
    """
    values = [v for v in row if not is_empty(v)]
    if not values:
        return ""
    joined = " ".join(clean_text(v) for v in values)
    if NO_PROCUREMENT_TEXT in joined.replace(" ", ""):
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
        return ""
    title = cells.text("title")
    if len(values) <= 1 or _FOOTER_RE.match(title):
        return ""  # a caption, total or signature line
    if not title:
        cells.problem("title", _("The title is empty."))
    return title


def _parse_row(result, row, number, mapping, labels, fiscal_year):
    cells = RowCells(row, number, mapping, labels)
    title = _row_title(result, row, cells)
    if title:
        data = parse_row(cells, title, period=result.period, fiscal_year=fiscal_year)
        if data is not None:
            result.rows.append(data)
    result.problems.extend(cells.problems)


def parse_file(
    filename: str, content: bytes, *, fiscal_year: int | None = None
) -> ParseResult:
    try:
        rows = read_table(filename, content)
    except CellError as error:
        return ParseResult(problems=[Problem(0, "", str(error))])
    result = parse_rows(rows, fiscal_year=fiscal_year)
    _check_duplicates(result)
    return result


def _check_duplicates(result: ParseResult) -> None:
    seen: dict[str, int] = {}
    kept = []
    for row in result.rows:
        if row["key"] in seen:
            result.problems.append(
                Problem(
                    row["row"],
                    "",
                    _("This row repeats row %(row)s.") % {"row": seen[row["key"]]},
                )
            )
            continue
        seen[row["key"]] = row["row"]
        kept.append(row)
    result.rows = kept


def iter_problems(result: ParseResult) -> Iterable[dict]:
    for problem in sorted(result.problems, key=lambda p: (p.row, p.column)):
        yield problem.as_dict()
