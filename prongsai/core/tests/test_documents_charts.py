"""Charts in documents scale to their data: a bar is as long as its share."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from prongsai.core.charts import bar_chart, nice_ceiling, value_axis_limits


def _bars(chart):
    ax = chart.figure.axes[0]
    return ax, [p for p in ax.patches if isinstance(p, Rectangle)]


@pytest.mark.parametrize("horizontal", [True, False])
def test_a_single_30_percent_bar_fills_30_percent_of_the_axis(horizontal):
    chart = bar_chart(
        ["มาตรการที่ 1"],
        {"ร้อยละที่ดำเนินการ": [30]},
        horizontal=horizontal,
        value_format="{:.0f}%",
    )
    ax, bars = _bars(chart)
    low, high = ax.get_xlim() if horizontal else ax.get_ylim()
    length = bars[0].get_width() if horizontal else bars[0].get_height()
    assert (low, high) == (0, 100)
    assert length / (high - low) == pytest.approx(0.30)


def test_scores_end_at_the_scale_maximum():
    chart = bar_chart(["IIT", "EIT"], {"2569": [92.5, 30.0]}, maximum=100, threshold=85)
    ax, bars = _bars(chart)
    assert ax.get_ylim() == (0, 100)
    assert bars[1].get_height() / 100 == pytest.approx(0.30)


def test_counts_end_at_a_round_number_above_the_largest_value():
    chart = bar_chart(["ก", "ข"], {"เรื่อง": [30, 7]}, value_format="{:.0f}")
    ax = _bars(chart)[0]
    low, high = ax.get_ylim()
    assert low == 0
    assert high == 40  # not 30: the largest bar never looks complete
    assert high > 30


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.5, 0.5), (1, 1), (7.7, 8), (33, 40), (85, 100), (101, 120), (1234, 1500)],
)
def test_nice_ceiling(value, expected):
    assert nice_ceiling(value) == pytest.approx(expected)


def test_value_axis_limits():
    assert value_axis_limits([30.0], maximum=100) == (0, 100)
    assert value_axis_limits([30.0]) == (0, 40)
    assert value_axis_limits([10.0], threshold=85) == (0, 100)
    assert value_axis_limits([120.0], maximum=100) == (0, 150)  # data above the scale
    assert value_axis_limits([-5.0, 10.0]) == (-6, 12)
    assert value_axis_limits([float("nan")]) == (0, 1)


def test_counts_get_whole_number_ticks():
    chart = bar_chart(["ต.ค. 68", "พ.ย. 68"], {"รับคำขอ": [0, 0]}, value_format="{:.0f}")
    ax = _bars(chart)[0]
    assert all(float(t).is_integer() for t in ax.get_yticks())
