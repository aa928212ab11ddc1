"""Reads for the predicted ITA: gathers survey samples, the OIT checklist and
last year's official result, and hands them to :mod:`.prediction`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.frameworks import Framework
from prongsai.ita.models import FrameworkVersion
from prongsai.ita.scoring import ScoreResult
from prongsai.oit import selectors as oit_selectors

from .prediction import (
    Backtest,
    IndicatorPrediction,
    Official,
    Prediction,
    backtest,
    predict,
)
from .samples import IndicatorSample

YEARS_LOOKED_BACK = 3
"""How many fiscal years before the current one the default year may be."""


def indicator_samples_get(
    *, organization, fiscal_year: int
) -> dict[int, IndicatorSample]:
    """The survey samples of indicators 1-8 of a fiscal year (groups of at
    least five only): the one seam to ``surveys.selectors.indicator_samples``."""
    from . import selectors as survey_selectors

    return dict(
        survey_selectors.indicator_samples(
            organization=organization, fiscal_year=fiscal_year
        )
    )


def _framework(fiscal_year: int) -> Framework | None:
    try:
        return ita_selectors.framework_get(fiscal_year=fiscal_year)
    except FrameworkVersion.DoesNotExist:
        return None


def oit_items_get(*, organization, framework: Framework) -> dict[str, int] | None:
    """OIT item results implied by the year's checklist (ready or submitted
    items 100, every other 0), or ``None`` without a usable checklist.

    A checklist whose items do not match the year's framework (the OIT
    readiness reports an error for it) is not used.
    """
    checklist = oit_selectors.checklist_get(
        organization=organization, fiscal_year=framework.fiscal_year
    )
    if checklist is None or not framework.has_item_structure:
        return None
    readiness = oit_selectors.readiness_get(
        organization=organization, checklist=checklist
    )
    if readiness.error or readiness.total != len(framework.oit_items):
        return None
    not_ready = set(
        oit_selectors.checklist_item_list_not_ready(checklist=checklist).values_list(
            "code", flat=True
        )
    )
    return {
        item.code: 0 if item.code in not_ready else 100 for item in framework.oit_items
    }


def official_get(*, organization, fiscal_year: int) -> Official | None:
    """The latest official result before ``fiscal_year`` ("last year")."""
    for result, result_score in ita_selectors.ita_result_list_scores(
        organization=organization
    ):
        if result.fiscal_year < fiscal_year:
            return Official(
                fiscal_year=result.fiscal_year,
                indicators=result.indicators,
                score=result_score if isinstance(result_score, ScoreResult) else None,
            )
    return None


def prediction_get(
    *,
    organization,
    fiscal_year: int,
    samples: Mapping[int, IndicatorSample] | None = None,
    staff_count: int | None = None,
) -> Prediction | None:
    """The predicted ITA of a fiscal year, or ``None`` without its framework.

    ``samples`` default to the organisation's survey samples of the year;
    ``staff_count`` (the staff the IIT sample is drawn from) turns on the
    finite-population correction of the IIT band.
    """
    framework = _framework(fiscal_year)
    if framework is None:
        return None
    if samples is None:
        samples = indicator_samples_get(
            organization=organization, fiscal_year=fiscal_year
        )
    return predict(
        framework,
        samples=samples,
        oit_items=oit_items_get(organization=organization, framework=framework),
        official=official_get(organization=organization, fiscal_year=fiscal_year),
        staff_count=staff_count,
        threshold=ita_selectors.weakness_threshold_get(organization=organization),
    )


def backtest_get(
    *,
    organization,
    fiscal_year: int,
    samples: Mapping[int, IndicatorSample] | None = None,
) -> Backtest | None:
    """Survey estimates of ``fiscal_year`` against its published indicators,
    or ``None`` when the year lacks a framework, a result or survey data."""
    framework = _framework(fiscal_year)
    result = (
        ita_selectors.ita_result_list(organization=organization)
        .filter(fiscal_year=fiscal_year)
        .first()
    )
    if framework is None or result is None:
        return None
    if samples is None:
        samples = indicator_samples_get(
            organization=organization, fiscal_year=fiscal_year
        )
    return backtest(framework, samples=samples, published=result.indicators)


def backtest_get_latest(*, organization, today=None) -> Backtest | None:
    """The latest backtest there is: a year with both surveys and its
    published result; failing that, the newest recent year with surveys
    against the latest result published before it (a different year, which
    the backtest states)."""
    results = list(ita_selectors.ita_result_list(organization=organization))
    for result in results:
        found = backtest_get(organization=organization, fiscal_year=result.fiscal_year)
        if found is not None:
            return found
    for year in _recent_years(today):
        earlier = next((r for r in results if r.fiscal_year < year), None)
        framework = _framework(year)
        if earlier is None or framework is None:
            continue
        samples = indicator_samples_get(organization=organization, fiscal_year=year)
        if samples:
            return backtest(
                framework,
                samples=samples,
                published=earlier.indicators,
                published_year=earlier.fiscal_year,
            )
    return None


def _recent_years(today=None) -> list[int]:
    """Fiscal years with a framework from ``YEARS_LOOKED_BACK`` years before
    the current one up to it, newest first."""
    current = thai_dates.fiscal_year(today or timezone.localdate())
    return [
        year
        for year in sorted(prediction_year_list(), reverse=True)
        if current - YEARS_LOOKED_BACK <= year <= current
    ]


def prediction_year_list() -> list[int]:
    """Fiscal years that can be predicted (with a framework), newest first."""
    return ita_selectors.framework_list_years()


def prediction_year_default(*, organization, today=None) -> int | None:
    """The year the page opens on: the newest fiscal year up to the current
    one (looking back ``YEARS_LOOKED_BACK`` years) with survey data or an
    OIT checklist, else the current year, else the newest framework."""
    years = prediction_year_list()
    if not years:
        return None
    current = thai_dates.fiscal_year(today or timezone.localdate())
    with_checklist = set(
        oit_selectors.checklist_list(organization=organization).values_list(
            "fiscal_year", flat=True
        )
    )
    for year in _recent_years(today):
        if year in with_checklist or indicator_samples_get(
            organization=organization, fiscal_year=year
        ):
            return year
    return current if current in years else years[0]


@dataclass(frozen=True)
class PredictionSummary:
    """What the executive desk shows of the prediction."""

    fiscal_year: int
    total: Decimal | None
    band_low: Decimal | None
    band_high: Decimal | None
    level_label_th: str
    rating_settled: bool
    weakest: IndicatorPrediction | None
    surveyed: int
    missing: tuple[int, ...]
    #: The smallest group of respondents behind a surveyed indicator (each
    #: is at least ``scoring.MIN_GROUP_SIZE``); ``None`` without survey data.
    respondents: int | None = None


def prediction_summary(
    *, organization, fiscal_year: int | None = None
) -> PredictionSummary | None:
    """The predicted total, rating, band and weakest indicator of a year
    (by default the year the prediction page opens on); ``None`` without a
    framework."""
    if fiscal_year is None:
        fiscal_year = prediction_year_default(organization=organization)
        if fiscal_year is None:
            return None
    prediction = prediction_get(organization=organization, fiscal_year=fiscal_year)
    if prediction is None:
        return None
    result = prediction.result
    band = prediction.total_band
    weakest = prediction.weakest
    return PredictionSummary(
        fiscal_year=fiscal_year,
        total=result.total if result else None,
        band_low=band.low if band else None,
        band_high=band.high if band else None,
        level_label_th=result.level.label_th if result else "",
        rating_settled=prediction.rating_settled,
        weakest=weakest[0] if weakest else None,
        surveyed=len(prediction.surveyed),
        missing=prediction.missing,
        respondents=min(
            (
                i.respondents
                for i in prediction.indicators
                if i.number in prediction.surveyed and i.respondents is not None
            ),
            default=None,
        ),
    )
