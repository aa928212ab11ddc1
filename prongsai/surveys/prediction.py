"""The predicted ITA: indicator scores, total, rating and a confidence band.

Indicators 1-8 come from the organisation's pulse surveys
(:class:`~prongsai.surveys.samples.IndicatorSample`), indicators 9 and 10 from
the OIT checklist (each item ready or submitted scores 100, every other 0,
through the year's sub-indicators, exactly as :func:`ita.scoring.oit_from_items`
and the OIT readiness do). Each predicted indicator is rounded half-up to two
decimals, as the NACC publishes indicators, and the tools, total, rating and
borderline flag come from :func:`ita.scoring.score` under the year's framework.

Confidence band (95 %)::

    standard error of indicator i  se_i = s_i / sqrt(n_i) * fpc
    fpc (IIT only, staff count N known) = sqrt((N - n_i) / (N - 1)), 0 when n_i >= N
    band of indicator i            score_i +- 1.96 * se_i
    variance of a tool             sum(se_i^2) / k^2     (mean of its k indicators)
    variance of the total          sum(w_t^2 * var_t)    (indicators independent)

OIT is treated as known (variance 0): the checklist states which items are
ready. Every band is clipped to 0-100 and rounded half-up to two decimals.

An indicator without a survey sample (or, for 9 and 10, without a checklist)
takes last year's official score, labelled "last year's official"; it adds
nothing to the band, and the page says that the band does not cover it. An
indicator with neither has no data: the total, rating and rankings are then
not computed, nor are they when no indicator has data of the year.

Variances are exact fractions; only the square root is taken in ``Decimal``
with 40 significant digits. Pure module: no ORM, no request, no settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext
from fractions import Fraction

from django.utils.translation import gettext as _

from prongsai.ita.frameworks import Framework
from prongsai.ita.scoring import (
    EXACT_DIGITS,
    LevelResult,
    Number,
    ScoreResult,
    ScoringInputError,
    exact_decimal,
    level,
    oit_from_items,
    round2,
    score,
    tool_fractions,
)
from prongsai.ita.scoring_simulation import (
    NextLevelGap,
    WhatIfGain,
    points_to_next_level,
    what_if,
)

from .samples import IndicatorSample

Z_95 = Decimal("1.96")
"""Two-sided 95 % normal quantile."""

GAIN_POINTS = 10
"""The what-if step: points added to one survey indicator."""

SURVEY_TOOLS = ("IIT", "EIT")
"""Tools whose indicators the pulse surveys estimate."""

STAFF_TOOL = "IIT"
"""The tool answered by staff: its sample is drawn from a known headcount."""

OIT_GAINS_SHOWN = 5
WEAKEST_SHOWN = 3


class Source:
    """Where a predicted indicator score comes from."""

    SURVEY = "survey"
    CHECKLIST = "checklist"
    LAST_YEAR = "last_year"
    NONE = "none"


@dataclass(frozen=True)
class Band:
    """A 95 % interval, clipped to 0-100, with its unclipped margin."""

    low: Decimal
    high: Decimal
    margin: Decimal
    standard_error: Decimal = field(compare=False)


@dataclass(frozen=True)
class Official:
    """Last year's official result: its indicators and (when scorable) scores."""

    fiscal_year: int
    indicators: Mapping[int, Decimal | None]
    score: ScoreResult | None = None


@dataclass(frozen=True)
class IndicatorPrediction:
    number: int
    name_th: str
    tool: str
    source: str
    score: Decimal | None
    band: Band | None = None
    respondents: int | None = None
    stdev: Decimal | None = None
    official: Decimal | None = None
    change: Decimal | None = None
    weak: bool = False
    census: bool = False


@dataclass(frozen=True)
class ToolPrediction:
    code: str
    name_th: str
    score: Decimal | None
    band: Band | None = None
    official: Decimal | None = None
    change: Decimal | None = None


@dataclass(frozen=True)
class IndicatorGain:
    """What +``GAIN_POINTS`` in one survey indicator adds to the total."""

    number: int
    name_th: str
    tool: str
    source: str
    score: Decimal
    points: Decimal
    gain: Decimal
    total_after: Decimal
    level_after: LevelResult


@dataclass(frozen=True)
class Prediction:
    fiscal_year: int
    indicators: tuple[IndicatorPrediction, ...]
    tools: tuple[ToolPrediction, ...]
    result: ScoreResult | None = None
    total_band: Band | None = None
    level_low: LevelResult | None = None
    level_high: LevelResult | None = None
    official: Official | None = None
    total_change: Decimal | None = None
    next_level: NextLevelGap | None = None
    gains: tuple[IndicatorGain, ...] = ()
    oit_gains: tuple[WhatIfGain, ...] = ()
    finite_population: bool = False

    def numbers_from(self, source: str) -> tuple[int, ...]:
        return tuple(i.number for i in self.indicators if i.source == source)

    @property
    def missing(self) -> tuple[int, ...]:
        """Indicators with no data at all."""
        return self.numbers_from(Source.NONE)

    @property
    def carried(self) -> tuple[int, ...]:
        """Indicators that show last year's official score."""
        return self.numbers_from(Source.LAST_YEAR)

    @property
    def surveyed(self) -> tuple[int, ...]:
        return self.numbers_from(Source.SURVEY)

    @property
    def current(self) -> bool:
        """Whether any indicator has data of the year (else nothing is predicted)."""
        return bool(self.surveyed or self.numbers_from(Source.CHECKLIST))

    @property
    def weakest(self) -> tuple[IndicatorPrediction, ...]:
        """The lowest predicted indicators, lowest first."""
        scored = [i for i in self.indicators if i.score is not None]
        return tuple(sorted(scored, key=lambda i: (i.score, i.number))[:WEAKEST_SHOWN])

    @property
    def rating_settled(self) -> bool:
        """Whether both ends of the band give the same rating."""
        return self.level_low is not None and self.level_low == self.level_high


@dataclass(frozen=True)
class BacktestRow:
    number: int
    name_th: str
    estimate: Decimal
    published: Decimal
    gap: Decimal
    respondents: int
    inside_band: bool


@dataclass(frozen=True)
class Backtest:
    """Survey estimates of ``fiscal_year`` against the indicators published
    for ``published_year`` (the same year, unless stated otherwise)."""

    fiscal_year: int
    rows: tuple[BacktestRow, ...]
    mean_absolute_error: Decimal
    largest: BacktestRow
    published_year: int

    @property
    def largest_gap(self) -> Decimal:
        """The largest absolute difference from a published score."""
        return abs(self.largest.gap)

    @property
    def inside_band(self) -> int:
        return sum(1 for row in self.rows if row.inside_band)


def survey_numbers(framework: Framework) -> tuple[int, ...]:
    """Indicators the pulse surveys estimate (those of IIT and EIT)."""
    return tuple(
        sorted(
            n for t in framework.tools if t.code in SURVEY_TOOLS for n in t.indicators
        )
    )


def _staff_numbers(framework: Framework) -> frozenset[int]:
    return frozenset(
        n for t in framework.tools if t.code == STAFF_TOOL for n in t.indicators
    )


def indicator_variance(
    sample: IndicatorSample, *, population: int | None = None
) -> Fraction:
    """The squared standard error of a sample mean: s^2 / n, times the
    finite-population correction (N - n) / (N - 1) when ``population`` is
    given (0 when every member of the population answered)."""
    variance = Fraction(sample.stdev) ** 2 / sample.respondents
    if population is None:
        return variance
    if sample.respondents >= population:
        return Fraction(0)
    return variance * Fraction(population - sample.respondents, population - 1)


def band(point: Fraction | Decimal, variance: Fraction) -> Band:
    """The 95 % band ``point +- 1.96 * sqrt(variance)``, clipped to 0-100."""
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        standard_error = exact_decimal(variance).sqrt()
        centre = exact_decimal(Fraction(point))
        margin = Z_95 * standard_error
        low = max(centre - margin, Decimal(0))
        high = min(centre + margin, Decimal(100))
    return Band(round2(low), round2(high), round2(margin), standard_error)


def _errors(framework, samples: Mapping[int, IndicatorSample], staff_count):
    if staff_count is not None and staff_count < 1:
        yield _(
            "The staff count must be a whole number of 1 or more (got: %(value)s)"
        ) % {"value": staff_count}
    allowed = survey_numbers(framework)
    for key, sample in samples.items():
        if key not in allowed or sample.indicator != key:
            yield _(
                "Survey samples exist only for indicators %(numbers)s (got: %(key)s)"
            ) % {
                "numbers": ", ".join(str(n) for n in allowed),
                "key": key,
            }
        elif not 0 <= sample.score <= 100:
            yield _(
                "The survey score of indicator %(number)s must be from 0 to 100 "
                "(got: %(value)s)"
            ) % {"number": key, "value": sample.score}
        elif sample.respondents < 1 or sample.stdev < 0:
            yield _(
                "The survey sample of indicator %(number)s needs at least one "
                "respondent and a standard deviation of 0 or more"
            ) % {"number": key}


def _validate(
    framework: Framework,
    samples: Mapping[int, IndicatorSample],
    staff_count: int | None,
) -> None:
    errors = list(_errors(framework, samples, staff_count))
    if errors:
        raise ScoringInputError(errors)


def _change(value: Decimal | None, before: Decimal | None) -> Decimal | None:
    if value is None or before is None:
        return None
    return value - before


@dataclass
class _Values:
    """Working values of one prediction: rounded score, source, variance."""

    scores: dict[int, Decimal] = field(default_factory=dict)
    sources: dict[int, str] = field(default_factory=dict)
    variances: dict[int, Fraction] = field(default_factory=dict)
    census: set[int] = field(default_factory=set)


def _gather(
    framework: Framework,
    samples: Mapping[int, IndicatorSample],
    oit: Mapping[int, Decimal],
    official: Official | None,
    staff_count: int | None,
) -> _Values:
    staff = _staff_numbers(framework)
    values = _Values()
    for number in framework.indicator_numbers:
        last = official.indicators.get(number) if official else None
        if number in samples:
            sample = samples[number]
            values.scores[number] = round2(sample.score)
            values.sources[number] = Source.SURVEY
            population = staff_count if number in staff else None
            values.variances[number] = indicator_variance(sample, population=population)
            if population is not None and sample.respondents >= population:
                values.census.add(number)
        elif number in oit:
            values.scores[number] = oit[number]
            values.sources[number] = Source.CHECKLIST
        elif last is not None:
            values.scores[number] = last
            values.sources[number] = Source.LAST_YEAR
        else:
            values.sources[number] = Source.NONE
    return values


def _indicator_rows(
    framework: Framework,
    values: _Values,
    samples: Mapping[int, IndicatorSample],
    official: Official | None,
    threshold: Decimal,
) -> tuple[IndicatorPrediction, ...]:
    rows = []
    for indicator in framework.indicators:
        number = indicator.number
        value = values.scores.get(number)
        sample = samples.get(number)
        last = official.indicators.get(number) if official else None
        row = IndicatorPrediction(
            number=number,
            name_th=indicator.name_th,
            tool=indicator.tool,
            source=values.sources[number],
            score=value,
            official=last,
            change=_change(value, last),
            weak=value is not None and value < threshold,
        )
        if sample is not None and value is not None:
            row = replace(
                row,
                band=band(value, values.variances[number]),
                respondents=sample.respondents,
                stdev=sample.stdev,
                census=number in values.census,
            )
        rows.append(row)
    return tuple(rows)


def _tool_variance(tool, values: _Values) -> Fraction:
    count = len(tool.indicators)
    return sum(
        (values.variances.get(n, Fraction(0)) for n in tool.indicators), Fraction(0)
    ) / (count * count)


def _tool_rows(
    framework: Framework,
    values: _Values,
    exact: Mapping[str, Fraction] | None,
    result: ScoreResult | None,
    official: Official | None,
) -> tuple[ToolPrediction, ...]:
    rows = []
    for tool in framework.tools:
        key = tool.code.lower()
        before = getattr(official.score, key) if official and official.score else None
        if exact is None or result is None:
            rows.append(ToolPrediction(tool.code, tool.name_th, None, official=before))
            continue
        value = getattr(result, key)
        surveyed = any(values.sources[n] == Source.SURVEY for n in tool.indicators)
        rows.append(
            ToolPrediction(
                code=tool.code,
                name_th=tool.name_th,
                score=value,
                band=band(exact[key], _tool_variance(tool, values))
                if surveyed
                else None,
                official=before,
                change=_change(value, before),
            )
        )
    return tuple(rows)


def _level_at(
    framework: Framework,
    result: ScoreResult,
    total_band: Band | None,
    tools: tuple[ToolPrediction, ...],
    end: str,
) -> LevelResult:
    """The rating at one end of the band (each tool at the same end)."""
    total = getattr(total_band, end) if total_band else result.total
    scores = {
        t.code.lower(): getattr(t.band, end)
        if t.band
        else getattr(result, t.code.lower())
        for t in tools
    }
    return level(framework, total, scores["iit"], scores["eit"], scores["oit"])


def _gains(
    framework: Framework, values: _Values, base: Mapping[str, Fraction]
) -> tuple[IndicatorGain, ...]:
    fractions = {n: Fraction(v) for n, v in values.scores.items()}
    ranked = []
    for number in survey_numbers(framework):
        current = values.scores[number]
        raised = min(Fraction(current) + GAIN_POINTS, Fraction(100))
        after = tool_fractions(framework.tools, {**fractions, number: raised})
        gain = after["total"] - base["total"]
        indicator = framework.indicator(number)
        ranked.append(
            IndicatorGain(
                number=number,
                name_th=indicator.name_th,
                tool=indicator.tool,
                source=values.sources[number],
                score=current,
                points=round2(raised - Fraction(current)),
                gain=round2(gain),
                total_after=round2(after["total"]),
                level_after=level(
                    framework, after["total"], after["iit"], after["eit"], after["oit"]
                ),
            )
        )
    ranked.sort(key=lambda g: (-g.gain, g.score, g.number))
    return tuple(ranked)


def _oit_fractions(
    framework: Framework, oit_items: Mapping[str, Number] | None
) -> dict[int, Decimal]:
    if oit_items is None or not framework.has_item_structure:
        return {}
    return {n: round2(v) for n, v in oit_from_items(framework, oit_items).items()}


def predict(
    framework: Framework,
    *,
    samples: Mapping[int, IndicatorSample],
    oit_items: Mapping[str, Number] | None = None,
    official: Official | None = None,
    staff_count: int | None = None,
    threshold: Decimal = Decimal(85),
) -> Prediction:
    """Predict the ITA of ``framework``'s fiscal year (see the module doc).

    ``samples`` are the survey estimates of indicators 1-8; ``oit_items``
    the OIT item results implied by the checklist (code to 0 or 100; ``None``
    without a checklist); ``official`` last year's official result, used for
    the comparison and for indicators without data; ``staff_count`` the
    number of staff the IIT sample is drawn from (finite-population
    correction); ``threshold`` the organisation's weakness threshold.
    Raises :class:`ScoringInputError` for invalid samples or item results.
    """
    _validate(framework, samples, staff_count)
    oit = _oit_fractions(framework, oit_items)
    values = _gather(framework, samples, oit, official, staff_count)
    base = Prediction(
        fiscal_year=framework.fiscal_year,
        indicators=_indicator_rows(framework, values, samples, official, threshold),
        tools=_tool_rows(framework, values, None, None, official),
        official=official,
        finite_population=staff_count is not None,
    )
    current = {Source.SURVEY, Source.CHECKLIST} & set(values.sources.values())
    if not current or len(values.scores) < len(framework.indicator_numbers):
        return base
    exact = tool_fractions(
        framework.tools, {n: Fraction(v) for n, v in values.scores.items()}
    )
    result = score(framework, values.scores)
    tools = _tool_rows(framework, values, exact, result, official)
    variance = sum(
        (Fraction(t.weight) ** 2 * _tool_variance(t, values) for t in framework.tools),
        Fraction(0),
    )
    total_band = band(exact["total"], variance) if values.variances else None
    last_total = official.score.total if official and official.score else None
    return replace(
        base,
        tools=tools,
        result=result,
        total_band=total_band,
        level_low=_level_at(framework, result, total_band, tools, "low"),
        level_high=_level_at(framework, result, total_band, tools, "high"),
        total_change=_change(result.total, last_total),
        next_level=points_to_next_level(
            framework, result.total, result.iit, result.eit, result.oit
        ),
        gains=_gains(framework, values, exact),
        oit_gains=tuple(what_if(framework, oit_items or {}, values.scores))[
            :OIT_GAINS_SHOWN
        ]
        if oit
        else (),
    )


# --------------------------------------------------------------------------
# Backtest


def backtest(
    framework: Framework,
    *,
    samples: Mapping[int, IndicatorSample],
    published: Mapping[int, Decimal | None],
    published_year: int | None = None,
    staff_count: int | None = None,
) -> Backtest | None:
    """Compare survey estimates with published indicators (by default of the
    same year; ``published_year`` names another year's result).

    Only indicators with a sample and a published score count (``None``
    without any). Gap: rounded estimate minus published score; the mean
    absolute gap is rounded half-up; ties for the largest go to the lowest number.
    """
    _validate(framework, samples, staff_count)
    values = _gather(framework, samples, {}, None, staff_count)
    rows = []
    for number in sorted(values.variances):
        given = published.get(number)
        if given is None:
            continue
        official = Decimal(given)
        estimate = values.scores[number]
        interval = band(estimate, values.variances[number])
        rows.append(
            BacktestRow(
                number=number,
                name_th=framework.indicator(number).name_th,
                estimate=estimate,
                published=official,
                gap=estimate - official,
                respondents=samples[number].respondents,
                inside_band=interval.low <= official <= interval.high,
            )
        )
    if not rows:
        return None
    absolute = [Fraction(abs(row.gap)) for row in rows]
    largest = max(rows, key=lambda row: (abs(row.gap), -row.number))
    return Backtest(
        fiscal_year=framework.fiscal_year,
        rows=tuple(rows),
        mean_absolute_error=round2(sum(absolute, Fraction(0)) / len(absolute)),
        largest=largest,
        published_year=published_year or framework.fiscal_year,
    )
