"""Likely duplicates: same category, still open, nearby or similar text
(pure functions).

A report is offered to the officer as a likely duplicate of another when both
are of the same category, the other is still open (or was resolved only a few
days ago), and

- they are within ``SAME_SPOT_METRES`` of each other (the same broken lamp), or
- their texts are very similar (``SAME_TEXT``), wherever they are, or
- they are within ``NEARBY_METRES`` and their texts are alike (``TEXT_THRESHOLD``).

Without coordinates on both sides, similar place texts stand for "nearby".
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from prongsai.core.text_similarity import text_similarity, trigrams

SAME_SPOT_METRES = 50
NEARBY_METRES = 300
SAME_TEXT = 0.6
TEXT_THRESHOLD = 0.35
RECENTLY_RESOLVED_DAYS = 7

# Why a case was offered (shown to the officer, translated in the template).
SAME_SPOT = "same_spot"
SAME_WORDING = "same_text"
NEARBY_AND_ALIKE = "nearby_alike"

__all__ = ["Candidate", "distance_m", "score", "text_similarity", "trigrams"]


def distance_m(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in metres."""
    r = 6_371_000.0
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Candidate:
    pk: int
    category_id: int | None
    text: str
    latitude: object = None
    longitude: object = None
    location_text: str = ""
    is_open: bool = True
    resolved_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Match:
    """Why ``other`` looks like the same matter, and how strongly (0..1)."""

    score: float
    similarity: float
    reason: str
    distance_m: float | None = None


def still_current(other: Candidate, now: datetime.datetime | None) -> bool:
    """Open, or resolved within ``RECENTLY_RESOLVED_DAYS`` of ``now``."""
    if other.is_open:
        return True
    if other.resolved_at is None or now is None:
        return False
    return now - other.resolved_at <= datetime.timedelta(days=RECENTLY_RESOLVED_DAYS)


def _has_point(c: Candidate) -> bool:
    return c.latitude is not None and c.longitude is not None


def match(
    case: Candidate, other: Candidate, *, now: datetime.datetime | None = None
) -> Match | None:
    """How ``other`` may duplicate ``case``, or None when it does not."""
    if case.pk == other.pk or case.category_id != other.category_id:
        return None
    if not still_current(other, now):
        return None
    similarity = text_similarity(case.text, other.text)
    distance = None
    if _has_point(case) and _has_point(other):
        distance = distance_m(
            case.latitude, case.longitude, other.latitude, other.longitude
        )
        nearby = distance <= NEARBY_METRES
        closeness = max(0.0, 1 - distance / NEARBY_METRES)
    else:
        nearby = bool(
            case.location_text
            and other.location_text
            and text_similarity(case.location_text, other.location_text)
            >= TEXT_THRESHOLD
        )
        closeness = 0.0
    if distance is not None and distance <= SAME_SPOT_METRES:
        reason = SAME_SPOT
    elif similarity >= SAME_TEXT:
        reason = SAME_WORDING
    elif nearby and similarity >= TEXT_THRESHOLD:
        reason = NEARBY_AND_ALIKE
    else:
        return None
    return Match(
        score=max(similarity, closeness),
        similarity=similarity,
        reason=reason,
        distance_m=distance,
    )


def score(
    case: Candidate, other: Candidate, *, now: datetime.datetime | None = None
) -> float | None:
    """The strength of :func:`match` (0..1), or None when it does not match."""
    found = match(case, other, now=now)
    return found.score if found else None
