"""The PDF and the DOCX of a document agree: digits, page numbers, margins,
addresses, and dates that never break across lines."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date, datetime
from types import SimpleNamespace

import docx
import pytest
from django.template import Context, Template
from docx.oxml.ns import qn

from prongsai.core import thai_dates
from prongsai.core.addresses import (
    clean_address_text,
    organization_address,
    thai_address,
)
from prongsai.core.documents import (
    MARGINS_CM,
    docx_bytes,
    docx_document,
    docx_paragraph,
    docx_table,
    keep_dates_together_in_html,
    render_pdf,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftotext) is not installed; CI installs it",
)
CM_IN_POINTS = 72 / 2.54


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    executable = shutil.which(tool)
    assert executable is not None
    return subprocess.run(  # noqa: S603 - fixed tool, our own arguments
        [executable, *args, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


def example(rows: int = 3, **extra) -> dict:
    return {
        "title": "รายงานผลการดำเนินงานประจำปีงบประมาณ 2569",
        "intro": "ข้อมูล ณ วันที่ 28 มิถุนายน 2569 จำนวน 1,234 รายการ",
        "issued": date(2026, 6, 28),
        "headers": ["ลำดับ", "รายการ", "วันที่"],
        "rows": [[i, f"รายการที่ {i}", "28 มิถุนายน 2569"] for i in range(1, rows + 1)],
        "signer": "นายสมชาย ใจดี",
        **extra,
    }


def example_docx(*, thai_digits: bool) -> docx.document.Document:
    doc = docx_document(thai_digits=thai_digits)
    context = example()
    docx_paragraph(doc, context["title"], bold=True, align="center")
    docx_paragraph(doc, context["intro"])
    docx_table(doc, context["headers"], context["rows"])
    docx_paragraph(doc, thai_dates.format_date(context["issued"]), align="right")
    return docx.Document(io.BytesIO(docx_bytes(doc)))


def docx_texts(doc) -> list[str]:
    return [t.text for t in doc.element.body.iter(qn("w:t")) if t.text]


# ---------------------------------------------------------------------------
# Thai digits


@needs_poppler
def test_thai_digits_in_both_pdf_and_docx():
    pdf_text = poppler(
        "pdftotext",
        render_pdf("documents/example_pdf.html", example(), thai_digits=True),
    )
    doc = example_docx(thai_digits=True)
    body = " ".join(docx_texts(doc))
    for text in (pdf_text, body):
        assert "๒๕๖๙" in text
        assert "๑,๒๓๔" in text
        assert not re.search(r"[0-9]", text), text
    header = doc.sections[0].header.paragraphs[0]._p.xml
    assert "PAGE \\* ThaiArabic" in header


def test_docx_keeps_arabic_digits_without_the_option():
    doc = example_docx(thai_digits=False)
    body = " ".join(docx_texts(doc))
    assert "2569" in body
    assert "๒" not in body
    assert "ThaiArabic" not in doc.sections[0].header.paragraphs[0]._p.xml


# ---------------------------------------------------------------------------
# Page numbers


@needs_poppler
@pytest.mark.parametrize(("thai_digits", "two"), [(False, "2"), (True, "๒")])
def test_page_numbers_are_alike(thai_digits, two):
    pdf = render_pdf(
        "documents/example_pdf.html", example(rows=70), thai_digits=thai_digits
    )
    first = poppler("pdftotext", pdf, "-f", "1", "-l", "1", "-layout")
    second = poppler("pdftotext", pdf, "-f", "2", "-l", "2", "-layout")
    assert re.search(rf"^\s*-\s*{two}\s*-\s*$", second, re.MULTILINE)
    assert not re.search(r"^\s*-\s*[1๑]\s*-\s*$", first, re.MULTILINE)
    # The DOCX: "- PAGE -" centred in the header, none on the first page.
    doc = docx.Document(io.BytesIO(docx_bytes(docx_document(thai_digits=thai_digits))))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centre
    instruction = "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert instruction.strip() == ("PAGE \\* ThaiArabic" if thai_digits else "PAGE")
    assert re.sub("[1๑]", "", header.text) == "-  -"  # "- " field " -"
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not "".join(p.text for p in section.footer.paragraphs).strip()


# ---------------------------------------------------------------------------
# Margins (ระเบียบงานสารบรรณ): 3 cm left, 2–2.5 cm elsewhere, in both.


def test_margins_follow_the_correspondence_regulation():
    assert MARGINS_CM["left"] == 3.0
    for side in ("top", "right", "bottom"):
        assert 2.0 <= MARGINS_CM[side] <= 2.5
    section = docx.Document(io.BytesIO(docx_bytes(docx_document()))).sections[0]
    assert round(section.left_margin.cm, 2) == MARGINS_CM["left"]
    assert round(section.top_margin.cm, 2) == MARGINS_CM["top"]
    assert round(section.right_margin.cm, 2) == MARGINS_CM["right"]
    assert round(section.bottom_margin.cm, 2) == MARGINS_CM["bottom"]


@needs_poppler
def test_pdf_text_sits_inside_the_same_margins():
    # Long text in every column fills the width from margin to margin.
    long = "ข้อความทดสอบขอบกระดาษของเอกสารราชการ " * 3
    pdf = render_pdf(
        "documents/example_pdf.html",
        {**example(), "rows": [[long, long, "1,234.50"]] * 30},
    )
    bbox = poppler("pdftotext", pdf, "-f", "1", "-l", "1", "-bbox")
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', bbox)
    assert page is not None
    width, height = float(page[1]), float(page[2])
    words = [
        tuple(float(v) for v in m)
        for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', bbox
        )
    ]
    left = min(w[0] for w in words) / CM_IN_POINTS
    top = min(w[1] for w in words) / CM_IN_POINTS
    right = (width - max(w[2] for w in words)) / CM_IN_POINTS
    bottom = (height - max(w[3] for w in words)) / CM_IN_POINTS
    # The table's cell padding and borders sit just inside the margin.
    assert MARGINS_CM["left"] <= left < MARGINS_CM["left"] + 0.5
    assert MARGINS_CM["top"] <= top < MARGINS_CM["top"] + 0.5
    assert right >= MARGINS_CM["right"] - 0.05  # glyph boxes are approximate
    assert bottom >= MARGINS_CM["bottom"] - 0.05


# ---------------------------------------------------------------------------
# Dates never break across lines


def test_keep_dates_together():
    nbsp = thai_dates.NBSP
    assert thai_dates.keep_dates_together("วันที่ 28 มิถุนายน 2569 เวลา 14:05 น.") == (
        f"วันที่ 28{nbsp}มิถุนายน{nbsp}2569 เวลา{nbsp}14:05{nbsp}น."
    )
    assert thai_dates.keep_dates_together("1 ต.ค. 2568 – 30 ก.ย. 2569") == (
        f"1{nbsp}ต.ค.{nbsp}2568 – 30{nbsp}ก.ย.{nbsp}2569"
    )
    assert thai_dates.keep_dates_together("ปีงบประมาณ พ.ศ. ๒๕๖๙") == (
        f"ปีงบประมาณ{nbsp}พ.ศ.{nbsp}๒๕๖๙"
    )
    assert thai_dates.keep_dates_together("ประจำปี 2569") == f"ประจำปี{nbsp}2569"
    # Not a date: left alone.
    for text in ("หมู่ที่ 3 ตำบลบ้านดง", "ราคา 1,234 บาท", ""):
        assert thai_dates.keep_dates_together(text) == text


def test_format_date_can_glue_its_parts():
    day = date(2026, 6, 28)
    assert thai_dates.format_date(day, nbsp=True) == "28\u00a0มิถุนายน\u00a02569"
    assert thai_dates.format_date(day) == "28 มิถุนายน 2569"
    assert thai_dates.format_datetime(datetime(2026, 6, 28, 9, 5), nbsp=True) == (
        "28\u00a0มิถุนายน\u00a02569\u00a0เวลา\u00a009:05\u00a0น."
    )


def test_html_dates_are_kept_together_in_text_only():
    html = (
        "<title>รายงาน 28 มิถุนายน 2569</title>"
        "<svg><text>28 มิถุนายน 2569</text></svg>"
        '<p title="28 มิถุนายน 2569">ลงวันที่ 28 มิถุนายน 2569</p>'
    )
    assert keep_dates_together_in_html(html) == (
        "<title>รายงาน 28 มิถุนายน 2569</title>"
        "<svg><text>28 มิถุนายน 2569</text></svg>"
        '<p title="28 มิถุนายน 2569">ลงวันที่ <span class="nowrap" '
        'style="white-space: nowrap">28\u00a0มิถุนายน\u00a02569</span></p>'
    )


def test_docx_dates_use_no_break_spaces():
    texts = docx_texts(example_docx(thai_digits=False))
    assert "28\u00a0มิถุนายน\u00a02569" in texts
    assert not any("28 มิถุนายน" in text for text in texts)


@needs_poppler
@pytest.mark.parametrize("where", ["intro", "cell"])
def test_dates_in_a_pdf_never_break_across_lines(where):
    # Forty dates in a row: lines end somewhere, but never inside a date.
    dates = "ลงวันที่ 28 มิถุนายน 2569 และ " * 40
    context = {**example(), "rows": [["1", "ทดสอบ", "1"]]}
    if where == "intro":
        context["intro"] = dates
    else:
        context["rows"] = [["1", dates, "1,234.50"]]
    text = poppler(
        "pdftotext", render_pdf("documents/example_pdf.html", context), "-raw"
    )
    lines = [line.strip() for line in text.splitlines() if "มิถุนายน" in line]
    assert len(lines) > 3  # the text did wrap
    for line in lines:
        assert not re.search(
            r"(^|\s)(มิถุนายน|2569)(\s|$)", line.replace("28 มิถุนายน 2569", "")
        ), line


# ---------------------------------------------------------------------------
# Addresses


def test_addresses_have_no_stray_spaces():
    assert clean_address_text("  99  หมู่ที่ 5 ,\r\n ถนนมิตรภาพ  ") == (
        "99 หมู่ที่ 5, ถนนมิตรภาพ"
    )
    assert (
        thai_address(
            address="99 หมู่ที่ 5\n",
            subdistrict="บ้านดง ",
            district="อำเภอ อุบลรัตน์",
            province="ขอนแก่น",
            postcode=" 40250",
        )
        == "99 หมู่ที่ 5 ตำบลบ้านดง อำเภออุบลรัตน์ จังหวัดขอนแก่น 40250"
    )
    # Parts the typed address names already are not repeated.
    assert (
        thai_address(
            address="99 หมู่ที่ 5 ตำบลบ้านดง อำเภออุบลรัตน์ จังหวัดขอนแก่น",
            subdistrict="บ้านดง",
            district="อุบลรัตน์",
            province="ขอนแก่น",
        )
        == "99 หมู่ที่ 5 ตำบลบ้านดง อำเภออุบลรัตน์ จังหวัดขอนแก่น"
    )
    assert thai_address(district="เขตพระนคร", province="กรุงเทพมหานคร") == (
        "เขตพระนคร กรุงเทพมหานคร"
    )
    assert thai_address() == ""


def test_thai_address_filter():
    organization = SimpleNamespace(
        address="99  หมู่ที่ 5 ",
        subdistrict="",
        district="อุบลรัตน์",
        province="ขอนแก่น",
        postcode="",
    )
    rendered = Template(
        "{% load thai %}[{{ o|thai_address }}][{{ o|thai_address:'area' }}]"
    ).render(Context({"o": organization}))
    assert rendered == ("[99 หมู่ที่ 5 อำเภออุบลรัตน์ จังหวัดขอนแก่น][อำเภออุบลรัตน์ จังหวัดขอนแก่น]")
    assert organization_address(organization, area_only=True) == (
        "อำเภออุบลรัตน์ จังหวัดขอนแก่น"
    )
    for text in (rendered, organization_address(organization)):
        assert "  " not in text
        assert " ," not in text
        assert text == text.strip()
