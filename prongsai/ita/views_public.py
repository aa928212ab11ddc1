"""Public ITA pages of an organisation: its published analysis reports."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render

from prongsai.organizations.selectors import access_organization

from . import selectors
from .charts import analysis_charts
from .report import report_context, report_filename


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
    report = selectors.access_published_report(
        organization=organization, fiscal_year=fiscal_year
    )
    context = report_context(report)
    context["charts"] = analysis_charts(context["analysis"])
    return render(request, "ita/public_report.html", context)


def public_report_pdf(request, org, fiscal_year):
    organization = access_organization(slug=org)
    report = selectors.access_published_report(
        organization=organization, fiscal_year=fiscal_year
    )
    if not report.published_pdf:
        raise Http404
    return FileResponse(
        report.published_pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=report_filename(report, "pdf"),
    )
