"""Risk matrix, reminder rules, KPI parsing and SVG charts (no database)."""

import datetime
from decimal import Decimal

import pytest

from prongsai.plans import reminders, risk_matrix
from prongsai.plans.charts import GanttRow, gantt_svg


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 1, "low"),
        (2, 2, "low"),
        (1, 5, "medium"),
        (3, 3, "medium"),
        (2, 5, "high"),
        (4, 4, "high"),
        (4, 5, "very_high"),
        (5, 5, "very_high"),
    ],
)
def test_levels(likelihood, impact, level):
    assert risk_matrix.level(likelihood, impact) == level


@pytest.mark.parametrize("bad", [0, 6, True, "3"])
def test_levels_out_of_range(bad):
    with pytest.raises(ValueError):
        risk_matrix.score(bad, 3)


def test_priority_ties_share_a_rank():
    ranked = risk_matrix.prioritise(
        [("a", 2, 2), ("b", 4, 5), ("c", 5, 4), ("d", 4, 5)]
    )
    assert [(r.key, r.priority) for r in ranked] == [
        ("b", 1),
        ("d", 1),
        ("c", 3),
        ("a", 4),
    ]


def test_matrix_counts():
    counts = risk_matrix.matrix_counts([(3, 4), (3, 4), (1, 1)])
    assert counts[(3, 4)] == 2
    assert counts[(1, 1)] == 1
    assert sum(counts.values()) == 3


DAY = datetime.date


@pytest.mark.parametrize(
    ("today", "last", "kinds"),
    [
        (DAY(2026, 3, 20), DAY(2026, 3, 10), []),
        (DAY(2026, 3, 24), DAY(2026, 3, 10), ["due_soon"]),
        (DAY(2026, 3, 31), DAY(2026, 3, 10), ["due_soon"]),
        (DAY(2026, 4, 1), DAY(2026, 3, 10), ["overdue"]),
        (DAY(2026, 2, 1), DAY(2025, 12, 31), ["no_update"]),
        (DAY(2025, 11, 1), None, ["no_update"]),
    ],
)
def test_reminders_due(today, last, kinds):
    due = reminders.reminders_due(
        start_date=DAY(2025, 10, 1),
        due_date=DAY(2026, 3, 31),
        last_update_on=last,
        today=today,
        days_before=7,
        stale_after_days=30,
    )
    assert [r.kind for r in due] == kinds


def test_gantt_has_a_bar_per_row_and_escapes_labels():
    svg = gantt_svg(
        [
            GanttRow("มาตรการ <1>", DAY(2025, 10, 1), DAY(2026, 3, 31), 50, "on_track"),
            GanttRow("กิจกรรม", DAY(2025, 11, 1), DAY(2025, 11, 30), 0, "at_risk", 1),
        ],
        start=DAY(2025, 10, 1),
        end=DAY(2026, 9, 30),
        today=DAY(2026, 1, 15),
        title="แผน",
    )
    assert svg.startswith("<svg")
    assert "มาตรการ &lt;1&gt;" in svg
    assert "ต.ค. 68" in svg and "ก.ย. 69" in svg
    assert svg.count("stroke-dasharray") == 1  # today


def test_badge_colours_are_the_band_table():
    from pathlib import Path

    from prongsai.core import risk_bands

    css = (Path(__file__).parents[1] / "static" / "plans" / "plans.css").read_text()
    for band in risk_bands.BANDS:
        rule = (
            f".risk-{band.key} {{ background-color: {band.fill}; color: {band.text}; }}"
        )
        assert rule in css


def test_band_text_colours_meet_wcag_aa_contrast():
    from prongsai.core import risk_bands

    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for band in risk_bands.BANDS:
        light, dark = sorted([luminance(band.fill), luminance(band.text)])[::-1]
        assert (light + 0.05) / (dark + 0.05) >= 4.5, band


def test_levels_follow_the_band_table():
    from prongsai.core.charts import risk_level

    for likelihood in range(1, 6):
        for impact in range(1, 6):
            assert risk_matrix.level(likelihood, impact) == risk_bands_key(
                risk_level(likelihood * impact).maximum
            )


def risk_bands_key(maximum):
    from prongsai.core import risk_bands

    return next(b.key for b in risk_bands.BANDS if b.maximum == maximum)


@pytest.mark.parametrize(
    ("text", "target", "unit", "baseline"),
    [
        ("คะแนน OIT ไม่ต่ำกว่า 95 คะแนน", Decimal(95), "คะแนน", Decimal("72.47")),
        ("ความพึงพอใจไม่ต่ำกว่าร้อยละ ๘๕", Decimal(85), "%", Decimal(0)),
        ("การยืมทุกครั้งมีบันทึก", Decimal(100), "%", Decimal(0)),
    ],
)
def test_kpi_from_text(text, target, unit, baseline):
    from django.utils import translation

    from prongsai.plans.services import kpi_from_text

    with translation.override("th"):
        values = kpi_from_text(text, score=Decimal("72.47"), threshold=Decimal(85))
    assert values["kpi_target"] == target
    assert values["kpi_unit"] == unit
    assert values["kpi_baseline"] == baseline
