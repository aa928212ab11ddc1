"""Likely duplicates: same category, nearby, similar text (pure functions)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

NEARBY_METRES = 300
TEXT_THRESHOLD = 0.35

_SPACE = re.compile(r"\s+")


def trigrams(text: str) -> set[str]:
    """Character trigrams: work for Thai, which has no spaces between words."""
    text = _SPACE.sub(" ", (text or "").lower()).strip()
    if len(text) < 3:
        return {text} if text else set()
    return {text[i : i + 3] for i in range(len(text) - 2)}


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the trigram sets, 0..1."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


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
