"""Reads of the pulse surveys, scoped to an organisation.

Results go through ``scoring``: nothing about fewer than
``scoring.MIN_GROUP_SIZE`` respondents is ever returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from prongsai.organizations.models import Organization

from . import scoring
from .models import Survey, SurveyResponse, SurveyRound
from .questions import EIT_INDICATORS, IIT_INDICATORS, load_question_set
from .samples import IndicatorSample


@dataclass(frozen=True)
class Question:
    """A question as stored on a survey (``Survey.questions``)."""

    code: str
    indicator: int
    text_th: str
    scale: str
    reversed: bool
    bullets: tuple[str, ...] = ()

    @property
    def answer_count(self) -> int:
        return len(self.bullets) or 1

    @property
    def is_custom(self) -> bool:
        return self.indicator == 0


def survey_questions(survey: Survey) -> list[Question]:
    return [
        Question(
            code=q["code"],
            indicator=q["indicator"],
            text_th=q["text_th"],
            scale=q["scale"],
            reversed=q["reversed"],
            bullets=tuple(q.get("bullets") or ()),
        )
        for q in survey.questions
    ]


def survey_list(*, organization: Organization) -> QuerySet[Survey]:
    return (
        Survey.objects.for_organization(organization)
        .select_related("organization")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-fiscal_year", "-id")
    )


def access_survey(*, organization: Organization, pk: int) -> Survey:
    """The survey ``pk`` of ``organization``; 404 for any other."""
    return get_object_or_404(
        Survey.objects.for_organization(organization).select_related("organization"),
        pk=pk,
    )


def access_public_survey(*, organization: Organization, pk: int) -> Survey:
    """An EIT or satisfaction survey that is not a draft; 404 otherwise (an
    IIT pulse is answered only with a personal link)."""
    return get_object_or_404(
        Survey.objects.for_organization(organization)
        .select_related("organization")
        .exclude(kind=Survey.Kind.IIT)
        .exclude(status=Survey.Status.DRAFT),
        pk=pk,
    )


def round_list(*, survey: Survey) -> QuerySet[SurveyRound]:
    return survey.rounds.select_related("sent_by").order_by("number")


def _answers(responses: Iterable[SurveyResponse]) -> list[dict[str, list]]:
    return [r.answers for r in responses]


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    name_th: str
    result: scoring.GroupResult | None


@dataclass(frozen=True)
class ItemRow:
    question: Question
    result: scoring.GroupResult | None

    @property
    def mean_five(self) -> Decimal | None:
        """A five-level question's mean on 1-5 (custom questions)."""
        if self.result is None or self.question.scale != "five_level":
            return None
        return scoring.to_decimal(1 + self.result.score * 4 / 100, 2)


@dataclass(frozen=True)
class SurveyResults:
    respondents: int
    shown: bool
    indicators: list[IndicatorRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    tool: Fraction | None = None
    min_group: int = scoring.MIN_GROUP_SIZE

    @property
    def tool_decimal(self) -> Decimal | None:
        return None if self.tool is None else scoring.to_decimal(self.tool, 2)


def _indicator_names(fiscal_year: int) -> dict[int, str]:
    question_set = load_question_set(fiscal_year)
    return {ind.number: ind.name_th for ind in question_set.indicators}


def survey_results(*, survey: Survey) -> SurveyResults:
    """Indicator and item results of one survey, each only for a group of at
    least ``MIN_GROUP_SIZE`` respondents; under it ``shown`` is False and
    nothing else is filled in."""
    responses = list(survey.responses.only("answers"))
    count = len(responses)
    if count < scoring.MIN_GROUP_SIZE:
        return SurveyResults(respondents=count, shown=False)
    questions = survey_questions(survey)
    answers = _answers(responses)
    scored = [q for q in questions if not q.is_custom]
    by_indicator = scoring.indicator_results(scored, answers)
    by_item = scoring.item_results(questions, answers)
    names = _indicator_names(survey.fiscal_year)
    numbers = sorted({q.indicator for q in scored})
    return SurveyResults(
        respondents=count,
        shown=True,
        indicators=[
            IndicatorRow(number=n, name_th=names.get(n, ""), result=by_indicator.get(n))
            for n in numbers
        ],
        items=[ItemRow(question=q, result=by_item.get(q.code)) for q in questions],
        tool=scoring.tool_score(by_indicator, numbers),
    )


def indicator_samples(
    *, organization: Organization, fiscal_year: int
) -> dict[int, IndicatorSample]:
    """The survey estimate of ITA indicators 1-8 for one fiscal year.

    Indicators 1-5 pool every response to the organisation's IIT pulses of
    ``fiscal_year`` (all rounds), 6-8 every response to its EIT pulses (by
    link and on the public page); drafts are left out. An indicator answered
    by fewer than ``MIN_GROUP_SIZE`` respondents is not in the result.
    """
    samples: dict[int, IndicatorSample] = {}
    for kind, numbers in (
        (Survey.Kind.IIT, IIT_INDICATORS),
        (Survey.Kind.EIT, EIT_INDICATORS),
    ):
        surveys = list(
            Survey.objects.for_organization(organization)
            .filter(kind=kind, fiscal_year=fiscal_year)
            .exclude(status=Survey.Status.DRAFT)
        )
        results = _pooled_results(surveys)
        for number in numbers:
            result = results.get(number)
            if result is not None:
                samples[number] = IndicatorSample(
                    indicator=number,
                    score=result.score_decimal,
                    respondents=result.respondents,
                    stdev=result.stdev_decimal,
                )
    return samples


def _pooled_results(surveys: list[Survey]) -> dict[int, scoring.GroupResult]:
    """Per-respondent indicator scores of several surveys, pooled."""
    per_indicator: dict[int, list[Fraction]] = {}
    for survey in surveys:
        questions = [q for q in survey_questions(survey) if not q.is_custom]
        for answers in survey.responses.values_list("answers", flat=True):
            for number, score in scoring.respondent_scores(questions, answers).items():
                per_indicator.setdefault(number, []).append(score)
    results = {}
    for number, scores in per_indicator.items():
        result = scoring.group_result(scores)
        if result is not None:
            results[number] = result
    return results


def response_rows(*, survey: Survey) -> tuple[list[str], list[list[Any]]]:
    """Every response of a survey for export, or no rows under the minimum
    group size. Columns: the date answered, then one per question or bullet
    (values as the person chose, 1 = the lowest level). No key, no channel,
    no round: nothing that could point at a person."""
    questions = survey_questions(survey)
    header = ["answered_on"]
    for q in questions:
        if q.bullets:
            header += [f"{q.code}.{n}" for n in range(1, len(q.bullets) + 1)]
        else:
            header.append(q.code)
    responses = list(
        survey.responses.order_by("submitted_on").values_list("submitted_on", "answers")
    )
    if len(responses) < scoring.MIN_GROUP_SIZE:
        return header, []
    rows = []
    for submitted_on, answers in responses:
        row: list[Any] = [submitted_on]
        for q in questions:
            values = answers.get(q.code) or [None] * q.answer_count
            row += [_shown_value(q, v) for v in values]
        rows.append(row)
    rows.sort(key=lambda r: [r[0], *[str(v) for v in r[1:]]])
    return header, rows


def _shown_value(question: Question, value: int | None) -> int | str:
    """The answer as a person reads it: 1-4 (four levels), 1-5 (five
    levels), 1 = yes / 0 = no; empty when unanswered."""
    if value is None:
        return ""
    if question.scale == "yes_no":
        return value
    return value + 1
