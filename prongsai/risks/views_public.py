"""Public pages of an organisation's published risk assessments (an OIT item)."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control

from prongsai.core.documents import file_response
from prongsai.organizations.selectors import access_organization

from . import selectors
from .reports import risk_report_file


def risk_detail(request, org, pk):
    """A published corruption risk assessment with last year's follow-up."""
    organization = access_organization(slug=org)
    request.organization = organization
    assessment = selectors.access_published_risk_assessment(
        organization=organization, pk=pk
    )
    register = selectors.risk_register_get(assessment=assessment)
    return render(
        request,
        "risks/public_risk_detail.html",
        {
            "organization": organization,
            "assessment": assessment,
            "register": register,
            "matrix": selectors.risk_matrix_picture(register=register),
            "followed_up": any(risk.follow_up for risk, _rank in register.risks),
        },
    )


@cache_control(max_age=300)
def risk_report(request, org, pk):
    """The published risk assessment as a PDF document."""
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
