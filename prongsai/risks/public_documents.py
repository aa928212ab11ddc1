"""The risks app's public documents: a published assessment's report, kept in
storage and made again when the assessment changes (``core.public_documents``)."""

from __future__ import annotations

from prongsai.core.public_documents import PublicDocumentKind, PublicFile

from . import selectors
from .reports import risk_report_file


def risk_report_pdf(*, organization, pk: int) -> PublicFile:
    """Raises Http404 once the assessment is no longer published."""
    assessment = selectors.access_published_risk_assessment(
        organization=organization, pk=pk
    )
    content, filename, content_type = risk_report_file(
        assessment=assessment, file_format="pdf"
    )
    return PublicFile(content, filename, content_type)


PUBLIC_DOCUMENTS = [
    PublicDocumentKind(
        key="risks.report_pdf",
        build=risk_report_pdf,
        depends_on=(
            "risks.RiskAssessment",
            "risks.Risk",
            "plans.Measure",
            "organizations.Membership",
            "organizations.Organization",
        ),
        dated=True,
        inline=True,
    )
]
