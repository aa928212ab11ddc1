"""Tests for the shared document toolkit (PDF, DOCX, XLSX, CSV, downloads)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import unquote

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from prongsai.core import documents
from prongsai.core.charts import bar_chart
from prongsai.core.documents import (
    BOM,
    CONTENT_TYPE_CSV,
    CONTENT_TYPE_PDF,
    OFFICE_FONT,
    baht_text,
    content_disposition,
    csv_bytes,
    csv_response,
    csv_rows,
    csv_text,
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    file_response,
    render_pdf,
    streaming_file_response,
    thai_digits_in_html,
)
from prongsai.core.documents_xlsx import Sheet, sheet_title, xlsx_bytes

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; CI installs it",
)

# Text without the vowel sara am (ำ): its glyph is shared with sara aa in the
# font, so PDF text extraction cannot always tell them apart.
THAI_TITLE = "รายงานผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2569"
THAI_INTRO = "องค์การบริหารส่วนตำบลบ้านดง ขอรายงานผลการจัดซื้อจัดจ้างตามระเบียบ"


def example_context(rows: int = 3, **extra):
    context = {
        "title": THAI_TITLE,
        "intro": THAI_INTRO,
        "issued": date(2026, 11, 22),
        "headers": ["ลำดับ", "รายการ", "วงเงิน (บาท)"],
        "rows": [
            [i, f"จัดซื้อวัสดุสำนักงาน หมู่ที่ {i}", "1,234.50"] for i in range(1, rows + 1)
        ],
        "signer": "นายสมชาย ใจดี",
    }
    return {**context, **extra}


def run_poppler(tool: str, pdf: bytes, *args: str) -> str:
    """Run a poppler-utils *tool* on *pdf* (read from stdin) and return its output."""
    executable = shutil.which(tool)
    assert executable is not None
    result = subprocess.run(  # noqa: S603 - fixed tool, our own arguments
        [executable, *args], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def pdf_text(pdf: bytes, *args: str) -> str:
    return run_poppler("pdftotext", pdf, *args, "-", "-")


def pdf_info(pdf: bytes) -> str:
    return run_poppler("pdfinfo", pdf, "-")


# ---------------------------------------------------------------------------
# PDF


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    """A Thai document with a table long enough for three pages."""
    return render_pdf("documents/example_pdf.html", example_context(rows=60))


def test_render_pdf_returns_a_pdf(long_pdf):
    assert long_pdf.startswith(b"%PDF")


@needs_poppler
def test_pdf_keeps_thai_text_and_numbers_pages(long_pdf):
    text = pdf_text(long_pdf)
    assert THAI_TITLE in text
    assert "นายสมชาย ใจดี" in text
    assert "22 พฤศจิกายน 2569" in text  # Buddhist-era date, rendered in Thai
    info = pdf_info(long_pdf)
    assert "A4" in info
    page_two = pdf_text(long_pdf, "-f", "2", "-l", "2", "-layout")
    assert re.search(r"^\s*-\s*2\s*-\s*$", page_two, re.MULTILINE)  # "- 2 -" at the top
    # The header row repeats on the next page.
    assert "วงเงิน (บาท)" in page_two
    # No page number on the first page.
    assert not re.search(r"^\s*-\s*1\s*-\s*$", pdf_text(long_pdf, "-f", "1", "-l", "1"))


@needs_poppler
def test_pdf_embeds_sarabun():
    pdf = render_pdf("documents/example_pdf.html", example_context())
    fonts = run_poppler("pdffonts", pdf, "-")
    assert "Sarabun" in fonts


@needs_poppler
def test_landscape_pdf_is_wider_than_tall():
    pdf = render_pdf("documents/example_pdf.html", example_context(), landscape=True)
    assert "841.89 x 595.276 pts (A4)" in pdf_info(pdf)
    portrait = render_pdf("documents/example_pdf.html", example_context())
    assert "595.276 x 841.89 pts (A4)" in pdf_info(portrait)


@needs_poppler
def test_pdf_thai_digits_converts_text_only():
    pdf = render_pdf("documents/example_pdf.html", example_context(), thai_digits=True)
    text = pdf_text(pdf)
    assert "ปีงบประมาณ ๒๕๖๙" in text
    assert "๑,๒๓๔.๕๐" in text
    assert "2569" not in text
    # The page number too: "- ๑ -" is not on the first page (one page here).
    assert not re.search(r"-\s*[0-9]\s*-", text)


def test_pdf_with_chart_image():
    chart = bar_chart(["ก", "ข"], {"2569": [1, 2]}, title="ทดสอบ")
    pdf = render_pdf("documents/example_pdf.html", example_context(chart=chart))
    assert pdf.startswith(b"%PDF")
    assert b"/Image" in pdf


def test_pdf_refuses_files_outside_static(tmp_path, settings):
    fetcher = documents._url_fetcher()
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    with pytest.raises(ValueError, match="outside"):
        fetcher.fetch(secret.as_uri())
    with pytest.raises(ValueError, match="disallowed protocol"):
        fetcher.fetch("http://example.com/logo.png")
    font = documents.FONT_DIR / "Sarabun-Regular.ttf"
    assert fetcher.fetch(font.as_uri()) is not None


def test_thai_digits_in_html_leaves_markup_css_and_references_alone():
    html = (
        "<style>@page { margin: 2cm } h1 { font-size: 16pt }</style>"
        '<!-- 2026 --><h1 class="h2" style="width: 10px">ปี 2569&#160;&amp; 10%</h1>'
        '<img src="/static/img/1.png" alt="รูป 1"><script>var a = 1;</script>'
    )
    converted = thai_digits_in_html(html)
    assert "<style>@page { margin: 2cm } h1 { font-size: 16pt }</style>" in converted
    assert "<!-- 2026 -->" in converted
    assert '<h1 class="h2" style="width: 10px">ปี ๒๕๖๙&#160;&amp; ๑๐%</h1>' in converted
    assert 'src="/static/img/1.png" alt="รูป 1"' in converted
    assert "var a = 1;" in converted


# ---------------------------------------------------------------------------
# DOCX


def reopen(content: bytes):
    return docx.Document(io.BytesIO(content))


def test_docx_document_is_a4_with_official_margins_and_thai_fonts():
    doc = reopen(docx_bytes(docx_document()))
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0
    assert round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0
    assert round(section.right_margin.cm, 1) == 2.0
    assert round(section.top_margin.cm, 1) == 2.5
    assert round(section.bottom_margin.cm, 1) == 2.0
    rfonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert rfonts.get(qn(attr)) == OFFICE_FONT
    size_cs = doc.styles["Normal"].element.rPr.find(qn("w:szCs"))
    assert size_cs.get(qn("w:val")) == "32"  # 16 pt in half points
    heading = doc.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:cs")) == OFFICE_FONT
    assert heading.get(qn("w:asciiTheme")) is None


def test_docx_landscape_and_page_number_field():
    doc = reopen(docx_bytes(docx_document(landscape=True, thai_digits=True)))
    section = doc.sections[0]
    assert section.page_width > section.page_height
    header_xml = section.header.paragraphs[0]._p.xml
    assert "PAGE \\* ThaiArabic" in header_xml
    assert 'w:fldCharType="begin"' in header_xml


def test_docx_helpers_build_heading_paragraph_table_and_image():
    doc = docx_document()
    docx_heading(doc, "รายงานประจำปี", 0)
    docx_paragraph(doc, "เนื้อหาภาษาไทย", bold=True, align="thai_justify")
    docx_table(
        doc,
        ["ลำดับ", "วันที่", "วงเงิน"],
        [[1, date(2026, 10, 1), Decimal("1234.5")], [2, None, Decimal("10")]],
        widths=[2, 6, 4],
    )
    chart = bar_chart(["ก"], {"ชุด": [1]})
    docx_image(doc, chart.png(dpi=72), 12)
    reopened = reopen(docx_bytes(doc))
    texts = [p.text for p in reopened.paragraphs]
    assert "รายงานประจำปี" in texts
    assert "เนื้อหาภาษาไทย" in texts
    table = reopened.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["ลำดับ", "วันที่", "วงเงิน"]
    # Dates are kept on one line (no-break spaces).
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "1\u00a0ตุลาคม\u00a02569",
        "1,234.50",
    ]
    assert table.rows[2].cells[1].text == ""
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.style.name == "Table Grid"
    assert round(table.rows[1].cells[1].width.cm) == 6
    assert len(reopened.inline_shapes) == 1
    body_run = reopened.paragraphs[1].runs[0]
    assert body_run._r.rPr.find(qn("w:rFonts")).get(qn("w:cs")) == OFFICE_FONT


def test_docx_table_rejects_a_short_row():
    with pytest.raises(ValueError, match="2 values for 3 columns"):
        docx_table(docx_document(), ["a", "b", "c"], [[1, 2]])


def test_docx_unknown_alignment_and_level():
    doc = docx_document()
    with pytest.raises(ValueError, match="unknown alignment"):
        docx_paragraph(doc, "x", align="middle")
    with pytest.raises(ValueError, match="heading level"):
        docx_heading(doc, "x", 7)


# ---------------------------------------------------------------------------
# XLSX


def test_xlsx_formats_dates_amounts_header_and_titles():
    sheet = Sheet(
        title="สรุป/รายงาน: ปีงบประมาณ [2569] ที่ยาวมากเกินสามสิบเอ็ดตัวอักษร",
        headers=["ลำดับ", "วันที่", "เวลา", "วงเงิน (บาท)", "หมายเหตุ"],
        rows=[
            [
                1,
                date(2026, 10, 1),
                datetime(2026, 10, 1, 3, 0, tzinfo=UTC),
                Decimal("1234.50"),
                "=1+1",
            ],
            [2, None, None, Decimal("0"), "ข้อความภาษาไทยยาวพอสมควร"],
        ],
        title_rows=["องค์การบริหารส่วนตำบลบ้านดง"],
    )
    workbook = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes([sheet, Sheet("สรุป", ["ก"], [])]))
    )
    ws = workbook.worksheets[0]
    assert len(ws.title) <= 31
    assert "/" not in ws.title and "[" not in ws.title
    assert ws["A1"].value == "องค์การบริหารส่วนตำบลบ้านดง"
    assert ws["A2"].value == "ลำดับ" and ws["A2"].font.b
    assert ws["A2"].alignment.wrap_text
    assert ws.freeze_panes == "A3"
    assert ws["B3"].number_format == "[$-107041E]d mmmm yyyy"
    assert ws["B3"].value.date() == date(2026, 10, 1)
    assert ws["C3"].number_format.startswith("[$-107041E]")
    assert ws["C3"].value == datetime(2026, 10, 1, 10, 0)  # Bangkok local time
    assert ws["D3"].number_format == "#,##0.00"
    assert ws["D3"].value == 1234.5
    assert ws["E3"].value == "=1+1" and ws["E3"].data_type == "s"
    assert ws["A3"].font.name == OFFICE_FONT
    assert ws.column_dimensions["E"].width > ws.column_dimensions["A"].width
    assert workbook.worksheets[1].title == "สรุป"


def test_xlsx_thai_digit_dates_and_given_widths():
    content = xlsx_bytes(
        [Sheet("a", ["d"], [[date(2026, 1, 2)]], widths=[30])], thai_digits=True
    )
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    assert ws["A2"].number_format == "[$-D07041E]d mmmm yyyy"
    assert ws.column_dimensions["A"].width == 30


def test_xlsx_rejects_bad_rows_and_no_sheets():
    with pytest.raises(ValueError, match="1 values for 2 columns"):
        xlsx_bytes([Sheet("a", ["x", "y"], [[1]])])
    with pytest.raises(ValueError, match="at least one sheet"):
        xlsx_bytes([])


def test_sheet_titles_are_unique_and_short():
    assert sheet_title("a" * 40) == "a" * 31
    assert sheet_title("Data", ["data"]) == "Data (2)"
    assert len(sheet_title("b" * 40, ["b" * 31])) == 31
    assert sheet_title("") == "Sheet"
    assert sheet_title("ก:ข?") == "ก-ข-"


# ---------------------------------------------------------------------------
# CSV


def test_csv_bytes_has_bom_crlf_and_round_trips_thai():
    content = csv_bytes(
        ["ชื่อ", "วันที่", "วงเงิน"],
        [['บ้าน, ดง "ใหม่"', date(2026, 10, 1), Decimal("1234.50")], ["หนองบัว", None, 5]],
    )
    assert content.startswith(BOM.encode("utf-8"))
    assert b"\r\n" in content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows == [
        ["ชื่อ", "วันที่", "วงเงิน"],
        ['บ้าน, ดง "ใหม่"', "2026-10-01", "1234.50"],
        ["หนองบัว", "", "5"],
    ]


def test_csv_neutralises_formulas_but_not_numbers_or_dashes():
    cells = ["=HYPERLINK(1)", "+1", "@x", "-5", "- ไม่มี -", "-cmd", "-", "1e3"]
    content = csv_bytes(["a"], [[cell] for cell in cells])
    values = [row[0] for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))][
        1:
    ]
    assert values == [
        "'=HYPERLINK(1)",
        "+1",
        "'@x",
        "-5",
        "'- ไม่มี -",
        "'-cmd",
        "-",
        "1e3",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\t5", "'\t5"),  # a tab before a number is not a number
        ("-5", "-5"),
        ("+66812345678", "+66812345678"),
        ("1e3", "1e3"),
        ("-1.5E-3", "-1.5E-3"),
        ("-.5", "-.5"),
        ("-", "-"),
        ("ถนน =1", "ถนน =1"),
        ("", ""),
        ("a\x00b", "ab"),
        ("=\x00x", "'=x"),
    ],
)
def test_csv_text_guards_formulas_only(text, expected):
    assert csv_text(text) == expected


def test_csv_rows_keeps_newlines_and_drops_nul_in_cells():
    content = b"".join(csv_rows(["h"], [["บรรทัด 1\nบรรทัด 2"], ["a\x00b"], [None]]))
    assert content.count(b"\x00") == 0
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows == [["h"], ["บรรทัด 1\nบรรทัด 2"], ["ab"], [""]]


def test_csv_rows_writes_buddhist_era_dates_for_people():
    aware = datetime(2026, 11, 22, 7, 5, tzinfo=UTC)
    rows = [[date(2026, 11, 22), aware]]
    iso = csv_bytes(["d", "t"], rows).decode("utf-8-sig").splitlines()[1]
    thai = csv_bytes(["d", "t"], rows, dates="thai").decode("utf-8-sig")
    assert iso == "2026-11-22,2026-11-22 14:05:00"
    assert thai.splitlines()[1] == "22/11/2569,22/11/2569 14:05"
    with pytest.raises(ValueError, match="dates"):
        csv_bytes(["d"], [], dates="be")


def test_csv_response_streams_with_thai_filename():
    response = csv_response("ข้อมูล ปี 2569.csv", ["ก"], ([i] for i in range(2500)))
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''%E0%B8%82" in response["Content-Disposition"]
    chunks = list(response.streaming_content)
    assert len(chunks) == 4  # header, 1000, 1000, 500 rows
    body = b"".join(chunks)
    assert body.startswith(BOM.encode("utf-8")) and body.count(BOM.encode()) == 1
    small = csv_response("a.csv", ["x"], [["=1"]], streaming=False)
    assert not small.streaming
    assert small.content == BOM.encode("utf-8") + b"x\r\n'=1\r\n"


def test_csv_rows_yields_bom_once_and_is_lazy():
    consumed = []

    def rows():
        for i in range(2100):
            consumed.append(i)
            yield [i, "ไทย"]

    stream = csv_rows(["n", "t"], rows())
    first = next(stream)
    assert first == BOM.encode("utf-8") + b"n,t\r\n"
    assert consumed == []
    chunks = [first, *stream]
    assert len(chunks) == 4  # header, 1000, 1000, 100 rows
    joined = b"".join(chunks)
    assert joined.count(BOM.encode("utf-8")) == 1
    assert joined == csv_bytes(["n", "t"], ([i, "ไทย"] for i in range(2100)))


# ---------------------------------------------------------------------------
# Downloads and amounts


def test_content_disposition_carries_thai_filename_with_ascii_fallback():
    value = content_disposition("รายงาน ITA ปี 2569.pdf")
    assert value.startswith('attachment; filename="ITA_2569.pdf"; ')
    encoded = value.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "รายงาน ITA ปี 2569.pdf"
    assert " " not in encoded


def test_content_disposition_strips_dangerous_characters():
    value = content_disposition('../"evil"\r\n.csv')
    assert "\r" not in value and "\n" not in value
    assert 'filename="' in value
    assert "/" not in unquote(value.split("''", 1)[1])
    assert content_disposition("ทั้งหมด.xlsx").startswith(
        'attachment; filename="download.xlsx"'
    )
    assert content_disposition("x.pdf", attachment=False).startswith("inline;")


def test_file_response_and_streaming_response():
    response = file_response(
        b"%PDF-1.7", filename="สรุป.pdf", content_type=CONTENT_TYPE_PDF
    )
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''%E0%B8%AA" in response["Content-Disposition"]
    assert response.content == b"%PDF-1.7"
    streaming = streaming_file_response(
        csv_rows(["a"], [[1]]), filename="ข้อมูล.csv", content_type=CONTENT_TYPE_CSV
    )
    assert streaming["Content-Type"] == "text/csv; charset=utf-8"
    assert b"".join(streaming.streaming_content).startswith(BOM.encode("utf-8"))


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal("1234.50"), "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
        (0, "ศูนย์บาทถ้วน"),
        ("21.255", "ยี่สิบเอ็ดบาทยี่สิบหกสตางค์"),
        (1_000_000, "หนึ่งล้านบาทถ้วน"),
    ],
)
def test_baht_text(amount, words):
    assert baht_text(amount) == words
