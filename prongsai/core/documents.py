"""Shared toolkit for official Thai documents: PDF, DOCX, XLSX, CSV and downloads.

Every domain app builds its reports with these helpers so that all documents
look alike (A4, Thai official margins, Sarabun / TH Sarabun New, Buddhist-era
dates, Thai page numbers) and nobody writes a second toolkit.

- :func:`render_pdf` renders a template extending ``documents/base_pdf.html``
  under ``translation.override("th")`` and prints it with WeasyPrint.  Fonts
  are the ``fontpkg-sarabun`` files with SARA AM made extractable
  (:mod:`prongsai.core.pdf_fonts`: without it ``ประจำปี`` reads back as
  ``ประจาปี``); nothing is fetched from the network and only files below the
  static and font directories are read.
- :func:`docx_document` and the ``docx_*`` helpers build editable Word files
  (in :mod:`prongsai.core.documents_docx`, re-exported here).
- :mod:`prongsai.core.documents_xlsx` writes Excel workbooks (``xlsx_bytes``).
- :func:`csv_rows` / :func:`csv_response` (and :func:`csv_bytes`) are the one
  CSV writer: UTF-8 with BOM, CRLF, formula-injection guard, streamed.
- :func:`file_response` / :func:`streaming_file_response` send a download
  with a Thai file name.

Fonts: PDFs embed Sarabun (a free, metric-independent redesign of
TH Sarabun New) so they look the same everywhere.  DOCX and XLSX files are
edited in Thai offices, where the government standard font "TH Sarabun New"
(cabinet resolution of 2010) is installed; they therefore name
:data:`OFFICE_FONT` for Latin *and* complex-script text.  On a machine
without it, Word/LibreOffice substitute another Thai font, so the text
still renders.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from prongsai.core import pdf_fonts, thai_dates
from prongsai.core.documents_docx import (
    HEADER_DISTANCE_CM,
    MARGINS_CM,
    OFFICE_FONT,
    OFFICE_FONT_SIZE,
    XLSX_FONT_SIZE,
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_keep_dates_together,
    docx_paragraph,
    docx_table,
    docx_thai_digits,
)

__all__ = [
    "CONTENT_TYPE_CSV",
    "CONTENT_TYPE_DOCX",
    "CONTENT_TYPE_PDF",
    "CONTENT_TYPE_XLSX",
    "HEADER_DISTANCE_CM",
    "MARGINS_CM",
    "OFFICE_FONT",
    "OFFICE_FONT_SIZE",
    "XLSX_FONT_SIZE",
    "baht_text",
    "content_disposition",
    "csv_bytes",
    "csv_response",
    "csv_rows",
    "csv_text",
    "docx_bytes",
    "docx_document",
    "docx_heading",
    "docx_image",
    "docx_keep_dates_together",
    "docx_paragraph",
    "docx_table",
    "docx_thai_digits",
    "file_response",
    "keep_dates_together_in_html",
    "render_pdf",
    "streaming_file_response",
    "thai_digits_in_html",
]

CONTENT_TYPE_PDF = "application/pdf"
CONTENT_TYPE_DOCX = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
CONTENT_TYPE_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPE_CSV = "text/csv; charset=utf-8"

#: The packaged Sarabun files (charts draw with them).
FONT_DIR = pdf_fonts.FONT_DIR

# ---------------------------------------------------------------------------
# PDF


def _font_urls() -> dict[str, str]:
    """Return ``file://`` URLs of the PDF Sarabun TTFs by style (see pdf_fonts)."""
    return {style: path.as_uri() for style, path in pdf_fonts.pdf_font_files().items()}


def _allowed_roots() -> list[Path]:
    """Return the directories a PDF may read files from."""
    roots = [FONT_DIR, pdf_fonts.pdf_font_dir(), Path(settings.BASE_DIR) / "static"]
    roots += [
        Path(str(entry[1] if isinstance(entry, tuple) else entry))
        for entry in settings.STATICFILES_DIRS
    ]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _url_fetcher():
    """Return a WeasyPrint URL fetcher limited to local static files and ``data:``."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher

    roots = _allowed_roots()

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in roots):
                    raise ValueError(f"file outside the allowed directories: {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file", "data"}, timeout=5)


# Tags, comments, and the raw text of <style>/<script>, which must not change.
_HTML_TOKEN = re.compile(
    r"(<!--.*?-->|<style\b.*?</style\s*>|<script\b.*?</script\s*>|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_TEXT_DIGIT = re.compile(r"&#?\w+;|[0-9]")


def _map_html_text(html: str, function: Callable[[str], str]) -> str:
    """Return *html* with *function* applied to its text content only."""
    parts = _HTML_TOKEN.split(html)
    for index in range(0, len(parts), 2):  # even indexes are text between tokens
        parts[index] = function(parts[index])
    return "".join(parts)


def thai_digits_in_html(html: str) -> str:
    """Return *html* with 0–9 written as Thai digits in its text content only.

    Markup, attributes (URLs, classes, styles), comments, ``<style>`` and
    ``<script>`` contents and character references such as ``&#160;`` are
    left alone.
    """
    return _map_html_text(
        html,
        lambda text: _TEXT_DIGIT.sub(
            lambda m: m[0] if m[0].startswith("&") else thai_dates.to_thai_digits(m[0]),
            text,
        ),
    )


#: Elements whose text cannot hold a <span>: <title> (plain text), inline <svg>.
_NO_MARKUP_TAG = re.compile(r"<(/?)(?:title|svg)\b", re.IGNORECASE)
#: How a PDF keeps a date on one line: WeasyPrint (Pango's Thai word breaker)
#: may still break at a no-break space before Thai letters.
_NOWRAP = '<span class="nowrap" style="white-space: nowrap">{}</span>'


def keep_dates_together_in_html(html: str) -> str:
    """Keep every Thai date in *html*'s text on one line.

    Each date (see :func:`prongsai.core.thai_dates.keep_dates_together`) gets
    no-break spaces and is wrapped in a ``white-space: nowrap`` span.
    Markup is left alone as in :func:`thai_digits_in_html`, and so is the
    text of ``<title>`` and inline ``<svg>`` (which cannot hold a span).
    """
    parts = _HTML_TOKEN.split(html)
    plain_text = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag, comment or raw element
            match = _NO_MARKUP_TAG.match(part)
            if match:
                plain_text = not match[1]
            continue
        if part and not plain_text:
            parts[index] = thai_dates.DATE_IN_TEXT.sub(
                lambda m: _NOWRAP.format(thai_dates.glue(m[0])), part
            )
    return "".join(parts)


def render_pdf(
    template_name: str,
    context: dict[str, Any] | None = None,
    *,
    landscape: bool = False,
    thai_digits: bool = False,
) -> bytes:
    """Render *template_name* in Thai and return it printed as an A4 PDF.

    The template should extend ``documents/base_pdf.html`` (blocks ``title``,
    ``content`` and optionally ``style``), which receives ``pdf_fonts`` (font
    URLs), ``pdf_landscape``, ``pdf_margins`` and ``pdf_thai_digits``.
    ``thai_digits=True`` writes the digits of the text content, page numbers
    included, as Thai digits (see :func:`thai_digits_in_html`).  Thai dates
    in the text never break across lines (:func:`keep_dates_together_in_html`).
    Relative URLs resolve against the project's ``static/`` directory.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    full_context = {
        **(context or {}),
        "pdf_fonts": _font_urls(),
        "pdf_landscape": landscape,
        "pdf_margins": MARGINS_CM,
        "pdf_thai_digits": thai_digits,
    }
    with translation.override("th"):
        html: str = render_to_string(template_name, full_context)
    html = keep_dates_together_in_html(html)
    if thai_digits:
        html = thai_digits_in_html(html)
    base_url = (Path(settings.BASE_DIR) / "static").as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=_url_fetcher())
    return document.write_pdf(font_config=FontConfiguration())


def local_naive(value: datetime) -> datetime:
    """A naive Bangkok local time (aware datetimes are converted), for files."""
    if timezone.is_aware(value):
        return timezone.localtime(value, thai_dates.BANGKOK).replace(tzinfo=None)
    return value


# ---------------------------------------------------------------------------
# CSV

BOM = "\ufeff"
_CSV_ROWS_PER_CHUNK = 1000
#: First characters that make Excel/LibreOffice run a cell as a formula.
_FORMULA_START = frozenset("=+-@\t\r")
#: Cells left alone although they start with one: numbers and dash placeholders.
_NOT_FORMULA = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[-\s]+")
CSV_DATES = ("iso", "thai")


def csv_text(text: str) -> str:
    """Return *text* safe for a CSV cell.

    Text starting with ``= + - @``, a tab or a carriage return would run as
    a formula in a spreadsheet (CSV injection), so it gets a leading ``'``,
    unless it is a plain number (``-5``, ``+66``, ``1e3``) or a dash
    placeholder (``-``) that shows an empty value. NUL characters,
    which break spreadsheet programs, are dropped.
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    if text and text[0] in _FORMULA_START and not _NOT_FORMULA.fullmatch(text):
        return "'" + text
    return text


def _csv_iso(value: object) -> object:
    """A cell for machines: ISO 8601 dates, local date-times, guarded text."""
    cls = value.__class__
    if cls is str:
        return csv_text(value)  # type: ignore[arg-type]
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_naive(value).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_text(value)
    return value


def _csv_thai(value: object) -> object:
    """A cell for people: Buddhist-era dates (``22/11/2569``), guarded text."""
    if isinstance(value, datetime):
        return thai_dates.format_date(value, "numeric") + local_naive(value).strftime(
            " %H:%M"
        )
    if isinstance(value, date):
        return thai_dates.format_date(value, "numeric")
    return _csv_iso(value)


def csv_rows(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    dates: str = "iso",
) -> Iterator[bytes]:
    """Yield CSV as UTF-8 encoded chunks: the BOM once, first, then CRLF lines.

    The one CSV writer of the project (Excel opens it with Thai intact).
    Every cell goes through the formula guard (:func:`csv_text`); ``None``
    is empty. ``dates="iso"`` (default, for machine-readable data) writes
    ``2026-11-22``; ``dates="thai"`` writes Buddhist-era ``22/11/2569`` for
    exports read by people. Rows are consumed lazily, a thousand per chunk,
    so memory stays flat for large exports (pass a generator or a queryset
    ``.iterator()``).
    """
    if dates not in CSV_DATES:
        raise ValueError(f"dates must be one of {CSV_DATES}, not {dates!r}")
    cell = _csv_thai if dates == "thai" else _csv_iso
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    yield (BOM + buffer.getvalue()).encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    writerow = writer.writerow
    count = 0
    for row in rows:
        writerow([cell(v) for v in row])
        count += 1
        if count == _CSV_ROWS_PER_CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            count = 0
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def csv_bytes(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, dates: str = "iso"
) -> bytes:
    """Return the whole CSV of :func:`csv_rows` as bytes (small files, tasks)."""
    return b"".join(csv_rows(header, rows, dates=dates))


def csv_response(
    filename: str,
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    streaming: bool = True,
    dates: str = "iso",
) -> HttpResponse | StreamingHttpResponse:
    """Return a CSV download of :func:`csv_rows` named *filename* (Thai allowed).

    Streamed by default; ``streaming=False`` builds the body first (small
    files, or when errors must surface before the first byte is sent).
    """
    chunks = csv_rows(header, rows, dates=dates)
    if streaming:
        return streaming_file_response(
            chunks, filename=filename, content_type=CONTENT_TYPE_CSV
        )
    return file_response(
        b"".join(chunks), filename=filename, content_type=CONTENT_TYPE_CSV
    )


# ---------------------------------------------------------------------------
# Downloads

_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """Return a ``Content-Disposition`` value carrying a (Thai) file name.

    RFC 6266: an ASCII ``filename=`` fallback for old clients plus
    ``filename*=UTF-8''…`` (RFC 5987) with the real name.
    """
    name = _UNSAFE_FILENAME.sub("_", filename).strip(" .") or "download"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_stem).strip("_.") or "download"
    ascii_ext = re.sub(r"[^A-Za-z0-9]+", "", ext)
    fallback = f"{ascii_stem}.{ascii_ext}" if ascii_ext else ascii_stem
    disposition = "attachment" if attachment else "inline"
    encoded = quote(name, safe="")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def file_response(
    content: bytes, *, filename: str, content_type: str, attachment: bool = True
) -> HttpResponse:
    """Return an ``HttpResponse`` downloading *content* as *filename*."""
    response = HttpResponse(content, content_type=content_type)
    return _as_download(response, filename, attachment=attachment)


def streaming_file_response(
    chunks: Iterable[bytes],
    *,
    filename: str,
    content_type: str,
    attachment: bool = True,
) -> StreamingHttpResponse:
    """Return a ``StreamingHttpResponse`` downloading *chunks*.

    *chunks* is an iterable of bytes, e.g. from :func:`csv_rows`.
    """
    response = StreamingHttpResponse(chunks, content_type=content_type)
    return _as_download(response, filename, attachment=attachment)


def _as_download(response, filename: str, *, attachment: bool):
    """Name the file and forbid content sniffing on a download response."""
    response["Content-Disposition"] = content_disposition(
        filename, attachment=attachment
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------------------
# Amounts


def baht_text(amount: Decimal | int | float | str) -> str:
    """Return an amount of baht in Thai words, e.g. ``หนึ่งพันบาทถ้วน``.

    The amount is rounded half-up to satang first.
    """
    from pythainlp.util import bahttext

    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return bahttext(float(value))
