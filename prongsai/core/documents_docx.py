"""DOCX (python-docx) for the shared document toolkit; import from
:mod:`prongsai.core.documents`, which re-exports everything here.

The page constants (:data:`MARGINS_CM`) are shared with the PDF template
``documents/base_pdf.html`` so both formats lay pages out alike.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prongsai.core import thai_dates

__all__ = [
    "HEADER_DISTANCE_CM",
    "MARGINS_CM",
    "OFFICE_FONT",
    "OFFICE_FONT_SIZE",
    "XLSX_FONT_SIZE",
    "docx_bytes",
    "docx_document",
    "docx_heading",
    "docx_image",
    "docx_keep_dates_together",
    "docx_paragraph",
    "docx_table",
    "docx_thai_digits",
]

#: Font named in DOCX and XLSX files (see :mod:`prongsai.core.documents`).
OFFICE_FONT = "TH Sarabun New"
#: Body size of official documents in TH Sarabun New, in points.
OFFICE_FONT_SIZE = 16
#: Cell font size in spreadsheets, in points.
XLSX_FONT_SIZE = 14

#: Page margins of the official correspondence regulation (ระเบียบงานสารบรรณ),
#: in cm, for PDF (``documents/base_pdf.html``) and DOCX alike: 3 cm on the
#: binding side, 2.5 cm at the top (room for the page number), 2 cm right and
#: bottom.
MARGINS_CM = {"top": 2.5, "right": 2.0, "bottom": 2.0, "left": 3.0}
#: Distance of the page-number header from the top edge, in cm.
HEADER_DISTANCE_CM = 1.2


def _set_run_fonts(rpr_parent, *, name: str, size_pt: float | None = None) -> None:
    """Set Latin, East-Asian and complex-script fonts (and sizes) on an ``rPr`` owner.

    python-docx sets only ``w:ascii``/``w:hAnsi``; Thai text is complex script
    and uses ``w:cs`` and ``w:szCs``.  Theme font attributes are removed
    because they override the explicit names.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if size_pt is not None:
        half_points = str(int(Pt(size_pt).pt * 2))
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = rpr.makeelement(qn(tag), {})
                rpr.append(element)
            element.set(qn("w:val"), half_points)


_HEADING_SIZES = {0: 24, 1: 20, 2: 18, 3: 16}
#: Attribute marking a ``docx_document(thai_digits=True)`` for docx_bytes.
_THAI_DIGITS_FLAG = "prongsai_thai_digits"


def docx_document(*, landscape: bool = False, thai_digits: bool = False):
    """Return a new A4 ``docx.Document`` in Thai official style, like the PDFs.

    Margins :data:`MARGINS_CM` (as ``documents/base_pdf.html``);
    :data:`OFFICE_FONT` at :data:`OFFICE_FONT_SIZE` pt for Latin and Thai
    text in the Normal, Title, Heading 1–3 and Table Grid styles; the page
    number centred at the top from the second page on ("- 2 -", a ``PAGE``
    field).  ``thai_digits=True`` writes the page number and, when the file
    is saved with :func:`docx_bytes`, every digit of the text as Thai digits,
    as :func:`render_pdf` does.
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, RGBColor

    doc = docx.Document()
    section = doc.sections[0]
    width, height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin = Cm(MARGINS_CM["top"])
    section.right_margin = Cm(MARGINS_CM["right"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])
    section.left_margin = Cm(MARGINS_CM["left"])
    section.header_distance = Cm(HEADER_DISTANCE_CM)
    section.footer_distance = Cm(1)

    _set_run_fonts(
        doc.styles["Normal"].element, name=OFFICE_FONT, size_pt=OFFICE_FONT_SIZE
    )
    doc.styles["Normal"].paragraph_format.space_after = 0
    for level, size in _HEADING_SIZES.items():
        style = doc.styles["Title" if level == 0 else f"Heading {level}"]
        _set_run_fonts(style.element, name=OFFICE_FONT, size_pt=size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
    _set_run_fonts(
        doc.styles["Table Grid"].element, name=OFFICE_FONT, size_pt=OFFICE_FONT_SIZE
    )

    # As in the PDF: no number on the first page, "- 2 -" at the top after it.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run("- ")
    _add_field(header, "PAGE \\* ThaiArabic" if thai_digits else "PAGE")
    header.add_run(" -")
    setattr(doc, _THAI_DIGITS_FLAG, thai_digits)  # read by docx_bytes
    return doc


def _add_field(paragraph, instruction: str) -> None:
    """Append a Word field (e.g. ``PAGE``) to *paragraph* as a complex field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def add(tag: str, **attrs: str):
        run = paragraph.add_run()
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.text = f" {instruction} "
        run._r.append(element)
        return run

    add("w:fldChar", **{"w:fldCharType": "begin"})
    add("w:instrText", **{"xml:space": "preserve"})
    add("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    add("w:fldChar", **{"w:fldCharType": "end"})


_ALIGNMENTS = {"left": 0, "center": 1, "right": 2, "justify": 3, "thai_justify": 9}


def _alignment(align: str | None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if align is None:
        return None
    try:
        return WD_ALIGN_PARAGRAPH(_ALIGNMENTS[align])  # type: ignore[call-arg]
    except KeyError:
        raise ValueError(
            f"unknown alignment {align!r}; expected one of {', '.join(_ALIGNMENTS)}"
        ) from None


def docx_heading(doc, text: str, level: int = 1):
    """Add a heading (level 0 = title, 1–3) and return the paragraph."""
    if level not in _HEADING_SIZES:
        raise ValueError(f"heading level must be 0–3, not {level}")
    paragraph = doc.add_heading(text, level)
    for run in paragraph.runs:
        _set_run_fonts(run._r, name=OFFICE_FONT)
    return paragraph


def docx_paragraph(doc, text: str, *, bold: bool = False, align: str | None = None):
    """Add a body paragraph; *align* is left, center, right, justify or thai_justify."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    _set_run_fonts(run._r, name=OFFICE_FONT)
    if align is not None:
        paragraph.alignment = _alignment(align)
    return paragraph


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return thai_dates.format_datetime(value)
    if isinstance(value, date):
        return thai_dates.format_date(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def docx_table(
    doc, headers: Sequence[str], rows: Iterable[Sequence[object]], *, widths=None
):
    """Add a bordered table with a bold header row repeated on every page.

    Cell values are written as text: dates in Buddhist era, Decimals as
    ``1,234.50``, ``None`` as empty.  *widths* are column widths in cm.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    header_row = table.rows[0]
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, header in zip(header_row.cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(str(header))
        run.bold = True
        _set_run_fonts(run._r, name=OFFICE_FONT)
    for values in rows:
        values = list(values)
        if len(values) != len(headers):
            raise ValueError(f"row has {len(values)} values for {len(headers)} columns")
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(_cell_text(value))
            _set_run_fonts(run._r, name=OFFICE_FONT)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell.paragraphs[0].alignment = _alignment("right")
    if widths:
        table.autofit = False
        # Word reads the cell widths, LibreOffice the table grid: set both.
        for column, width in zip(table.columns, widths, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
    return table


def docx_image(doc, png_bytes: bytes, width_cm: float):
    """Add a centred picture (e.g. ``chart.png()``) *width_cm* wide."""
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(png_bytes), width=Cm(width_cm))
    paragraph = doc.paragraphs[-1]
    paragraph.alignment = _alignment("center")
    return paragraph


def _docx_text_elements(doc) -> Iterator[Any]:
    """Every ``w:t`` text element of the body, headers and footers."""
    from docx.oxml.ns import qn

    parts = [doc.element.body]
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for part in parts:
        yield from part.iter(qn("w:t"))


def docx_keep_dates_together(doc) -> None:
    """Glue the parts of every Thai date in *doc*'s text with no-break spaces."""
    for element in _docx_text_elements(doc):
        if element.text:
            element.text = thai_dates.keep_dates_together(element.text)


def docx_thai_digits(doc) -> None:
    """Write every digit of *doc*'s text (body, headers, footers) as a Thai digit."""
    for element in _docx_text_elements(doc):
        if element.text:
            element.text = thai_dates.to_thai_digits(element.text)


def docx_bytes(doc) -> bytes:
    """Return the document saved as ``.docx`` bytes.

    As :func:`render_pdf` does, Thai dates are kept on one line
    (:func:`docx_keep_dates_together`) and a document made with
    ``docx_document(thai_digits=True)`` has its digits written as Thai digits
    (:func:`docx_thai_digits`), so the DOCX reads like the PDF of the same
    report.
    """
    docx_keep_dates_together(doc)
    if getattr(doc, _THAI_DIGITS_FLAG, False):
        docx_thai_digits(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
