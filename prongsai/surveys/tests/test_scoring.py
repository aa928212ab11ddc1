"""Pulse-survey scoring against hand-computed indicator scores."""

from decimal import Decimal
from fractions import Fraction

import pytest

from prongsai.surveys.questions import load_question_set
from prongsai.surveys.scoring import (
    MIN_GROUP_SIZE,
    answer_score,
    group_result,
    indicator_results,
    item_results,
    item_score,
    respondent_scores,
    tool_score,
)

QS = load_question_set(2568)
IIT = QS.items_of("IIT")


@pytest.mark.parametrize(
    ("scale", "reversed", "value", "expected"),
    [
        ("four_level", False, 0, Fraction(0)),
        ("four_level", False, 1, Fraction(100, 3)),
        ("four_level", False, 2, Fraction(200, 3)),
        ("four_level", False, 3, Fraction(100)),
        ("four_level", True, 0, Fraction(100)),
        ("four_level", True, 1, Fraction(200, 3)),
        ("four_level", True, 3, Fraction(0)),
        ("yes_no", False, 1, Fraction(100)),
        ("yes_no", False, 0, Fraction(0)),
        ("yes_no", True, 1, Fraction(0)),  # "yes, a bribe was asked"
        ("yes_no", True, 0, Fraction(100)),
        ("five_level", False, 0, Fraction(0)),
        ("five_level", False, 3, Fraction(75)),
        ("five_level", False, 4, Fraction(100)),
    ],
)
def test_one_answer_scores_on_the_ita_scale(scale, reversed, value, expected):
    assert answer_score(scale=scale, reversed=reversed, value=value) == expected


@pytest.mark.parametrize(
    ("scale", "value"),
    [("four_level", 4), ("four_level", -1), ("yes_no", 2), ("x", 0), ("yes_no", True)],
)
def test_answers_outside_the_scale_are_refused(scale, value):
    with pytest.raises(ValueError):
        answer_score(scale=scale, reversed=False, value=value)


def test_a_multi_bullet_item_is_the_mean_of_its_answered_bullets():
    assert item_score(QS.item("i3"), [3, 2, 1]) == Fraction(200, 3)
    assert item_score(QS.item("i4"), [1, 0, 0]) == Fraction(200, 3)
    assert item_score(QS.item("i3"), [None, 3, None]) == Fraction(100)
    assert item_score(QS.item("i3"), [None, None, None]) is None
    assert item_score(QS.item("i1"), []) is None


# Five respondents, indicator 1, computed by hand:
#   R1 i1=3 (100), i3=[3,2,1] (200/3), i4=[0,0,0] (100)  -> 800/9
#   R2 i1=2 (200/3), i3=[2,2,2] (200/3), i4=[1,0,0] (200/3) -> 200/3
#   R3 i1=0 (0), i4=[0,0,0] (100)                          -> 50
#   R4 i1=3 (100)                                          -> 100
#   R5 i1=1 (100/3), i3=[-,3,-] (100)                      -> 200/3
#   mean = (800+600+450+900+600)/9/5 = 670/9 = 74.4444
#   deviations in ninths 130,-70,-220,230,-70; squares 128000/81; /4 -> 32000/81
#   stdev = sqrt(32000)/9 = 19.8762
RESPONDENTS = [
    {"i1": [3], "i3": [3, 2, 1], "i4": [0, 0, 0]},
    {"i1": [2], "i3": [2, 2, 2], "i4": [1, 0, 0]},
    {"i1": [0], "i4": [0, 0, 0]},
    {"i1": [3]},
    {"i1": [1], "i3": [None, 3, None]},
]


def test_respondent_indicator_score_is_the_mean_of_their_answered_items():
    assert respondent_scores(IIT, RESPONDENTS[0]) == {1: Fraction(800, 9)}
    assert respondent_scores(IIT, RESPONDENTS[2]) == {1: Fraction(50)}
    assert respondent_scores(IIT, {}) == {}


def test_indicator_is_the_mean_over_respondents_with_stdev_and_n():
    result = indicator_results(IIT, RESPONDENTS)[1]
    assert result.score == Fraction(670, 9)
    assert result.respondents == 5
    assert result.score_decimal == Decimal("74.4444")
    assert result.stdev_decimal == Decimal("19.8762")


def test_fewer_than_five_respondents_show_nothing():
    assert MIN_GROUP_SIZE == 5
    assert indicator_results(IIT, RESPONDENTS[:4]) == {}
    assert item_results(IIT, RESPONDENTS[:4]) == {}
    assert group_result([Fraction(1)] * 4) is None
    assert group_result([Fraction(1)] * 5) is not None


def test_item_results_count_only_those_who_answered_the_item():
    results = item_results(IIT, RESPONDENTS)
    # i1 by all five: (100 + 200/3 + 0 + 100 + 100/3) / 5 = 60
    assert results["i1"].score == Fraction(60)
    assert results["i1"].respondents == 5
    # i3 by three, i4 by three: under five, not shown
    assert "i3" not in results and "i4" not in results


def test_reversed_four_level_items_score_the_low_answer():
    people = [{"i9": [0]}, {"i9": [0]}, {"i9": [1]}, {"i9": [3]}, {"i9": [0]}]
    # (100 + 100 + 200/3 + 0 + 100) / 5 = 220/3
    assert indicator_results(IIT, people)[2].score == Fraction(220, 3)


def test_the_tool_is_the_mean_of_its_indicators_only_when_all_have_results():
    people = [
        {"e1": [3], "e6": [2, 2], "e11": [1]},
        {"e1": [3], "e8": [1], "e11": [0]},
        {"e2": [2], "e8": [0], "e12": [3]},
        {"e4": [0, 0, 1], "e10": [1], "e13": [2]},
        {"e5": [1], "e7": [3], "e15": [3]},
    ]
    eit = QS.items_of("EIT")
    results = indicator_results(eit, people)
    # 6: 100, 100, 200/3, 200/3, 100/3 -> 1100/15 = 220/3
    assert results[6].score == Fraction(220, 3)
    # 7: 200/3, 100, 0, 100, 100 -> 1100/15 = 220/3
    assert results[7].score == Fraction(220, 3)
    # 8: 100/3, 0, 100, 200/3, 100 -> 900/15 = 60
    assert results[8].score == Fraction(60)
    assert tool_score(results, (6, 7, 8)) == Fraction(220 + 220 + 180, 9)
    del results[8]
    assert tool_score(results, (6, 7, 8)) is None


def test_a_single_respondent_group_allowed_by_a_smaller_minimum_has_zero_stdev():
    result = group_result([Fraction(50)], min_group=1)
    assert result.stdev == 0 and result.respondents == 1
