"""The shared spreadsheet reader: hostile files become one Thai message."""

import io
import zipfile

import pytest
from django.utils import translation
from hypothesis import given

from prongsai.core import spreadsheets
from prongsai.core.spreadsheets import SpreadsheetError, read_csv, read_xlsx

from .fuzz import (
    BILLION_LAUGHS,
    FUZZ,
    NUL_SHEET,
    SHEET,
    XXE,
    bad_files,
    not_a_workbook_zip,
    with_member,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def _read(name, content):
    if name.endswith((".xlsx", ".xlsm")):
        return read_xlsx(content)
    return read_csv(content, sniff=True)


def _no_nul(rows):
    return not any(isinstance(v, str) and "\x00" in v for row in rows for v in row)


@FUZZ
@given(upload=bad_files(header=["name", "i1", "i2"]))
def test_any_file_gives_rows_or_one_thai_message(upload):
    """Nothing but rows without NUL or a ``SpreadsheetError`` comes out."""
    name, content = upload
    try:
        rows = _read(name, content)
    except SpreadsheetError as error:
        assert any("\u0e00" <= c <= "\u0e7f" for c in error.message)
    else:
        assert _no_nul(rows)


def test_a_real_workbook_is_read():
    content = xlsx_bytes([["ชื่อ", "i1"], ["อบต.ก", 80.5]])
    assert read_xlsx(content) == [["ชื่อ", "i1"], ["อบต.ก", 80.5]]


def test_every_cut_of_a_workbook_is_refused_in_thai():
    content = xlsx_bytes([["ชื่อ", "i1"], ["อบต.ก", 80.5]] * 20)
    for cut in range(0, len(content) - 1, 53):
        with pytest.raises(SpreadsheetError):
            read_xlsx(content[:cut])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a zip",
        not_a_workbook_zip({"a.txt": b"hello"}),
        not_a_workbook_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b""}),
    ],
)
def test_a_zip_that_is_not_a_workbook_is_refused(content):
    with pytest.raises(SpreadsheetError) as error:
        read_xlsx(content)
    assert "XLSX" in error.value.message


@pytest.mark.parametrize("sheet", [BILLION_LAUGHS, XXE])
def test_xml_entities_are_refused(sheet):
    """Billion laughs and XXE never expand (defusedxml under openpyxl)."""
    content = with_member(xlsx_bytes([["a"]]), SHEET, sheet)
    with pytest.raises(SpreadsheetError) as error:
        read_xlsx(content)
    assert "เสียหาย" in error.value.message


def test_nul_characters_are_removed_from_cells():
    content = with_member(xlsx_bytes([["a"]]), SHEET, NUL_SHEET)
    try:
        rows = read_xlsx(content)
    except SpreadsheetError:
        return  # a NUL is not valid XML: refusing is as good as removing
    assert _no_nul(rows)
    assert read_csv("ก\x00ข,x\n".encode()) == [["กข", "x"]]


def test_a_forged_dimension_does_not_pad_rows():
    """A sheet claiming A1:XFD1048576 yields only the cells that exist."""
    content = xlsx_bytes([["a", "b"]])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read(SHEET)
    forged = sheet.replace(
        b'<dimension ref="A1:B1"/>', b'<dimension ref="A1:XFD1048576"/>'
    )
    assert forged != sheet
    assert read_xlsx(with_member(content, SHEET, forged)) == [["a", "b"]]


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1000)
    content = xlsx_bytes([["x" * 5000]])
    with pytest.raises(SpreadsheetError) as error:
        read_xlsx(content)
    assert "MB" in error.value.message


def test_too_many_rows_and_cells(monkeypatch):
    content = xlsx_bytes([[1, 2]] * 30)
    with pytest.raises(SpreadsheetError, match="แถว"):
        read_xlsx(content, max_rows=10)
    monkeypatch.setattr(spreadsheets, "MAX_CELLS", 20)
    with pytest.raises(SpreadsheetError):
        read_csv(b"1,2\n" * 30)


def test_a_huge_cell_is_refused_naming_the_cell():
    with pytest.raises(SpreadsheetError) as error:
        read_csv(("a,b\nc," + "ก" * 40_000 + "\n").encode())
    assert "แถว 2 คอลัมน์ B" in error.value.message
    with pytest.raises(SpreadsheetError) as error:
        read_csv(b'a,"' + b"x" * 200_000)
    assert "แถว 1" in error.value.message


def test_thai_windows_and_utf16_csv_are_decoded():
    assert read_csv("ชื่อ,ข\n".encode("cp874")) == [["ชื่อ", "ข"]]
    assert read_csv("ชื่อ;ข\n".encode("utf-16"), sniff=True) == [["ชื่อ", "ข"]]
    assert read_csv("ชื่อ,ข\n".encode("utf-8-sig")) == [["ชื่อ", "ข"]]
    with pytest.raises(SpreadsheetError, match="TIS-620"):
        read_csv(b"\xff\xff\xdb\xdc")


def test_huge_numbers_survive_as_text():
    rows = read_csv(("9" * 400 + ",1e400\n").encode())
    assert rows == [["9" * 400, "1e400"]]


def test_oversized_file_is_refused():
    with pytest.raises(SpreadsheetError, match="10 MB"):
        read_csv(b"a" * (spreadsheets.MAX_FILE_BYTES + 1))


def test_an_upload_is_read_by_its_name_or_refused_on_the_file_field():
    from prongsai.core.errors import DomainError
    from prongsai.core.spreadsheets import read_upload

    assert read_upload("x.CSV", "ก,1\n".encode(), max_rows=10) == [["ก", "1"]]
    for name, content in (("x.pdf", b"%PDF"), ("x.xlsx", b"not a zip")):
        with pytest.raises(DomainError) as raised:
            read_upload(name, content, max_rows=10)
        assert raised.value.field == "file"
