"""Survey documents made in the background (``core.document_jobs``)."""

from django.utils.translation import gettext_lazy as _

from prongsai.core.document_jobs import Built, DocumentKind
from prongsai.core.documents import CONTENT_TYPE_DOCX, CONTENT_TYPE_PDF

from . import reports, selectors


def _report(*, organization, progress, pk: int, fmt: str) -> Built:
    """The Thai summary report (PDF or DOCX); 1.8-2.2 s on the demo."""
    survey = selectors.access_survey(organization=organization, pk=pk)
    context = reports.report_context(survey=survey)
    progress(40)
    if fmt == "docx":
        content, content_type = reports.report_docx(context), CONTENT_TYPE_DOCX
    else:
        content, content_type = reports.report_pdf(context), CONTENT_TYPE_PDF
    return Built(content, reports.report_filename(survey, fmt), content_type)


DOCUMENTS = [
    DocumentKind(
        key="surveys.report",
        label=_("Survey summary report"),
        build=_report,
    )
]
