"""Reading uploaded spreadsheets (XLSX and CSV) safely: one reader for every import.

Pure module: bytes in, rows of cell values or one translated
``SpreadsheetError`` out, never another exception for a bad file
(:func:`read_upload`, for services: a ``DomainError`` on the file field). Every
limit below protects the server from a file that is small on the wire and
huge once unpacked (a "zip bomb"), from XML entity tricks (openpyxl parses
with defusedxml, a dependency) and from values PostgreSQL cannot store
(NUL characters are removed from every cell).

CSV files may be UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's
"Unicode text") or Thai Windows text (cp874, a superset of TIS-620), which
older Thai systems still export.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext as _

from .errors import DomainError

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
MAX_CELLS = 2_000_000
# Excel itself refuses longer cells.
MAX_CELL_CHARS = 32_767
CSV_ENCODINGS = ("utf-8-sig", "cp874")


class SpreadsheetError(ValueError):
    """The file cannot be read as a table; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _where(row: int, column: int) -> str:
    return _("row %(row)s column %(column)s") % {
        "row": row,
        "column": column_letter(column),
    }


class _Table:
    """Collects rows while enforcing the row, cell and cell-length limits."""

    def __init__(self, max_rows: int) -> None:
        self.rows: list[list[object]] = []
        self.cells = 0
        self.max_rows = max_rows

    def add(self, values) -> None:
        number = len(self.rows) + 1
        if number > self.max_rows:
            raise SpreadsheetError(
                _("The file has more than %(count)s rows.")
                % {"count": f"{self.max_rows:,}"}
            )
        row = []
        for column, value in enumerate(values):
            if isinstance(value, str):
                if len(value) > MAX_CELL_CHARS:
                    raise SpreadsheetError(
                        _(
                            "%(cell)s holds more than %(count)s characters; "
                            "a cell may hold at most that many."
                        )
                        % {
                            "cell": _where(number, column),
                            "count": f"{MAX_CELL_CHARS:,}",
                        }
                    )
                value = value.replace("\x00", "")
            row.append(value)
        self.cells += len(row)
        if self.cells > MAX_CELLS:
            raise SpreadsheetError(
                _("The file has more than %(count)s cells; split it into parts.")
                % {"count": f"{MAX_CELLS:,}"}
            )
        self.rows.append(row)


def _check_size(content: bytes) -> None:
    if len(content) > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(mb)s MB.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )


def _check_archive(content: bytes) -> None:
    """Refuse what is not a zip, or unpacks to far more than it weighs.

    The sizes declared in the zip directory bound what is read: Python's
    zipfile stops at the declared size and checks the CRC.
    """
    not_workbook = _("The file is not an XLSX workbook (save it from Excel as .xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise SpreadsheetError(not_workbook) from None
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetError(not_workbook)
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            _(
                "The workbook unpacks to more than %(mb)s MB; remove unused "
                "sheets or split it into parts."
            )
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _damaged(error: Exception) -> SpreadsheetError:
    logger.info("Unreadable XLSX upload: %r", error)
    return SpreadsheetError(
        _(
            "The XLSX file is damaged or incomplete and cannot be read; "
            "open it in Excel, save it again and upload the new copy."
        )
    )


def _workbook_sheets(content: bytes):
    """``(title, rows)`` of every worksheet, rows as openpyxl streams them.

    Only the library's own calls on the untrusted file are guarded: openpyxl,
    zipfile, zlib and the XML parser raise many kinds of error on a damaged
    or hostile file (KeyError, EOFError, ParseError, EntitiesForbidden,
    TypeError ...), and each of them means "cannot be read".
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise _damaged(error) from error
    try:
        try:
            sheets = list(workbook.worksheets)
        except Exception as error:
            raise _damaged(error) from error
        if not sheets:
            raise SpreadsheetError(_("The workbook has no worksheet."))
        for sheet in sheets:
            yield str(getattr(sheet, "title", "") or ""), _rows_of(sheet)
    finally:
        workbook.close()


def _rows_of(sheet):
    if not hasattr(sheet, "iter_rows"):  # a chart sheet holds no cells
        return
    try:
        # A forged dimension (A1:XFD1048576) would pad every row to it.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
    except Exception as error:
        raise _damaged(error) from error
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as error:
            raise _damaged(error) from error
        yield values


def read_xlsx(content: bytes, *, max_rows: int = MAX_ROWS) -> list[list[object]]:
    """Cell values of the first sheet of an XLSX workbook, row by row."""
    _check_size(content)
    _check_archive(content)
    table = _Table(max_rows)
    for _title, rows in _workbook_sheets(content):
        for values in rows:
            table.add(values)
        break
    return table.rows


def read_xlsx_sheets(
    content: bytes, *, max_rows: int = MAX_ROWS
) -> list[tuple[str, list[list[object]]]]:
    """``(sheet name, rows)`` of every worksheet of an XLSX workbook, in order.

    The row and cell limits hold for the whole workbook, not each sheet.
    """
    _check_size(content)
    _check_archive(content)
    table = _Table(max_rows)
    sheets = []
    for title, rows in _workbook_sheets(content):
        start = len(table.rows)
        for values in rows:
            table.add(values)
        sheets.append((title, start))
    ends = [start for _title, start in sheets[1:]] + [len(table.rows)]
    return [
        (title, table.rows[start:end])
        for (title, start), end in zip(sheets, ends, strict=True)
    ]


def decode_text(content: bytes) -> str:
    """Text of a CSV file in UTF-8, UTF-16 (with a BOM) or Thai Windows (cp874)."""
    encodings: tuple[str, ...] = CSV_ENCODINGS
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        _(
            "The CSV file is not UTF-8 or Thai Windows (TIS-620) text; save it "
            "again as “CSV UTF-8”."
        )
    )


def read_csv(
    content: bytes, *, max_rows: int = MAX_ROWS, sniff: bool = False
) -> list[list[object]]:
    """Rows of a CSV file; with ``sniff`` a ``;`` or tab delimiter is detected."""
    _check_size(content)
    text = decode_text(content).replace("\x00", "")
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    if sniff:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    table = _Table(max_rows)
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for values in reader:
            table.add(values)
    except csv.Error as error:
        raise SpreadsheetError(
            _(
                "The CSV file cannot be read at %(where)s: a quotation mark is "
                "not closed or a cell is longer than %(count)s characters."
            )
            % {
                "where": _("row %(row)s") % {"row": reader.line_num},
                "count": f"{MAX_CELL_CHARS:,}",
            }
        ) from error
    return table.rows


def read_upload(filename: str, content: bytes, *, max_rows: int) -> list[list[object]]:
    """The rows of an uploaded XLSX or CSV file (by its name), for a service:
    a file that cannot be read is a ``DomainError`` on the ``file`` field."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            return read_xlsx(content, max_rows=max_rows)
        if name.endswith((".csv", ".txt")):
            return read_csv(content, max_rows=max_rows, sniff=True)
    except SpreadsheetError as error:
        raise DomainError(error.message, field="file") from error
    raise DomainError(_("Upload an XLSX or CSV file."), field="file")


def find_header(
    rows: list[list[object]],
    key_of: Callable[[object], str | None],
    *,
    accept: Callable[[set[str]], bool],
    scan: int = 20,
) -> tuple[int, list[str | None]] | None:
    """Find a table's header among its first ``scan`` rows.

    ``key_of`` turns a header cell into a column key (or ``None`` for a
    column to ignore); ``accept`` says whether a set of keys makes a header.
    A header may span two rows, as published tables often have a merged group
    title ("คะแนน") above the column titles ("IIT", "EIT"): a column whose top
    cell gives no key takes the key of the cell below it. Returns the index of
    the first data row and one key per column, or ``None``.
    """
    for index, row in enumerate(rows[:scan]):
        keys = [key_of(value) for value in row]
        single = accept({key for key in keys if key})
        if index + 1 < len(rows):
            below = rows[index + 1]
            merged = [
                (keys[column] if column < len(keys) else None)
                or (key_of(below[column]) if column < len(below) else None)
                for column in range(max(len(row), len(below)))
            ]
            found = {key for key in merged if key}
            if found - set(keys) and accept(found):
                return index + 2, merged
        if single:
            return index + 1, keys
    return None
