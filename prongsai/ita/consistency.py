"""Do the typed OIT indicators agree with the OIT item results of the same year?

Indicators 9 and 10 are typed as the NACC published them, and the item
results (0 or 100 per OIT item) may be entered too. The items imply both
indicators (``scoring``: item -> sub-indicator mean -> indicator mean), so a
typed value that differs from what the items give is a typing mistake in one
of them, or a framework whose item split is not the one the NACC used. It is
a warning, not an error: the officer may save, and staff keep seeing it.

Pure module: no ORM, no request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from .frameworks import Framework
from .scoring import parse_number, round2

__all__ = ["IndicatorMismatch", "implied_indicators", "item_mismatches"]


@dataclass(frozen=True)
class IndicatorMismatch:
    """A typed indicator and the (rounded) value its OIT items give."""

    number: int
    typed: Decimal
    implied: Decimal

    @property
    def message(self) -> str:
        return _(
            "Indicator %(number)s as entered, %(typed)s, does not match the item "
            "results (they give %(implied)s)"
        ) % {
            "number": self.number,
            "typed": f"{self.typed:.2f}",
            "implied": f"{self.implied:.2f}",
        }


def _item_value(raw: object) -> Fraction | None:
    number = parse_number(raw)
    if number is None or number not in (0, 100):
        return None
    return Fraction(number)


def implied_indicators(
    framework: Framework, item_results: Mapping[str, object]
) -> dict[int, Decimal]:
    """Indicators the item results give, rounded to two decimals.

    An indicator is given only when every item of every one of its
    sub-indicators has a result: with items missing the items say nothing.
    """
    if not framework.has_item_structure:
        return {}
    items = {str(code): _item_value(raw) for code, raw in item_results.items()}
    implied: dict[int, Decimal] = {}
    for number in sorted({sub.indicator for sub in framework.sub_indicators}):
        means = []
        for sub in framework.sub_indicators_of(number):
            values = [items.get(code) for code in sub.items]
            if not values or any(value is None for value in values):
                break
            means.append(sum(values, Fraction(0)) / len(values))
        else:
            if means:
                implied[number] = round2(sum(means, Fraction(0)) / len(means))
    return implied


def item_mismatches(
    framework: Framework,
    indicators: Mapping[int, object],
    item_results: Mapping[str, object],
) -> list[IndicatorMismatch]:
    """Typed indicators that differ from what the item results give."""
    mismatches = []
    for number, implied in implied_indicators(framework, item_results).items():
        typed = parse_number(indicators.get(number))
        if typed is not None and round2(typed) != implied:
            mismatches.append(
                IndicatorMismatch(number=number, typed=round2(typed), implied=implied)
            )
    return mismatches
