"""Scoring pulse-survey answers exactly as the ITA scores indicators 1-8.

``shared/domain/ita.md`` §1.3: a four-level answer is worth 0 / 33.33 /
66.67 / 100 (reversed for negative statements), a yes/no answer 0 or 100
(100 for the integrity-positive answer), a multi-bullet item the mean of its
bullets. A respondent's indicator score is the mean of the items they
answered; the indicator is the mean over respondents (with the sample
standard deviation and the number of respondents); a tool is the mean of
its indicators. Arithmetic is exact (``Fraction``), as in ``ita.scoring``.

Answers are whole numbers from 0: four-level 0 (น้อยที่สุดหรือไม่มีเลย) to
3 (มากที่สุด), yes/no 1 (มี/ใช่) or 0 (ไม่มี/ไม่ใช่), five-level (custom
satisfaction questions) 0 (น้อยที่สุด) to 4 (มากที่สุด). ``None`` is an
unanswered question.

Nothing about a group smaller than ``MIN_GROUP_SIZE`` respondents is ever
returned: its results could point at a person.

Pure module: no ORM, no request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Protocol

from .questions import SCALES, YES_NO

MIN_GROUP_SIZE = 5
"""Fewest respondents whose results may be shown (IIT anonymity)."""

Answers = Mapping[str, Sequence[int | None]]
"""One respondent: item code -> the answer to each bullet (or the one answer)."""


class Scored(Protocol):
    """What scoring needs of a question (``questions.Item`` or a custom one)."""

    @property
    def code(self) -> str: ...

    @property
    def indicator(self) -> int: ...

    @property
    def scale(self) -> str: ...

    @property
    def reversed(self) -> bool: ...


def answer_score(*, scale: str, reversed: bool, value: int) -> Fraction:
    """One answer on the 0-100 scale; ``ValueError`` outside the scale."""
    levels = SCALES.get(scale)
    if levels is None:
        raise ValueError(f"unknown scale {scale!r}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"not an answer: {value!r}")
    if not 0 <= value < levels:
        raise ValueError(f"answer {value} outside the {scale} scale")
    top = levels - 1
    # Yes/no: 1 is "yes"; reversed items ("was a bribe asked?") score "no".
    points = top - value if reversed else value
    if scale == YES_NO:
        return Fraction(100 * points)
    return Fraction(100 * points, top)


def item_score(item: Scored, values: Sequence[int | None]) -> Fraction | None:
    """The mean of the answered bullets of ``item``; ``None`` if none is."""
    scores = [
        answer_score(scale=item.scale, reversed=item.reversed, value=v)
        for v in values
        if v is not None
    ]
    return mean(scores) if scores else None


def mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def respondent_scores(items: Iterable[Scored], answers: Answers) -> dict[int, Fraction]:
    """One respondent's score per indicator: the mean of their answered items."""
    per_indicator: dict[int, list[Fraction]] = {}
    for item in items:
        score = item_score(item, answers.get(item.code, ()))
        if score is not None:
            per_indicator.setdefault(item.indicator, []).append(score)
    return {number: mean(scores) for number, scores in per_indicator.items()}


@dataclass(frozen=True)
class GroupResult:
    """A mean over at least ``MIN_GROUP_SIZE`` respondents."""

    score: Fraction
    respondents: int
    stdev: Fraction
    """The sample standard deviation squared is exact; this is its root,
    computed to ``Decimal`` precision and kept as a Fraction."""

    @property
    def score_decimal(self) -> Decimal:
        return to_decimal(self.score)

    @property
    def stdev_decimal(self) -> Decimal:
        return to_decimal(self.stdev)


def to_decimal(value: Fraction, places: int = 4) -> Decimal:
    """``value`` as a Decimal rounded half-up to ``places`` decimals."""
    with localcontext() as context:
        context.prec = 40
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places))


def group_result(
    values: Sequence[Fraction], *, min_group: int = MIN_GROUP_SIZE
) -> GroupResult | None:
    """Mean, sample standard deviation and count; ``None`` under ``min_group``."""
    n = len(values)
    if n < max(min_group, 1):
        return None
    average = mean(values)
    if n > 1:
        variance = sum(((v - average) ** 2 for v in values), Fraction(0)) / (n - 1)
    else:
        variance = Fraction(0)
    with localcontext() as context:
        context.prec = 40
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
    return GroupResult(score=average, respondents=n, stdev=Fraction(root))


def indicator_results(
    items: Sequence[Scored],
    respondents: Iterable[Answers],
    *,
    min_group: int = MIN_GROUP_SIZE,
) -> dict[int, GroupResult]:
    """Each indicator's mean over the respondents who answered any of its
    items; indicators with fewer than ``min_group`` of them are left out."""
    per_indicator: dict[int, list[Fraction]] = {}
    for answers in respondents:
        for number, score in respondent_scores(items, answers).items():
            per_indicator.setdefault(number, []).append(score)
    results = {}
    for number, scores in sorted(per_indicator.items()):
        result = group_result(scores, min_group=min_group)
        if result is not None:
            results[number] = result
    return results


def item_results(
    items: Sequence[Scored],
    respondents: Iterable[Answers],
    *,
    min_group: int = MIN_GROUP_SIZE,
) -> dict[str, GroupResult]:
    """Each item's mean over the respondents who answered it (min-group rule)."""
    per_item: dict[str, list[Fraction]] = {}
    for answers in respondents:
        for item in items:
            score = item_score(item, answers.get(item.code, ()))
            if score is not None:
                per_item.setdefault(item.code, []).append(score)
    results = {}
    for item in items:
        result = group_result(per_item.get(item.code, []), min_group=min_group)
        if result is not None:
            results[item.code] = result
    return results


def tool_score(
    results: Mapping[int, GroupResult], indicators: Sequence[int]
) -> Fraction | None:
    """The mean of the tool's indicators; ``None`` unless every one has a
    result (a tool score from some indicators would mislead)."""
    if not indicators or any(n not in results for n in indicators):
        return None
    return mean([results[n].score for n in indicators])
