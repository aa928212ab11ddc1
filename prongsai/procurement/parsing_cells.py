"""Reading one cell of a procurement table (pure, no database).

Cells are cleaned of the usual damage: Thai digits, three Buddhist-era date
styles, amounts with commas, ".-" and "บาท", "-" for empty, several
"name / price" pairs in one cell, masked IDs, doubled legal-form prefixes,
stray combining marks; Thai labels of methods, types, budget categories and
fund sources become their codes.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from prongsai.core import thai_dates

from .vocab import BudgetCategory, FundSource, Method, ProcurementType

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


def _first_match(text: str, table, default: str) -> str:
    """The code of the first (words, code) row of *table* with a word in *text*."""
    for words, code in table:
        if any(word in text for word in words):
            return code
    return default


_TYPE_WORDS = (
    (("ก่อสร้าง",), ProcurementType.CONSTRUCTION),
    (("ที่ปรึกษา",), ProcurementType.CONSULTANT),
    (("ออกแบบ",), ProcurementType.DESIGN),
)


def guess_type(title: str, label: str = "") -> str:
    text = clean_text(label) or clean_text(title)
    found = _first_match(text, _TYPE_WORDS, "")
    if found:
        return found
    if text.startswith("เช่า") or "เช่า" in clean_text(label):
        return ProcurementType.RENTAL
    if text.startswith("ซื้อ") or text.startswith("จัดซื้อ") or label.startswith("ซื้อ"):
        return ProcurementType.PURCHASE
    if "จ้าง" in text or "ซ่อม" in text:
        return ProcurementType.HIRE
    return ProcurementType.PURCHASE


_BUDGET_CATEGORY_WORDS = (
    (("ลงทุน",), BudgetCategory.INVESTMENT),
    (("ดำเนินงาน",), BudgetCategory.OPERATING),
    (("งบกลาง",), BudgetCategory.CENTRAL),
    (("บุคลากร",), BudgetCategory.PERSONNEL),
    (("อุดหนุน",), BudgetCategory.SUBSIDY),
)
#: Titles of investment items, when the budget category is not given.
_INVESTMENT_TITLE_WORDS = ("ครุภัณฑ์", "ก่อสร้าง", "ปรับปรุงถนน", "ที่ดินและสิ่งก่อสร้าง")
_FUND_SOURCE_WORDS = (
    (("เฉพาะกิจ",), FundSource.SPECIFIC_GRANT),
    (("ทุนสำรอง",), FundSource.RESERVE),
    (("สะสม",), FundSource.ACCUMULATED),
    (("หน่วยงานอื่น",), FundSource.OTHER_AGENCY),
)


def guess_budget_category(value: str, title: str) -> str:
    found = _first_match(clean_text(value), _BUDGET_CATEGORY_WORDS, "")
    if found:
        return found
    return _first_match(
        title,
        [(_INVESTMENT_TITLE_WORDS, BudgetCategory.INVESTMENT)],
        BudgetCategory.OPERATING,
    )


def guess_fund_source(value: str) -> str:
    return _first_match(
        clean_text(value), _FUND_SOURCE_WORDS, FundSource.BUDGET_ORDINANCE
    )


def month_label(day: datetime.date) -> str:
    """A month as the register names it: ``ก.พ. 2570``."""
    abbr = thai_dates.THAI_MONTHS_ABBR[day.month - 1]
    return f"{abbr} {thai_dates.to_be_year(day.year)}"


def date_outside_month(day: datetime.date, month: datetime.date) -> str | None:
    """The message when ``day`` is not in ``month`` (any day of it), else None:
    "วันที่ 3 มี.ค. 2570 ไม่อยู่ในเดือน ก.พ. 2570 ที่บันทึก"."""
    if (day.year, day.month) == (month.year, month.month):
        return None
    return _(
        "The date %(date)s is not in %(month)s, the month it is recorded under."
    ) % {
        "date": thai_dates.format_date(day, "medium"),
        "month": month_label(month),
    }
