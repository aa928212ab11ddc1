"""ITA documents made in the background (``core.document_jobs``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.document_jobs import Built, DocumentKind
from prongsai.core.documents import CONTENT_TYPE_DOCX, CONTENT_TYPE_PDF

from . import selectors
from .report import report_context, report_docx, report_filename, report_pdf


def _analysis_report(*, organization, progress, fiscal_year: int, fmt: str) -> Built:
    """The year's analysis report as it is now (PDF or DOCX); 1.3-5 s on the demo."""
    report = selectors.access_analysis_report(
        organization=organization, fiscal_year=fiscal_year
    )
    context = report_context(report)
    progress(30)
    if fmt == "pdf":
        content, content_type = report_pdf(context), CONTENT_TYPE_PDF
    else:
        content, content_type = report_docx(context), CONTENT_TYPE_DOCX
    return Built(content, report_filename(report, fmt), content_type)


DOCUMENTS = [
    DocumentKind(
        key="ita.analysis_report",
        label=_("ITA analysis report"),
        build=_analysis_report,
    )
]
