"""The 5 x 5 corruption risk matrix: score, level and priority of a risk."""

from __future__ import annotations

from dataclasses import dataclass

from prongsai.core.risk_bands import HIGH, LOW, MEDIUM, VERY_HIGH, band_for

__all__ = ["HIGH", "LOW", "MEDIUM", "VERY_HIGH", "level", "prioritise", "score"]


def score(likelihood: int, impact: int) -> int:
    for value in (likelihood, impact):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValueError(f"risk levels run from 1 to 5, got {value!r}")
    return likelihood * impact


def level(likelihood: int, impact: int) -> str:
    """low (1-4), medium (5-9), high (10-16) or very_high (17-25)."""
    return band_for(score(likelihood, impact)).key


@dataclass(frozen=True)
class RankedRisk:
    key: object
    likelihood: int
    impact: int
    score: int
    level: str
    priority: int


def prioritise(risks: list[tuple[object, int, int]]) -> list[RankedRisk]:
    """Rank ``(key, likelihood, impact)`` by score, then impact, then likelihood.

    Ties share a priority number, as in a sports table.
    """
    ordered = sorted(risks, key=lambda r: (-(r[1] * r[2]), -r[2], -r[1]))
    ranked: list[RankedRisk] = []
    previous = None
    priority = 0
    for position, (key, likelihood, impact) in enumerate(ordered, start=1):
        marker = (likelihood * impact, impact, likelihood)
        if marker != previous:
            priority = position
            previous = marker
        ranked.append(
            RankedRisk(
                key,
                likelihood,
                impact,
                score(likelihood, impact),
                level(likelihood, impact),
                priority,
            )
        )
    return ranked


def matrix_counts(risks: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """How many risks sit in each (likelihood, impact) cell."""
    counts = {(lk, im): 0 for lk in range(1, 6) for im in range(1, 6)}
    for likelihood, impact in risks:
        counts[(likelihood, impact)] += 1
    return counts
