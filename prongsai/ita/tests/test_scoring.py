"""ITA score arithmetic: hand-computed cases, level schemes and properties."""

import re
from decimal import Decimal
from fractions import Fraction

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from prongsai.ita.frameworks import (
    FRAMEWORKS_DIR,
    framework_from_data,
    load_framework,
)
from prongsai.ita.scoring import (
    ScoringInputError,
    is_borderline,
    level,
    oit_from_items,
    round2,
    score,
    sub_indicator_scores,
    tool_scores,
    validate_indicators,
)
from prongsai.ita.scoring_published import compare_published
from prongsai.ita.scoring_simulation import points_to_next_level, what_if
from prongsai.ita.tests.examples import EXAMPLE_INDICATORS

D = Decimal

EXAMPLE = EXAMPLE_INDICATORS

GRADE_YEARS = (2562, 2563, 2564, 2565)
RATING_YEARS = (2566, 2567, 2568, 2569)


def indicators_for(iit: str, eit: str, oit: str) -> dict[int, str]:
    """Ten indicators whose tool means are exactly ``iit``, ``eit``, ``oit``."""
    return {
        **dict.fromkeys(range(1, 6), iit),
        **dict.fromkeys(range(6, 9), eit),
        **dict.fromkeys(range(9, 11), oit),
    }


def all_pass(framework) -> dict[str, int]:
    return {item.code: 100 for item in framework.oit_items}


@pytest.fixture
def fy2564():
    return load_framework(2564)


@pytest.fixture
def fy2566():
    return load_framework(2566)


# --------------------------------------------------------------------------
# Hand-computed totals


def test_example_from_the_brief_gives_81_39_and_level_b(fy2564):
    """IIT 89.90, EIT 89.20, OIT 69.15, total 81.39 -> B under FY 2564."""
    result = score(fy2564, EXAMPLE)
    assert (result.iit, result.eit, result.oit, result.total) == (
        D("89.90"),
        D("89.20"),
        D("69.15"),
        D("81.39"),
    )
    assert str(result.total) == "81.39"
    assert result.level.code == "B"
    assert result.level.label_th == "ดี"
    assert result.level.passed is False
    assert result.borderline is False


def test_tool_scores_default_to_the_30_30_40_weights():
    scores = tool_scores(EXAMPLE)
    assert scores == {
        "iit": D("89.9"),
        "eit": D("89.2"),
        "oit": D("69.15"),
        "total": D("81.39"),
    }


def test_tool_scores_follow_the_framework_weights(fy2564):
    data = _framework_data(2564)
    data["tools"][0]["weight"] = "0.20"
    data["tools"][2]["weight"] = "0.50"
    heavier_oit = framework_from_data(data)
    assert tool_scores(EXAMPLE, heavier_oit)["total"] == (
        D("0.20") * D("89.9") + D("0.30") * D("89.2") + D("0.50") * D("69.15")
    )
    assert tool_scores(EXAMPLE, fy2564)["total"] == D("81.39")


@pytest.mark.parametrize(
    ("indicators", "expected"),
    [
        # All equal: every tool and the total equal that value.
        (indicators_for("90", "90", "90"), ("90.00", "90.00", "90.00", "90.00")),
        (indicators_for("0", "0", "0"), ("0.00", "0.00", "0.00", "0.00")),
        (indicators_for("100", "100", "100"), ("100.00",) * 4),
        # 0.3*100 + 0.3*0 + 0.4*50 = 50
        (indicators_for("100", "0", "50"), ("100.00", "0.00", "50.00", "50.00")),
        # EIT (80+81+82)/3 = 81; total 0.3*70 + 0.3*81 + 0.4*90 = 81.30
        (
            {**indicators_for("70", "0", "90"), 6: "80", 7: "81", 8: "82"},
            ("70.00", "81.00", "90.00", "81.30"),
        ),
        # EIT 269.99/3 = 89.996666… -> 90.00; total 26.7 + 26.999 + 36 = 89.699
        (
            {**indicators_for("89", "0", "90"), 6: "90", 7: "90", 8: "89.99"},
            ("89.00", "90.00", "90.00", "89.70"),
        ),
    ],
)
def test_hand_computed_totals(fy2564, indicators, expected):
    result = score(fy2564, indicators)
    assert tuple(
        str(v) for v in (result.iit, result.eit, result.oit, result.total)
    ) == (expected)


# --------------------------------------------------------------------------
# Rounding


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("84.995", "85.00"),
        ("84.994999", "84.99"),
        ("84.985", "84.99"),  # banker's rounding would give 84.98
        ("0.125", "0.13"),  # banker's rounding would give 0.12
        ("0.135", "0.14"),
        ("99.995", "100.00"),
        ("100", "100.00"),
        ("0", "0.00"),
        ("-0.125", "-0.13"),
    ],
)
def test_round2_is_half_up(value, expected):
    assert str(round2(D(value))) == expected
    assert str(round2(Fraction(D(value)))) == expected


@pytest.mark.parametrize(
    ("x", "grade", "rating"),
    [
        # IIT = OIT = x, EIT = x - 0.01666…: total = x - 0.005 exactly, which
        # rounds half-up back to x; EIT rounds to x - 0.02.
        ("95.00", "AA", "pass_good"),
        ("85.00", "A", "pass"),
        ("75.00", "B", "improve"),
        ("70.00", "C", "improve"),
        ("65.00", "C", "improve_urgent"),
        ("55.00", "D", "improve_urgent"),
        ("50.00", "E", "improve_urgent"),
    ],
)
def test_total_ending_in_5_rounds_up_to_the_boundary(x, grade, rating):
    x_value = D(x)
    eit_sum = 3 * x_value - D("0.05")
    eit = [str(x_value - D("0.02")), str(x_value - D("0.02"))]
    eit.append(str(eit_sum - 2 * (x_value - D("0.02"))))
    indicators = {**indicators_for(x, x, x), 6: eit[0], 7: eit[1], 8: eit[2]}
    grades = score(load_framework(2564), indicators)
    assert grades.exact["total"] == x_value - D("0.005")
    assert grades.total == x_value
    assert grades.level.code == grade
    assert grades.borderline is (x != "70.00")  # 70 is no grade boundary
    ratings = score(load_framework(2568), indicators)
    assert ratings.level.code == rating


def test_total_just_below_x_xx5_rounds_down(fy2564):
    """84.994 rounds to 84.99, which stays B."""
    indicators = {**indicators_for("85", "85", "85"), 6: "84.98", 7: "84.98"}
    indicators[8] = "84.98"  # EIT sum 254.94 -> total 84.994
    result = score(fy2564, indicators)
    assert result.exact["total"] == D("84.994")
    assert result.total == D("84.99")
    assert result.level.code == "B"


# --------------------------------------------------------------------------
# Level schemes at every boundary


@pytest.mark.parametrize("year", GRADE_YEARS)
@pytest.mark.parametrize(
    ("total", "code"),
    [
        ("100", "AA"),
        ("95.00", "AA"),
        ("94.99", "A"),
        ("94.995", "AA"),
        ("85.00", "A"),
        ("84.99", "B"),
        ("84.994", "B"),
        ("84.995", "A"),
        ("75.00", "B"),
        ("74.99", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("55.00", "D"),
        ("54.99", "E"),
        ("50.00", "E"),
        ("49.99", "F"),
        ("0", "F"),
    ],
)
def test_grade_scheme_boundaries(year, total, code):
    """Grades depend on the rounded total only; tool scores do not matter."""
    result = level(load_framework(year), D(total), D(0), D(100), D(0))
    assert result.code == code
    assert result.scheme == "grades"
    assert result.passed is (code in {"AA", "A"})


@pytest.mark.parametrize("year", RATING_YEARS)
@pytest.mark.parametrize(
    ("total", "tools", "code"),
    [
        ("95.00", ("95.00", "95.00", "95.00"), "pass_excellent"),
        ("100", ("100", "100", "100"), "pass_excellent"),
        ("94.995", ("94.995", "94.995", "94.995"), "pass_excellent"),
        ("95.00", ("95.00", "95.00", "94.99"), "pass_good"),
        ("94.99", ("95.00", "95.00", "95.00"), "pass_good"),
        ("85.00", ("85.00", "85.00", "85.00"), "pass_good"),
        ("85.00", ("85.00", "84.99", "85.00"), "pass"),
        ("99.00", ("99.00", "84.99", "100"), "pass"),
        ("85.00", ("84.995", "84.995", "84.995"), "pass_good"),
        ("84.99", ("100", "100", "100"), "improve"),
        ("84.994", ("100", "100", "100"), "improve"),
        ("70.00", ("70.00", "70.00", "70.00"), "improve"),
        ("69.99", ("100", "100", "100"), "improve_urgent"),
        ("0", ("0", "0", "0"), "improve_urgent"),
    ],
)
def test_pass_rating_boundaries(year, total, tools, code):
    result = level(load_framework(year), D(total), *(D(t) for t in tools))
    assert result.code == code
    assert result.scheme == "pass_ratings"
    assert result.passed is code.startswith("pass")


@pytest.mark.parametrize(
    ("code", "label_th"),
    [
        ("pass_excellent", "ผ่านดีเยี่ยม"),
        ("pass_good", "ผ่านดี"),
        ("pass", "ผ่าน"),
        ("improve", "ต้องปรับปรุง"),
        ("improve_urgent", "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_pass_rating_thai_labels(code, label_th):
    assert load_framework(2568).level_scheme.get(code).label_th == label_th


def test_fy2566_total_above_85_with_one_tool_below_85_is_only_pass(fy2566):
    """IIT 98, EIT 80, OIT 90: total 89.40 reaches 85, EIT does not -> ผ่าน."""
    result = score(fy2566, indicators_for("98", "80", "90"))
    assert result.total == D("89.40")
    assert result.level.code == "pass"
    assert result.level.label_th == "ผ่าน"
    assert result.level.passed is True


def test_state_audit_office_2568_case_is_pass_not_pass_good():
    """สตง. 2568: total 94.64 with EIT below 85 was rated ผ่าน (ita.md §2.2)."""
    result = level(load_framework(2568), D("94.64"), D("99.00"), D("84.50"), D("98.00"))
    assert result.label_th == "ผ่าน"


def test_same_scores_get_a_grade_before_2566_and_a_rating_after():
    indicators = indicators_for("98", "80", "90")
    assert score(load_framework(2565), indicators).level.code == "A"
    assert score(load_framework(2566), indicators).level.code == "pass"


def test_level_refuses_scores_outside_0_100(fy2564):
    with pytest.raises(ValueError, match="ต้องอยู่ระหว่าง 0–100"):
        level(fy2564, D("100.01"), D(0), D(0), D(0))


# --------------------------------------------------------------------------
# Borderline flags


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("84.99", True),
        ("85.00", True),
        ("85.01", True),
        ("84.995", True),
        ("85.02", False),
        ("84.98", False),
        ("70.01", True),
        ("69.99", True),
        ("75.00", False),  # a grade boundary, not a pass-rating one
        ("95.005", True),
        ("50.00", False),
    ],
)
def test_borderline_for_pass_ratings(total, expected):
    assert is_borderline(D(total), load_framework(2568)) is expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("75.00", True),
        ("74.99", True),
        ("50.01", True),
        ("54.99", True),
        ("70.00", False),  # a pass-rating boundary, not a grade one
        ("81.39", False),
    ],
)
def test_borderline_for_grades(fy2564, total, expected):
    assert is_borderline(D(total), fy2564) is expected


def test_borderline_defaults_to_the_latest_year():
    assert is_borderline(D("70.00")) is True
    assert is_borderline(D("75.00")) is False


def test_score_flags_borderline_total_and_tools(fy2566):
    result = score(fy2566, indicators_for("85", "85", "85"))
    assert result.borderline is True
    assert result.borderline_tools == ("IIT", "EIT", "OIT")
    result = score(fy2566, indicators_for("90", "90", "90"))
    assert result.borderline is False
    assert result.borderline_tools == ()


# --------------------------------------------------------------------------
# Published figures


def test_published_figures_within_0_01_give_no_warning(fy2564):
    result = score(fy2564, EXAMPLE)
    published = {
        "iit": "89.90",
        "eit": "89.21",
        "oit": D("69.14"),
        "total": "81.40",
        "level": "B",
    }
    assert compare_published(result, published) == []


def test_published_total_more_than_0_01_away_is_warned(fy2564):
    result = score(fy2564, EXAMPLE)
    warnings = compare_published(result, {"total": "81.41", "IIT": "89.90"})
    assert warnings == [
        "คะแนนรวม ITA ที่ประกาศ (81.41) ต่างจากค่าที่คำนวณได้ (81.39) 0.02 คะแนน "
        "เกินเกณฑ์ยอมรับ ±0.01"
    ]


def test_published_tool_and_level_mismatches_are_warned(fy2564):
    result = score(fy2564, EXAMPLE)
    warnings = compare_published(result, {"eit": "90.00", "level": "A", "oit": None})
    assert len(warnings) == 2
    assert warnings[0].startswith("EIT ที่ประกาศ (90.00)")
    assert "ระดับที่ประกาศ (A)" in warnings[1]


def test_published_level_may_be_the_thai_label(fy2566):
    result = score(fy2566, indicators_for("98", "80", "90"))
    assert compare_published(result, {"level": "ผ่าน"}) == []


def test_published_figures_must_be_known_numbers(fy2564):
    result = score(fy2564, EXAMPLE)
    with pytest.raises(ScoringInputError, match="ไม่รู้จักรายการ grade"):
        compare_published(result, {"grade": "B"})
    with pytest.raises(ScoringInputError, match="ต้องเป็นตัวเลข"):
        compare_published(result, {"total": "แปดสิบ"})


# --------------------------------------------------------------------------
# OIT from items


def test_all_items_passed_give_100(fy2566):
    assert oit_from_items(fy2566, all_pass(fy2566)) == {9: D(100), 10: D(100)}


@pytest.mark.parametrize(
    ("failed", "indicator_9", "indicator_10"),
    [
        # 9.1 has 10 items: 9.1 = 90 -> indicator 9 = (90 + 4*100)/5 = 98
        (["O5"], Fraction(98), Fraction(100)),
        # 9.3 has 4 items: 9.3 = 75 -> indicator 9 = (75 + 4*100)/5 = 95
        (["O19"], Fraction(95), Fraction(100)),
        # 10.2 has 2 items: 10.2 = 50 -> indicator 10 = (100 + 50)/2 = 75
        (["O42"], Fraction(100), Fraction(75)),
        # 10.1 has 11 items: 10.1 = 1000/11 -> indicator 10 = 1050/11 = 95.4545…
        (["O31"], Fraction(100), Fraction(1050, 11)),
        # Both items of 10.2: indicator 10 = 50
        (["O42", "O43"], Fraction(100), Fraction(50)),
        # One item in each of 9.1 and 9.3: (90 + 75 + 300)/5 = 93
        (["O1", "O22"], Fraction(93), Fraction(100)),
    ],
)
def test_oit_from_items_weights_sub_indicators_equally(
    fy2566, failed, indicator_9, indicator_10
):
    items = {**all_pass(fy2566), **dict.fromkeys(failed, 0)}
    result = oit_from_items(fy2566, items)
    tiny = Fraction(1, 10**30)
    assert abs(Fraction(result[9]) - indicator_9) < tiny
    assert abs(Fraction(result[10]) - indicator_10) < tiny


def test_item_in_small_sub_indicator_weighs_more_than_in_large(fy2566):
    """Failing one of 2 items costs more than one of 11 (ita.md §1.4)."""
    small = oit_from_items(fy2566, {**all_pass(fy2566), "O43": 0})[10]
    large = oit_from_items(fy2566, {**all_pass(fy2566), "O41": 0})[10]
    assert small < large


def test_published_2564_value_93_75_is_a_mean_of_two_sub_indicators():
    """(87.5 + 100) / 2 = 93.75 with sub-indicators of 8 and 2 items."""
    data = _framework_data(2566)
    data["sub_indicators"][-2]["items"] = [f"O{n}" for n in range(31, 39)]
    data["sub_indicators"][-1]["items"] = ["O42", "O43"]
    for item in data["oit_items"]:
        if item["code"] in {"O39", "O40", "O41"}:
            item["sub_indicator"] = "9.5"
    data["sub_indicators"][4]["items"] += ["O39", "O40", "O41"]
    framework = framework_from_data(data)
    items = {**all_pass(framework), "O31": 0}
    assert sub_indicator_scores(framework, items)["10.1"] == D("87.5")
    assert oit_from_items(framework, items)[10] == D("93.75")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"O1": 50}, "ข้อ O1 ต้องมีคะแนน 0 หรือ 100 (ได้รับ: 50)"),
        ({"O99": 100}, "ไม่มีข้อ O99 ในรายการข้อ OIT ของปีงบประมาณ 2566"),
        ({"O2": None}, "ข้อ O2 ต้องมีคะแนน 0 หรือ 100"),
    ],
    ids=["not-0-or-100", "unknown-item", "missing-value"],
)
def test_item_results_are_validated(fy2566, change, message):
    with pytest.raises(ScoringInputError, match=re.escape(message)):
        oit_from_items(fy2566, {**all_pass(fy2566), **change})


def test_every_item_result_is_required(fy2566):
    items = all_pass(fy2566)
    del items["O7"]
    with pytest.raises(ScoringInputError, match="ไม่มีผลการประเมินข้อ O7"):
        oit_from_items(fy2566, items)


def test_years_without_item_structure_cannot_score_items(fy2564):
    with pytest.raises(ScoringInputError, match="ไม่มีโครงสร้างตัวชี้วัดย่อย"):
        oit_from_items(fy2564, {"O1": 100})


# --------------------------------------------------------------------------
# What-if and next level


def test_what_if_orders_missing_items_by_gain(fy2566):
    """Gains: O42 5.00 (10.2 of 2), O31 0.91 (10.1 of 11), O5 0.40 (9.1 of 10)."""
    items = {**all_pass(fy2566), "O5": 0, "O31": 0, "O42": 0}
    gains = what_if(fy2566, items, dict.fromkeys(range(1, 9), "90"))
    assert [g.code for g in gains] == ["O42", "O31", "O5"]
    assert [g.gain_rounded for g in gains] == [D("5.00"), D("0.91"), D("0.40")]
    assert gains[0].gain == D(5)
    assert gains[0].indicator == 10
    assert gains[0].sub_indicator == "10.2"
    assert gains[0].level_after.code == "pass_good"


def test_what_if_keeps_item_order_for_equal_gains(fy2566):
    items = {**all_pass(fy2566), "O9": 0, "O2": 0}
    gains = what_if(fy2566, items, dict.fromkeys(range(1, 11), "90"))
    assert [g.code for g in gains] == ["O2", "O9"]
    assert gains[0].gain == gains[1].gain


def test_what_if_gain_matches_rescoring(fy2566):
    """Total after fixing an item equals scoring the ten indicators directly."""
    items = {**all_pass(fy2566), "O19": 0, "O42": 0}
    others = dict.fromkeys(range(1, 9), "88.5")
    gains = {g.code: g for g in what_if(fy2566, items, others)}
    fixed = oit_from_items(fy2566, {**items, "O19": 100})
    direct = score(fy2566, {**others, 9: fixed[9], 10: fixed[10]})
    assert gains["O19"].total_after == direct.total


def test_what_if_with_everything_passed_is_empty(fy2566):
    assert what_if(fy2566, all_pass(fy2566), dict.fromkeys(range(1, 9), 90)) == []


def test_what_if_needs_indicators_1_to_8(fy2566):
    with pytest.raises(ScoringInputError, match="ไม่มีคะแนนตัวชี้วัดที่ 8"):
        what_if(fy2566, all_pass(fy2566), dict.fromkeys(range(1, 8), 90))


@pytest.mark.parametrize(
    ("year", "scores", "expected"),
    [
        (2564, ("81.39", "89.90", "89.20", "69.15"), ("A", "3.61", {})),
        (2564, ("94.99", "0", "0", "0"), ("AA", "0.01", {})),
        (2564, ("49.995", "0", "0", "0"), ("D", "5.00", {})),
        (2564, ("95.00", "0", "0", "0"), None),
        (2566, ("89.40", "98", "80", "90"), ("pass_good", "0.00", {"eit": "5.00"})),
        (2566, ("80.00", "80", "80", "80"), ("pass", "5.00", {})),
        (2566, ("65.00", "65", "65", "65"), ("improve", "5.00", {})),
        (
            2566,
            ("90.00", "96", "94", "90"),
            ("pass_excellent", "5.00", {"eit": "1.00", "oit": "5.00"}),
        ),
        (2566, ("95.00", "95", "95", "95"), None),
    ],
)
def test_points_to_next_level(year, scores, expected):
    gap = points_to_next_level(load_framework(year), *(D(s) for s in scores))
    if expected is None:
        assert gap is None
        return
    code, total_points, tool_points = expected
    assert gap.code == code
    assert gap.total_points == D(total_points)
    assert gap.tool_points == {k: D(v) for k, v in tool_points.items()}


# --------------------------------------------------------------------------
# Input validation


@pytest.mark.parametrize(
    "bad",
    ["abc", "-1", "-0.01", "100.01", "93.123", "", None, "NaN", "Infinity", True, []],
)
def test_each_indicator_must_be_0_to_100_with_two_decimals(fy2564, bad):
    with pytest.raises(ValueError) as caught:
        score(fy2564, {**EXAMPLE, 3: bad})
    assert "ตัวชี้วัดที่ 3 ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง" in str(caught.value)


@pytest.mark.parametrize(
    "good", ["0", "100", "100.00", "93.10", "93.100", 87, D("1.5")]
)
def test_valid_indicator_forms(good):
    assert validate_indicators({**EXAMPLE, 3: good})[3] == D(str(good))


def test_float_input_is_read_through_its_repr():
    assert validate_indicators({**EXAMPLE, 3: 93.1})[3] == D("93.1")


def test_all_ten_indicators_are_required(fy2564):
    indicators = dict(EXAMPLE)
    del indicators[7]
    with pytest.raises(ScoringInputError) as caught:
        score(fy2564, indicators)
    assert caught.value.messages == ("ไม่มีคะแนนตัวชี้วัดที่ 7: ต้องระบุครบทั้ง 10 ตัวชี้วัด",)


def test_every_faulty_indicator_is_named(fy2564):
    with pytest.raises(ScoringInputError) as caught:
        score(fy2564, {**EXAMPLE, 2: "x", 9: "120", 11: "50"})
    messages = caught.value.messages
    assert messages[0] == "ไม่มีตัวชี้วัดที่ 11 ในกรอบการประเมิน"
    assert messages[1].startswith("ตัวชี้วัดที่ 2 ต้องเป็นตัวเลข")
    assert messages[2].startswith("ตัวชี้วัดที่ 9 ต้องเป็นตัวเลข")


def test_indicator_keys_may_be_digit_strings(fy2564):
    as_text = {str(k): v for k, v in EXAMPLE.items()}
    assert score(fy2564, as_text).total == D("81.39")


# --------------------------------------------------------------------------
# Properties

score_value = st.integers(min_value=0, max_value=10000).map(lambda n: D(n).scaleb(-2))
ten_scores = st.lists(score_value, min_size=10, max_size=10).map(
    lambda values: dict(zip(range(1, 11), values, strict=True))
)
year = st.sampled_from((2564, 2568))


@given(ten_scores, year)
def test_total_lies_between_the_lowest_and_highest_tool(indicators, fiscal_year):
    result = score(load_framework(fiscal_year), indicators)
    tools = [result.exact[k] for k in ("iit", "eit", "oit")]
    assert min(tools) <= result.exact["total"] <= max(tools)
    rounded = [result.iit, result.eit, result.oit]
    assert min(rounded) <= result.total <= max(rounded)


@given(ten_scores, st.integers(min_value=1, max_value=10), score_value, year)
def test_raising_an_indicator_never_lowers_total_or_level(
    indicators, number, raise_by, fiscal_year
):
    framework = load_framework(fiscal_year)
    before = score(framework, indicators)
    raised = min(indicators[number] + raise_by, D(100))
    after = score(framework, {**indicators, number: raised})
    assert after.exact["total"] >= before.exact["total"]
    assert after.total >= before.total
    assert after.level.rank <= before.level.rank


@given(st.decimals(min_value=0, max_value=100, places=8, allow_nan=False))
def test_rounding_moves_a_value_by_at_most_0_005(value):
    assert abs(round2(value) - value) <= D("0.005")


@given(st.fractions(min_value=0, max_value=100, max_denominator=10**6))
def test_rounding_exact_fractions_moves_at_most_0_005(value):
    assert abs(Fraction(round2(value)) - value) <= Fraction(5, 1000)


@given(st.lists(st.booleans(), min_size=43, max_size=43))
def test_oit_from_items_stays_within_0_100(flags):
    framework = load_framework(2566)
    items = {
        item.code: 100 if ok else 0
        for item, ok in zip(framework.oit_items, flags, strict=True)
    }
    result = oit_from_items(framework, items)
    assert all(D(0) <= value <= D(100) for value in result.values())


def _framework_data(fiscal_year: int) -> dict:
    """A fresh, mutable copy of a framework file's data."""
    path = FRAMEWORKS_DIR / f"fy{fiscal_year}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_messages_are_english_msgids_translated_to_thai(fy2564):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ScoringInputError) as caught:
        score(fy2564, {**EXAMPLE, 3: "x"})
    assert caught.value.messages == (
        "Indicator 3 must be a number from 0 to 100 with at most two decimals (got: x)",
    )
    with translation.override("th"), pytest.raises(ScoringInputError) as caught:
        score(fy2564, {**EXAMPLE, 3: "x"})
    assert caught.value.messages == (
        "ตัวชี้วัดที่ 3 ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ได้รับ: x)",
    )
