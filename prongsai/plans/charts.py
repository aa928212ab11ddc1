"""The Gantt timeline as SVG drawn without a plotting library: plain data in, an
SVG string out, so pages stay fast with hundreds of rows. (The risk matrix is
``prongsai.core.charts_risk.matrix_chart``, shared by pages and reports.)"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape

from prongsai.core.thai_dates import THAI_MONTHS_ABBR, to_be_year

STATE_COLOURS = {
    "done": "#2e7d32",
    "cancelled": "#9e9e9e",
    "not_started": "#90a4ae",
    "on_track": "#1565c0",
    "at_risk": "#c62828",
}
FONT = "Sarabun, 'Noto Sans Thai', sans-serif"


@dataclass(frozen=True)
class GanttRow:
    label: str
    start: datetime.date
    end: datetime.date
    percent: int
    state: str
    level: int = 0  # 0 = measure, 1 = activity


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def gantt_svg(
    rows: list[GanttRow],
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date | None = None,
    title: str = "",
    label_width: int = 300,
    width: int = 1000,
    row_height: int = 22,
    label_chars: int = 48,
) -> str:
    """A timeline: one bar per row from its start to its end, filled to its
    percentage, coloured by state, with month columns and a line for today."""
    header = 40
    chart_width = width - label_width - 10
    height = header + row_height * max(len(rows), 1) + 10
    span = max((end - start).days + 1, 1)

    def x(day: datetime.date) -> float:
        clipped = min(max(day, start), end + datetime.timedelta(days=1))
        return label_width + chart_width * (clipped - start).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for index, month in enumerate(_months(start, end)):
        left = x(month)
        following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        right = x(following)
        shade = "#f5f7fa" if index % 2 == 0 else "#ffffff"
        parts.append(
            f'<rect x="{left:.1f}" y="0" width="{right - left:.1f}" '
            f'height="{height}" fill="{shade}"/>'
        )
        label = f"{THAI_MONTHS_ABBR[month.month - 1]} {str(to_be_year(month.year))[2:]}"
        parts.append(
            f'<text x="{(left + right) / 2:.1f}" y="16" text-anchor="middle" '
            f'fill="#37474f">{escape(label)}</text>'
        )
    for index, row in enumerate(rows):
        top = header + index * row_height
        indent = 12 * row.level
        colour = STATE_COLOURS.get(row.state, "#1565c0")
        weight = ' font-weight="600"' if row.level == 0 else ""
        parts.append(
            f'<text x="{4 + indent}" y="{top + row_height * 0.7:.1f}" '
            f'fill="#212121"{weight}>'
            f"{escape(_truncate(row.label, label_chars - 2 * row.level))}</text>"
        )
        left, right = x(row.start), x(row.end + datetime.timedelta(days=1))
        bar = max(right - left, 2)
        bar_height = row_height * (0.6 if row.level == 0 else 0.45)
        bar_top = top + (row_height - bar_height) / 2
        parts.append(
            f'<rect x="{left:.1f}" y="{bar_top:.1f}" width="{bar:.1f}" '
            f'height="{bar_height:.1f}" rx="3" fill="{colour}" fill-opacity="0.25" '
            f'stroke="{colour}"/>'
        )
        done = bar * max(0, min(row.percent, 100)) / 100
        if done:
            parts.append(
                f'<rect x="{left:.1f}" y="{bar_top:.1f}" width="{done:.1f}" '
                f'height="{bar_height:.1f}" rx="3" fill="{colour}"/>'
            )
    if today is not None and start <= today <= end:
        line = x(today)
        parts.append(
            f'<line x1="{line:.1f}" y1="22" x2="{line:.1f}" y2="{height}" '
            'stroke="#d81b60" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
