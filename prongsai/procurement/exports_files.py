"""Every export as a file to download: ``build(organization=, fmt=, ...)``."""

from __future__ import annotations

import json

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from prongsai.core import documents, documents_xlsx
from prongsai.core.storage import private_storage

from . import selectors, selectors_indicators
from .exports import (
    FORMATS,
    ITA_HEADERS,
    SOR1_HEADERS,
    Document,
    ExportError,
    ita_rows,
    register_csv_stream,
    sor1_context,
)
from .exports_annual import annual_context, annual_docx
from .exports_ocds import ocds_package


def _register_csv(organization, fiscal_year: int, month, fmt: str) -> Document:
    queryset = selectors.procurement_list(
        organization=organization, fiscal_year=fiscal_year
    )
    return Document(
        b"".join(register_csv_stream(queryset)),
        f"procurement-{organization.slug}-{fiscal_year}.csv",
        documents.CONTENT_TYPE_CSV,
    )


def _sor1(organization, fiscal_year: int, month, fmt: str) -> Document:
    if month is None:
        raise ExportError(_("Choose a month for the สขร.1 summary."))
    context = sor1_context(organization, fiscal_year, month)
    if fmt == "sor1-pdf":
        return Document(
            documents.render_pdf(
                "procurement/documents/sor1.html", context, landscape=True
            ),
            context["filename"] + ".pdf",
            documents.CONTENT_TYPE_PDF,
        )
    title_rows = [
        "แบบ สขร.1",
        f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {context['month_label']}",
        organization.name,
    ]
    rows = context["cells"] or [
        ["", "ไม่มีการจัดซื้อจัดจ้าง", *[""] * (len(SOR1_HEADERS) - 2)]
    ]
    sheet = documents_xlsx.Sheet(
        title="สขร.1",
        headers=SOR1_HEADERS,
        rows=rows,
        title_rows=title_rows,
        widths=[8, 40, 16, 16, 22, 36, 36, 30, 30],
        print_landscape=True,
    )
    return Document(
        documents_xlsx.xlsx_bytes([sheet]),
        context["filename"] + ".xlsx",
        documents.CONTENT_TYPE_XLSX,
    )


def _ita(organization, fiscal_year: int, month, fmt: str) -> Document:
    procurements = list(
        selectors.year_procurements(organization=organization, fiscal_year=fiscal_year)
    )
    rows = ita_rows(organization, procurements, fiscal_year)
    name = f"ita-procurement-{organization.slug}-{fiscal_year}"
    if fmt == "ita-csv":
        return Document(
            documents.csv_bytes(ITA_HEADERS, rows, dates="thai"),
            name + ".csv",
            documents.CONTENT_TYPE_CSV,
        )
    return Document(
        documents_xlsx.xlsx_bytes(
            [documents_xlsx.Sheet(title="ITA", headers=ITA_HEADERS, rows=rows)]
        ),
        name + ".xlsx",
        documents.CONTENT_TYPE_XLSX,
    )


def _annual(
    organization, fiscal_year: int, month, fmt: str, *, indicators: bool = True
) -> Document:
    context = annual_context(organization, fiscal_year, indicators=indicators)
    name = f"procurement-report-{organization.slug}-{fiscal_year}"
    if fmt == "annual-pdf":
        return Document(
            documents.render_pdf("procurement/documents/annual.html", context),
            name + ".pdf",
            documents.CONTENT_TYPE_PDF,
        )
    return Document(annual_docx(context), name + ".docx", documents.CONTENT_TYPE_DOCX)


def _ocds(organization, fiscal_year: int, month, fmt: str) -> Document:
    kind = "release" if fmt == "ocds-release" else "record"
    package = ocds_package(organization, fiscal_year, kind=kind)
    return Document(
        json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8"),
        f"ocds-{kind}-{organization.slug}-{fiscal_year}.json",
        "application/json",
    )


#: The builder of each family of formats (the part of ``fmt`` before "-");
#: all but the register CSV (column titles in the reader's language) in Thai.
BUILDERS = {
    "sor1": _sor1,
    "ita": _ita,
    "annual": _annual,
    "ocds": _ocds,
}


def build(
    *, organization, fmt: str, fiscal_year: int, month: int | None = None
) -> Document:
    """The document ``fmt`` for a fiscal year (and month, for สขร.1)."""
    if fmt not in FORMATS:
        raise ExportError(fmt)
    if fmt == "register-csv":
        return _register_csv(organization, fiscal_year, month, fmt)
    with translation.override("th"):
        return BUILDERS[fmt.split("-")[0]](organization, fiscal_year, month, fmt)


# --- the annual report, kept until its data changes --------------------------------

ANNUAL_FOLDER = "procurement/annual"


def _annual_place(*, organization, fmt: str, fiscal_year: int, indicators: bool):
    """(folder, stored path, download name, content type) of an annual report."""
    audience = "i" if indicators else "p"
    folder = f"{ANNUAL_FOLDER}/{organization.pk}/{fiscal_year}"
    fingerprint = selectors_indicators.annual_fingerprint(
        organization=organization, fiscal_year=fiscal_year
    )
    extension = "pdf" if fmt == "annual-pdf" else "docx"
    name = f"{fmt}-{audience}-{fingerprint}.{extension}"
    filename = f"procurement-report-{organization.slug}-{fiscal_year}.{extension}"
    content_type = (
        documents.CONTENT_TYPE_PDF
        if extension == "pdf"
        else documents.CONTENT_TYPE_DOCX
    )
    return folder, f"{folder}/{name}", filename, content_type


def annual_document_ready(
    *, organization, fmt: str, fiscal_year: int, indicators: bool
) -> bool:
    """Whether the annual report of the current data is made already."""
    _folder, path, _name, _type = _annual_place(
        organization=organization,
        fmt=fmt,
        fiscal_year=fiscal_year,
        indicators=indicators,
    )
    return private_storage().exists(path)


def annual_document(
    *, organization, fmt: str, fiscal_year: int, indicators: bool
) -> Document:
    """The annual report (PDF or DOCX), rendered once per version of its data.

    The file is kept in private storage under a name holding the fingerprint
    of everything it shows (``selectors_indicators.annual_fingerprint``); a request
    after a change renders and keeps the new file and removes the old one.
    ``indicators``: whether this copy lists the risk indicators (officers;
    the public only if the organisation shows them), a separate file.
    """
    audience = "i" if indicators else "p"
    folder, path, filename, content_type = _annual_place(
        organization=organization,
        fmt=fmt,
        fiscal_year=fiscal_year,
        indicators=indicators,
    )
    storage = private_storage()
    if storage.exists(path):
        with storage.open(path, "rb") as stored:
            return Document(stored.read(), filename, content_type)
    with translation.override("th"):
        document = _annual(organization, fiscal_year, None, fmt, indicators=indicators)
    try:
        _dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        files = []
    for old in files:
        if old.startswith(f"{fmt}-{audience}-"):
            storage.delete(f"{folder}/{old}")
    storage.save(path, ContentFile(document.content))
    return document
