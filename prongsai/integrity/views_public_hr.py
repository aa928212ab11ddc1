"""Public HR pages of an organisation (OIT "การบริหารและพัฒนาทรัพยากรบุคคล"):
the criteria in force and the published plan of a year, and the published
report of a year. Only the current publication is shown, never the draft,
and never a person's training record: counts and totals only."""

from django.http import Http404
from django.shortcuts import render

from prongsai.core.documents import file_response
from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization

from . import hr_documents, selectors_hr


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def hr_year(request, org, fiscal_year):
    """The criteria in force and the year's published HR plan."""
    organization = _organization(request, org)
    publication = selectors_hr.hr_published_plan_get(
        organization=organization, fiscal_year=fiscal_year
    )
    criteria = selectors_hr.hr_criterion_list_in_force(organization=organization)
    if publication is None and not criteria:
        raise Http404
    return render(
        request,
        "integrity/hr/public_plan.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "criteria": criteria,
            "publication": publication,
            "s": publication.snapshot if publication else None,
            "report_published": selectors_hr.hr_published_report_get(
                organization=organization, fiscal_year=fiscal_year
            )
            is not None,
        },
    )


def hr_report(request, org, fiscal_year):
    """The year's published HR report (404 until it is published)."""
    organization = _organization(request, org)
    publication = selectors_hr.hr_published_report_get(
        organization=organization, fiscal_year=fiscal_year
    )
    if publication is None:
        raise Http404
    snapshot = publication.snapshot
    return render(
        request,
        "integrity/hr/public_report.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "publication": publication,
            "s": snapshot,
            "summary_sentence": hr_documents.report_summary_sentence(snapshot),
        },
    )


def hr_download(request, org, fiscal_year, document, extension):
    """The published version of the plan or report, as PDF or DOCX."""
    organization = _organization(request, org)
    get = (
        selectors_hr.hr_published_plan_get
        if document == "plan"
        else selectors_hr.hr_published_report_get
    )
    publication = get(organization=organization, fiscal_year=fiscal_year)
    if publication is None:
        raise Http404
    name = f"hr-{document}-{fiscal_year}.{extension}"
    if extension == "pdf":
        return file_response(
            selectors_hr.publication_pdf_bytes(publication),
            filename=name,
            content_type="application/pdf",
        )
    return public_document_response(
        request,
        organization=organization,
        kind="integrity.hr_docx",
        params={"fiscal_year": fiscal_year, "document": document},
    )
