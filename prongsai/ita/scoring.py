"""ITA score arithmetic: tool scores, total, level, OIT from items, what-if.

The aggregation reproduces the NACC's published results (research note
shared/domain/ita.md §1.4)::

    sub-indicator = mean(item scores)            # each OIT item 0 or 100
    indicator 9   = mean(sub-indicators 9.x)     # equal weight per sub-indicator
    indicator 10  = mean(sub-indicators 10.x)
    IIT = mean(1..5)   EIT = mean(6..8)   OIT = mean(9, 10)
    total = w_IIT * IIT + w_EIT * EIT + w_OIT * OIT   # 0.30 / 0.30 / 0.40

Which indicators belong to which tool, the weights and the level boundaries
come from the fiscal year's :class:`~prongsai.ita.frameworks.Framework`, never
from constants here.

Rounding: values are computed at full precision and rounded half-up to two
decimals only for output; levels are decided on the rounded scores, as the
NACC publishes and compares two-decimal values. Inputs and outputs are
``Decimal``; intermediate means are kept as exact fractions so that nothing is
rounded before that final step (a mean of three indicators is not a finite
decimal). No float takes part in the arithmetic.

Pure module: no ORM, no request, no Django settings. Messages are English
msgids translated with Django's ``gettext`` when raised (Thai by default).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from django.utils.translation import gettext as _

from prongsai.ita.frameworks import (
    Framework,
    LevelScheme,
    Tool,
    available_fiscal_years,
    load_framework,
)

__all__ = [
    "BORDERLINE_MARGIN",
    "DEFAULT_TOOLS",
    "TOOL_KEYS",
    "TWO_PLACES",
    "LevelResult",
    "ScoreResult",
    "ScoringInputError",
    "exact_decimal",
    "indicator_fractions_from_items",
    "is_borderline",
    "level",
    "level_scheme_of",
    "oit_from_items",
    "parse_number",
    "round2",
    "score",
    "sub_indicator_scores",
    "tool_fractions",
    "tool_label",
    "tool_scores",
    "validate_indicators",
    "validate_item_results",
]

TWO_PLACES = Decimal("0.01")
"""Published precision of every ITA score."""

BORDERLINE_MARGIN = Decimal("0.01")
"""A score this close to a level boundary is flagged for a manual check."""

EXACT_DIGITS = 40
"""Significant digits kept when an exact value is handed out as a Decimal."""

DEFAULT_TOOLS: tuple[Tool, ...] = (
    Tool(
        code="IIT",
        name_th="แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        name_en="Internal Integrity and Transparency Assessment",
        weight=Decimal("0.30"),
        indicators=(1, 2, 3, 4, 5),
        confidence="M",
    ),
    Tool(
        code="EIT",
        name_th="แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        name_en="External Integrity and Transparency Assessment",
        weight=Decimal("0.30"),
        indicators=(6, 7, 8),
        confidence="M",
    ),
    Tool(
        code="OIT",
        name_th="แบบวัดการเปิดเผยข้อมูลสาธารณะ",
        name_en="Open Data Integrity and Transparency Assessment",
        weight=Decimal("0.40"),
        indicators=(9, 10),
        confidence="M",
    ),
)
"""The 30/30/40 structure used by every year on record; a framework overrides it."""

_HUNDRED = Decimal(100)
TOOL_KEYS = ("iit", "eit", "oit")


def tool_label(key: str) -> str:
    return _("ITA total score") if key == "total" else key.upper()


def _not_a_number(value: object) -> str:
    return _("Scores must be numbers (got: %(value)s)") % {"value": value}


Number = Decimal | int | str


class ScoringInputError(ValueError):
    """Invalid scores or item results; ``messages`` holds one translated line
    each."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = tuple(messages)
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class LevelResult:
    """The level reached; ``rank`` 0 is the best level of the scheme."""

    code: str
    label_th: str
    label_en: str
    passed: bool
    rank: int
    scheme: str


@dataclass(frozen=True)
class ScoreResult:
    """Scores of one assessment, rounded for display, with level and flags.

    ``exact`` keeps the unrounded values (keys ``iit``, ``eit``, ``oit``,
    ``total``) for further computation.
    """

    fiscal_year: int
    iit: Decimal
    eit: Decimal
    oit: Decimal
    total: Decimal
    level: LevelResult
    borderline: bool
    borderline_tools: tuple[str, ...] = ()
    exact: dict[str, Decimal] = field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict[str, object]:
        """Rounded scores and level, in the order the NACC publishes them."""
        return {
            "iit": self.iit,
            "eit": self.eit,
            "oit": self.oit,
            "total": self.total,
            "level": self.level.code,
            "level_th": self.level.label_th,
        }


# --------------------------------------------------------------------------
# Numbers and rounding


def parse_number(value: object) -> Decimal | None:
    """Turn user input into a finite Decimal; ``None`` when it is not a number.

    A float is read through its shortest repr (``93.1`` -> ``Decimal("93.1")``),
    so no binary fraction leaks into the arithmetic.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def _fraction(value: Decimal | Fraction | int | str) -> Fraction:
    if isinstance(value, Fraction):
        return value
    number = parse_number(value)
    if number is None:
        raise ScoringInputError([_not_a_number(value)])
    return Fraction(number)


def exact_decimal(value: Fraction) -> Decimal:
    """An exact fraction as a Decimal carrying ``EXACT_DIGITS`` digits."""
    with localcontext() as context:
        context.prec = EXACT_DIGITS
        return Decimal(value.numerator) / Decimal(value.denominator)


def _round_fraction(value: Fraction) -> Decimal:
    """Round an exact fraction half-up (away from zero) to two decimals."""
    scaled = abs(value) * 100
    units = math.floor(scaled + Fraction(1, 2))
    if value < 0:
        units = -units
    return Decimal(units).scaleb(-2).quantize(TWO_PLACES)


def round2(value: Decimal | Fraction | int | str) -> Decimal:
    """Round half-up to two decimals, the NACC's published precision.

    ``Decimal("84.995")`` becomes ``85.00`` (banker's rounding would give
    ``85.00`` here too but ``0.125`` -> ``0.12``; half-up gives ``0.13``).
    """
    if isinstance(value, Fraction):
        return _round_fraction(value)
    number = parse_number(value)
    if number is None:
        raise ScoringInputError([_not_a_number(value)])
    with localcontext() as context:
        context.prec = max(EXACT_DIGITS, len(number.as_tuple().digits) + 3)
        return number.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------
# Validation of inputs


def _indicator_key(key: object) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key.strip())
    return None


def _indicator_message(number: int, value: object) -> str:
    return _(
        "Indicator %(number)s must be a number from 0 to 100 with at most two "
        "decimals (got: %(value)s)"
    ) % {"number": number, "value": value}


def validate_indicators(
    indicators: Mapping[int, object],
    numbers: Iterable[int] = range(1, 11),
    *,
    optional: Iterable[int] = (),
) -> dict[int, Decimal]:
    """Check indicator scores and return them as Decimals keyed by number.

    Every number in ``numbers`` is required; ``optional`` numbers may be given
    and are checked the same way. Each value must be a number from 0 to 100
    with at most two decimals, as the NACC publishes them. Raises
    :class:`ScoringInputError` naming every faulty indicator in Thai.
    """
    required = list(numbers)
    allowed = set(required) | set(optional)
    messages: list[str] = []
    values: dict[int, object] = {}
    for key, value in indicators.items():
        number = _indicator_key(key)
        if number is None or number not in allowed:
            messages.append(
                _("The assessment framework has no indicator %(key)s") % {"key": key}
            )
            continue
        values[number] = value
    result: dict[int, Decimal] = {}
    for number in sorted(allowed):
        if number not in values:
            if number in required:
                messages.append(
                    _(
                        "Indicator %(number)s has no score: all %(count)s "
                        "indicators are required"
                    )
                    % {"number": number, "count": len(required)}
                )
            continue
        raw = values[number]
        value = parse_number(raw)
        if (
            value is None
            or not 0 <= value <= _HUNDRED
            or value != value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        ):
            messages.append(_indicator_message(number, raw))
            continue
        result[number] = value
    if messages:
        raise ScoringInputError(messages)
    return result


def validate_item_results(
    framework: Framework, item_results: Mapping[str, object]
) -> dict[str, Fraction]:
    """Check OIT item results (each 0 or 100, all items present)."""
    if not framework.has_item_structure:
        raise ScoringInputError(
            [
                _(
                    "The framework of fiscal year %(year)s has no sub-indicators "
                    "and OIT items, so scores cannot be computed from item results"
                )
                % {"year": framework.fiscal_year}
            ]
        )
    codes = [item.code for item in framework.oit_items]
    messages: list[str] = []
    for code in item_results:
        if code not in codes:
            messages.append(
                _(
                    "There is no item %(code)s among the OIT items of fiscal "
                    "year %(year)s"
                )
                % {"code": code, "year": framework.fiscal_year}
            )
    result: dict[str, Fraction] = {}
    for code in codes:
        if code not in item_results:
            messages.append(
                _(
                    "Item %(code)s has no result: every item is required "
                    "(%(count)s items)"
                )
                % {"code": code, "count": len(codes)}
            )
            continue
        raw = item_results[code]
        value = parse_number(raw)
        if value is None or value not in (0, _HUNDRED):
            messages.append(
                _("Item %(code)s must score 0 or 100 (got: %(value)s)")
                % {"code": code, "value": raw}
            )
            continue
        result[code] = Fraction(value)
    if messages:
        raise ScoringInputError(messages)
    return result


# --------------------------------------------------------------------------
# Aggregation


def _mean(values: Iterable[Fraction]) -> Fraction:
    items = list(values)
    return sum(items, Fraction(0)) / len(items)


def _tools_of(framework: Framework | None) -> tuple[Tool, ...]:
    return DEFAULT_TOOLS if framework is None else framework.tools


def tool_fractions(
    tools: Iterable[Tool], values: Mapping[int, Fraction]
) -> dict[str, Fraction]:
    """Exact tool means and weighted total from exact indicator values."""
    result: dict[str, Fraction] = {}
    total = Fraction(0)
    for tool in tools:
        mean = _mean(values[number] for number in tool.indicators)
        result[tool.code.lower()] = mean
        total += Fraction(tool.weight) * mean
    result["total"] = total
    return result


def _sub_fractions(
    framework: Framework, items: Mapping[str, Fraction]
) -> dict[str, Fraction]:
    return {
        sub.code: _mean(items[code] for code in sub.items)
        for sub in framework.sub_indicators
    }


def indicator_fractions_from_items(
    framework: Framework, items: Mapping[str, Fraction]
) -> dict[int, Fraction]:
    subs = _sub_fractions(framework, items)
    numbers = sorted({sub.indicator for sub in framework.sub_indicators})
    return {
        number: _mean(subs[sub.code] for sub in framework.sub_indicators_of(number))
        for number in numbers
    }


def tool_scores(
    indicators: Mapping[int, Number], framework: Framework | None = None
) -> dict[str, Decimal]:
    """Return unrounded ``iit``, ``eit``, ``oit`` and ``total`` scores.

    Each tool score is the mean of its indicators and the total is the
    weighted sum of the tools. ``framework`` supplies the indicator-to-tool
    mapping and the weights; without it the 30/30/40 structure of
    :data:`DEFAULT_TOOLS` applies. Use :func:`round2` (or :func:`score`) for
    published two-decimal values.
    """
    tools = _tools_of(framework)
    numbers = sorted(n for tool in tools for n in tool.indicators)
    values = validate_indicators(indicators, numbers)
    exact = tool_fractions(tools, {n: Fraction(v) for n, v in values.items()})
    return {key: exact_decimal(value) for key, value in exact.items()}


def sub_indicator_scores(
    framework: Framework, item_results: Mapping[str, Number]
) -> dict[str, Decimal]:
    """Unrounded score of every sub-indicator from OIT item results (0/100)."""
    items = validate_item_results(framework, item_results)
    return {
        code: exact_decimal(value)
        for code, value in _sub_fractions(framework, items).items()
    }


def oit_from_items(
    framework: Framework, item_results: Mapping[str, Number]
) -> dict[int, Decimal]:
    """Unrounded OIT indicators (9 and 10) from item results of 0 or 100.

    Each sub-indicator is the mean of its items and each indicator the mean
    of its sub-indicators, so an item in a small sub-indicator weighs more
    than one in a large sub-indicator.
    """
    items = validate_item_results(framework, item_results)
    return {
        number: exact_decimal(value)
        for number, value in indicator_fractions_from_items(framework, items).items()
    }


# --------------------------------------------------------------------------
# Levels


def level_scheme_of(framework_or_scheme: Framework | LevelScheme) -> LevelScheme:
    if isinstance(framework_or_scheme, Framework):
        return framework_or_scheme.level_scheme
    return framework_or_scheme


def _rounded_score(value: Decimal | Fraction | int | str, label: str) -> Decimal:
    rounded = round2(value)
    if not 0 <= rounded <= _HUNDRED:
        raise ScoringInputError(
            [
                _("%(label)s must be between 0 and 100 (got: %(value)s)")
                % {"label": label, "value": value}
            ]
        )
    return rounded


def level(
    framework_or_scheme: Framework | LevelScheme,
    total: Decimal | Fraction | int | str,
    iit: Decimal | Fraction | int | str,
    eit: Decimal | Fraction | int | str,
    oit: Decimal | Fraction | int | str,
) -> LevelResult:
    """Return the level reached, judged on scores rounded to two decimals.

    Levels are tried best first; a level applies when the rounded total
    reaches its ``min_total`` and, where it sets ``min_each_tool`` (pass
    ratings from FY 2566), every rounded tool score reaches that minimum too.
    So from FY 2566 a total of 94.64 with EIT below 85 is "ผ่าน", not "ผ่านดี".
    """
    scheme = level_scheme_of(framework_or_scheme)
    rounded_total = _rounded_score(total, tool_label("total"))
    tools = [
        _rounded_score(value, tool_label(key))
        for key, value in zip(TOOL_KEYS, (iit, eit, oit), strict=True)
    ]
    for rank, definition in enumerate(scheme.levels):
        if rounded_total < definition.min_total:
            continue
        minimum = definition.min_each_tool
        if minimum is not None and any(score < minimum for score in tools):
            continue
        return LevelResult(
            code=definition.code,
            label_th=definition.label_th,
            label_en=definition.label_en,
            passed=definition.passed,
            rank=rank,
            scheme=scheme.kind,
        )
    raise ScoringInputError(
        [
            _("No assessment level matches the total score %(total)s")
            % {"total": rounded_total}
        ]
    )


def _latest_scheme() -> LevelScheme:
    return load_framework(available_fiscal_years()[-1]).level_scheme


def _near(value: Decimal | Fraction, boundaries: Iterable[Decimal]) -> bool:
    exact = _fraction(value)
    margin = Fraction(BORDERLINE_MARGIN)
    return any(abs(exact - Fraction(b)) <= margin for b in boundaries)


def is_borderline(
    total: Decimal | Fraction | int | str,
    framework_or_scheme: Framework | LevelScheme | None = None,
) -> bool:
    """Whether ``total`` lies within 0.01 of a level boundary of the scheme.

    Such totals (e.g. 84.99, 85.00, 85.01) deserve a check against the
    official result before any conclusion is drawn. Without a framework the
    scheme of the latest fiscal year on file is used.
    """
    scheme = (
        _latest_scheme()
        if framework_or_scheme is None
        else level_scheme_of(framework_or_scheme)
    )
    return _near(_fraction(total), scheme.total_boundaries)


def score(framework: Framework, indicators: Mapping[int, Number]) -> ScoreResult:
    """Score the ten indicators of one assessment under ``framework``.

    Raises :class:`ScoringInputError` (a ``ValueError``) with a Thai message
    per faulty indicator; all indicators of the framework are required.
    """
    values = validate_indicators(indicators, framework.indicator_numbers)
    exact = tool_fractions(framework.tools, {n: Fraction(v) for n, v in values.items()})
    return _result(framework, exact)


def _result(framework: Framework, exact: Mapping[str, Fraction]) -> ScoreResult:
    scheme = framework.level_scheme
    result_level = level(
        scheme, exact["total"], exact["iit"], exact["eit"], exact["oit"]
    )
    borderline_tools = tuple(
        key.upper() for key in TOOL_KEYS if _near(exact[key], scheme.tool_boundaries)
    )
    return ScoreResult(
        fiscal_year=framework.fiscal_year,
        iit=round2(exact["iit"]),
        eit=round2(exact["eit"]),
        oit=round2(exact["oit"]),
        total=round2(exact["total"]),
        level=result_level,
        borderline=_near(exact["total"], scheme.total_boundaries),
        borderline_tools=borderline_tools,
        exact={key: exact_decimal(value) for key, value in exact.items()},
    )
