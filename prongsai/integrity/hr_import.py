"""Reading a training spreadsheet (XLSX/CSV) into training-record rows.

Pure apart from the translations: rows of cells in (from
``core.spreadsheets``), checked rows and every problem out. The header is
found by its Thai column names; every bad cell of every row is reported at
once, with its row number and column letter; a missing column is reported
once. ``training_checks`` is the one set of checks on a record: the import
preview runs it on each row and the services run it again on every write
(the commit included).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.spreadsheets import column_letter, find_header

MAX_ROWS = 2000
REQUIRED = ("name", "course", "start_on", "hours")

# Thai (and a few English) column titles, compared without spaces and case.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อสกุล", "ชื่อนามสกุล", "ชื่อ", "ผู้เข้าอบรม", "name"),
    "position": ("ตำแหน่ง", "position"),
    "email": ("อีเมล", "e-mail", "email"),
    "course": ("หลักสูตร", "ชื่อหลักสูตร", "หลักสูตร/โครงการ", "หลักสูตรที่อบรม", "course"),
    "organiser": ("หน่วยงานผู้จัด", "ผู้จัด", "หน่วยงานที่จัด", "organiser", "organizer"),
    "start_on": ("วันที่เริ่ม", "วันเริ่ม", "วันที่เริ่มอบรม", "วันที่อบรม", "start"),
    "end_on": ("วันที่สิ้นสุด", "วันสิ้นสุด", "ถึงวันที่", "end"),
    "hours": ("จำนวนชั่วโมง", "ชั่วโมง", "ชั่วโมงอบรม", "hours"),
    "ethics": ("เนื้อหาด้านจริยธรรม", "จริยธรรม", "มีเนื้อหาจริยธรรม", "ethics"),
    "cost": ("ค่าใช้จ่าย", "ค่าใช้จ่าย(บาท)", "ค่าลงทะเบียน", "cost"),
    "project": ("โครงการตามแผน", "ลำดับโครงการ", "project"),
}
_KEYS = {
    re.sub(r"\s+", "", alias).lower(): key
    for key, aliases in ALIASES.items()
    for alias in aliases
}
YES = {"ใช่", "มี", "y", "yes", "true", "1", "✓", "✔", "/", "x"}
NO = {"ไม่ใช่", "ไม่มี", "n", "no", "false", "0", "-", ""}


def column_title(key: str) -> str:
    """The column's usual Thai title (used in messages)."""
    return ALIASES[key][0]


def key_of(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", "", str(value)).lower().replace("*", "")
    return _KEYS.get(text)


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


def training_checks(
    *,
    start_on: datetime.date,
    end_on: datetime.date,
    hours: Decimal,
    cost: Decimal | None,
    today: datetime.date,
) -> list[tuple[str, str]]:
    """Problems of a training record as (field, Thai message); empty when fine."""
    problems = []
    if end_on < start_on:
        problems.append(("end_on", _("The end date is before the start date.")))
    if start_on > today:
        problems.append(("start_on", _("The training cannot start in the future.")))
    if hours <= 0:
        problems.append(("hours", _("The hours must be more than zero.")))
    elif hours > 2000:
        problems.append(("hours", _("The hours are more than 2,000.")))
    if cost is not None and cost < 0:
        problems.append(("cost", _("The cost cannot be negative.")))
    return problems


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def parse_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return thai_dates.parse_thai_date(_text(value))


def parse_number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = thai_dates.to_arabic_digits(_text(value)).replace(",", "")
    text = re.sub(r"(บาท|ชั่วโมง|ชม\.?)$", "", text).strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError from None


def parse_yes_no(value: object) -> bool:
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError


def _cell(row: list[object], columns: dict[str, int], key: str) -> object:
    index = columns.get(key)
    if index is None or index >= len(row):
        return None
    return row[index]


def _parse_row(
    row: list[object],
    number: int,
    columns: dict[str, int],
    resolve_project: Callable[[str], int | None],
    today: datetime.date,
) -> tuple[dict[str, Any], list[Problem]]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        letter = column_letter(columns[key]) if key in columns else ""
        problems.append(
            Problem(
                number, f"{letter} ({column_title(key)})" if letter else "", message
            )
        )

    data: dict[str, Any] = {"row": number}
    for key in ("name", "position", "email", "course", "organiser"):
        data[key] = _text(_cell(row, columns, key))[:300]
    for key in ("name", "course"):
        if key in columns and not data[key]:
            problem(key, _("This cell is empty."))
    dates: dict[str, datetime.date | None] = {"start_on": None, "end_on": None}
    for key in dates:
        raw = _cell(row, columns, key)
        if key in columns and _text(raw):
            try:
                dates[key] = parse_date(raw)
            except (ValueError, TypeError):
                problem(key, _("“%(value)s” is not a date.") % {"value": _text(raw)})
        elif key == "start_on" and key in columns:
            problem(key, _("This cell is empty."))
    numbers: dict[str, Decimal | None] = {"hours": None, "cost": None}
    for key in numbers:
        raw = _cell(row, columns, key)
        if key in columns and _text(raw):
            try:
                numbers[key] = parse_number(raw)
            except ValueError:
                problem(key, _("“%(value)s” is not a number.") % {"value": _text(raw)})
        elif key == "hours" and key in columns:
            problem(key, _("This cell is empty."))
    try:
        data["ethics"] = parse_yes_no(_cell(row, columns, "ethics"))
    except ValueError:
        data["ethics"] = False
        problem("ethics", _("Write ใช่ or ไม่ใช่."))
    data["project_id"] = None
    project = _text(_cell(row, columns, "project"))
    if project:
        data["project_id"] = resolve_project(project)
        if data["project_id"] is None:
            problem(
                "project",
                _("No project “%(value)s” in the HR plan of that fiscal year.")
                % {"value": project},
            )
    start_on = dates["start_on"]
    end_on = dates["end_on"] or start_on
    hours = numbers["hours"]
    if start_on and end_on and hours is not None:
        for key, message in training_checks(
            start_on=start_on,
            end_on=end_on,
            hours=hours,
            cost=numbers["cost"],
            today=today,
        ):
            problem(key if key in columns else "start_on", message)
    data.update(
        start_on=start_on.isoformat() if start_on else None,
        end_on=end_on.isoformat() if end_on else None,
        hours=str(hours) if hours is not None else None,
        cost=str(numbers["cost"]) if numbers["cost"] is not None else None,
    )
    return data, problems


def parse_training_rows(
    rows: list[list[object]],
    *,
    resolve_project: Callable[[str, datetime.date | None], int | None],
    today: datetime.date,
) -> ParseResult:
    """Check every row of a training table; the rows and all problems at once."""
    result = ParseResult()
    found = find_header(rows, key_of, accept=lambda keys: {"name", "course"} <= keys)
    if found is None:
        result.problems.append(
            Problem(
                None,
                "",
                _(
                    "No header row found: the first rows must hold the column "
                    "titles, at least “%(name)s” and “%(course)s”."
                )
                % {"name": column_title("name"), "course": column_title("course")},
            )
        )
        return result
    first, keys = found
    columns: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key and key not in columns:
            columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            result.problems.append(
                Problem(
                    None,
                    column_title(key),
                    _("The column “%(column)s” is missing.")
                    % {"column": column_title(key)},
                )
            )
    for offset, row in enumerate(rows[first:]):
        if not any(_text(value) for value in row):
            continue
        number = first + offset + 1
        start_raw = _cell(row, columns, "start_on")
        try:
            start = parse_date(start_raw) if _text(start_raw) else None
        except (ValueError, TypeError):
            start = None
        data, problems = _parse_row(
            row,
            number,
            columns,
            lambda text, start=start: resolve_project(text, start),
            today,
        )
        result.rows.append(data)
        result.problems.extend(problems)
    if not result.rows and not result.problems:
        result.problems.append(
            Problem(None, "", _("The file has a header but no training rows."))
        )
    return result
