"""Tests for the chart toolkit and the ``charts`` template library."""

from __future__ import annotations

import threading

import matplotlib
import pytest
from django.template import Context, Engine
from django.utils import translation
from matplotlib import font_manager

from prongsai.core.charts import Chart, bar_chart, line_chart, radar_chart
from prongsai.core.charts_risk import default_risk_levels, matrix_chart, risk_level

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ENGINE = Engine(libraries={"charts": "prongsai.core.templatetags.charts"})
ITA_LABELS = [f"ตัวชี้วัดที่ {i}" for i in range(1, 11)]


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def test_sarabun_is_the_font_matplotlib_resolves():
    assert matplotlib.rcParams["font.family"][0] == "Sarabun"
    path = font_manager.findfont(
        font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    )
    assert path.endswith("Sarabun-Regular.ttf")
    bold = font_manager.findfont(
        font_manager.FontProperties(family="Sarabun", weight="bold")
    )
    assert bold.endswith("Sarabun-Bold.ttf")


def assert_svg(chart: Chart, title: str) -> str:
    svg = chart.svg()
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert 'role="img"' in svg
    assert f'aria-label="{title}"' in svg
    assert f"<title>{title}</title>" in svg
    assert "viewBox=" in svg
    assert 'height="' not in svg.split(">", 1)[0]
    return svg


@pytest.mark.parametrize(
    "draw",
    [
        lambda title: radar_chart(
            ITA_LABELS,
            {"2569": [90, 88, 70, 85, 99, 60, 87, 92, 80, 86]},
            threshold=85,
            title=title,
        ),
        lambda title: radar_chart(
            ITA_LABELS, {"2568": [80] * 10, "2569": [90] * 10}, title=title
        ),
        lambda title: bar_chart(
            ["ก", "ข", "ค"],
            {"2568": [1, 2, None], "2569": [3, 4, 5]},
            threshold=3,
            title=title,
        ),
        lambda title: bar_chart(
            ITA_LABELS,
            {"คะแนน": list(range(10))},
            horizontal=True,
            threshold=5,
            title=title,
            value_format="{:.0f}",
        ),
        lambda title: line_chart(
            ["2566", "2567", "2568", "2569"],
            {"งบ": [1.5, 2, None, 4], "จ่าย": [1, 1, 2, 3]},
            title=title,
        ),
        lambda title: matrix_chart(
            {(5, 5): "R1, R2", (1, 1): 3, (3, 4): "R7"}, title=title
        ),
    ],
    ids=["radar", "radar-two-series", "bar", "bar-horizontal", "line", "matrix"],
)
def test_charts_give_svg_and_png(draw):
    title = "ผลการประเมิน ITA ปีงบประมาณ ๒๕๖๙"
    chart = draw(title)
    assert_svg(chart, title)
    svg = chart.svg()
    # The site's CSP ignores inline styles: colours must be presentation
    # attributes or every shape is painted black.
    assert "style=" not in svg and "<style" not in svg
    assert 'fill="#' in svg
    png = chart.png(dpi=50)
    assert png.startswith(PNG_SIGNATURE)
    assert chart.png_data_uri(dpi=30).startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    "draw",
    [
        lambda: bar_chart([], {}, title="ว่าง"),
        lambda: bar_chart(["ก"], {"ชุด": [None]}, title="ว่าง"),
        lambda: radar_chart([], {"ชุด": []}, title="ว่าง"),
        lambda: line_chart(["2569"], {}, title="ว่าง"),
    ],
)
def test_empty_data_draws_a_no_data_chart(draw):
    chart = draw()
    texts = [text.get_text() for ax in chart.figure.axes for text in ax.texts]
    assert texts == ["ไม่มีข้อมูล"]
    assert_svg(chart, "ว่าง")
    assert chart.png(dpi=30).startswith(PNG_SIGNATURE)


def test_values_are_labelled_and_threshold_named_in_thai():
    chart = bar_chart(["ก", "ข"], {"2569": [85.5, 90]}, threshold=85)
    ax = chart.figure.axes[0]
    labels = [text.get_text() for text in ax.texts]
    assert labels == ["85.50", "90.00"]
    legend = [text.get_text() for text in chart.figure.legends[0].get_texts()]
    assert "เกณฑ์ 85" in legend


def test_series_length_must_match_labels():
    with pytest.raises(ValueError, match="2 values for 3 labels"):
        bar_chart(["a", "b", "c"], {"s": [1, 2]})


def test_matrix_rejects_cells_outside_and_colours_by_level():
    with pytest.raises(ValueError, match="outside"):
        matrix_chart({(6, 1): 1})
    assert risk_level(1).name == "ต่ำ"
    assert risk_level(9).name == "ปานกลาง"
    assert risk_level(16).name == "สูง"
    assert risk_level(25).name == "สูงมาก"
    assert len(default_risk_levels()) == 4
    chart = matrix_chart({})
    assert len(chart.figure.axes[0].patches) == 25


def test_charts_can_be_drawn_in_threads():
    errors: list[BaseException] = []

    def draw(i: int) -> None:
        try:
            assert bar_chart(["ก"], {"ชุด": [i]}).png(dpi=30).startswith(PNG_SIGNATURE)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=draw, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_chart_svg_tag_inlines_our_svg_and_escapes_anything_else():
    chart = bar_chart(["ก"], {"ชุด": [1]}, title="<b>กราฟ</b>")
    out = ENGINE.from_string("{% load charts %}{% chart_svg chart %}").render(
        Context({"chart": chart})
    )
    assert out.startswith("<svg")
    assert 'aria-label="&lt;b&gt;กราฟ&lt;/b&gt;"' in out
    assert "<title>&lt;b&gt;กราฟ&lt;/b&gt;</title>" in out
    text = ENGINE.from_string("{% load charts %}{% chart_svg chart %}").render(
        Context({"chart": "<script>alert(1)</script>"})
    )
    assert text == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert (
        ENGINE.from_string("{% load charts %}{% chart_svg None %}").render(Context())
        == ""
    )
    src = ENGINE.from_string("{% load charts %}{% chart_png_src chart 30 %}").render(
        Context({"chart": chart})
    )
    assert src.startswith("data:image/png;base64,")


def test_the_same_chart_is_rendered_once_then_served_from_the_cache(monkeypatch):
    from prongsai.core.charts import Chart

    calls = []
    original = Chart._save

    def counting(self, fmt, **kwargs):
        calls.append(fmt)
        return original(self, fmt, **kwargs)

    monkeypatch.setattr(Chart, "_save", counting)
    first = bar_chart(["ก"], {"ชุด": [1]}, title="ซ้ำ").svg()
    assert bar_chart(["ก"], {"ชุด": [1]}, title="ซ้ำ").svg() == first
    assert calls == ["svg"]
    bar_chart(["ก"], {"ชุด": [2]}, title="ซ้ำ").svg()
    assert calls == ["svg", "svg"]
