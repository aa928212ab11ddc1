"""A survey's results as documents: the Thai summary report (PDF and
editable DOCX, with a bar chart of the indicator scores) and the responses
(XLSX). Under the minimum group size they say so and show no figure.

An IIT export carries the date answered and the answers, nothing else: no
key, no channel, no round.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from prongsai.core.charts import Chart, bar_chart
from prongsai.core.documents import (
    docx_bytes,
    docx_document,
    docx_heading,
    docx_image,
    docx_paragraph,
    docx_table,
    render_pdf,
)
from prongsai.core.documents_xlsx import Sheet, xlsx_bytes

from . import scoring, selectors
from .models import Survey


def indicator_chart(results: selectors.SurveyResults) -> Chart:
    """Bars of the indicator scores (0-100), the ITA's 85 marked."""
    rows = [row for row in results.indicators if row.result is not None]
    return bar_chart(
        [f"{row.number}. {row.name_th}" for row in rows],
        {_("Score"): [float(row.result.score_decimal) for row in rows]},
        threshold=85,
        horizontal=True,
        maximum=100,
        title=_("Indicator scores from the survey"),
    )


def report_context(*, survey: Survey) -> dict:
    results = selectors.survey_results(survey=survey)
    return {
        "organization": survey.organization,
        "survey": survey,
        "results": results,
        "chart": indicator_chart(results)
        if results.shown and results.indicators
        else None,
        "generated_on": timezone.localdate(),
        "min_group": scoring.MIN_GROUP_SIZE,
    }


def report_pdf(context: dict) -> bytes:
    with override("th"):
        return render_pdf("surveys/report_pdf.html", context)


def _score(result) -> str:
    return "" if result is None else f"{result.score_decimal:.2f}"


def _stdev(result) -> str:
    return "" if result is None else f"{result.stdev_decimal:.2f}"


def _n(result) -> str:
    return "" if result is None else str(result.respondents)


def report_docx(context: dict) -> bytes:
    survey = context["survey"]
    results = context["results"]
    with override("th"):
        doc = docx_document()
        docx_heading(
            doc, _("Survey summary report: %(title)s") % {"title": survey.title}
        )
        docx_paragraph(
            doc, str(context["organization"].name), bold=True, align="center"
        )
        docx_paragraph(
            doc,
            _("Fiscal year %(year)s · %(kind)s · %(count)s respondents")
            % {
                "year": survey.fiscal_year,
                "kind": survey.get_kind_display(),
                "count": results.respondents,
            },
        )
        if not results.shown:
            docx_paragraph(doc, _min_group_text())
            return docx_bytes(doc)
        if context["chart"] is not None:
            docx_image(doc, context["chart"].png(), 16)
        if results.indicators:
            docx_heading(doc, _("Indicators"), 2)
            docx_table(
                doc,
                [_("Indicator"), _("Score"), _("S.D."), _("Respondents")],
                [
                    [
                        f"{r.number}. {r.name_th}",
                        _score(r.result),
                        _stdev(r.result),
                        _n(r.result),
                    ]
                    for r in results.indicators
                ],
                widths=[8, 2.5, 2.5, 3],
            )
            if results.tool_decimal is not None:
                docx_paragraph(
                    doc,
                    _("Tool score: %(score)s")
                    % {"score": f"{results.tool_decimal:.2f}"},
                )
        docx_heading(doc, _("Questions"), 2)
        docx_table(
            doc,
            [_("Question"), _("Score"), _("Respondents")],
            [
                [
                    f"{i.question.code} {i.question.text_th}",
                    _score(i.result),
                    _n(i.result),
                ]
                for i in results.items
            ],
            widths=[11, 2.5, 2.5],
        )
        docx_paragraph(doc, _method_text())
        return docx_bytes(doc)


def _min_group_text() -> str:
    return _(
        "Fewer than %(count)s people have answered: no result is shown, so that "
        "no answer can be traced to a person."
    ) % {"count": scoring.MIN_GROUP_SIZE}


def _method_text() -> str:
    return _(
        "Scored as the ITA scores indicators 1-8: four levels 0 / 33.33 / 66.67 / "
        "100 (reversed for negative statements), yes/no 0 or 100, a question with "
        "sub-questions is their mean, a person's indicator score the mean of the "
        "questions they answered, the indicator the mean over people."
    )


def responses_xlsx(*, survey: Survey) -> bytes:
    header, rows = selectors.response_rows(survey=survey)
    with override("th"):
        title_rows = [
            f"{survey.organization.name} · {survey.title}",
            _("Answers: four levels 1-4 (4 = most), five levels 1-5, yes 1 / no 0."),
        ]
        if not rows:
            title_rows.append(_min_group_text())
        header = [_("Answered on"), *header[1:]]
        return xlsx_bytes(
            [
                Sheet(
                    title=_("Responses"),
                    headers=header,
                    rows=rows,
                    title_rows=title_rows,
                )
            ]
        )


def report_filename(survey: Survey, extension: str) -> str:
    return f"survey-{survey.fiscal_year}-{survey.pk}.{extension}"
