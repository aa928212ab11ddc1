"""The one table of risk bands: likelihood × impact (1–25) to a level and its colours.

Used by the risk register's level badges, the matrix on its pages and the
matrix in its PDF/DOCX reports, so all of them show the same bands in the same
colours. Pure data and functions; labels are translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
VERY_HIGH = "very_high"


@dataclass(frozen=True)
class Band:
    """Scores up to ``maximum`` (from the previous band's maximum + 1)."""

    maximum: int
    key: str
    fill: str
    text: str  # a text colour with at least 4.5:1 contrast on ``fill``


# Colours from ColorBrewer's RdYlGn scale; text colours checked for WCAG AA.
BANDS: tuple[Band, ...] = (
    Band(4, LOW, "#1a9850", "#000000"),
    Band(9, MEDIUM, "#fee08b", "#000000"),
    Band(16, HIGH, "#fc8d59", "#000000"),
    Band(25, VERY_HIGH, "#d73027", "#ffffff"),
)
KEYS = tuple(band.key for band in BANDS)


def band_for(score: int) -> Band:
    """The band holding ``score`` (scores above 25 fall in the last band)."""
    for band in BANDS:
        if score <= band.maximum:
            return band
    return BANDS[-1]
