"""Reading procurement tables as LAOs actually have them (pure, no database).

Two layouts are recognised from their Thai headers: the monthly สขร.1 table and
the e-GP/CGD open-data table. Cells are cleaned of the usual damage: Thai
digits, three Buddhist-era date styles, amounts with commas, ".-" and "บาท",
"-" for empty, several "name / price" pairs in one cell, masked IDs, doubled
legal-form prefixes, stray combining marks, merged headers. Each problem is
reported with its spreadsheet row and column header; warnings (reference
price above budget, dates outside the period) do not block an import.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from prongsai.core import spreadsheets, thai_dates

from . import identifiers
from .vocab import BudgetCategory, FundSource, Method, ProcurementType

ERROR = "error"
WARNING = "warning"

SOR1 = "sor1"
EGP = "egp"

NO_PROCUREMENT_TEXT = "ไม่มีการจัดซื้อจัดจ้าง"

# --- text ------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI_COMBINING = set(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
LEGAL_FORMS = (
    "ห้างหุ้นส่วนจำกัด",
    "ห้างหุ้นส่วนสามัญ",
    "บริษัท",
    "หจก.",
    "บจก.",
    "ร้าน",
)
_DOUBLED_FORM = re.compile(
    r"^(?P<form>" + "|".join(re.escape(f) for f in LEGAL_FORMS) + r")"
    r"(?:\s*(?P=form))+\s*"
)


def _is_combining(char: str) -> bool:
    return char in _THAI_COMBINING or unicodedata.category(char) == "Mn"


def clean_text(value) -> str:
    """Normalised text: NFC, no invisible characters, no stray combining marks,
    single spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ")
    out: list[str] = []
    for char in text:
        if _is_combining(char):
            prev = out[-1] if out else ""
            if not prev or prev == char or not (prev.isalpha() or _is_combining(prev)):
                continue  # a mark with nothing to sit on, or typed twice
        out.append(char)
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def clean_name(value) -> str:
    """A supplier name without doubled legal-form prefixes and odd spacing."""
    text = re.sub(r"\s+", " ", clean_text(value)).strip(" ,;/")
    match = _DOUBLED_FORM.match(text)
    if match:
        text = match.group("form") + " " + text[match.end() :]
    return text.strip()


def is_empty(value) -> bool:
    text = clean_text(value)
    return text in {"", "-", "–", "—", "--", "ไม่มี"}


# --- amounts and dates -----------------------------------------------------------

_AMOUNT_RE = re.compile(
    r"^-?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?$|^-?[0-9]+(?:\.[0-9]+)?$"
)


class CellError(ValueError):
    """A cell that could not be read; the message is for the user."""


MAX_AMOUNT = Decimal("9999999999999.99")  # what the register's money fields hold
SHOWN_CHARS = 60


def _shown(value) -> str:
    """A cell's value as quoted in a message: long text is cut short."""
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _amount(number: Decimal, value) -> Decimal:
    if not number.is_finite():
        raise CellError(
            _("“%(value)s” is not an amount in baht.") % {"value": _shown(value)}
        )
    if number < 0:
        raise CellError(
            _("The amount “%(value)s” is negative.") % {"value": _shown(value)}
        )
    if number > MAX_AMOUNT:
        raise CellError(
            _("The amount “%(value)s” is too large (at most %(max)s baht).")
            % {"value": _shown(value), "max": f"{MAX_AMOUNT:,}"}
        )
    return number.quantize(Decimal("0.01"))


def parse_amount(value) -> Decimal | None:
    """An amount in baht: ``1,234.50``, ``5,000.-``, ``๕,๐๐๐ บาท``; "-" is empty."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _amount(Decimal(str(value)), value)
    if is_empty(value):
        return None
    text = thai_dates.to_arabic_digits(clean_text(value))
    text = re.sub(r"บาท|baht|฿", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\.-$|\.–$|\s", "", text.strip())
    text = text.rstrip(".")
    if not _AMOUNT_RE.match(text):
        raise CellError(
            _("“%(value)s” is not an amount in baht.") % {"value": _shown(value)}
        )
    try:
        amount = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellError(
            _("“%(value)s” is not an amount in baht.") % {"value": _shown(value)}
        ) from None
    return _amount(amount, value)


_DATE_PREFIX = re.compile(r"^(?:ลว\.?|ลงวันที่|ลงวันที|วันที่)\s*")


def parse_date(value) -> datetime.date | None:
    """A date in any of the usual Thai styles; Excel dates with BE years too."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        if value.year >= 2400:  # a BE year typed into a date cell
            return value.replace(year=value.year - thai_dates.BE_OFFSET)
        return value
    if is_empty(value):
        return None
    text = _DATE_PREFIX.sub("", clean_text(value))
    try:
        return thai_dates.parse_thai_date(text)
    except ValueError:
        raise CellError(
            _(
                "“%(value)s” is not a date; write e.g. 09/09/2565, 29 พ.ย. 67 "
                "or 14 มกราคม 2568."
            )
            % {"value": _shown(value)}
        ) from None


# --- people and prices in one cell -----------------------------------------------


@dataclass
class NamePrice:
    name: str
    price: Decimal | None = None
    tax_id: str = ""


_ID_RE = re.compile(
    r"\(?\s*(?:เลขประจำตัวผู้เสียภาษี(?:อากร)?|เลขผู้เสียภาษี|เลขที่ผู้เสียภาษี|TIN)?"
    r"\s*:?\s*(?P<id>[0-9]{13}|[0-9]{9}[xX*]{4}|[0-9]-[0-9]{4}-[0-9]{5}-[0-9]{2}-[0-9])"
    r"\s*\)?"
)
_PRICE_RE = re.compile(
    r"(?P<label>(?:ราคาที่ตกลง(?:ซื้อ|จ้าง)?|ราคาที่เสนอ|เสนอราคา|ราคา|เป็นเงิน)\s*:?\s*)?"
    r"(?P<amount>[0-9][0-9,]*(?:\.[0-9]{1,2})?)"
    r"(?P<tail>\s*(?:\.-|บาท)(?:\s*บาท)?)?"
)
_SEPARATORS = re.compile(r"\n|;|\||(?<=[\s.\-])/(?=\s)|\s/|/\s")
_ENUM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-•*])\s+")


def _split_priced(piece: str) -> list[NamePrice]:
    """Split one piece into name/price pairs; a price ends each pair."""
    results: list[NamePrice] = []
    tax_ids: list[str] = []

    def keep_id(match: re.Match) -> str:
        tax_ids.append(match.group("id").replace("-", ""))
        return " "

    text = _ID_RE.sub(keep_id, piece)
    start = 0
    for match in _PRICE_RE.finditer(text):
        amount = match.group("amount")
        at_end = not text[match.end() :].strip()
        looks_like_price = bool(
            match.group("tail")
            or match.group("label")
            or at_end
            or "," in amount
            or "." in amount
        )
        before = text[match.start() - 1] if match.start() else " "
        if not looks_like_price or (before.isalnum() and not match.group("label")):
            continue
        name = clean_name(text[start : match.start()])
        name = re.sub(r"[:\-–]\s*$", "", name).strip()
        if not name and results and results[-1].price is None:
            results[-1].price = parse_amount(amount)
        else:
            results.append(NamePrice(name=name, price=parse_amount(amount)))
        start = match.end()
    rest = clean_name(text[start:])
    if rest:
        results.append(NamePrice(name=rest))
    for item, tax_id in zip(results, tax_ids, strict=False):
        item.tax_id = tax_id
    return results


def parse_name_prices(value) -> list[NamePrice]:
    """Every "name / price" pair in a cell, e.g. ``ร้าน ก. 5,000.- / ร้าน ข. 5,200.-``."""
    if is_empty(value):
        return []
    text = thai_dates.to_arabic_digits(clean_text(str(value).replace("\r", "\n")))
    text = str(value).replace("\r", "\n")
    text = "\n".join(
        thai_dates.to_arabic_digits(clean_text(line)) for line in text.split("\n")
    )
    pairs: list[NamePrice] = []
    for raw in _SEPARATORS.split(text):
        piece = _ENUM.sub("", raw).strip(" ,")
        if not piece or is_empty(piece):
            continue
        pairs.extend(_split_priced(piece))
    # A name-only piece followed by a price-only piece is one pair.
    merged: list[NamePrice] = []
    for pair in pairs:
        if not pair.name and merged and merged[-1].price is None:
            merged[-1].price = pair.price
        else:
            merged.append(pair)
    return merged


_CONTRACT_RE = re.compile(
    r"(?P<kind>สัญญา(?:จ้าง|ซื้อ|ซื้อขาย)?|ใบสั่ง(?:ซื้อ|จ้าง)|ข้อตกลง|PO)?\s*"
    r"(?:เลขที่|ที่|no\.?)?\s*(?P<number>[^\s].*?)\s*"
    r"(?:(?:ลว\.?|ลงวันที่|วันที่)\s*(?P<date>.+))?$",
    re.IGNORECASE,
)


def parse_contract(value) -> tuple[str, datetime.date | None]:
    """``ใบสั่งซื้อเลขที่ 12/2567 ลว. 5 ต.ค. 66`` → ("12/2567", 2023-10-05)."""
    if is_empty(value):
        return "", None
    text = thai_dates.to_arabic_digits(clean_text(str(value).replace("\n", " ")))
    match = _CONTRACT_RE.match(text)
    if not match:
        return text, None
    number = match.group("number").strip(" ,")
    when = parse_date(match.group("date")) if match.group("date") else None
    return number, when


# --- vocabularies ----------------------------------------------------------------

_METHODS = [
    ("e-market", Method.E_MARKET),
    ("emarket", Method.E_MARKET),
    ("ตลาดอิเล็กทรอนิกส์", Method.E_MARKET),
    ("e-bidding", Method.E_BIDDING),
    ("ebidding", Method.E_BIDDING),
    ("ประกวดราคาอิเล็กทรอนิกส์", Method.E_BIDDING),
    ("ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์", Method.E_BIDDING),
    ("e-auction", Method.LEGACY_E_AUCTION),
    ("สอบราคา", Method.PRICE_INQUIRY),
    ("คัดเลือก", Method.SELECTION),
    ("เฉพาะเจาะจง", Method.SPECIFIC),
    ("ตกลงราคา", Method.LEGACY_AGREED_PRICE),
    ("กรณีพิเศษ", Method.LEGACY_SPECIAL_CASE),
    ("วิธีพิเศษ", Method.LEGACY_SPECIAL),
    ("ประกวดราคา", Method.LEGACY_BIDDING),
]
_GROUND_RE = re.compile(r"(มาตรา\s*\d+\s*(?:\(\s*\d+\s*\))?\s*(?:\(\s*[ก-ฮ]\s*\))?)")


def parse_method(value) -> tuple[str | None, str]:
    """(method code or None, legal ground) from a Thai method label."""
    text = clean_text(value)
    key = thai_dates.to_arabic_digits(text).lower().replace(" ", "")
    ground_match = _GROUND_RE.search(thai_dates.to_arabic_digits(text))
    ground = re.sub(r"\s+", "", ground_match.group(1)) if ground_match else ""
    ground = ground.replace("มาตรา", "มาตรา ")
    for alias, method in _METHODS:
        if alias.replace(" ", "") in key:
            return method, ground
    return None, ground


def guess_type(title: str, label: str = "") -> str:
    text = clean_text(label) or clean_text(title)
    if "ก่อสร้าง" in text:
        return ProcurementType.CONSTRUCTION
    if "ที่ปรึกษา" in text:
        return ProcurementType.CONSULTANT
    if "ออกแบบ" in text:
        return ProcurementType.DESIGN
    if text.startswith("เช่า") or "เช่า" in clean_text(label):
        return ProcurementType.RENTAL
    if text.startswith("ซื้อ") or text.startswith("จัดซื้อ") or label.startswith("ซื้อ"):
        return ProcurementType.PURCHASE
    if "จ้าง" in text or "ซ่อม" in text:
        return ProcurementType.HIRE
    return ProcurementType.PURCHASE


def guess_budget_category(value: str, title: str) -> str:
    text = clean_text(value)
    for code, label in (
        (BudgetCategory.INVESTMENT, "ลงทุน"),
        (BudgetCategory.OPERATING, "ดำเนินงาน"),
        (BudgetCategory.CENTRAL, "งบกลาง"),
        (BudgetCategory.PERSONNEL, "บุคลากร"),
        (BudgetCategory.SUBSIDY, "อุดหนุน"),
    ):
        if label in text:
            return code
    if any(w in title for w in ("ครุภัณฑ์", "ก่อสร้าง", "ปรับปรุงถนน", "ที่ดินและสิ่งก่อสร้าง")):
        return BudgetCategory.INVESTMENT
    return BudgetCategory.OPERATING


def guess_fund_source(value: str) -> str:
    text = clean_text(value)
    if "เฉพาะกิจ" in text:
        return FundSource.SPECIFIC_GRANT
    if "ทุนสำรอง" in text:
        return FundSource.RESERVE
    if "สะสม" in text:
        return FundSource.ACCUMULATED
    if "หน่วยงานอื่น" in text:
        return FundSource.OTHER_AGENCY
    return FundSource.BUDGET_ORDINANCE


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
class Problem:
    row: int
    column: str
    message: str
    severity: str = ERROR

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
        }


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


def _cell(row: list, mapping: dict[int, str], name: str):
    for col, field_name in mapping.items():
        if field_name == name and col < len(row):
            return row[col]
    return None


def _label(mapping: dict[int, str], labels: dict[int, str], name: str) -> str:
    for col, field_name in mapping.items():
        if field_name == name:
            return labels.get(col) or name
    return name


def natural_key(row: dict) -> str:
    if row.get("egp_project_number"):
        return "egp:" + row["egp_project_number"]
    basis = "|".join(
        [
            re.sub(r"\s+", "", row.get("title", "")),
            row.get("contract_number", ""),
            row.get("procured_on", ""),
        ]
    )
    return "row:" + hashlib.sha256(basis.encode()).hexdigest()[:40]


_FOOTER_RE = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|รวม|หมายเหตุ|ผู้รายงาน)")


def _parse_row(result, row, number, mapping, labels, fiscal_year):
    values = [v for v in row if not is_empty(v)]
    if not values:
        return
    joined = " ".join(clean_text(v) for v in values)
    if NO_PROCUREMENT_TEXT in joined.replace(" ", ""):
        if result.period:
            result.no_procurement_months.append(result.period.isoformat())
        else:
            result.problems.append(
                Problem(
                    number,
                    "",
                    _(
                        "The row says there was no procurement, but the table "
                        "does not say which month (รอบเดือน …)."
                    ),
                )
            )
        return
    title = clean_text(_cell(row, mapping, "title"))
    if len(values) <= 1 or _FOOTER_RE.match(title):
        return  # a caption, total or signature line
    if not title:
        result.problems.append(
            Problem(number, _label(mapping, labels, "title"), _("The title is empty."))
        )
        return

    problems: list[Problem] = []

    def problem(name: str, message: str, severity: str = ERROR) -> None:
        problems.append(
            Problem(number, _label(mapping, labels, name), message, severity)
        )

    unreadable: set[str] = set()

    def amount(name: str):
        try:
            return parse_amount(_cell(row, mapping, name))
        except CellError as error:
            problem(name, str(error))
            unreadable.add(name)
            return None

    def when(name: str):
        try:
            return parse_date(_cell(row, mapping, name))
        except CellError as error:
            problem(name, str(error))
            return None

    data: dict = {"row": number, "title": title}
    data["budget_amount"] = amount("budget_amount")
    data["reference_price"] = amount("reference_price")
    data["agreed_price"] = amount("agreed_price")
    method_cell = _cell(row, mapping, "method")
    method, ground = parse_method(method_cell)
    if method is None:
        if is_empty(method_cell):
            problem("method", _("The method is empty."))
        else:
            problem(
                "method",
                _("“%(value)s” is not a procurement method we know.")
                % {"value": clean_text(method_cell)},
            )
    data["method"] = method or ""
    data["legal_ground"] = ground
    data["procurement_type"] = guess_type(
        title, clean_text(_cell(row, mapping, "type"))
    )
    data["budget_category"] = guess_budget_category(
        clean_text(_cell(row, mapping, "budget_category")), title
    )
    data["fund_source"] = guess_fund_source(
        clean_text(_cell(row, mapping, "fund_source"))
    )
    data["selection_reason"] = clean_text(_cell(row, mapping, "reason"))
    # Bidders and the winner
    bids: list[dict] = []
    try:
        for pair in parse_name_prices(_cell(row, mapping, "bids")):
            if pair.price is None:
                problem(
                    "bids",
                    _("No price found for the bidder “%(name)s”.")
                    % {"name": pair.name},
                )
            elif not pair.name:
                problem("bids", _("A price in the bidders' cell has no name."))
            else:
                bids.append(
                    {"name": pair.name, "tax_id": pair.tax_id, "price": str(pair.price)}
                )
    except CellError as error:
        problem("bids", str(error))
    data["bids"] = bids
    supplier_name = clean_name(_cell(row, mapping, "supplier_name"))
    supplier_tax_id = identifiers.clean_digits(
        clean_text(_cell(row, mapping, "supplier_tax_id"))
    )
    try:
        winners = parse_name_prices(_cell(row, mapping, "winner"))
    except CellError as error:
        problem("winner", str(error))
        winners = []
    if winners:
        if len(winners) > 1:
            problem(
                "winner",
                _("The selected-supplier cell names more than one supplier."),
            )
        winner = winners[0]
        supplier_name = supplier_name or winner.name
        supplier_tax_id = supplier_tax_id or winner.tax_id
        if data["agreed_price"] is None:
            data["agreed_price"] = winner.price
    if not supplier_tax_id and supplier_name:
        for bid in bids:
            if bid["name"] == supplier_name:
                supplier_tax_id = bid["tax_id"]
    if is_empty(supplier_tax_id):
        supplier_tax_id = ""
    if supplier_tax_id and not (
        identifiers.is_masked_id(supplier_tax_id)
        or identifiers.is_valid_thai_id(supplier_tax_id)
    ):
        problem(
            "supplier_tax_id",
            _("“%(value)s” is not a valid 13-digit Thai tax ID.")
            % {"value": supplier_tax_id},
        )
    for bid in bids:
        if bid["tax_id"] and not (
            identifiers.is_masked_id(bid["tax_id"])
            or identifiers.is_valid_thai_id(bid["tax_id"])
        ):
            problem(
                "bids",
                _("“%(value)s” is not a valid 13-digit Thai tax ID.")
                % {"value": bid["tax_id"]},
            )
    data["supplier_name"] = supplier_name
    data["supplier_tax_id"] = supplier_tax_id
    if data["agreed_price"] is not None and not supplier_name:
        problem("winner", _("There is an agreed price but no selected supplier."))
    # Contract
    contract_number, contract_date = "", None
    if "contract" in mapping.values():
        try:
            contract_number, contract_date = parse_contract(
                _cell(row, mapping, "contract")
            )
        except CellError as error:
            problem("contract", str(error))
    contract_number = (
        clean_text(_cell(row, mapping, "contract_number")) or contract_number
    )
    if is_empty(contract_number):
        contract_number = ""
    if "contract_number" in mapping.values() and contract_number:
        contract_number, inline_date = parse_contract(contract_number)
        contract_date = contract_date or inline_date
    contract_date = when("contract_date") or contract_date
    data["contract_number"] = contract_number
    data["contract_date"] = contract_date
    data["contract_start"] = when("contract_start") or contract_date
    data["contract_end"] = when("contract_end")
    announce_date = when("announce_date")
    procured_on = when("procured_on") or contract_date or announce_date
    if procured_on is None and result.period is not None:
        procured_on = result.period
    date_column = next(
        (
            name
            for name in ("procured_on", "contract_date", "contract", "announce_date")
            if name in mapping.values()
        ),
        "contract",
    )
    if procured_on is None:
        problem(
            date_column,
            _("No date found: give the contract date or the procurement date."),
        )
    data["procured_on"] = procured_on
    status = clean_text(_cell(row, mapping, "status"))
    data["cancelled"] = "ยกเลิก" in status
    egp = identifiers.clean_digits(
        clean_text(_cell(row, mapping, "egp_project_number"))
    )
    if is_empty(egp):
        egp = ""
    if egp and not identifiers.is_valid_egp_number(egp):
        problem(
            "egp_project_number",
            _(
                "“%(value)s” is not an e-GP project number (11 digits, the "
                "first two the Buddhist-era year)."
            )
            % {"value": egp},
        )
        egp = ""
    data["egp_project_number"] = egp
    year_cell = identifiers.clean_digits(clean_text(_cell(row, mapping, "fiscal_year")))
    if year_cell.isdigit() and len(year_cell) == 4:
        data["fiscal_year"] = int(year_cell)
    elif procured_on is not None:
        data["fiscal_year"] = thai_dates.fiscal_year(procured_on)
    else:
        data["fiscal_year"] = fiscal_year
    if data["budget_amount"] is None:
        if data["agreed_price"] is not None:
            data["budget_amount"] = data["agreed_price"]
            problem(
                "budget_amount",
                _("The budget amount is empty; the agreed price is used."),
                WARNING,
            )
        elif "budget_amount" not in unreadable:
            problem("budget_amount", _("The budget amount is empty."))
    # Checks that warn but do not block
    if (
        data["reference_price"] is not None
        and data["budget_amount"] is not None
        and data["reference_price"] > data["budget_amount"]
    ):
        problem(
            "reference_price",
            _(
                "The reference price (%(reference)s) is above the budget "
                "amount (%(budget)s)."
            )
            % {"reference": data["reference_price"], "budget": data["budget_amount"]},
            WARNING,
        )
    if (
        data["agreed_price"] is not None
        and data["budget_amount"] is not None
        and data["agreed_price"] > data["budget_amount"]
    ):
        problem(
            "agreed_price",
            _("The agreed price is above the budget amount."),
            WARNING,
        )
    if (
        procured_on is not None
        and result.period is not None
        and (procured_on.year, procured_on.month)
        != (result.period.year, result.period.month)
    ):
        problem(
            date_column,
            _("The date %(date)s is outside the report month %(month)s.")
            % {
                "date": thai_dates.format_date(procured_on),
                "month": thai_dates.format_date(result.period, style="month"),
            },
            WARNING,
        )
    if (
        procured_on is not None
        and fiscal_year is not None
        and thai_dates.fiscal_year(procured_on) != fiscal_year
    ):
        problem(
            date_column,
            _("The date %(date)s is outside fiscal year %(year)s.")
            % {"date": thai_dates.format_date(procured_on), "year": fiscal_year},
            WARNING,
        )
    result.problems.extend(problems)
    if any(p.severity == ERROR for p in problems):
        return
    for key in (
        "budget_amount",
        "reference_price",
        "agreed_price",
    ):
        data[key] = None if data[key] is None else str(data[key])
    for key in ("procured_on", "contract_date", "contract_start", "contract_end"):
        data[key] = data[key].isoformat() if data[key] else None
    data["key"] = natural_key(data)
    result.rows.append(data)


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
