"""Hypothesis strategies for hostile input, shared by every app's fuzz tests.

Files: random bytes, real workbooks cut short or with flipped bytes, zips
that are not workbooks, XML entity tricks, CSV in several encodings with NUL
bytes, huge numbers and huge cells. Query strings: random keys and values
including NUL, huge and negative numbers. Every fuzz test asserts "no server
error"; import tests also assert a Thai message naming where the problem is.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded so the whole fuzz set runs in well under a minute.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    derandomize=True,
)

HUGE = "9" * 400
NUMBERS = st.sampled_from(
    [
        "0",
        "-1",
        "-99999999999999999999",
        HUGE,
        "1e400",
        "1e-400",
        "NaN",
        "inf",
        "-inf",
        "0x10",
        "1_000",
        "๒๕๖๘",
        "10" + "0" * 30,
        str(2**63),
        str(2**64 + 1),
        "1.5",
        " 7 ",
        "",
    ]
)
NASTY_TEXT = st.sampled_from(
    [
        "\x00",
        "a\x00b",
        "ก" * 40_000,
        "x" * 200_000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00",
        "\ud7ff\ufffe",
        "\u202e\u200b",
        "../../etc/passwd",
        "{{ 7*7 }}",
        '"unclosed',
    ]
)
TEXT = st.text(max_size=40)
VALUES = st.one_of(NUMBERS, NASTY_TEXT, TEXT)
CELL = st.one_of(
    VALUES,
    st.none(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(min_value=datetime.date(1, 1, 1)),
)


def query_params(keys=()):
    """A dict of query parameters: the given keys and random ones."""
    known = st.sampled_from(
        list(keys) or ["page", "limit", "offset", "rows", "start", "q"]
    )
    return st.dictionaries(
        st.one_of(known, known, TEXT.filter(bool)),
        st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)),
        max_size=5,
    )


def json_values(max_leaves=12):
    """Any JSON value: scalars, huge numbers, NUL strings, nested lists/objects."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        VALUES,
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.one_of(TEXT, NASTY_TEXT), inner, max_size=4),
        ),
        max_leaves=max_leaves,
    )


def _xml_char(char: str) -> bool:
    return (
        char in "\t\n\r"
        or " " <= char <= "\ud7ff"
        or "\ue000" <= char <= "\ufffd"
        or char >= "\U00010000"
    )


def xlsx_bytes(rows) -> bytes:
    """A real workbook written by openpyxl with ``rows`` on its first sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        clean = []
        for value in row:
            if isinstance(value, str):
                value = "".join(c for c in value if _xml_char(c))
            if isinstance(value, Decimal):
                value = float(value)
            if isinstance(value, int) and abs(value) > 2**53:
                value = str(value)
            clean.append(value)
        sheet.append(clean)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["" if v is None else str(v) for v in row] for row in rows]
    )
    return buffer.getvalue().encode(encoding, errors="replace")


def with_member(content: bytes, name: str, data: bytes) -> bytes:
    """``content`` (a zip) with the member ``name`` replaced by ``data``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.namelist():
            if member != name:
                target.writestr(member, source.read(member))
        target.writestr(name, data)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&d;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
NUL_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>a\x00b</t></is></c></row>'
    b"</sheetData></worksheet>"
)
SHEET = "xl/worksheets/sheet1.xml"


def not_a_workbook_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@st.composite
def bad_files(draw, header=None):
    """``(filename, bytes)`` of a hostile or damaged spreadsheet upload.

    With ``header`` (a list of column titles) most files carry that header so
    the parser reaches its cell-by-cell checks.
    """
    body = draw(st.lists(st.lists(CELL, max_size=14), max_size=5))
    rows = ([list(header)] if header else []) + body
    kind = draw(
        st.sampled_from(
            [
                "random",
                "csv",
                "cp874",
                "utf16",
                "xlsx",
                "truncated",
                "flipped",
                "zip",
                "entity",
                "nul-sheet",
            ]
        )
    )
    if kind == "random":
        name = draw(st.sampled_from(["x.xlsx", "x.csv", "x.txt", "x.xlsm", "x.pdf"]))
        return name, draw(st.binary(max_size=2048))
    if kind == "csv":
        return "x.csv", csv_bytes(rows) + draw(st.binary(max_size=16))
    if kind == "cp874":
        return "x.csv", csv_bytes(rows, "cp874")
    if kind == "utf16":
        return "x.csv", csv_bytes(rows, "utf-16")
    workbook = xlsx_bytes(rows)
    if kind == "xlsx":
        return "x.xlsx", workbook
    if kind == "truncated":
        # A fraction: the workbook's length varies with its timestamps.
        cut = int(draw(st.floats(min_value=0, max_value=0.999)) * len(workbook))
        return "x.xlsx", workbook[:cut]
    if kind == "flipped":
        at = int(draw(st.floats(min_value=0, max_value=0.999)) * len(workbook))
        flipped = bytes([workbook[at] ^ draw(st.integers(1, 255))])
        return "x.xlsx", workbook[:at] + flipped + workbook[at + 1 :]
    if kind == "zip":
        members = draw(
            st.dictionaries(
                st.sampled_from(
                    ["[Content_Types].xml", "xl/workbook.xml", SHEET, "a.txt"]
                ),
                st.binary(max_size=64),
                max_size=4,
            )
        )
        return "x.xlsx", not_a_workbook_zip(members)
    if kind == "entity":
        return "x.xlsx", with_member(
            workbook, SHEET, draw(st.sampled_from([BILLION_LAUGHS, XXE]))
        )
    return "x.xlsx", with_member(workbook, SHEET, NUL_SHEET)


def fuzz_client():
    """A test client that answers a view's exception with the 500 page.

    Django's test client re-raises a view's exception by default; fuzz tests
    count the status instead, so the failing example is shown.
    """
    from django.test import Client

    return Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="th")


def assert_no_server_error(response) -> None:
    assert response.status_code < 500, (
        response.status_code,
        response.content[:300],
    )


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels.

    The pixel data is a few bytes of deflate output, so the file weighs less
    than 1 KB; decoding it would need gigabytes.
    """
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" + b"\x00" * 3 * width
    pixels = zlib.compress(row * 4, 9)  # a few rows; the header is what counts
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
