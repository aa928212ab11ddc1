"""The pure analysis: weaknesses, changes, recommendations, peers, what-if."""

from decimal import Decimal

import pytest

from prongsai.ita.analysis import Rule, YearScores, analyse, peer_figures
from prongsai.ita.frameworks import load_framework
from prongsai.ita.tests import examples

D = Decimal
BANDONG_2568 = dict(zip(range(1, 11), map(D, examples.BANDONG_2568), strict=True))
BANDONG_2567 = dict(zip(range(1, 11), map(D, examples.BANDONG_2567), strict=True))
RULES = (
    Rule(scope="tool", target="OIT", title="fix website", priority=10),
    Rule(scope="indicator", target="4", title="loan register"),
    Rule(scope="indicator", target="7", title="many channels"),
    Rule(scope="item", target="*", title="publish the item", priority=200),
    Rule(scope="item", target="O10", title="open e-service"),
    Rule(scope="indicator", target="4", title="only when very low", below=D("70")),
)


@pytest.fixture(scope="module")
def fw2568():
    return load_framework(2568)


def _items(zeros):
    return {f"O{n}": 0 if f"O{n}" in zeros else 100 for n in range(1, 28)}


def test_weaknesses_are_the_scores_below_the_threshold(fw2568):
    result = analyse(framework=fw2568, indicators=BANDONG_2568, rules=RULES)
    assert [(w.kind, w.code) for w in result.weaknesses] == [
        ("tool", "OIT"),
        ("indicator", "4"),
        ("indicator", "9"),
        ("indicator", "10"),
    ]
    # 0.3 x 88.07 + 0.3 x 88.5167 + 0.4 x 73.81 = 82.50 (hand-computed)
    assert result.score.total == D("82.50")
    strong = {row.code for row in result.strengths}
    assert {"IIT", "EIT", "2", "3", "5", "6", "7", "8"} <= strong


def test_a_rule_with_its_own_threshold_applies_only_below_it(fw2568):
    """Indicator 4 (82.05) is weak, but not below the 70 of the second rule."""
    result = analyse(framework=fw2568, indicators=BANDONG_2568, rules=RULES)
    four = next(w for w in result.weaknesses if w.code == "4")
    assert [r.title for r in four.recommendations] == ["loan register"]
    low = {**BANDONG_2568, 4: D("65")}
    result = analyse(framework=fw2568, indicators=low, rules=RULES)
    four = next(w for w in result.weaknesses if w.code == "4")
    assert [r.title for r in four.recommendations] == [
        "loan register",
        "only when very low",
    ]


def test_threshold_is_configurable(fw2568):
    result = analyse(
        framework=fw2568, indicators=BANDONG_2568, threshold=D("90"), rules=()
    )
    weak = {row.code for row in result.indicators if row.weak}
    assert weak == {"2", "4", "5", "7", "8", "9", "10"}
    assert result.threshold == D("90")


def test_recommendations_attach_by_tool_and_indicator(fw2568):
    result = analyse(framework=fw2568, indicators=BANDONG_2568, rules=RULES)
    by_code = {w.code: [r.title for r in w.recommendations] for w in result.weaknesses}
    assert by_code["OIT"] == ["fix website"]
    assert by_code["4"] == ["loan register"]
    assert "7" not in by_code


def test_change_against_the_previous_year(fw2568):
    history = [
        YearScores(fiscal_year=2567, indicators=BANDONG_2567),
        YearScores(fiscal_year=2569, indicators=BANDONG_2568),
    ]
    result = analyse(
        framework=fw2568,
        indicators=BANDONG_2568,
        history=history,
        frameworks={2567: load_framework(2567), 2569: load_framework(2569)},
    )
    assert result.previous_year == 2567
    row = result.indicators[9]
    assert (row.previous, row.change) == (D("62.50"), D("12.50"))
    assert result.tools[2].change == result.tools[2].score - result.previous_score.oit
    assert [p.fiscal_year for p in result.trend] == [2567, 2568, 2569]
    assert result.total_change == result.score.total - result.previous_score.total


def test_first_year_has_no_change(fw2568):
    result = analyse(framework=fw2568, indicators=BANDONG_2568)
    assert result.previous_year is None
    assert all(row.change is None for row in result.indicators)
    assert result.total_change is None
    assert [p.fiscal_year for p in result.trend] == [2568]


def test_missing_items_listed_with_requirements_and_ranked_by_gain(fw2568):
    zeros = {"O9", "O10", "O13", "O27"}
    result = analyse(
        framework=fw2568,
        indicators=BANDONG_2568,
        item_results=_items(zeros),
        rules=RULES,
    )
    codes = [row.code for row in result.missing_items]
    assert set(codes) == zeros
    # O27 is alone in sub-indicator 10.2: fixing it is worth the most.
    assert codes[0] == "O27"
    assert all(row.requirements for row in result.missing_items)
    gains = [row.gain for row in result.missing_items]
    assert gains == sorted(gains, reverse=True)
    item_weak = {w.code: w for w in result.to_develop}
    # A specific recommendation replaces the generic one ("*").
    assert [r.title for r in item_weak["O10"].recommendations] == ["open e-service"]
    assert [r.title for r in item_weak["O9"].recommendations] == ["publish the item"]


def test_no_item_results_means_no_missing_items(fw2568):
    result = analyse(framework=fw2568, indicators=BANDONG_2568)
    assert result.missing_items == []
    assert result.items_recorded is False


def test_next_level_gap(fw2568):
    result = analyse(framework=fw2568, indicators=BANDONG_2568)
    assert result.next_level.code == "pass"
    assert result.next_level.total_points == D("85.00") - result.score.total


def test_published_figures_that_differ_are_warned(fw2568):
    result = analyse(
        framework=fw2568,
        indicators=BANDONG_2568,
        published={"total": D("83.00"), "iit": None},
    )
    assert len(result.published_warnings) == 1
    assert "83.00" in result.published_warnings[0]


def test_peer_figures_rank_and_percentile():
    figures = peer_figures(
        name="จังหวัด",
        own_total=D("80"),
        totals_above=30,
        totals_at_or_below=70,
        averages={1: D("85.123")},
        average_total=D("83.456"),
    )
    assert (figures.count, figures.rank, figures.percentile) == (100, 31, D("70.00"))
    assert figures.averages[1] == D("85.12")
    assert figures.average_total == D("83.46")


def test_peer_figures_of_an_empty_group():
    figures = peer_figures(
        name="x",
        own_total=D("80"),
        totals_above=0,
        totals_at_or_below=0,
        averages={},
        average_total=D("0"),
    )
    assert (figures.count, figures.rank, figures.percentile) == (0, 1, D("0"))
