"""Serialising a dataset's rows: CSV (UTF-8 with BOM), XLSX and JSON.

Rows come from a provider as dicts keyed by field key; values are written by
the field's declared type. Dates are ISO 8601 in CSV and JSON (machine
readable) and real dates shown in the Buddhist era in XLSX.
"""

from __future__ import annotations

import datetime
import decimal
import json
from collections.abc import Iterable, Iterator

from prongsai.core import documents, documents_xlsx, thai_dates

JSON_BATCH = 500


def plain_value(value, kind: str):
    """A value JSON can hold: numbers stay numbers, dates become ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if kind == "integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            return str(value)
    if kind == "number":
        if isinstance(value, decimal.Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, int | float):
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def display_value(value, kind: str) -> str:
    """A value as a Thai reader expects it on a page: BE dates, grouped digits."""
    if value is None or value == "":
        return ""
    if kind == "date" and isinstance(value, datetime.date):
        return thai_dates.format_date(value, "medium")
    if kind == "integer" and isinstance(value, int):
        return f"{value:,}"
    if kind == "number" and isinstance(value, int | float | decimal.Decimal):
        return f"{value:,.2f}"
    return text_value(value, kind)


def text_value(value, kind: str) -> str:
    plain = plain_value(value, kind)
    return "" if plain is None else str(plain)


def typed_value(value, kind: str):
    """A cell value for CSV/XLSX: numbers and dates keep their type."""
    if value is None or value == "":
        return None
    if kind == "date" and isinstance(value, datetime.date):
        return value
    if kind in {"integer", "number"} and isinstance(
        value, int | float | decimal.Decimal
    ):
        return value
    plain = plain_value(value, kind)
    return plain if kind in {"integer", "number"} else str(value)


def _converter(kind: str):
    """A fast per-column ``typed_value``: common types pass straight through."""
    passthrough = {
        "text": (str,),
        "date": (datetime.date,),
        "integer": (int,),
        "number": (decimal.Decimal, int, float),
    }[kind]

    def convert(value):
        if isinstance(value, passthrough) and value != "":
            return value
        return typed_value(value, kind)

    return convert


def table_rows(fields: list[dict], rows: Iterable[dict]) -> Iterator[list]:
    """Provider rows (dicts) as lists in column order, typed for spreadsheets."""
    columns = [(f["key"], _converter(f["type"])) for f in fields]
    for row in rows:
        get = row.get
        yield [convert(get(key)) for key, convert in columns]


def csv_table(fields: list[dict], rows: Iterable[dict]) -> tuple[list, Iterator[list]]:
    """``(header, rows)`` with Thai column titles for the toolkit's CSV writer."""
    return [f["title"] for f in fields], table_rows(fields, rows)


def csv_stream(fields: list[dict], rows: Iterable[dict]) -> Iterator[bytes]:
    """CSV (UTF-8 with BOM, CRLF, ISO dates) with Thai column titles, streamed."""
    return documents.csv_rows(*csv_table(fields, rows))


def json_chunks(meta: dict, fields: list[dict], rows: Iterable[dict]) -> Iterator[str]:
    """``{...meta, "fields": [...], "rows": [...]}`` streamed row by row."""
    head = dict(meta)
    head["fields"] = fields
    opening = json.dumps(head, ensure_ascii=False, indent=None)[:-1]
    yield opening + ', "rows": ['
    first = True
    batch: list[str] = []
    columns = [(f["key"], f["type"]) for f in fields]
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for row in rows:
        item = {}
        for key, kind in columns:
            value = row.get(key)
            item[key] = (
                value
                if type(value) is str and kind == "text" and value
                else plain_value(value, kind)
            )
        batch.append(("" if first else ",") + dumps(item))
        first = False
        if len(batch) >= JSON_BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "]}"


def xlsx_bytes(fields: list[dict], rows: Iterable[dict], *, title: str) -> bytes:
    """An XLSX workbook with one sheet: Thai header row, typed cells, BE dates."""
    sheet = documents_xlsx.Sheet(
        title=title,
        headers=[f["title"] for f in fields],
        rows=table_rows(fields, rows),
    )
    return documents_xlsx.xlsx_bytes([sheet])
