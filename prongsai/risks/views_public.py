"""Public pages of an organisation's published risk assessments (an OIT item)."""

from django.shortcuts import render

from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization

from . import selectors


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


def risk_report(request, org, pk):
    """The published risk assessment as a PDF document, kept in storage
    (``core.public_documents``)."""
    organization = access_organization(slug=org)
    assessment = selectors.access_published_risk_assessment(
        organization=organization, pk=pk
    )
    return public_document_response(
        request,
        organization=organization,
        kind="risks.report_pdf",
        params={"pk": assessment.pk},
    )
