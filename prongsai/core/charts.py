"""Charts for pages and documents, drawn with matplotlib in Thai.

Only the object-oriented API is used (``Figure`` + Agg canvas, no pyplot
global state), so charts can be drawn in concurrent web requests.  Sarabun
is registered once at import and put first in ``font.family``.

Every function returns a :class:`Chart`; the same picture is available as
inline SVG for pages (``{% load charts %}{% chart_svg chart %}``) and as PNG
for DOCX/PDF (``chart.png()``, ``chart.png_data_uri()``).  Empty data gives a
chart saying "ไม่มีข้อมูล" instead of raising.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib

# Translated at draw time: charts are drawn in the caller's language.
from django.utils.translation import gettext
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from prongsai.core.documents import FONT_DIR

__all__ = [
    "PALETTE",
    "Chart",
    "bar_chart",
    "line_chart",
    "nice_ceiling",
    "radar_chart",
    "value_axis_limits",
]

FONT_FAMILY = "Sarabun"

for _name in ("Regular", "Bold", "Italic", "BoldItalic"):
    font_manager.fontManager.addfont(str(FONT_DIR / f"Sarabun-{_name}.ttf"))
matplotlib.rcParams["font.family"] = [FONT_FAMILY, "DejaVu Sans"]
matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as paths: no font needed to view
matplotlib.rcParams["axes.unicode_minus"] = False

#: Okabe–Ito colour-blind-safe palette.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
THRESHOLD_COLOUR = "#D55E00"
CACHE_SECONDS = 24 * 3600
"""How long a drawn chart is kept; the key changes whenever the data does."""
_WIDTH_IN, _HEIGHT_IN = 8.0, 4.5


@dataclass
class Chart:
    """A drawn chart: ``.svg()`` for pages, ``.png()`` for documents.

    The SVG and PNG of charts made by this module's functions are cached
    under a key made of everything that shapes the picture (function, data,
    options, language), so a page showing the same data again does not pay
    for rendering a second time.
    """

    figure: Figure | None
    title: str = ""
    key: str = ""
    build: Callable[[], Figure] | None = None

    def _cached(self, name: str, render: Callable[[], object]):
        if not self.key:
            return render()
        from django.core.cache import cache

        cache_key = f"chart:{name}:{self.key}"
        value = cache.get(cache_key)
        if value is None:
            value = render()
            cache.set(cache_key, value, CACHE_SECONDS)
        return value

    def _save(self, fmt: str, **kwargs: Any) -> bytes:
        buffer = io.BytesIO()
        if self.figure is None:
            assert self.build is not None, "a chart has a figure or a way to build one"
            self.figure = self.build()
        figure = self.figure
        FigureCanvasAgg(figure)
        # "tight" keeps long Thai tick labels (e.g. around a radar) inside the image.
        figure.savefig(
            buffer, format=fmt, bbox_inches="tight", pad_inches=0.15, **kwargs
        )
        return buffer.getvalue()

    def png(self, dpi: int = 150) -> bytes:
        """Return the chart as PNG bytes."""
        return self._cached(
            f"png{dpi}",
            lambda: self._save("png", dpi=dpi, metadata={"Software": None}),
        )

    def png_data_uri(self, dpi: int = 150) -> str:
        """Return a ``data:image/png`` URI (for ``<img src>`` in PDF templates)."""
        return "data:image/png;base64," + base64.b64encode(self.png(dpi)).decode(
            "ascii"
        )

    def svg(self) -> str:
        """Return inline-able SVG (see :meth:`_svg`), cached."""
        return self._cached("svg", self._svg)

    def _svg(self) -> str:
        """Return inline-able SVG: no XML declaration or doctype, ``role="img"``,
        an ``aria-label`` and ``<title>`` with the chart title, width from the
        container (``viewBox`` kept, fixed width/height dropped).
        """
        raw = self._save("svg", metadata={"Date": None, "Creator": None}).decode(
            "utf-8"
        )
        raw = raw[raw.index("<svg") :]
        label = escape(self.title or gettext("Chart"), quote=True)
        open_tag_end = raw.index(">")
        open_tag = raw[:open_tag_end]
        open_tag = re.sub(r'\s(width|height)="[^"]*"', "", open_tag)
        open_tag += f' width="100%" role="img" aria-label="{label}" class="chart"'
        body = _without_inline_styles(raw[open_tag_end + 1 :])
        return f"{open_tag}><title>{label}</title>{body}".strip()


_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)


def _without_inline_styles(svg: str) -> str:
    """Turn matplotlib's ``style`` attributes into SVG presentation attributes.

    The site's Content-Security-Policy (``style-src 'self'``) ignores inline
    ``style`` attributes and ``<style>`` elements, which would paint every
    shape black; presentation attributes (``fill="#fff"``) are not styles and
    are always honoured. The one ``<style>`` rule matplotlib writes (round
    line joins) is dropped.
    """

    def attributes(match: re.Match) -> str:
        pairs = []
        for declaration in match.group(1).split(";"):
            name, _sep, value = declaration.partition(":")
            name, value = name.strip(), value.strip()
            if name and value:
                pairs.append(f' {name}="{value}"')
        return "".join(pairs)

    return _STYLE_ATTRIBUTE.sub(attributes, _STYLE_ELEMENT.sub("", svg))


def _lazy(draw):
    """Give the charts a function draws a cache key for their SVG and PNG."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        from django.utils.translation import get_language

        fingerprint = repr(
            (draw.__name__, args, sorted(kwargs.items()), get_language())
        )
        from django.core.cache import cache

        key = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()
        if cache.get(f"chart:svg:{key}") is not None:
            # Drawn before: the figure is only needed again for a new format.
            return Chart(
                figure=None,
                title=str(kwargs.get("title", "")),
                key=key,
                build=lambda: draw(*args, **kwargs).figure,
            )
        chart = draw(*args, **kwargs)
        chart.key = key
        return chart

    return wrapper


def _figure(width: float = _WIDTH_IN, height: float = _HEIGHT_IN) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _empty(title: str) -> Chart:
    figure = _figure()
    ax = figure.add_subplot()
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    ax.text(
        0.5,
        0.5,
        gettext("No data"),
        ha="center",
        va="center",
        fontsize=16,
        color="#555",
        transform=ax.transAxes,
    )
    return Chart(figure, title)


def _is_empty(
    labels: Sequence[object], series: Mapping[str, Sequence[float | None]]
) -> bool:
    return (
        not labels
        or not series
        or all(all(v is None for v in values) for values in series.values())
    )


def _check_lengths(
    labels: Sequence[object], series: Mapping[str, Sequence[object]]
) -> None:
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(
                f"series {name!r} has {len(values)} values for {len(labels)} labels"
            )


def _number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _wrap(label: object, width: int) -> str:
    """Wrap a (Thai) label on word boundaries to lines of about *width* characters."""
    text = str(label)
    if len(text) <= width:
        return text
    from pythainlp.tokenize import word_tokenize

    lines, line = [], ""
    for word in word_tokenize(text, keep_whitespace=True):
        if line and len(line) + len(word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    lines.append(line)
    return "\n".join(part for part in lines if part)


@_lazy
def radar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    threshold: float | None = None,
    title: str = "",
    maximum: float = 100,
) -> Chart:
    """Draw a radar (spider) chart, e.g. ten ITA indicators against an 85 threshold."""
    if _is_empty(labels, series):
        return _empty(title)
    _check_lengths(labels, series)
    figure = _figure(8, 6.5)
    ax = figure.add_subplot(projection="polar")
    count = len(labels)
    angles = [2 * math.pi * i / count for i in range(count)]
    closed = [*angles, angles[0]]
    top = max(
        [
            maximum,
            *(float(v) for values in series.values() for v in values if v is not None),
        ]
    )
    ax.set_ylim(0, top)
    # Polar axes (projection="polar") have these; the stubs know plain Axes.
    ax.set_theta_offset(math.pi / 2)  # type: ignore[attr-defined]
    ax.set_theta_direction(-1)  # type: ignore[attr-defined]
    ax.set_xticks(angles, [_wrap(label, 18) for label in labels], fontsize=10)
    ax.tick_params(axis="y", labelsize=8, labelcolor="#555")
    ax.tick_params(axis="x", pad=8)
    for label, angle in zip(ax.get_xticklabels(), angles, strict=True):
        # Anchor each label on the side facing the chart so it never covers it.
        x = math.sin(angle)
        label.set_horizontalalignment(
            "left" if x > 0.1 else "right" if x < -0.1 else "center"
        )
    if threshold is not None:
        ax.plot(
            closed,
            [threshold] * (count + 1),
            linestyle="--",
            color=THRESHOLD_COLOUR,
            linewidth=1.5,
            label=gettext("Threshold %(value)s") % {"value": f"{threshold:g}"},
        )
    for index, (name, values) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        points = [_number(v) for v in values]
        ax.plot(
            closed,
            [*points, points[0]],
            color=colour,
            linewidth=2,
            marker="o",
            label=name,
        )
        ax.fill(closed, [*points, points[0]], color=colour, alpha=0.12)
        if len(series) == 1:
            for angle, value in zip(angles, points, strict=True):
                if not math.isnan(value):
                    ax.annotate(
                        f"{value:.2f}",
                        (angle, value),
                        textcoords="offset points",
                        xytext=(0, 6),
                        ha="center",
                        fontsize=9,
                        color=colour,
                    )
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold", pad=24)
    figure.legend(
        loc="outside lower center", ncols=len(series) + 1, fontsize=10, frameon=False
    )
    return Chart(figure, title)


#: Steps of a "nice" axis end within one power of ten.
_NICE_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
#: Room above the longest bar for its value label, as a share of its value.
_LABEL_ROOM = 0.1


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) ≥ *value*.

    ``nice_ceiling(33)`` is 40, ``nice_ceiling(7.7)`` is 8.
    """
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in _NICE_STEPS:
        if step * power >= value * (1 - 1e-9):
            return float(step * power)
    return float(10 * power)  # not reached: the last step is 10


def value_axis_limits(
    values: Sequence[float],
    *,
    maximum: float | None = None,
    threshold: float | None = None,
) -> tuple[float, float]:
    """Where the value axis of a bar chart starts and ends.

    A bar's length must say how big it is: the axis starts at 0 and ends at
    the scale's *maximum* (100 for scores and percentages) when given, or
    at a round number above the largest value and the threshold, with room
    for the value labels, never at the largest value itself (a single 30 %
    bar would otherwise fill the chart).
    """
    finite = [v for v in values if not math.isnan(v)]
    top = max([0.0, *finite, *([threshold] if threshold is not None else [])])
    bottom = min([0.0, *finite])
    if maximum is not None and top <= maximum:
        high = float(maximum)
    else:
        high = nice_ceiling(top * (1 + _LABEL_ROOM))
    low = -nice_ceiling(-bottom * (1 + _LABEL_ROOM)) if bottom < 0 else 0.0
    return low, high


def _draw_bars(
    ax,
    series: Mapping[str, Sequence[float | None]],
    positions,
    *,
    horizontal,
    value_format,
) -> None:
    """One group of bars per series, side by side, each labelled with its value."""
    bar = 0.8 / len(series)
    draw = ax.barh if horizontal else ax.bar
    for index, (name, values) in enumerate(series.items()):
        offsets = [p - 0.4 + bar * (index + 0.5) for p in positions]
        numbers = [_number(v) for v in values]
        bars = draw(
            offsets,
            [0 if math.isnan(n) else n for n in numbers],
            bar,
            color=PALETTE[index % len(PALETTE)],
            label=name,
        )
        texts = ["" if math.isnan(n) else value_format.format(n) for n in numbers]
        ax.bar_label(bars, labels=texts, padding=2, fontsize=9)


@_lazy
def bar_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    threshold: float | None = None,
    horizontal: bool = False,
    title: str = "",
    value_format: str = "{:.2f}",
    maximum: float | None = None,
) -> Chart:
    """Draw grouped bars with their values written on them.

    The value axis runs from 0 to *maximum* (the scale's end: 100 for scores
    and percentages; a value format ending in ``%`` implies 100) or else to
    a round number above the data (:func:`value_axis_limits`), so bars are
    as long as their share of the scale.
    """
    if maximum is None and value_format.rstrip().endswith("%"):
        maximum = 100
    if _is_empty(labels, series):
        return _empty(title)
    _check_lengths(labels, series)
    count, groups = len(labels), len(series)
    height = (
        max(_HEIGHT_IN, 0.45 * count * max(1, groups * 0.7) + 1.2)
        if horizontal
        else _HEIGHT_IN
    )
    figure = _figure(_WIDTH_IN, height)
    ax = figure.add_subplot()
    positions = list(range(count))
    _draw_bars(ax, series, positions, horizontal=horizontal, value_format=value_format)
    wrapped = [
        _wrap(label, 24 if horizontal else max(8, 90 // count)) for label in labels
    ]
    limits = value_axis_limits(
        [_number(v) for values in series.values() for v in values],
        maximum=maximum,
        threshold=threshold,
    )
    if horizontal:
        ax.set_yticks(positions, wrapped)
        ax.invert_yaxis()
        ax.set_xlim(*limits)
    else:
        ax.set_xticks(positions, wrapped)
        ax.set_ylim(*limits)
    if "{:.0f}" in value_format or "{:,.0f}" in value_format:
        # Counts: whole-number ticks (no "0.2" requests when there were none).
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
    if threshold is not None:
        line = ax.axvline if horizontal else ax.axhline
        line(
            threshold,
            linestyle="--",
            color=THRESHOLD_COLOUR,
            linewidth=1.5,
            label=gettext("Threshold %(value)s") % {"value": f"{threshold:g}"},
        )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x" if horizontal else "y", color="#ddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if groups > 1 or threshold is not None:
        figure.legend(
            loc="outside lower center", ncols=groups + 1, fontsize=10, frameon=False
        )
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return Chart(figure, title)


@_lazy
def line_chart(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str = "",
    value_format: str = "{:,.2f}",
) -> Chart:
    """Draw one line per series over *x_labels* (e.g. fiscal years), values labelled."""
    if _is_empty(x_labels, series):
        return _empty(title)
    _check_lengths(x_labels, series)
    figure = _figure()
    ax = figure.add_subplot()
    positions = list(range(len(x_labels)))
    markers = "osD^vP*X"
    for index, (name, values) in enumerate(series.items()):
        colour = PALETTE[index % len(PALETTE)]
        numbers = [_number(v) for v in values]
        ax.plot(
            positions,
            numbers,
            color=colour,
            marker=markers[index % len(markers)],
            linewidth=2,
            label=name,
        )
        for x, y in zip(positions, numbers, strict=True):
            if not math.isnan(y):
                ax.annotate(
                    value_format.format(y),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=9,
                    color=colour,
                )
    ax.set_xticks(positions, [str(label) for label in x_labels])
    ax.margins(x=0.08, y=0.15)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#ddd", linewidth=0.6)
    if len(series) > 1:
        ax.legend(fontsize=10, frameon=False)
    if title:
        ax.set_title(title, fontsize=14, fontweight="bold")
    return Chart(figure, title)
