"""Reading monthly disbursements from a spreadsheet (pure): the long layout
(line, month, amount) or the wide one (a column per month), checked row by
row like the budget lines (``budget_import``)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.spreadsheets import find_header

from .budget_import import (
    DISBURSEMENT_ALIASES,
    DISBURSEMENT_KEYS,
    MONTH_NAMES,
    ParseResult,
    Problem,
    RowReport,
    cell,
    checked_amount,
    column_indexes,
    flag_too_many_rows,
    header_key_of,
    no_header_problem,
    parse_month,
    text,
)


def _checked_month(
    report: RowReport, raw: object, fiscal_year: int
) -> datetime.date | None:
    """The month of a disbursement row within ``fiscal_year``, or None."""
    if not text(raw):
        report.add("month", _("This cell is empty."))
        return None
    try:
        month = parse_month(raw, fiscal_year=fiscal_year)
    except (ValueError, TypeError):
        report.add("month", _("“%(value)s” is not a month.") % {"value": text(raw)})
        return None
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    if not start <= month <= end:
        report.add(
            "month",
            _("%(month)s is not in fiscal year %(year)s.")
            % {
                "month": thai_dates.format_date(month, style="month"),
                "year": fiscal_year,
            },
        )
        return None
    return month


MONTH_COLUMN = "month:"  # a column of one month, in the wide layout


def _month_column(value: object, fiscal_year: int) -> datetime.date | None:
    """The month a column title names ("ต.ค. 68", "ตุลาคม", a date), or None."""
    if value is None or isinstance(value, bool | int | float):
        return None
    if not isinstance(value, datetime.date):
        name = re.sub(r"[\s.\d]|พศ", "", thai_dates.to_arabic_digits(text(value)))
        if name not in MONTH_NAMES:
            return None
    try:
        return parse_month(value, fiscal_year=fiscal_year)
    except (ValueError, TypeError):
        return None


def _disbursement_header(
    rows: list[list[object]], result: ParseResult, fiscal_year: int
) -> tuple[int, dict[str, int], dict[str, tuple[str, ...]]] | None:
    """The first data row, the columns and their Thai titles; in the wide
    layout (one column per month) the month columns are ``month:<date>``."""
    named = header_key_of(DISBURSEMENT_KEYS)

    def key_of(value: object) -> str | None:
        month = _month_column(value, fiscal_year)
        return MONTH_COLUMN + month.isoformat() if month else named(value)

    def accept(keys: set[str]) -> bool:
        wide = any(key.startswith(MONTH_COLUMN) for key in keys)
        long = {"month", "amount"} <= keys
        return (wide or long) and bool({"code", "item"} & keys)

    found = find_header(rows, key_of, accept=accept)
    if found is None:
        titles = DISBURSEMENT_ALIASES
        result.problems.append(
            no_header_problem(
                [
                    f"{titles['code'][0]}/{titles['item'][0]}",
                    titles["month"][0],
                    titles["amount"][0],
                ]
            )
        )
        return None
    first, keys = found
    columns = column_indexes(keys)
    titles = dict(DISBURSEMENT_ALIASES)
    for key in columns:
        if key.startswith(MONTH_COLUMN):
            month = datetime.date.fromisoformat(key.removeprefix(MONTH_COLUMN))
            titles[key] = (thai_dates.format_date(month, style="month"),)
    return first, columns, titles


def _row_months(
    report: RowReport, row: list[object], columns: dict[str, int], fiscal_year: int
) -> list[tuple[datetime.date, Decimal]]:
    """The (month, amount) pairs of a row: one in the long layout, one per
    filled month column in the wide one."""
    month_keys = [key for key in columns if key.startswith(MONTH_COLUMN)]
    if "month" in columns or not month_keys:
        month = _checked_month(report, cell(row, columns, "month"), fiscal_year)
        amount = checked_amount(report, cell(row, columns, "amount"))
        return [] if month is None or amount is None else [(month, amount)]
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    pairs = []
    for key in month_keys:
        raw = cell(row, columns, key)
        if not text(raw):
            continue
        month = datetime.date.fromisoformat(key.removeprefix(MONTH_COLUMN))
        if not start <= month <= end:
            report.add(
                key,
                _("%(month)s is not in fiscal year %(year)s.")
                % {
                    "month": thai_dates.format_date(month, style="month"),
                    "year": fiscal_year,
                },
            )
            continue
        amount = checked_amount(report, raw, key=key)
        if amount:
            pairs.append((month, amount))
    return pairs


def parse_disbursement_rows(
    rows: list[list[object]],
    *,
    fiscal_year: int,
    resolve_line: Callable[[str, str], tuple[int | None, str]],
) -> ParseResult:
    """Check every disbursement row: line code or item, then either a month
    and an amount (the long layout) or one column per month (the wide layout
    of the ledger's monthly report). Amounts of the same line and month are
    added together."""
    result = ParseResult()
    header = _disbursement_header(rows, result, fiscal_year)
    if header is None:
        return result
    first, columns, titles = header
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    for offset, row in enumerate(rows[first:]):
        if not any(text(value) for value in row):
            continue
        report = RowReport(first + offset + 1, columns, titles, result.problems)
        code = text(cell(row, columns, "code"))
        item = text(cell(row, columns, "item"))
        if item.replace(" ", "").startswith("รวม") and not code:
            continue
        line_id = None
        if not code and not item:
            report.add(
                "code" if "code" in columns else "item", _("This cell is empty.")
            )
        else:
            line_id, message = resolve_line(code, item)
            if line_id is None:
                report.add("code" if code else "item", message)
        pairs = _row_months(report, row, columns, fiscal_year)
        report.keep()
        if line_id is None:
            continue
        for month, amount in pairs:
            key = (line_id, month.isoformat())
            if key in totals:
                entry = totals[key]
                entry["amount"] = str(Decimal(entry["amount"]) + amount)
                entry["rows"].append(report.number)
            else:
                totals[key] = {
                    "row": report.number,
                    "rows": [report.number],
                    "line_id": line_id,
                    "label": code or item,
                    "month": month.isoformat(),
                    "amount": str(amount),
                }
    result.rows = list(totals.values())
    if not result.rows and not result.problems:
        result.problems.append(
            Problem(None, "", _("The file has a header but no disbursements."))
        )
    flag_too_many_rows(result)
    return result
