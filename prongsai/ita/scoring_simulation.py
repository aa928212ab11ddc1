"""What-if simulation on ITA scores: which OIT item to fix first, and how far
the next level is.

Same arithmetic as :mod:`prongsai.ita.scoring` (exact fractions, rounding only
for output). Pure module: no ORM, no request, no Django settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from prongsai.ita.frameworks import Framework, LevelScheme

from .scoring import (
    TOOL_KEYS,
    TWO_PLACES,
    LevelResult,
    Number,
    exact_decimal,
    indicator_fractions_from_items,
    level,
    level_scheme_of,
    round2,
    tool_fractions,
    validate_indicators,
    validate_item_results,
)

__all__ = ["NextLevelGap", "WhatIfGain", "points_to_next_level", "what_if"]


@dataclass(frozen=True)
class WhatIfGain:
    """What fixing one OIT item scored 0 would add to the total."""

    code: str
    title_th: str
    sub_indicator: str
    indicator: int
    gain: Decimal
    gain_rounded: Decimal
    total_after: Decimal
    level_after: LevelResult


@dataclass(frozen=True)
class NextLevelGap:
    """What the rounded scores still lack to reach the next better level.

    ``total_points`` is zero when only tool scores are short (pass ratings);
    ``tool_points`` maps ``iit``/``eit``/``oit`` to the points each still needs.
    """

    code: str
    label_th: str
    total_points: Decimal
    tool_points: dict[str, Decimal] = field(
        default_factory=dict, compare=False, hash=False
    )


def what_if(
    framework: Framework,
    item_results: Mapping[str, Number],
    indicators: Mapping[int, Number],
) -> list[WhatIfGain]:
    """Rank the OIT items scored 0 by how much fixing each would add.

    Indicators computed from items (9 and 10) come from ``item_results``;
    the other indicators come from ``indicators`` (values given there for
    9 and 10 are checked but not used). Each gain is the total with that
    single item turned to 100 minus the current total, through the year's
    sub-indicator structure. Sorted by gain, largest first, then item order.
    """
    items = validate_item_results(framework, item_results)
    from_items = sorted({sub.indicator for sub in framework.sub_indicators})
    others = [n for n in framework.indicator_numbers if n not in from_items]
    values = validate_indicators(indicators, others, optional=from_items)
    base = {n: Fraction(values[n]) for n in others}

    def total_with(current: Mapping[str, Fraction]) -> dict[str, Fraction]:
        merged = {**base, **indicator_fractions_from_items(framework, current)}
        return tool_fractions(framework.tools, merged)

    baseline = total_with(items)["total"]
    sub_of = {sub.code: sub for sub in framework.sub_indicators}
    gains: list[tuple[Fraction, int, WhatIfGain]] = []
    for position, item in enumerate(framework.oit_items):
        if items[item.code] != 0:
            continue
        after = total_with({**items, item.code: Fraction(100)})
        gain = after["total"] - baseline
        gains.append(
            (
                gain,
                position,
                WhatIfGain(
                    code=item.code,
                    title_th=item.title_th,
                    sub_indicator=item.sub_indicator,
                    indicator=sub_of[item.sub_indicator].indicator,
                    gain=exact_decimal(gain),
                    gain_rounded=round2(gain),
                    total_after=round2(after["total"]),
                    level_after=level(
                        framework,
                        after["total"],
                        after["iit"],
                        after["eit"],
                        after["oit"],
                    ),
                ),
            )
        )
    gains.sort(key=lambda entry: (-entry[0], entry[1]))
    return [entry[2] for entry in gains]


def points_to_next_level(
    framework_or_scheme: Framework | LevelScheme,
    total: Decimal | Fraction | int | str,
    iit: Decimal | Fraction | int | str,
    eit: Decimal | Fraction | int | str,
    oit: Decimal | Fraction | int | str,
) -> NextLevelGap | None:
    """Points the rounded scores lack for the next better level, or ``None``.

    ``None`` means the best level is already reached. For pass ratings the
    step from "ผ่าน" to "ผ่านดี" may need no total points at all, only
    tool points (listed in ``tool_points``).
    """
    scheme = level_scheme_of(framework_or_scheme)
    current = level(scheme, total, iit, eit, oit)
    if current.rank == 0:
        return None
    target = scheme.levels[current.rank - 1]
    rounded_total = round2(total)
    tool_points: dict[str, Decimal] = {}
    if target.min_each_tool is not None:
        for key, value in zip(TOOL_KEYS, (iit, eit, oit), strict=True):
            shortfall = target.min_each_tool - round2(value)
            if shortfall > 0:
                tool_points[key] = shortfall.quantize(TWO_PLACES)
    return NextLevelGap(
        code=target.code,
        label_th=target.label_th,
        total_points=max(target.min_total - rounded_total, Decimal(0)).quantize(
            TWO_PLACES
        ),
        tool_points=tool_points,
    )
