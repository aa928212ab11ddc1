"""Budget documents made in the background (``core.document_jobs``).

Each is a draft of the data as it is now; on the demo they take 0.7-8 s
(the spending reports and the ผ.02 with their charts the longest), and more
with a larger organisation's plan, so every page offers them the same way.
"""

from django.utils.translation import gettext_lazy as _

from prongsai.core.document_jobs import Built, DocumentKind
from prongsai.core.documents import CONTENT_TYPE_DOCX, CONTENT_TYPE_PDF

from . import (
    documents_budget,
    documents_plan,
    documents_results,
    selectors,
    selectors_budget,
    selectors_plan,
    selectors_results,
)

#: The two documents of the development plan: (PDF, DOCX, file name stem).
PLAN_DOCUMENTS = {
    "p02": (documents_plan.p02_pdf, documents_plan.p02_docx, "p02"),
    "p01": (documents_plan.p01_pdf, documents_plan.p01_docx, "p01"),
}


def _content_type(extension: str) -> str:
    return CONTENT_TYPE_PDF if extension == "pdf" else CONTENT_TYPE_DOCX


def _plan_document(*, organization, progress, pk: int, document: str, extension: str):
    plan = selectors.access_plan(organization=organization, pk=pk)
    pdf, docx, stem = PLAN_DOCUMENTS[document]
    snapshot = selectors_plan.plan_snapshot(plan=plan)
    progress(30)
    content = pdf(snapshot) if extension == "pdf" else docx(snapshot)
    name = f"{stem}-{plan.first_year}-{plan.last_year}-draft.{extension}"
    return Built(content, name, _content_type(extension))


def _operation_plan(*, organization, progress, year: int, extension: str):
    budget = selectors_budget.budget_of_year(
        organization=organization, fiscal_year=year
    )
    snapshot = selectors_budget.operation_plan_snapshot(
        organization=organization, budget=budget
    )
    progress(30)
    content = (
        documents_budget.operation_plan_pdf(snapshot)
        if extension == "pdf"
        else documents_budget.operation_plan_docx(snapshot)
    )
    name = f"operation-plan-{year}-draft.{extension}"
    return Built(content, name, _content_type(extension))


def _spending_report(*, organization, progress, year: int, period: str, extension):
    budget = selectors_budget.budget_of_year(
        organization=organization, fiscal_year=year
    )
    snapshot = selectors_budget.spending_report_snapshot(
        organization=organization, budget=budget, period=period
    )
    progress(30)
    content = (
        documents_budget.spending_report_pdf(snapshot)
        if extension == "pdf"
        else documents_budget.spending_report_docx(snapshot)
    )
    name = f"spending-report-{period}-{year}-draft.{extension}"
    return Built(content, name, _content_type(extension))


def _results_report(*, organization, progress, fiscal_year: int, kind: str, extension):
    snapshot = selectors_results.report_snapshot(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    progress(30)
    content = (
        documents_results.report_pdf(snapshot)
        if extension == "pdf"
        else documents_results.report_docx(snapshot)
    )
    name = f"{kind.replace('_', '-')}-report-{fiscal_year}.{extension}"
    return Built(content, name, _content_type(extension))


DOCUMENTS = [
    DocumentKind(
        key="budget.plan_document",
        label=_("Development plan document (ผ.01/ผ.02)"),
        build=_plan_document,
    ),
    DocumentKind(
        key="budget.operation_plan",
        label=_("Operation plan"),
        build=_operation_plan,
    ),
    DocumentKind(
        key="budget.spending_report",
        label=_("Budget spending report"),
        build=_spending_report,
    ),
    DocumentKind(
        key="budget.results_report",
        label=_("Project results report"),
        build=_results_report,
    ),
]
