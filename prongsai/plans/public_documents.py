"""The plans app's public documents: a published plan's six-month and annual
reports (PDF and DOCX), kept in storage and made again when the plan is
published again (``core.public_documents``)."""

from __future__ import annotations

from prongsai.core.public_documents import PublicDocumentKind, PublicFile

from . import selectors_publication

#: A plan's public reports are made from its publication; a publication is a
#: ``core.Publication`` row, and publishing again also saves the plan.
DEPENDS_ON = ("plans.Plan", "core.Publication", "organizations.Organization")


def plan_report(*, organization, pk: int, period: str, file_format: str) -> PublicFile:
    """The report as published with the plan; a plan published before reports
    were kept with publications gets its report made from the live plan.
    Raises Http404 once the plan is no longer published."""
    from .reports_documents import plan_report_file, plan_report_file_from_data

    plan, publication = selectors_publication.access_published_plan(
        organization=organization, pk=pk
    )
    data = (publication.snapshot or {}).get("reports", {}).get(period)
    if data is not None:
        made = plan_report_file_from_data(plan=plan, data=data, file_format=file_format)
    else:
        made = plan_report_file(plan=plan, period=period, file_format=file_format)
    return PublicFile(*made)


def plan_report_pdf(*, organization, pk: int, period: str) -> PublicFile:
    return plan_report(
        organization=organization, pk=pk, period=period, file_format="pdf"
    )


def plan_report_docx(*, organization, pk: int, period: str) -> PublicFile:
    return plan_report(
        organization=organization, pk=pk, period=period, file_format="docx"
    )


PUBLIC_DOCUMENTS = [
    PublicDocumentKind(
        key="plans.report_pdf",
        build=plan_report_pdf,
        depends_on=DEPENDS_ON,
        inline=True,
    ),
    PublicDocumentKind(
        key="plans.report_docx", build=plan_report_docx, depends_on=DEPENDS_ON
    ),
]
