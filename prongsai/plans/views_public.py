"""Public pages of an organisation's published plans (an OIT item)."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control

from prongsai.core.documents import file_response
from prongsai.organizations.selectors import access_organization

from . import selectors


def plan_list(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return render(
        request,
        "plans/public_plan_list.html",
        {
            "organization": organization,
            "plans": selectors.plan_list_published(organization=organization),
            "assessments": selectors.risk_assessment_list_published(
                organization=organization
            ),
        },
    )


def plan_detail(request, org, pk):
    organization = access_organization(slug=org)
    request.organization = organization
    plan, version = selectors.access_published_plan(organization=organization, pk=pk)
    return render(
        request,
        "plans/public_plan_detail.html",
        {
            "organization": organization,
            "plan": plan,
            "version": version,
            "content": selectors.snapshot_for_display(
                version.snapshot, fiscal_year=plan.fiscal_year
            ),
        },
    )


@cache_control(max_age=300)
def plan_annual_report(request, org, pk):
    """The annual implementation report of a published plan (OIT evidence)."""
    from .reports import plan_report_file

    organization = access_organization(slug=org)
    plan, _version = selectors.access_published_plan(organization=organization, pk=pk)
    content, filename, content_type = plan_report_file(
        plan=plan, period="year", file_format="pdf"
    )
    return file_response(
        content, filename=filename, content_type=content_type, attachment=False
    )


def risk_detail(request, org, pk):
    """A published corruption risk assessment with last year's follow-up."""
    organization = access_organization(slug=org)
    request.organization = organization
    assessment = selectors.access_published_risk_assessment(
        organization=organization, pk=pk
    )
    register = selectors.risk_register(assessment=assessment)
    return render(
        request,
        "plans/public_risk_detail.html",
        {
            "organization": organization,
            "assessment": assessment,
            "register": register,
            "matrix": selectors.risk_matrix_picture(register=register),
        },
    )


@cache_control(max_age=300)
def risk_report(request, org, pk):
    """The published risk assessment as a PDF document."""
    from .reports import risk_report_file

    organization = access_organization(slug=org)
    assessment = selectors.access_published_risk_assessment(
        organization=organization, pk=pk
    )
    content, filename, content_type = risk_report_file(
        assessment=assessment, file_format="pdf"
    )
    return file_response(
        content, filename=filename, content_type=content_type, attachment=False
    )
