"""Public ITA pages of an organisation: its published analysis reports.

The page and the PDF show the report's latest publication, frozen when the
coordinator published it; edits made since stay in the staff's draft.
"""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import render

from prongsai.organizations.selectors import access_organization

from . import selectors
from .charts import analysis_charts
from .report import publication_context, report_filename


def public_list(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(
        request,
        "ita/public_list.html",
        {
            "organization": organization,
            "reports": selectors.analysis_report_list_published(
                organization=organization
            ),
        },
    )


def public_report(request, org, fiscal_year):
    organization = access_organization(slug=org)
    request.organization = organization
    publication = selectors.access_public_publication(
        organization=organization, fiscal_year=fiscal_year
    )
    context = publication_context(publication)
    if context.get("analysis"):
        context["charts"] = analysis_charts(context["analysis"])
    return render(request, "ita/public_report.html", context)


def public_report_pdf(request, org, fiscal_year):
    organization = access_organization(slug=org)
    publication = selectors.access_public_publication(
        organization=organization, fiscal_year=fiscal_year
    )
    response = FileResponse(
        publication.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=report_filename(publication.subject, "pdf"),
    )
    response["ETag"] = f'"{publication.sha256}"'
    return response
