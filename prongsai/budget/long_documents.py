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


def _built(snapshot, *, pdf, docx, name: str, extension: str) -> Built:
    """The snapshot written as a PDF or a DOCX named ``name.extension``."""
    if extension == "pdf":
        return Built(pdf(snapshot), f"{name}.pdf", CONTENT_TYPE_PDF)
    return Built(docx(snapshot), f"{name}.{extension}", CONTENT_TYPE_DOCX)


def _plan_document(*, organization, progress, pk: int, document: str, extension: str):
    plan = selectors.access_plan(organization=organization, pk=pk)
    pdf, docx, stem = PLAN_DOCUMENTS[document]
    snapshot = selectors_plan.plan_snapshot(plan=plan)
    progress(30)
    name = f"{stem}-{plan.first_year}-{plan.last_year}-draft"
    return _built(snapshot, pdf=pdf, docx=docx, name=name, extension=extension)


def _budget_document(organization, year: int, snapshot_of, **params):
    budget = selectors_budget.budget_of_year(
        organization=organization, fiscal_year=year
    )
    return snapshot_of(organization=organization, budget=budget, **params)


def _operation_plan(*, organization, progress, year: int, extension: str):
    snapshot = _budget_document(
        organization, year, selectors_budget.operation_plan_snapshot
    )
    progress(30)
    return _built(
        snapshot,
        pdf=documents_budget.operation_plan_pdf,
        docx=documents_budget.operation_plan_docx,
        name=f"operation-plan-{year}-draft",
        extension=extension,
    )


def _spending_report(*, organization, progress, year: int, period: str, extension):
    snapshot = _budget_document(
        organization, year, selectors_budget.spending_report_snapshot, period=period
    )
    progress(30)
    return _built(
        snapshot,
        pdf=documents_budget.spending_report_pdf,
        docx=documents_budget.spending_report_docx,
        name=f"spending-report-{period}-{year}-draft",
        extension=extension,
    )


def _results_report(*, organization, progress, fiscal_year: int, kind: str, extension):
    snapshot = selectors_results.report_snapshot(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    progress(30)
    return _built(
        snapshot,
        pdf=documents_results.report_pdf,
        docx=documents_results.report_docx,
        name=f"{kind.replace('_', '-')}-report-{fiscal_year}",
        extension=extension,
    )


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
