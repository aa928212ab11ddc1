"""The budget app's public documents made from a publication's frozen
snapshot: the development plan's ผ.01 (PDF, DOCX) and ผ.02 (DOCX), and the
results reports as DOCX, kept in storage and made again when a publication
changes (``core.public_documents``). The ผ.02 and results-report PDFs are
stored with the publications themselves."""

from __future__ import annotations

from django.http import Http404

from prongsai.core.documents import CONTENT_TYPE_DOCX
from prongsai.core.public_documents import PublicDocumentKind, PublicFile

from . import documents_plan, documents_results, selectors_plan, selectors_results

#: A publication is a ``core.Publication`` row (publishing again adds one,
#: withdrawing changes it); the organisation's name is printed in it.
PUBLICATION = ("core.Publication", "organizations.Organization")

_PLAN_WRITERS = {
    ("p01", "pdf"): documents_plan.p01_pdf,
    ("p01", "docx"): documents_plan.p01_docx,
    ("p02", "docx"): documents_plan.p02_docx,
}


def plan_document(
    *, organization, first_year: int, document: str, extension: str
) -> PublicFile:
    """A published development plan's ผ.01 or ผ.02; Http404 while the plan is
    not published (or for the ผ.02 PDF, which is stored with the publication)."""
    write = _PLAN_WRITERS.get((document, extension))
    found = [
        (plan, publication)
        for plan, publication in selectors_plan.published_plans(
            organization=organization
        )
        if plan.first_year == first_year
    ]
    if write is None or not found:
        raise Http404
    plan, publication = found[0]
    content_type = "application/pdf" if extension == "pdf" else CONTENT_TYPE_DOCX
    return PublicFile(
        write(publication.snapshot),
        f"{document}-{plan.first_year}-{plan.last_year}.{extension}",
        content_type,
    )


def results_report_docx(*, organization, kind: str, fiscal_year: int) -> PublicFile:
    """A published results report as DOCX; Http404 while unpublished."""
    publication = selectors_results.published_report(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    if publication is None:
        raise Http404
    return PublicFile(
        documents_results.report_docx(publication.snapshot),
        f"{kind.replace('_', '-')}-report-{fiscal_year}.docx",
        CONTENT_TYPE_DOCX,
    )


PUBLIC_DOCUMENTS = [
    PublicDocumentKind(
        key="budget.plan_document",
        build=plan_document,
        depends_on=(*PUBLICATION, "budget.DevelopmentPlan"),
    ),
    PublicDocumentKind(
        key="budget.results_report_docx",
        build=results_report_docx,
        depends_on=(*PUBLICATION, "budget.ResultsReport"),
    ),
]
