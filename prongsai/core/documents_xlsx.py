"""Excel workbooks: :func:`xlsx_bytes` writes :class:`Sheet` objects.

Thai font, bold wrapped header row frozen below the title lines, column widths
from the content, dates in Buddhist era (``[$-107041E]``), amounts as
``#,##0.00``, formula-like text kept as text. Reading spreadsheets is
:mod:`prongsai.core.spreadsheets`; the other documents are in
:mod:`prongsai.core.documents`.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from prongsai.core.documents import OFFICE_FONT, XLSX_FONT_SIZE, local_naive

XLSX_DATE_FORMAT = "[$-107041E]d mmmm yyyy"
XLSX_DATE_FORMAT_THAI_DIGITS = "[$-D07041E]d mmmm yyyy"
XLSX_DATETIME_SUFFIX = " h:mm"
XLSX_AMOUNT_FORMAT = "#,##0.00"

_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: optional title lines, a header row and data rows.

    *widths* are column widths in Excel character units (computed from the
    content when omitted); *title_rows* are lines written above the header,
    e.g. the organisation and the report period.
    """

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: Sequence[float] | None = None
    title_rows: Sequence[str] = field(default=())
    #: Print set-up: A4 landscape, fitted to the page width, the title lines
    #: and the header row repeated on every printed page.
    print_landscape: bool = False


def sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """Return *title* made a valid, unique Excel sheet name (≤ 31 characters)."""
    clean = _SHEET_TITLE_FORBIDDEN.sub("-", title or "").strip().strip("'") or "Sheet"
    clean = clean[:31]
    taken_lower = {name.lower() for name in taken}
    candidate, number = clean, 1
    while candidate.lower() in taken_lower:
        number += 1
        suffix = f" ({number})"
        candidate = clean[: 31 - len(suffix)] + suffix
    return candidate


def _display_width(text: str) -> int:
    """Return the number of columns *text* occupies (Thai marks take none)."""
    return sum(
        1
        for char in text
        if not unicodedata.combining(char) and unicodedata.category(char) != "Mn"
    )


def _excel_value(value: object) -> object:
    """Return a value openpyxl can store (aware datetimes become Bangkok local time)."""
    if isinstance(value, datetime):
        return local_naive(value)
    return value


def xlsx_bytes(sheets: Sequence[Sheet], *, thai_digits: bool = False) -> bytes:
    """Return an ``.xlsx`` workbook with one worksheet per :class:`Sheet`.

    Thai font, bold wrapped header row frozen below the title lines, column
    widths from the content, dates/datetimes in Buddhist era (Thai digits
    with ``thai_digits=True``), Decimals as ``#,##0.00``.  Text that looks
    like a formula is stored as text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    date_format = XLSX_DATE_FORMAT_THAI_DIGITS if thai_digits else XLSX_DATE_FORMAT
    thin = Side(style="thin")
    styles = {
        "font": Font(name=OFFICE_FONT, size=XLSX_FONT_SIZE),
        "bold": Font(name=OFFICE_FONT, size=XLSX_FONT_SIZE, bold=True),
        "title": Font(name=OFFICE_FONT, size=XLSX_FONT_SIZE + 2, bold=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "header": Alignment(wrap_text=True, vertical="center", horizontal="center"),
    }

    workbook = Workbook()
    workbook.remove(workbook.active)
    titles: list[str] = []
    for sheet in sheets:
        title = sheet_title(sheet.title, titles)
        titles.append(title)
        _write_sheet(workbook.create_sheet(title), sheet, styles, date_format)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(ws, sheet: Sheet, styles: dict, date_format: str) -> None:
    """Fill one worksheet: title lines, frozen bold header, styled rows, widths."""
    from openpyxl.utils import get_column_letter

    columns = len(sheet.headers)
    widths = [_display_width(str(h)) for h in sheet.headers]
    for text in sheet.title_rows:
        ws.append([text])
        ws.cell(row=ws.max_row, column=1).font = styles["title"]
        if columns > 1:
            ws.merge_cells(
                start_row=ws.max_row,
                start_column=1,
                end_row=ws.max_row,
                end_column=columns,
            )
    ws.append(list(sheet.headers))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = styles["bold"]
        cell.border = styles["border"]
        cell.alignment = styles["header"]
    ws.freeze_panes = f"A{header_row + 1}"  # a string: ws.cell() would create a row
    for values in sheet.rows:
        values = [_excel_value(v) for v in values]
        if len(values) != columns:
            raise ValueError(
                f"sheet {ws.title!r}: row has {len(values)} values "
                f"for {columns} columns"
            )
        ws.append(values)
        for index, (cell, value) in enumerate(zip(ws[ws.max_row], values, strict=True)):
            cell.font = styles["font"]
            cell.border = styles["border"]
            text = _style_cell(cell, value, styles, date_format)
            widths[index] = max(widths[index], _display_width(text))
    for index in range(columns):
        width = (
            sheet.widths[index] if sheet.widths else min(max(widths[index] + 2, 8), 60)
        )
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    if sheet.print_landscape:
        _print_setup(ws, header_row)


def _print_setup(ws, header_row: int) -> None:
    """A4 landscape, one page wide, title and header rows on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_row}"
    ws.print_options.horizontalCentered = True


def _style_cell(cell, value: object, styles: dict, date_format: str) -> str:
    """Give *cell* the number format of *value*; the text its width is measured by."""
    if isinstance(value, datetime):
        cell.number_format = date_format + XLSX_DATETIME_SUFFIX
        return "30 กันยายน 2569 00:00"
    if isinstance(value, date):
        cell.number_format = date_format
        return "30 กันยายน 2569"
    if isinstance(value, Decimal):
        cell.number_format = XLSX_AMOUNT_FORMAT
        return f"{value:,.2f}"
    if isinstance(value, str):
        cell.alignment = styles["wrap"]
        if cell.data_type == "f":  # "=..." typed by a user is text
            cell.data_type = "s"
    return "" if value is None else str(value)
