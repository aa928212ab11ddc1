"""The public ethics page of an organisation (OIT ``ethics.code``): only the
current publication of a year, never the live records."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.core.documents import CONTENT_TYPE_PDF, file_response
from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization

from . import selectors_ethics as selectors
from .documents_ethics import ethics_report_context
from .services_ethics_publication import ethics_publication_get


def _publication(organization, fiscal_year: int):
    publication = ethics_publication_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if publication is None:
        raise Http404
    return publication


def ethics(request, org, fiscal_year=None):
    """A year's published ethics page (the current fiscal year without
    ``fiscal_year``, which may not be published yet)."""
    organization = access_organization(slug=org)
    request.organization = organization
    if fiscal_year is None:
        fiscal_year = thai_dates.fiscal_year(timezone.localdate())
        publication = ethics_publication_get(
            organization=organization, fiscal_year=fiscal_year
        )
    else:
        publication = _publication(organization, fiscal_year)
    return render(
        request,
        "integrity/ethics/public.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "publication": publication,
            "page": ethics_report_context(publication.snapshot)
            if publication
            else None,
            "years": selectors.ethics_year_list_published(organization=organization),
        },
    )


def _name(organization, fiscal_year: int, extension: str) -> str:
    return f"ethics-{organization.slug}-{fiscal_year}.{extension}"


def report_pdf(request, org, fiscal_year):
    """The report PDF stored with the publication."""
    organization = access_organization(slug=org)
    publication = _publication(organization, fiscal_year)
    return file_response(
        publication_pdf_bytes(publication),
        filename=_name(organization, fiscal_year, "pdf"),
        content_type=CONTENT_TYPE_PDF,
        attachment=False,
    )


def report_docx(request, org, fiscal_year):
    """The report DOCX, written from the publication's snapshot and kept
    (``integrity.public_documents``)."""
    organization = access_organization(slug=org)
    return public_document_response(
        request,
        organization=organization,
        kind="integrity.ethics_docx",
        params={"fiscal_year": fiscal_year},
    )


def publication_pdf_bytes(publication) -> bytes:
    pdf = publication.pdf
    if isinstance(pdf, bytes | memoryview):
        return bytes(pdf)
    with pdf.open("rb") as handle:
        return handle.read()
