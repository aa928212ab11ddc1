"""Reading ITA results and peer results from CSV and XLSX files.

Pure module: bytes in, rows and translated error messages out (English
msgids, Thai under the default language). Every problem is
reported with its row number and column letter as a spreadsheet shows them,
so the coordinator can find the cell; nothing is saved while any remain.

Result files (the downloadable template) have a row of Thai labels, then a
row of keys (``fiscal_year``, ``i1`` ... ``i10``, ``published_iit`` ...,
``notes`` and one column per OIT item code), then one row per fiscal year.
Empty cells are not part of a record: a re-import keeps what they would
have held.
Peer files have one row per organisation with the columns ``name``,
``code``, ``province``, ``kind``, ``iit``, ``eit``, ``oit``, ``total`` and
``i1`` ... ``i10``, of which a name and one way to the total are required;
the Thai headers of published tables (``ชื่อหน่วยงาน``, ``จังหวัด``,
``คะแนน IIT``, ``คะแนนรวม``, ``ตัวชี้วัดที่ 1``) are accepted too, also under
a merged group title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from openpyxl.utils import get_column_letter

from prongsai.core import spreadsheets

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
INDICATOR_KEYS = tuple(f"i{n}" for n in range(1, 11))
PUBLISHED_KEYS = ("published_iit", "published_eit", "published_oit", "published_total")
MAX_FILE_BYTES = spreadsheets.MAX_FILE_BYTES
MAX_ROWS = 50_000
# A page lists at most this many problems of a file (a whole wrong file of
# 50,000 rows would otherwise give a page of megabytes).
MAX_LISTED_PROBLEMS = 100


class ImportFileError(ValueError):
    """The file as a whole cannot be read; ``messages`` are translated lines."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass
class ParsedRows:
    """What a file held: clean records and the problems found, cell by cell."""

    records: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_table(content: bytes, filename: str) -> list[list[object]]:
    """Cells of the first sheet of an XLSX file or of a CSV file, as lists."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            return spreadsheets.read_xlsx(content, max_rows=MAX_ROWS)
        if name.endswith(".csv"):
            return spreadsheets.read_csv(content, max_rows=MAX_ROWS)
    except spreadsheets.SpreadsheetError as error:
        raise ImportFileError([error.message]) from None
    raise ImportFileError([_("Only .xlsx and .csv files are accepted")])


def _blank(value: object) -> bool:
    return value is None or str(value).strip() in ("", "-")


def _shown(value: object) -> str:
    if value is None or str(value).strip() == "":
        return pgettext("spreadsheet cell", "empty")
    return str(value)


def _cell(row_number: int, column: int) -> str:
    return _("row %(row)s column %(column)s") % {
        "row": row_number,
        "column": get_column_letter(column + 1),
    }


def _score_error(where: str, number: object, value: object) -> str:
    return _(
        "%(cell)s (indicator %(number)s): must be a number from 0 to 100 with at "
        "most two decimals (got: %(value)s)"
    ) % {"cell": where, "number": number, "value": _shown(value)}


def parse_score(value: object) -> Decimal | None:
    """A 0-100 score with at most two decimals, or ``None`` when it is not one."""
    text = str(value).strip().translate(THAI_DIGITS).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or not 0 <= number <= 100:
        return None
    if number != number.quantize(Decimal("0.01")):
        return None
    return number


def _find_key_row(rows, required: str) -> int | None:
    for index, row in enumerate(rows[:10]):
        keys = [str(c).strip().lower() if c is not None else "" for c in row]
        if required in keys:
            return index
    return None


def _result_keys(
    rows: list[list[object]], item_codes: set[str], errors: list[str]
) -> tuple[int, list[str]] | None:
    """The row of column keys and the keys, or ``None`` (with the error) when
    the file has no usable header."""
    key_row = _find_key_row(rows, "fiscal_year")
    if key_row is None:
        errors.append(
            _(
                "No header row with a fiscal_year column was found: use the "
                "template downloaded from the system"
            )
        )
        return None
    keys = [str(c).strip() if c is not None else "" for c in rows[key_row]]
    lowered = [k.lower() for k in keys]
    missing = [k for k in INDICATOR_KEYS if k not in lowered]
    if missing:
        errors.append(
            _("The header row lacks the columns %(columns)s")
            % {"columns": ", ".join(missing)}
        )
        return None
    known = {"fiscal_year", *INDICATOR_KEYS, *PUBLISHED_KEYS, "notes"}
    codes_upper = {code.upper() for code in item_codes}
    for column, key in enumerate(keys):
        if key and key.lower() not in known and key.upper() not in codes_upper:
            errors.append(
                _("%(cell)s: unknown column %(key)s")
                % {"cell": _cell(key_row + 1, column), "key": key}
            )
    return key_row, keys


def _fiscal_year_cell(value: object, where: str, errors: list[str]) -> int | None:
    text = str(value or "").strip().translate(THAI_DIGITS)
    if not text.isdigit() or not 2500 <= int(text) <= 2700:
        errors.append(
            _(
                "%(cell)s (fiscal year): must be a four-digit "
                "Buddhist-era year such as 2568"
            )
            % {"cell": where}
        )
        return None
    return int(text)


def _published_cell(value: object, where: str, tool: str, errors: list[str]):
    score = parse_score(value)
    if score is None:
        errors.append(
            _(
                "%(cell)s (published %(tool)s): must be a number from "
                "0 to 100 with at most two decimals (got: %(value)s)"
            )
            % {"cell": where, "tool": tool.upper(), "value": value}
        )
    return score


def _item_cell(value: object, where: str, code: str, errors: list[str]) -> int | None:
    text = str(value).strip().translate(THAI_DIGITS)
    if text.endswith(".0"):
        text = text[:-2]
    if text not in ("0", "100"):
        errors.append(
            _("%(cell)s (item %(code)s): must be 0 or 100 (got: %(value)s)")
            % {"cell": where, "code": code, "value": value}
        )
        return None
    return int(text)


def _result_record(
    row: list[object],
    number: int,
    keys: list[str],
    codes_upper: dict[str, str],
    seen_years: dict[int, int],
    errors: list[str],
) -> dict:
    """One row of results; its problems go to ``errors``."""
    record: dict = {
        "row": number,
        "indicators": {},
        "published": {},
        "items": {},
        "cells": {},
    }
    for column, key in enumerate(keys):
        value = row[column] if column < len(row) else None
        low = key.lower()
        where = _cell(number, column)
        record["cells"][low] = where
        if low == "fiscal_year":
            year = _fiscal_year_cell(value, where, errors)
            if year is None:
                continue
            if year in seen_years:
                errors.append(
                    _("%(cell)s: fiscal year %(year)s repeats row %(row)s")
                    % {"cell": where, "year": year, "row": seen_years[year]}
                )
            seen_years[year] = number
            record["fiscal_year"] = year
        elif _blank(value):
            # An empty cell is "not in this file": the stored value stays.
            continue
        elif low in INDICATOR_KEYS:
            score = parse_score(value)
            if score is None:
                errors.append(_score_error(where, low[1:], value))
            else:
                record["indicators"][int(low[1:])] = score
        elif low == "notes":
            record["notes"] = str(value).strip()
        elif low in PUBLISHED_KEYS:
            tool = low.split("_")[1]
            score = _published_cell(value, where, tool, errors)
            if score is not None:
                record["published"][tool] = score
        elif key.upper() in codes_upper:
            result = _item_cell(value, where, key, errors)
            if result is not None:
                record["items"][codes_upper[key.upper()]] = result
    return record


def parse_results(rows: list[list[object]], *, item_codes: set[str]) -> ParsedRows:
    """Results per fiscal year from a filled-in template.

    ``item_codes`` are the OIT item codes of every framework on record; item
    columns must hold 0 or 100. An empty cell (or ``-``) is left out of the
    record: it means "not in this file", so an import keeps the stored value.
    ``cells`` gives each column key's place in the row, for later messages.
    """
    parsed = ParsedRows()
    header = _result_keys(rows, item_codes, parsed.errors)
    if header is None:
        return parsed
    key_row, keys = header
    codes_upper = {code.upper(): code for code in item_codes}
    seen_years: dict[int, int] = {}
    for index in range(key_row + 1, len(rows)):
        row = rows[index]
        if all(_blank(c) for c in row):
            continue
        record = _result_record(
            row, index + 1, keys, codes_upper, seen_years, parsed.errors
        )
        if "fiscal_year" in record:
            parsed.records.append(record)
    if not parsed.records and not parsed.errors:
        parsed.errors.append(_("No assessment results were found in the file"))
    return parsed


PEER_HEADERS = {
    "name": (
        "name",
        "ชื่อหน่วยงาน",
        "หน่วยงาน",
        "ชื่อ",
        "ชื่อ อปท.",
        "ชื่อองค์กรปกครองส่วนท้องถิ่น",
        "องค์กรปกครองส่วนท้องถิ่น",
        "หน่วยงานที่เข้ารับการประเมิน",
    ),
    "code": ("code", "รหัส", "รหัสหน่วยงาน", "รหัส อปท."),
    "province": ("province", "จังหวัด"),
    "kind": ("kind", "type", "ประเภท", "ประเภทหน่วยงาน", "ประเภท อปท."),
    "total": (
        "total",
        "รวม",
        "คะแนนรวม",
        "ผลคะแนนรวม",
        "คะแนน ita",
        "ita",
        "คะแนนรวม ita",
        "ผลคะแนน ita",
        "คะแนนผลการประเมิน",
    ),
}
TOOL_KEYS = ("iit", "eit", "oit")


def _peer_key(header: object) -> str | None:
    text = re.sub(r"\s+", " ", str(header or "").strip()).translate(THAI_DIGITS)
    low = text.lower()
    # "คะแนน IIT (30%)", "คะแนนรวม (100)": the bracket says nothing new.
    bare = re.sub(r"\s*[(\[].*?[)\]]\s*", " ", low).strip()
    for key, names in PEER_HEADERS.items():
        if low in names or bare in names:
            return key
    match = re.fullmatch(r"(?:i|ตัวชี้วัดที่\s*)(\d{1,2})(?:\s.*)?", low)
    if match and 1 <= int(match.group(1)) <= 10:
        return f"i{int(match.group(1))}"
    tool = re.fullmatch(r"(?:คะแนน\s*|ผลคะแนน\s*)?(iit|eit|oit)", bare)
    if tool:
        return tool.group(1)
    return None


def _peer_header_ok(keys: set[str]) -> bool:
    """A name and something to compare: a total, the three tools or i1-i10."""
    return "name" in keys and (
        "total" in keys
        or all(k in keys for k in TOOL_KEYS)
        or all(k in keys for k in INDICATOR_KEYS)
    )


def _peer_score_error(where: str, key: str, value: object) -> str:
    label = key.upper() if key in TOOL_KEYS else _("total score")
    return _(
        "%(cell)s (%(label)s): must be a number from 0 to 100 with at most two "
        "decimals (got: %(value)s)"
    ) % {"cell": where, "label": label, "value": _shown(value)}


def _peer_record(
    row: list[object], number: int, keys: list[str | None], errors: list[str]
) -> dict | None:
    record: dict = {"row": number, "indicators": {}, "tools": {}, "total": None}
    problems = len(errors)
    for column, key in enumerate(keys):
        if key is None:
            continue
        value = row[column] if column < len(row) else None
        if key in INDICATOR_KEYS or key in TOOL_KEYS or key == "total":
            if _blank(value):
                continue
            score = parse_score(value)
            if score is None:
                where = _cell(number, column)
                errors.append(
                    _score_error(where, key[1:], value)
                    if key in INDICATOR_KEYS
                    else _peer_score_error(where, key, value)
                )
            elif key in INDICATOR_KEYS:
                record["indicators"][int(key[1:])] = score
            elif key in TOOL_KEYS:
                record["tools"][key] = score
            else:
                record["total"] = score
        else:
            record[key] = "" if _blank(value) else str(value).strip()[:255]
    if not record.get("name"):
        errors.append(_("Row %(row)s: no organisation name") % {"row": number})
        return None
    if len(errors) > problems:
        return None
    if 0 < len(record["indicators"]) < len(INDICATOR_KEYS):
        errors.append(
            _(
                "Row %(row)s: give all ten indicators or none (%(count)s of 10 "
                "are filled in)"
            )
            % {"row": number, "count": len(record["indicators"])}
        )
        return None
    if (
        record["total"] is None
        and not record["indicators"]
        and len(record["tools"]) < len(TOOL_KEYS)
    ):
        errors.append(
            _(
                "Row %(row)s: no total score, and neither IIT, EIT and OIT nor "
                "the ten indicators to compute it from"
            )
            % {"row": number}
        )
        return None
    return record


def parse_peers(rows: list[list[object]]) -> ParsedRows:
    """Peer organisations' scores, one record per row.

    Accepts the tables agencies publish: a name column and the total score,
    or IIT, EIT and OIT, or the ten indicators, or any mix of them. Each
    record has ``indicators`` (all ten or none), ``tools`` and ``total``
    (``None`` when the file leaves it to be computed).
    """
    parsed = ParsedRows()
    header = spreadsheets.find_header(rows, _peer_key, accept=_peer_header_ok)
    if header is None:
        parsed.errors.append(
            _(
                "No header row was found: it needs an organisation name column "
                "(name, ชื่อหน่วยงาน) and the total score (คะแนนรวม), the IIT, EIT "
                "and OIT scores or i1 to i10"
            )
        )
        return parsed
    first, keys = header
    for index in range(first, len(rows)):
        row = rows[index]
        if all(_blank(c) for c in row):
            continue
        record = _peer_record(row, index + 1, keys, parsed.errors)
        if record is not None:
            parsed.records.append(record)
    if not parsed.records and not parsed.errors:
        parsed.errors.append(_("No organisations were found in the file"))
    return parsed


def listed_problems(errors: list[str], limit: int = MAX_LISTED_PROBLEMS) -> list[str]:
    """The first ``limit`` problems, then one line saying how many are left."""
    if len(errors) <= limit:
        return list(errors)
    more = len(errors) - limit
    return [
        *errors[:limit],
        ngettext(
            "… and %(count)s more problem; correct these and upload the file again.",
            "… and %(count)s more problems; correct these and upload the file again.",
            more,
        )
        % {"count": f"{more:,}"},
    ]
