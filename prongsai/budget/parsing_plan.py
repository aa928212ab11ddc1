"""Reading a ผ.02 project list (XLSX/CSV) into development-plan rows.

Pure apart from the translations: rows of cells in (from
``core.spreadsheets``), checked rows and every problem out, each with its
row number and column letter. The layout LAOs keep: one row per project, the
plan's fiscal years as columns ("งบประมาณ 2566 (บาท)", "2566", "๒๕๖๖"),
strategy (ยุทธศาสตร์) and programme (แผนงาน) either as columns written only on
their first row (merged cells) or as section rows above their projects,
title rows above the header, "-" for a year without budget, total rows
(รวม) and a project's text continued on the rows below it.

``project_checks`` is the one set of checks on a project's figures: the
import runs it on each row and the services run it again on every write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.spreadsheets import column_letter, find_header

from .budget_import import Problem

MAX_ROWS = 3000
MAX_AMOUNT = Decimal("10000000000")  # ten billion baht a year: surely a typo
TEXT_KEYS = ("objective", "target", "kpi", "expected_result")
LIMITS = {
    "strategy": 300,
    "programme": 200,
    "name": 500,
    "responsible_unit": 200,
}

ALIASES: dict[str, tuple[str, ...]] = {
    "strategy": ("ยุทธศาสตร์", "ยุทธศาสตร์การพัฒนา", "ยุทธศาสตร์การพัฒนาของอปท.", "strategy"),
    "programme": ("แผนงาน", "programme", "program"),
    "number": ("ที่", "ลำดับ", "ลำดับที่", "no.", "no"),
    "name": ("โครงการ", "ชื่อโครงการ", "โครงการ/กิจกรรม", "project"),
    "objective": ("วัตถุประสงค์", "objective"),
    "target": (
        "เป้าหมาย(ผลผลิตของโครงการ)",
        "เป้าหมาย",
        "เป้าหมาย(ผลผลิต)",
        "ผลผลิต",
        "target",
    ),
    "kpi": ("ตัวชี้วัด(KPI)", "ตัวชี้วัด", "kpi"),
    "expected_result": ("ผลที่คาดว่าจะได้รับ", "expectedresult"),
    "responsible_unit": (
        "หน่วยงานรับผิดชอบหลัก",
        "หน่วยงานรับผิดชอบ",
        "หน่วยงานที่รับผิดชอบ",
        "ผู้รับผิดชอบ",
        "responsibleunit",
    ),
}
_KEYS = {
    re.sub(r"\s+", "", alias).lower(): key
    for key, aliases in ALIASES.items()
    for alias in aliases
}
# "2566", "๒๕๖๖", "งบประมาณ 2566 (บาท)", "ปี 2566", "พ.ศ. 2566 บาท"
_YEAR_HEADER = re.compile(
    r"^(?:งบประมาณ(?:ปี)?|ปี(?:งบประมาณ)?|พ\.ศ\.)?(\d{4})(?:\(บาท\)|บาท)?$"
)
_STRATEGY_NUMBERED = re.compile(r"^ยุทธศาสตร์\D{0,40}?ที่\s*(\d+)\s*[:.]?\s*(.*)$")
_PROGRAMME_TEXT = re.compile(r"^(?:\d+(?:\.\d+)*\s*[.)]?\s*)?(แผนงาน.*)$")
_NUMBERING = re.compile(r"^(\d+)\s*[.)]\s*(.+)$")
_UNIT_ONLY = {"(บาท)", "บาท", "(ผลผลิตของโครงการ)"}
NO_BUDGET = {"-", "–", "—", "", "0", "0.00", "ไม่มี", "n/a"}


def column_title(key: str) -> str:
    """The column's usual Thai title (used in messages)."""
    return ALIASES[key][0]


def _squash(value: object) -> str:
    return thai_dates.to_arabic_digits(re.sub(r"\s+", "", str(value))).lower()


def key_of(value: object) -> str | None:
    """The column key of a header cell: a field, or ``year:2566``."""
    if value is None:
        return None
    text = _squash(value).replace("*", "")
    if text in _KEYS:
        return _KEYS[text]
    match = _YEAR_HEADER.match(text)
    if match and 2400 <= int(match[1]) <= 2700:
        return f"year:{match[1]}"
    return None


@dataclass
class ParseResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def amount_checks(amount: Decimal) -> str | None:
    """The problem with a planned amount, or ``None``."""
    if amount < 0:
        return _("The amount cannot be negative.")
    if amount >= MAX_AMOUNT:
        return _("The amount is %(max)s baht or more; check the figure.") % {
            "max": f"{MAX_AMOUNT:,.0f}"
        }
    return None


def text(value: object) -> str:
    """A cell as one line of text (NUL removed, spaces squeezed)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t\r\f\v]+", " ", str(value).replace("\x00", "")).strip()


def parse_amount(value: object) -> Decimal | None:
    """Baht in a cell: ``None`` for no budget ("-", empty); ValueError if unreadable."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        raw = thai_dates.to_arabic_digits(text(value)).lower()
        raw = re.sub(r"(บาท|\.-|-$)", "", raw.replace(",", "")).strip() or "-"
        if raw in NO_BUDGET or text(value) in NO_BUDGET:
            return None
        if raw.startswith("(") and raw.endswith(")"):
            raw = "-" + raw[1:-1]
        try:
            amount = Decimal(raw.replace(" ", ""))
        except InvalidOperation:
            raise ValueError from None
    if not amount.is_finite():
        raise ValueError
    if amount == 0:
        return None
    if amount.adjusted() >= 13:
        return amount  # too large: ``amount_checks`` says so
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def parse_strategy(value: str) -> tuple[int | None, str]:
    """(number, name) of "1. ยุทธศาสตร์...", "ยุทธศาสตร์ที่ 2 ..." or a bare name."""
    value = thai_dates.to_arabic_digits(value).strip()
    match = _NUMBERING.match(value)
    if match:
        return int(match[1]), _strategy_name(match[2])
    match = _STRATEGY_NUMBERED.match(value)
    if match:
        return int(match[1]), match[2].strip() or value
    return None, _strategy_name(value)


def _strategy_name(value: str) -> str:
    """ "ยุทธศาสตร์การพัฒนาด้านสังคม" -> "การพัฒนาด้านสังคม" (pages print
    "ยุทธศาสตร์ที่ 1 ..." before the name)."""
    value = value.strip()
    rest = value.removeprefix("ยุทธศาสตร์").strip(" :.")
    return rest if rest and rest != value else value


def parse_programme(value: str) -> str:
    """A programme's name without its numbering ("1.1 แผนงานเคหะ" -> "แผนงานเคหะ")."""
    value = thai_dates.to_arabic_digits(value).strip()
    match = _PROGRAMME_TEXT.match(value)
    if match:
        return match[1].strip()
    return re.sub(r"^\d+(?:\.\d+)*\s*[.)]?\s*", "", value).strip() or value


def _section(row: list[object]) -> tuple[str, str] | None:
    """A section row: ("strategy"|"programme", its text), else ``None``."""
    cells = [text(value) for value in row if text(value)]
    if len(cells) != 1:
        return None
    value = re.sub(
        r"^(?:\d+|[ก-ฮ])\s*[.)]\s*", "", thai_dates.to_arabic_digits(cells[0])
    )
    if value.startswith("ยุทธศาสตร์"):
        if "จังหวัด" in value:  # the province's strategy (ก./ข. rows): not the LAO's
            return "ignore", cells[0]
        return "strategy", cells[0]
    if _PROGRAMME_TEXT.match(value):
        return "programme", cells[0]
    return None


class _Reader:
    def __init__(self, columns: dict[str, int], years: dict[int, int]) -> None:
        self.columns = columns
        self.years = years  # fiscal year -> column index

    def cell(self, row: list[object], key: str) -> object:
        if key.startswith("year:"):
            index = self.years.get(int(key[5:]))
        else:
            index = self.columns.get(key)
        if index is None or index >= len(row):
            return None
        return row[index]

    def where(self, key: str) -> str:
        if key.startswith("year:"):
            index = self.years.get(int(key[5:]))
            title = key[5:]
        else:
            index = self.columns.get(key)
            title = column_title(key)
        return f"{column_letter(index)} ({title})" if index is not None else title


def _header(rows: list[list[object]]):
    return find_header(
        rows,
        key_of,
        accept=lambda keys: (
            "name" in keys
            and (
                bool(keys & {"number", "strategy", "programme"})
                or any(key.startswith("year:") for key in keys)
            )
        ),
    )


def parse_plan_rows(rows: list[list[object]], *, plan_years: list[int]) -> ParseResult:
    """Check every row of a ผ.02 table; the project rows and all problems at once."""
    result = ParseResult()
    found = _header(rows)
    if found is None:
        result.problems.append(
            Problem(
                None,
                "",
                _(
                    "No header row found: the first rows must hold the column "
                    "titles, at least “%(name)s” and the fiscal years."
                )
                % {"name": column_title("name")},
            )
        )
        return result
    first, keys = found
    # A blank row above the header merges with it; the year titles may then
    # be on the row below (under a merged "งบประมาณ").
    while first < len(rows):
        below = {i: key_of(v) for i, v in enumerate(rows[first]) if text(v)}
        if not below or not all(
            key and key.startswith("year:") for key in below.values()
        ):
            break
        keys = list(keys) + [None] * max(0, len(rows[first]) - len(keys))
        for index, key in below.items():
            keys[index] = keys[index] or key
        first += 1
    columns: dict[str, int] = {}
    years: dict[int, int] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        if key.startswith("year:"):
            years.setdefault(int(key[5:]), index)
        elif key not in columns:
            columns[key] = index
    reader = _Reader(columns, years)
    result.years = sorted(year for year in years if year in plan_years)
    if not years:
        result.problems.append(
            Problem(
                None,
                "",
                _(
                    "No budget column for a fiscal year found: title the columns "
                    "with the years, e.g. “งบประมาณ 2566 (บาท)” or “2566”."
                ),
            )
        )
    outside = sorted(year for year in years if year not in plan_years)
    used: set[int] = set()
    _parse_body(rows[first:], first, reader, outside, used, result)
    for year in outside:
        if year in used:
            result.problems.append(
                Problem(
                    None,
                    reader.where(f"year:{year}"),
                    _(
                        "The year %(year)s is outside the plan (%(first)s–%(last)s); "
                        "remove the column or import into the right plan."
                    )
                    % {"year": year, "first": plan_years[0], "last": plan_years[-1]},
                )
            )
    if not result.rows and not result.problems:
        result.problems.append(
            Problem(None, "", _("The file has a header but no project rows."))
        )
    _check_numbers(result, reader)
    return result


def _parse_body(
    body: list[list[object]],
    first: int,
    reader: _Reader,
    outside: list[int],
    used: set[int],
    result: ParseResult,
) -> None:
    strategy: tuple[int | None, str] | None = None
    programme = ""
    for offset, row in enumerate(body):
        number = first + offset + 1
        cells = [text(value) for value in row]
        filled = [value for value in cells if value]
        if not filled or all(value in _UNIT_ONLY for value in filled):
            continue
        if thai_dates.to_arabic_digits(filled[0]).startswith("รวม"):
            continue  # a total row
        section = _section(row)
        if section is not None:
            if section[0] == "ignore":
                continue
            if section[0] == "strategy":
                strategy, programme = parse_strategy(section[1]), ""
            else:
                programme = parse_programme(section[1])
            continue
        explicit = text(reader.cell(row, "strategy"))
        if explicit:
            parsed = parse_strategy(explicit)
            if strategy is None or parsed != strategy:
                programme = ""
            strategy = parsed
        explicit_programme = text(reader.cell(row, "programme"))
        if explicit_programme:
            programme = parse_programme(explicit_programme)
        name = text(reader.cell(row, "name"))
        raw_number = text(reader.cell(row, "number"))
        amounts_given = any(
            text(reader.cell(row, f"year:{year}")) not in NO_BUDGET
            for year in reader.years
        )
        # A row with no number and no budget continues the project above it
        # (the name or objective written over two rows).
        continued = not raw_number and (name == "" or "number" in reader.columns)
        if continued and result.rows and not amounts_given and not explicit:
            _continue_previous(result.rows[-1], row, reader)
            continue
        data, problems = _parse_row(
            row, number, reader, strategy, programme, outside, used
        )
        result.rows.append(data)
        result.problems.extend(problems)


def _continue_previous(previous: dict[str, Any], row: list[object], reader) -> None:
    """A project's text continued on the row below it (no name, no number)."""
    for key in ("name", *TEXT_KEYS, "responsible_unit"):
        more = text(reader.cell(row, key))
        if more:
            joiner = " " if key in ("name", "responsible_unit") else "\n"
            previous[key] = f"{previous[key]}{joiner}{more}".strip()


def _too_long(limit: int) -> str:
    return _("The text is longer than %(count)s characters.") % {"count": limit}


def _place(
    data: dict[str, Any],
    strategy: tuple[int | None, str] | None,
    programme: str,
    problem: Callable[[str, str], None],
) -> None:
    """The strategy and programme the row is under (written above it or in
    its own columns)."""
    if strategy is None:
        problem("strategy", _("No strategy: write it in the column or above the rows."))
        data["strategy_number"], data["strategy_name"] = None, ""
    else:
        data["strategy_number"], data["strategy_name"] = strategy
        if len(strategy[1]) > LIMITS["strategy"]:
            problem("strategy", _too_long(LIMITS["strategy"]))
    data["programme"] = programme
    if not programme:
        problem(
            "programme", _("No programme: write it in the column or above the rows.")
        )
    elif len(programme) > LIMITS["programme"]:
        problem("programme", _too_long(LIMITS["programme"]))


def _project_number(raw: str, problem: Callable[[str, str], None]) -> int | None:
    raw = thai_dates.to_arabic_digits(raw)
    if not raw:
        return None
    cleaned = raw.rstrip(".")
    if cleaned.isdigit() and 0 < int(cleaned) < 100000:
        return int(cleaned)
    problem("number", _("“%(value)s” is not a project number.") % {"value": raw})
    return None


def _year_amounts(
    row: list[object],
    reader: _Reader,
    outside: list[int],
    used: set[int],
    problem: Callable[[str, str], None],
) -> dict[str, str]:
    """The row's amount per plan year (text); a year outside the plan that
    has an amount is noted in *used*."""
    amounts: dict[str, str] = {}
    for year, _index in sorted(reader.years.items()):
        raw = reader.cell(row, f"year:{year}")
        if year in outside:
            if text(raw) not in NO_BUDGET:
                used.add(year)
            continue
        try:
            amount = parse_amount(raw)
        except ValueError:
            problem(
                f"year:{year}",
                _("“%(value)s” is not an amount in baht.") % {"value": text(raw)},
            )
            continue
        if amount is None:
            continue
        message = amount_checks(amount)
        if message:
            problem(f"year:{year}", message)
            continue
        amounts[str(year)] = str(amount)
    return amounts


def _parse_row(
    row: list[object],
    number: int,
    reader: _Reader,
    strategy: tuple[int | None, str] | None,
    programme: str,
    outside: list[int],
    used: set[int],
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(number, reader.where(key), message))

    data: dict[str, Any] = {"row": number}
    data["name"] = text(reader.cell(row, "name"))
    if not data["name"]:
        problem("name", _("The project has no name."))
    for key in (*TEXT_KEYS, "responsible_unit"):
        value = reader.cell(row, key)
        data[key] = "" if value is None else str(value).replace("\x00", "").strip()
    for key, limit in LIMITS.items():
        if key in data and len(data[key]) > limit:
            problem(key, _too_long(limit))
    _place(data, strategy, programme, problem)
    data["number"] = _project_number(text(reader.cell(row, "number")), problem)
    data["years"] = _year_amounts(row, reader, outside, used, problem)
    return data, problems


def _check_numbers(result: ParseResult, reader: _Reader) -> None:
    """Numbers must be unique in the file; strategies named one way per number."""
    seen: dict[int, int] = {}
    names: dict[int, tuple[str, int]] = {}
    for data in result.rows:
        number = data["number"]
        if number is not None:
            if number in seen:
                result.problems.append(
                    Problem(
                        data["row"],
                        reader.where("number"),
                        _("Project number %(number)s is already used on row %(row)s.")
                        % {"number": number, "row": seen[number]},
                    )
                )
            else:
                seen[number] = data["row"]
        strategy = data["strategy_number"]
        if strategy is not None:
            known = names.setdefault(strategy, (data["strategy_name"], data["row"]))
            if known[0] != data["strategy_name"] and data["strategy_name"]:
                result.problems.append(
                    Problem(
                        data["row"],
                        reader.where("strategy"),
                        _(
                            "Strategy %(number)s is named differently on row "
                            "%(row)s (“%(name)s”)."
                        )
                        % {"number": strategy, "row": known[1], "name": known[0]},
                    )
                )
    result.problems.sort(key=lambda p: (p.row is not None, p.row or 0))
