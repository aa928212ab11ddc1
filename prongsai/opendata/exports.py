"""Serialising a dataset's rows: CSV (UTF-8 with BOM), XLSX and JSON.

Rows come from a provider as dicts keyed by field key; values are written by
the field's declared type. Dates are ISO 8601 in CSV and JSON (machine
readable) and real dates shown in the Buddhist era in XLSX.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import json
from collections.abc import Iterable, Iterator

from prongsai.core import thai_dates

CSV_BATCH = 500
XLSX_BE_DATE = "[$-107041E]d mmmm yyyy"


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


def text_value(value, kind: str) -> str:
    plain = plain_value(value, kind)
    return "" if plain is None else str(plain)


def csv_chunks(fields: list[dict], rows: Iterable[dict]) -> Iterator[str]:
    """CSV text in chunks: BOM, a header of Thai column titles, then the rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow([f["title"] for f in fields])
    for count, row in enumerate(rows, start=1):
        writer.writerow([text_value(row.get(f["key"]), f["type"]) for f in fields])
        if count % CSV_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(meta: dict, fields: list[dict], rows: Iterable[dict]) -> Iterator[str]:
    """``{...meta, "fields": [...], "rows": [...]}`` streamed row by row."""
    head = dict(meta)
    head["fields"] = fields
    opening = json.dumps(head, ensure_ascii=False, indent=None)[:-1]
    yield opening + ', "rows": ['
    first = True
    batch: list[str] = []
    for row in rows:
        item = {f["key"]: plain_value(row.get(f["key"]), f["type"]) for f in fields}
        batch.append(("" if first else ",") + json.dumps(item, ensure_ascii=False))
        first = False
        if len(batch) >= CSV_BATCH:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "]}"


def xlsx_bytes(fields: list[dict], rows: Iterable[dict], *, title: str) -> bytes:
    """An XLSX workbook with one sheet: header row, then typed cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or "data")[:31])
    header = []
    for field in fields:
        cell = WriteOnlyCell(sheet, value=field["title"])
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for field in fields:
            value = row.get(field["key"])
            if field["type"] == "date" and isinstance(value, datetime.date):
                if isinstance(value, datetime.datetime):
                    if value.tzinfo is not None:
                        value = value.astimezone(thai_dates.BANGKOK)
                    value = value.replace(tzinfo=None)
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = XLSX_BE_DATE
            elif field["type"] in {"integer", "number"}:
                plain = plain_value(value, field["type"])
                cell = WriteOnlyCell(sheet, value=plain)
                if field["type"] == "number" and isinstance(plain, int | float):
                    cell.number_format = "#,##0.00"
            else:
                cell = WriteOnlyCell(sheet, value=text_value(value, field["type"]))
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
