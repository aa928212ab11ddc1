"""The complaints app's public documents, kept in storage and made again when
cases change (``core.public_documents``)."""

from __future__ import annotations

from prongsai.core.documents import CONTENT_TYPE_PDF, CONTENT_TYPE_XLSX
from prongsai.core.public_documents import PublicDocumentKind, PublicFile

from . import reports

DEPENDS_ON = (
    "complaints.Case",
    "complaints.CaseEntry",
    "complaints.Category",
    "organizations.Organization",
)


def _filename(organization, fiscal_year: int, extension: str) -> str:
    return f"สถิติเรื่องร้องเรียน-{organization.slug}-{fiscal_year}.{extension}"


def statistics_pdf(*, organization, fiscal_year: int) -> PublicFile:
    return PublicFile(
        reports.statistics_pdf(organization=organization, fiscal_year=fiscal_year),
        _filename(organization, fiscal_year, "pdf"),
        CONTENT_TYPE_PDF,
    )


def statistics_xlsx(*, organization, fiscal_year: int) -> PublicFile:
    return PublicFile(
        reports.statistics_xlsx(organization=organization, fiscal_year=fiscal_year),
        _filename(organization, fiscal_year, "xlsx"),
        CONTENT_TYPE_XLSX,
    )


PUBLIC_DOCUMENTS = [
    PublicDocumentKind(
        key="complaints.statistics_pdf",
        build=statistics_pdf,
        depends_on=DEPENDS_ON,
        dated=True,
        inline=True,
    ),
    PublicDocumentKind(
        key="complaints.statistics_xlsx",
        build=statistics_xlsx,
        depends_on=DEPENDS_ON,
    ),
]
