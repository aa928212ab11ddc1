"""Downloads of a survey: its responses (CSV, XLSX) and its Thai summary
report (PDF, DOCX). Nothing is in them under the minimum group size."""

from __future__ import annotations

from django.http import Http404

from prongsai.core.document_jobs import document_job_response
from prongsai.core.documents import (
    CONTENT_TYPE_XLSX,
    csv_response,
    file_response,
)
from prongsai.organizations.decorators import org_staff_view

from . import reports, selectors
from .permissions import can_view_survey_results


@org_staff_view(can_view_survey_results)
def survey_responses(request, organization, pk):
    """``?format=csv`` (default) or ``xlsx``: one row per response, the date
    and the answers only, in an order that is not the order of answering."""
    survey = selectors.access_survey(organization=organization, pk=pk)
    kind = request.GET.get("format", "csv")
    if kind == "xlsx":
        return file_response(
            reports.responses_xlsx(survey=survey),
            filename=reports.report_filename(survey, "xlsx"),
            content_type=CONTENT_TYPE_XLSX,
        )
    if kind != "csv":
        raise Http404
    header, rows = selectors.response_rows(survey=survey)
    return csv_response(
        reports.report_filename(survey, "csv"), header, rows, streaming=False
    )


@org_staff_view(can_view_survey_results)
def survey_report(request, organization, pk):
    """The Thai summary report, ``?format=pdf`` (default) or ``docx``, made in
    the background (``surveys.long_documents``)."""
    survey = selectors.access_survey(organization=organization, pk=pk)
    kind = request.GET.get("format", "pdf")
    if kind not in ("pdf", "docx"):
        raise Http404
    return document_job_response(
        request,
        organization=organization,
        kind="surveys.report",
        params={"pk": survey.pk, "fmt": kind},
    )
