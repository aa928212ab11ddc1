"""Reading the budget lines and the monthly disbursements of a budget from a
spreadsheet (XLSX/CSV), pure apart from the translations.

Rows of cells come in (from ``core.spreadsheets``); checked rows and every
problem (row number, column letter and title, Thai message) go out. Two
layouts of the lines are read, as LAOs keep them:

* one row per รายการ with its แผนงาน, งาน, งบ, หมวด, ประเภท written on the
  row (cells left empty under a value take the value above, as in a sheet
  where merged cells were unmerged);
* แผนงาน / งาน / งบ / หมวด / ประเภท written once, as a group row above
  their items, either in their own columns or in the รายการ column
  ("แผนงานเคหะและชุมชน", "งานบริหารทั่วไป", "งบลงทุน", ...). Rows of totals
  ("รวม ...") are skipped.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.spreadsheets import column_letter, find_header
from prongsai.procurement.vocab import BUDGET_CATEGORY_THAI, BudgetCategory

from . import figures

MAX_ROWS = 3000
HIERARCHY = ("programme", "work", "category", "expense_class", "expense_type")
TEXT_LIMITS = {
    "code": 40,
    "programme": 200,
    "work": 200,
    "expense_class": 200,
    "expense_type": 200,
    "item": 500,
    "unit": 200,
}

LINE_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("รหัส", "รหัสบัญชี", "รหัสงบประมาณ", "เลขที่", "code"),
    "programme": ("แผนงาน", "programme", "program"),
    "work": ("งาน", "work"),
    "category": ("งบ", "งบรายจ่าย", "ลักษณะงบ", "category"),
    "expense_class": ("หมวด", "หมวดรายจ่าย", "expenseclass"),
    "expense_type": ("ประเภท", "ประเภทรายจ่าย", "expensetype"),
    "item": ("รายการ", "รายการ/โครงการ", "โครงการ/รายการ", "รายการรายจ่าย", "item"),
    "amount": (
        "จำนวนเงิน",
        "จำนวนเงิน(บาท)",
        "งบประมาณ",
        "งบประมาณ(บาท)",
        "งบประมาณที่ตั้งไว้",
        "งบประมาณตั้งไว้(บาท)",
        "amount",
    ),
    "unit": ("หน่วยงานรับผิดชอบ", "หน่วยงาน", "ส่วนราชการ", "กอง", "unit"),
    "project_name": (
        "โครงการตามแผนพัฒนา",
        "โครงการตามแผนพัฒนาท้องถิ่น",
        "ชื่อโครงการตามแผน",
        "project",
    ),
    "project_number": (
        "ลำดับโครงการ",
        "ลำดับโครงการตามแผน",
        "ลำดับที่ในแผน",
        "projectnumber",
    ),
}

DISBURSEMENT_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("รหัส", "รหัสบัญชี", "รหัสงบประมาณ", "code"),
    "item": ("รายการ", "รายการ/โครงการ", "item"),
    "month": ("เดือน", "เดือนที่เบิกจ่าย", "งวดเดือน", "month"),
    "amount": (
        "จำนวนเงิน",
        "จำนวนเงิน(บาท)",
        "เบิกจ่าย",
        "เบิกจ่าย(บาท)",
        "ยอดเบิกจ่าย",
        "amount",
    ),
}

_CATEGORIES: dict[str, str] = (
    {re.sub(r"\s+", "", label): key for key, label in BUDGET_CATEGORY_THAI.items()}
    | {
        "ลงทุน": BudgetCategory.INVESTMENT,
        "ดำเนินงาน": BudgetCategory.OPERATING,
        "งบกลาง": BudgetCategory.CENTRAL,
        "กลาง": BudgetCategory.CENTRAL,
        "บุคลากร": BudgetCategory.PERSONNEL,
        "เงินอุดหนุน": BudgetCategory.SUBSIDY,
        "อุดหนุน": BudgetCategory.SUBSIDY,
        "งบรายจ่ายอื่น": BudgetCategory.OTHER,
        "รายจ่ายอื่น": BudgetCategory.OTHER,
    }
    | {key.value: key.value for key in BudgetCategory}
)

MONTH_NAMES: dict[str, int] = {
    **{
        re.sub(r"[\s.]", "", name): n
        for n, name in enumerate(thai_dates.THAI_MONTHS, 1)
    },
    **{
        re.sub(r"[\s.]", "", name): n
        for n, name in enumerate(thai_dates.THAI_MONTHS_ABBR, 1)
    },
}


def _index(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {
        re.sub(r"\s+", "", alias).lower(): key
        for key, names in aliases.items()
        for alias in names
    }


_LINE_KEYS = _index(LINE_ALIASES)
DISBURSEMENT_KEYS = _index(DISBURSEMENT_ALIASES)


def header_key_of(index: dict[str, str]) -> Callable[[object], str | None]:
    def key_of(value: object) -> str | None:
        if value is None:
            return None
        text = re.sub(r"\s+", "", str(value)).lower().replace("*", "")
        return index.get(text)

    return key_of


@dataclass
class Problem:
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ParseResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def parse_amount(value: object) -> Decimal:
    """A baht amount: ``1,250,000``, ``๑๒๕,๐๐๐.๕๐``, ``500000 บาท``, ``-`` is 0."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        raw = thai_dates.to_arabic_digits(text(value)).replace(",", "")
        raw = re.sub(r"\s*บาท$", "", raw).strip()
        if raw in {"-", "–", "—"}:
            return Decimal("0.00")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite():
        raise ValueError
    if number.adjusted() >= 13:
        return number  # too large for the ledger: the caller says so
    return number.quantize(Decimal("0.01"))


def parse_category(value: object) -> str:
    raw = re.sub(r"\s+", "", text(value)).lower()
    if raw in _CATEGORIES:
        return _CATEGORIES[raw]
    if raw.startswith("งบ") and raw[2:] in _CATEGORIES:
        return _CATEGORIES[raw[2:]]
    raise ValueError


def parse_month(value: object, *, fiscal_year: int) -> datetime.date:
    """The first day of a month of ``fiscal_year``: a date, ``ต.ค. 68``,
    ``ตุลาคม 2568``, ``10/2568`` or a calendar month number (10 = October)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    raw = thai_dates.to_arabic_digits(text(value))
    if isinstance(value, int | float) or re.fullmatch(r"\d{1,2}", raw):
        number = int(float(raw))
        if not 1 <= number <= 12:
            raise ValueError
        return figures.month_start(fiscal_year, (number - 10) % 12 + 1)
    match = re.fullmatch(r"(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})", raw)
    if match:
        month, year = int(match[1]), match[2]
    else:
        match = re.fullmatch(r"([^\d]+?)\s*(?:พ\.?\s*ศ\.?)?\s*(\d{2}|\d{4})?", raw)
        if not match:
            return thai_dates.parse_thai_date(raw).replace(day=1)
        name = re.sub(r"[\s.]", "", match[1])
        if name not in MONTH_NAMES:
            raise ValueError
        month, year = MONTH_NAMES[name], match[2]
    if not 1 <= month <= 12:
        raise ValueError
    if year is None:
        return figures.month_start(fiscal_year, (month - 10) % 12 + 1)
    be = int(year) + 2500 if len(year) == 2 else int(year)
    if be < 2400:
        be += 543
    return datetime.date(be - 543, month, 1)


def line_key(row: dict[str, Any]) -> str:
    """The natural key of a line (its place in the ordinance), so that a
    second import of the same file updates the lines it made."""
    parts = [text(row.get(name)).lower() for name in (*HIERARCHY, "item")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:64]


def column_indexes(keys: list[str | None]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key and key not in columns:
            columns[key] = index
    return columns


def cell(row: list[object], columns: dict[str, int], key: str) -> object:
    index = columns.get(key)
    if index is None or index >= len(row):
        return None
    return row[index]


def no_header_problem(titles: list[str]) -> Problem:
    return Problem(
        None,
        "",
        _(
            "No header row found: the first rows must hold the column titles, "
            "at least %(titles)s."
        )
        % {"titles": ", ".join(f"“{title}”" for title in titles)},
    )


# The หมวด of the LAO chart of expenditure, written alone as a group row.
EXPENSE_CLASSES = frozenset(
    {
        "เงินเดือน(ฝ่ายการเมือง)",
        "เงินเดือน(ฝ่ายประจำ)",
        "ค่าตอบแทน",
        "ค่าใช้สอย",
        "ค่าวัสดุ",
        "ค่าสาธารณูปโภค",
        "ค่าตอบแทนใช้สอยและวัสดุ",
        "ค่าครุภัณฑ์",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        "ค่าครุภัณฑ์ที่ดินและสิ่งก่อสร้าง",
    }
)


def _heading(value: str) -> tuple[str, str] | None:
    """A group row written in the item column: (level, value) or None.
    A total written after the name ("งบลงทุน รวม 1,000,000 บาท") is dropped."""
    value = re.split(r"\s*รวม", value)[0].strip() or value
    compact = value.replace(" ", "")
    if compact.startswith("แผนงาน"):
        return "programme", value
    try:
        return "category", parse_category(value)
    except ValueError:
        pass
    if compact.startswith("หมวด"):
        return "expense_class", value
    if compact.startswith("ประเภท"):
        return "expense_type", value
    if compact.startswith("งาน"):
        return "work", value
    return None


def _reset_below(context: dict[str, str], level: str) -> None:
    for name in HIERARCHY[HIERARCHY.index(level) + 1 :]:
        context[name] = ""


class RowReport:
    """The problems of one row, each placed as "column letter (Thai title)"."""

    def __init__(
        self,
        number: int,
        columns: dict[str, int],
        titles: dict[str, tuple[str, ...]],
        into: list[Problem],
    ):
        self.number = number
        self.columns = columns
        self.titles = titles
        self.problems: list[Problem] = []
        self._into = into

    def add(self, key: str, message: str) -> None:
        letter = column_letter(self.columns[key]) if key in self.columns else ""
        name = self.titles[key][0]
        where = f"{letter} ({name})" if letter else name
        self.problems.append(Problem(self.number, where, message))

    def keep(self) -> None:
        """Add this row's problems to the file's."""
        self._into.extend(self.problems)


def checked_amount(
    report: RowReport, raw: object, key: str = "amount"
) -> Decimal | None:
    """The amount of the row's money cell ``key``, or None with the problem
    noted."""
    if not text(raw):
        report.add(key, _("This cell is empty."))
        return None
    try:
        amount = parse_amount(raw)
    except ValueError:
        report.add(
            key, _("“%(value)s” is not an amount of money.") % {"value": text(raw)}
        )
        return None
    if amount < 0:
        report.add(key, _("The amount cannot be negative."))
        return None
    if amount >= Decimal("1e13"):
        report.add(key, _("The amount is too large."))
        return None
    return amount


def _given_hierarchy(
    report: RowReport, row: list[object], columns: dict[str, int]
) -> dict[str, str]:
    """The levels (แผนงาน, งาน, งบ ...) written in their own columns of the row."""
    given: dict[str, str] = {}
    for level in HIERARCHY:
        value = text(cell(row, columns, level))
        if not value:
            continue
        if level == "category":
            try:
                value = parse_category(value)
            except ValueError:
                report.add(
                    "category",
                    _("“%(value)s” is not a budget category (งบ) of the chart.")
                    % {"value": value},
                )
                continue
        given[level] = value
    return given


def _carry_down(context: dict[str, str], given: dict[str, str]) -> None:
    """Levels written on a row replace those above; the levels below them that
    the row does not give are cleared."""
    for level in HIERARCHY:
        if level in given and given[level] != context[level]:
            context[level] = given[level]
            for lower in HIERARCHY[HIERARCHY.index(level) + 1 :]:
                if lower not in given:
                    context[lower] = ""


def _group_heading(item: str, raw_amount: object) -> tuple[str, str] | None:
    """``(level, name)`` when the item cell is a group row ("แผนงาน...",
    "งาน...", "ค่าตอบแทน รวม"), else None."""
    heading = _heading(item) if item else None
    if heading is not None and heading[0] == "work" and text(raw_amount):
        heading = None if "รวม" not in item else heading  # an item "งาน..."
    if heading is None and item and (not text(raw_amount) or "รวม" in item):
        name = re.split(r"\s*รวม", item)[0]
        if name.replace(" ", "") in EXPENSE_CLASSES:
            heading = ("expense_class", name.strip())
    return heading


def _line_data(
    report: RowReport,
    row: list[object],
    columns: dict[str, int],
    context: dict[str, str],
    item: str,
    resolve_project: Callable[[str, str], tuple[int | None, str]],
) -> dict[str, Any]:
    """One budget line's values, its problems noted in ``report``."""
    data: dict[str, Any] = {
        "row": report.number,
        **{level: context[level] for level in HIERARCHY},
        "item": item[: TEXT_LIMITS["item"]],
        "code": text(cell(row, columns, "code"))[: TEXT_LIMITS["code"]],
        "unit": text(cell(row, columns, "unit"))[: TEXT_LIMITS["unit"]],
        "amount": None,
        "project_id": None,
    }
    for level in ("programme", "work", "expense_class", "expense_type"):
        data[level] = data[level][: TEXT_LIMITS[level]]
    if not data["programme"]:
        report.add(
            "programme" if "programme" in columns else "item",
            _("No programme (แผนงาน) above this item."),
        )
    if not data["category"]:
        report.add(
            "category" if "category" in columns else "item",
            _("No budget category (งบ) above this item."),
        )
    amount = checked_amount(report, cell(row, columns, "amount"))
    if amount is not None:
        data["amount"] = str(amount)
    project_number = thai_dates.to_arabic_digits(
        text(cell(row, columns, "project_number"))
    )
    project_name = text(cell(row, columns, "project_name"))
    if project_number or project_name:
        project_id, message = resolve_project(project_number, project_name)
        if project_id is None:
            report.add("project_number" if project_number else "project_name", message)
        data["project_id"] = project_id
    data["import_key"] = line_key(data)
    return data


def flag_too_many_rows(result: ParseResult) -> None:
    if len(result.rows) > MAX_ROWS:
        result.problems.insert(
            0,
            Problem(
                None,
                "",
                _("The file has more than %(count)s rows; split it into smaller files.")
                % {"count": f"{MAX_ROWS:,}"},
            ),
        )


def parse_line_rows(
    rows: list[list[object]],
    *,
    resolve_project: Callable[[str, str], tuple[int | None, str]],
) -> ParseResult:
    """Check every budget line of a table. ``resolve_project(number, name)``
    gives the plan project's id, or None and a Thai message."""
    result = ParseResult()
    key_of = header_key_of(_LINE_KEYS)
    found = find_header(rows, key_of, accept=lambda keys: {"item", "amount"} <= keys)
    if found is None:
        result.problems.append(
            no_header_problem([LINE_ALIASES["item"][0], LINE_ALIASES["amount"][0]])
        )
        return result
    first, keys = found
    columns = column_indexes(keys)
    context = dict.fromkeys(HIERARCHY, "")
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[first:]):
        if not any(text(value) for value in row):
            continue
        report = RowReport(first + offset + 1, columns, LINE_ALIASES, result.problems)
        item = text(cell(row, columns, "item"))
        raw_amount = cell(row, columns, "amount")
        _carry_down(context, _given_hierarchy(report, row, columns))
        if item.replace(" ", "").startswith("รวม"):
            continue  # a row of totals
        heading = _group_heading(item, raw_amount)
        if heading is not None:
            level, value = heading
            context[level] = value
            _reset_below(context, level)
        elif not item:
            # A group row written in its own columns, unless it has money.
            if text(raw_amount):
                report.add("item", _("This cell is empty."))
        else:
            data = _line_data(report, row, columns, context, item, resolve_project)
            if data["import_key"] in seen:
                report.add(
                    "item",
                    _("The same item is already on row %(row)s.")
                    % {"row": seen[data["import_key"]]},
                )
            seen.setdefault(data["import_key"], report.number)
            result.rows.append(data)
        report.keep()
    if not result.rows and not result.problems:
        result.problems.append(
            Problem(None, "", _("The file has a header but no budget lines."))
        )
    flag_too_many_rows(result)
    return result
