"""Likely duplicates: same category, nearby, similar text (pure functions)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from prongsai.core.text_similarity import text_similarity, trigrams

NEARBY_METRES = 300
TEXT_THRESHOLD = 0.35

__all__ = ["Candidate", "distance_m", "score", "text_similarity", "trigrams"]


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres."""
    r = 6_371_000.0
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Candidate:
    pk: int
    category_id: int | None
    text: str
    latitude: object = None
    longitude: object = None
    location_text: str = ""


def score(case: Candidate, other: Candidate) -> float | None:
    """How likely ``other`` duplicates ``case``, or None when it cannot.

    Same category is required. Coordinates on both sides must be within
    ``NEARBY_METRES``; without coordinates, the location texts are compared.
    """
    if case.pk == other.pk or case.category_id != other.category_id:
        return None
    if None not in (case.latitude, case.longitude, other.latitude, other.longitude):
        if (
            distance_m(case.latitude, case.longitude, other.latitude, other.longitude)
            > NEARBY_METRES
        ):
            return None
    elif (
        case.location_text
        and other.location_text
        and text_similarity(case.location_text, other.location_text) < TEXT_THRESHOLD
    ):
        return None
    similarity = text_similarity(case.text, other.text)
    return similarity if similarity >= TEXT_THRESHOLD else None
