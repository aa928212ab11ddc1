"""The integrity app's public documents made from a publication's frozen
snapshot: the ethics report and the HR plan and report as DOCX, kept in
storage and made again when a publication changes (``core.public_documents``).
The PDFs are stored with the publications themselves."""

from __future__ import annotations

from django.http import Http404

from prongsai.core.documents import CONTENT_TYPE_DOCX
from prongsai.core.public_documents import PublicDocumentKind, PublicFile

from . import hr_documents, selectors_hr
from .documents_ethics import ethics_report_docx
from .services_ethics_publication import ethics_publication_get

#: A publication is a ``core.Publication`` row (publishing again adds one,
#: withdrawing changes it); the organisation's name is printed in it.
PUBLICATION = ("core.Publication", "organizations.Organization")


def ethics_docx(*, organization, fiscal_year: int) -> PublicFile:
    """Raises Http404 while the year is not published."""
    publication = ethics_publication_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if publication is None:
        raise Http404
    return PublicFile(
        ethics_report_docx(publication.snapshot),
        f"ethics-{organization.slug}-{fiscal_year}.docx",
        CONTENT_TYPE_DOCX,
    )


def hr_docx(*, organization, fiscal_year: int, document: str) -> PublicFile:
    """The published HR plan or report; raises Http404 while unpublished."""
    if document == "plan":
        get, write = selectors_hr.hr_published_plan_get, hr_documents.hr_plan_docx
    else:
        get, write = selectors_hr.hr_published_report_get, hr_documents.hr_report_docx
    publication = get(organization=organization, fiscal_year=fiscal_year)
    if publication is None:
        raise Http404
    return PublicFile(
        write(publication.snapshot),
        f"hr-{document}-{fiscal_year}.docx",
        CONTENT_TYPE_DOCX,
    )


PUBLIC_DOCUMENTS = [
    PublicDocumentKind(
        key="integrity.ethics_docx",
        build=ethics_docx,
        depends_on=(*PUBLICATION, "integrity.EthicsYear"),
    ),
    PublicDocumentKind(
        key="integrity.hr_docx",
        build=hr_docx,
        depends_on=(*PUBLICATION, "integrity.HRPlan", "integrity.HRReport"),
    ),
]
