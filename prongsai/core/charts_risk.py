"""The risk matrix chart and the named risk levels over core.risk_bands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Translated at draw time: charts are drawn in the caller's language.
from django.utils.translation import gettext, pgettext
from matplotlib.patches import Rectangle

from prongsai.core import risk_bands

from .charts import (
    Chart,
    _figure,
    _lazy,
    _wrap,
)


@dataclass(frozen=True)
class RiskLevel:
    """A band of risk scores (likelihood × impact) with its name and colours."""

    maximum: int
    name: str
    colour: str
    text_colour: str = "#000000"


def default_risk_levels() -> tuple[RiskLevel, ...]:
    """The bands of ``core.risk_bands``: low 1–4, medium 5–9, high 10–16, very
    high 17–25."""
    return tuple(
        RiskLevel(band.maximum, risk_level_label(band.key), band.fill, band.text)
        for band in risk_bands.BANDS
    )


def risk_level_label(key: str) -> str:
    labels = {
        risk_bands.LOW: pgettext("risk level", "Low"),
        risk_bands.MEDIUM: pgettext("risk level", "Medium"),
        risk_bands.HIGH: pgettext("risk level", "High"),
        risk_bands.VERY_HIGH: pgettext("risk level", "Very high"),
    }
    return labels.get(key, key)


def risk_level(score: int, levels: Sequence[RiskLevel] | None = None) -> RiskLevel:
    """Return the band containing *score*."""
    levels = levels or default_risk_levels()
    for level in levels:
        if score <= level.maximum:
            return level
    return levels[-1]


@_lazy
def matrix_chart(
    cells: Mapping[tuple[int, int], object],
    *,
    title: str = "",
    size: int = 5,
    levels: Sequence[RiskLevel] | None = None,
) -> Chart:
    """Draw a risk matrix: likelihood (y, 1–size) × impact (x, 1–size).

    *cells* maps ``(likelihood, impact)`` to what is written in the cell (a
    count or risk codes such as ``"R1, R4"``).  Cells are coloured by the
    band of likelihood × impact; a legend names the bands.  An empty mapping
    still draws the coloured grid.
    """
    levels = tuple(levels or default_risk_levels())
    for likelihood, impact in cells:
        if not (1 <= likelihood <= size and 1 <= impact <= size):
            raise ValueError(
                f"cell ({likelihood}, {impact}) is outside the {size}x{size} matrix"
            )
    figure = _figure(7, 6)
    ax = figure.add_subplot()
    for likelihood in range(1, size + 1):
        for impact in range(1, size + 1):
            level = risk_level(likelihood * impact, levels)
            ax.add_patch(
                Rectangle(
                    (impact - 0.5, likelihood - 0.5),
                    1,
                    1,
                    facecolor=level.colour,
                    edgecolor="white",
                    linewidth=2,
                )
            )
            content = cells.get((likelihood, impact))
            if content not in (None, "", 0):
                ax.text(
                    impact,
                    likelihood,
                    _wrap(content, 10),
                    ha="center",
                    va="center",
                    fontsize=11,
                    fontweight="bold",
                    color=level.text_colour,
                )
    ax.set_xlim(0.5, size + 0.5)
    ax.set_ylim(0.5, size + 0.5)
    ax.set_aspect("equal")
    ticks = list(range(1, size + 1))
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.set_yticks(ticks, [str(t) for t in ticks])
    ax.set_xlabel(gettext("Impact"), fontsize=12)
    ax.set_ylabel(gettext("Likelihood"), fontsize=12)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    handles = [Rectangle((0, 0), 1, 1, facecolor=level.colour) for level in levels]
    ax.legend(
        handles,
        [level.name for level in levels],
        loc="upper left",
        bbox_to_anchor=(1.02, 1),
        fontsize=10,
        frameon=False,
    )
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return Chart(figure, title)
