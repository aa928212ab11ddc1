"""Public pages of an organisation's published plans (an OIT item)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from prongsai.core import thai_dates
from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization
from prongsai.risks import selectors as risk_selectors

from . import selectors, selectors_publication


def plan_list(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(
        request,
        "plans/public_plan_list.html",
        {
            "organization": organization,
            "plans": selectors_publication.plan_list_published(
                organization=organization
            ),
            "assessments": risk_selectors.risk_assessment_list_published(
                organization=organization
            ),
        },
    )


def plan_detail(request, org, pk):
    """The plan exactly as it was last published, and who published it."""
    organization = access_organization(slug=org)
    request.organization = organization
    plan, publication = selectors_publication.access_published_plan(
        organization=organization, pk=pk
    )
    return render(
        request,
        "plans/public_plan_detail.html",
        {
            "organization": organization,
            "plan": plan,
            "publication": publication,
            "version": publication.version,
            "content": selectors_publication.published_content(
                publication, fiscal_year=plan.fiscal_year
            ),
        },
    )


def _plan_report(request, org, pk, period, file_format="pdf"):
    """A public report as published with the plan, kept in storage
    (``plans.public_documents``)."""
    organization = access_organization(slug=org)
    plan, _publication = selectors_publication.access_published_plan(
        organization=organization, pk=pk
    )
    return public_document_response(
        request,
        organization=organization,
        kind=f"plans.report_{file_format}",
        params={"pk": plan.pk, "period": period},
    )


@cache_control(max_age=300)
def plan_annual_report(request, org, pk):
    """The annual implementation report of a published plan (OIT evidence)."""
    return _plan_report(request, org, pk, "year")


@cache_control(max_age=300)
def plan_six_month_report(request, org, pk):
    """The report on the first six months of a published plan."""
    return _plan_report(request, org, pk, "h1")


@cache_control(max_age=300)
def plan_annual_report_docx(request, org, pk):
    return _plan_report(request, org, pk, "year", "docx")


@cache_control(max_age=300)
def plan_six_month_report_docx(request, org, pk):
    return _plan_report(request, org, pk, "h1", "docx")


def participation(request, org):
    """Proposals and comments on the year's published plans (an OIT item)."""
    organization = access_organization(slug=org)
    request.organization = organization
    current = thai_dates.fiscal_year(timezone.localdate())
    try:
        fiscal_year = int(request.GET.get("year") or current)
    except ValueError:
        raise Http404 from None
    if not 2500 <= fiscal_year <= current + 1:
        raise Http404
    return render(
        request,
        "plans/public_participation.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "plans": selectors.participation_list_of_year(
                organization=organization, fiscal_year=fiscal_year
            ),
        },
    )
