"""The predicted ITA's arithmetic, checked against numbers worked out by hand."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from prongsai.ita.frameworks import load_framework
from prongsai.ita.scoring import ScoringInputError, score
from prongsai.ita.scoring_simulation import what_if
from prongsai.surveys.prediction import (
    Official,
    Source,
    backtest,
    band,
    indicator_variance,
    predict,
    survey_numbers,
)
from prongsai.surveys.samples import IndicatorSample


@pytest.fixture
def framework():
    return load_framework(2569)


def sample(number, value, stdev="10", respondents=25):
    return IndicatorSample(
        indicator=number, score=D(value), respondents=respondents, stdev=D(stdev)
    )


def all_ready(framework, *missing):
    return {i.code: 0 if i.code in missing else 100 for i in framework.oit_items}


def standard_samples():
    """IIT 90 (s = 10, n = 25: variance 4), EIT 80 (s = 15, n = 25: variance 9)."""
    return {
        **{n: sample(n, "90") for n in range(1, 6)},
        **{n: sample(n, "80", stdev="15") for n in range(6, 9)},
    }


def test_survey_indicators_are_those_of_iit_and_eit(framework):
    assert survey_numbers(framework) == (1, 2, 3, 4, 5, 6, 7, 8)


def test_variance_is_the_squared_standard_error():
    assert indicator_variance(sample(1, "90", "10", 25)) == Fraction(4)
    assert indicator_variance(sample(1, "90", "7.5", 9)) == Fraction(25, 4)


def test_finite_population_correction():
    # 4 * (50 - 25) / (50 - 1)
    assert indicator_variance(sample(1, "90"), population=50) == Fraction(100, 49)
    assert indicator_variance(sample(1, "90"), population=25) == 0
    assert indicator_variance(sample(1, "90"), population=20) == 0


def test_band_is_196_standard_errors():
    result = band(D("80"), Fraction(4))
    assert (result.low, result.high, result.margin) == (
        D("76.08"),
        D("83.92"),
        D("3.92"),
    )
    assert result.standard_error == 2


def test_band_is_clipped_to_0_and_100():
    top = band(D("99"), Fraction(4))
    assert (top.low, top.high, top.margin) == (D("95.08"), D("100.00"), D("3.92"))
    bottom = band(D("1"), Fraction(4))
    assert (bottom.low, bottom.high) == (D("0.00"), D("4.92"))


def test_band_of_no_spread_is_the_point():
    result = band(D("87.25"), Fraction(0))
    assert (result.low, result.high, result.margin) == (D("87.25"), D("87.25"), 0)


def test_prediction_from_surveys_and_checklist(framework):
    prediction = predict(
        framework, samples=standard_samples(), oit_items=all_ready(framework)
    )
    result = prediction.result
    # 0.3 * 90 + 0.3 * 80 + 0.4 * 100
    assert (result.iit, result.eit, result.oit, result.total) == (
        D("90.00"),
        D("80.00"),
        D("100.00"),
        D("91.00"),
    )
    # EIT below 85: "ผ่าน", not "ผ่านดี".
    assert result.level.code == "pass"
    first, sixth = prediction.indicators[0], prediction.indicators[5]
    assert (first.band.low, first.band.high) == (D("86.08"), D("93.92"))
    assert (sixth.band.low, sixth.band.high) == (D("74.12"), D("85.88"))
    assert first.source == Source.SURVEY and first.respondents == 25
    assert prediction.indicators[8].source == Source.CHECKLIST
    assert prediction.indicators[8].band is None
    iit, eit, oit = prediction.tools
    # IIT variance 5 * 4 / 25 = 0.8: margin 1.96 * 0.894427 = 1.753077
    assert (iit.band.low, iit.band.high, iit.band.margin) == (
        D("88.25"),
        D("91.75"),
        D("1.75"),
    )
    # EIT variance 3 * 9 / 9 = 3: margin 1.96 * 1.732051 = 3.394820
    assert (eit.band.low, eit.band.high) == (D("76.61"), D("83.39"))
    assert oit.band is None and oit.score == D("100.00")
    # Total variance 0.09 * 0.8 + 0.09 * 3 = 0.342: margin 1.146223
    band_ = prediction.total_band
    assert (band_.low, band_.high, band_.margin) == (D("89.85"), D("92.15"), D("1.15"))
    assert prediction.level_low.code == prediction.level_high.code == "pass"
    assert prediction.rating_settled
    assert prediction.surveyed == (1, 2, 3, 4, 5, 6, 7, 8)
    assert prediction.missing == () and prediction.carried == ()


def test_staff_count_narrows_only_the_iit_band(framework):
    prediction = predict(
        framework,
        samples=standard_samples(),
        oit_items=all_ready(framework),
        staff_count=50,
    )
    assert prediction.finite_population
    iit, eit, _oit = prediction.tools
    # Each IIT variance 100/49; tool 5 * 100/49 / 25 = 20/49: margin 1.252199
    assert (iit.band.low, iit.band.high) == (D("88.75"), D("91.25"))
    assert (eit.band.low, eit.band.high) == (D("76.61"), D("83.39"))
    # Indicator: sqrt(100/49) = 10/7, margin 2.80
    first = prediction.indicators[0]
    assert (first.band.low, first.band.high) == (D("87.20"), D("92.80"))
    assert not first.census


def test_census_of_staff_gives_no_iit_spread(framework):
    prediction = predict(
        framework,
        samples=standard_samples(),
        oit_items=all_ready(framework),
        staff_count=25,
    )
    first = prediction.indicators[0]
    assert first.census
    assert (first.band.low, first.band.high) == (D("90.00"), D("90.00"))
    assert prediction.tools[0].band.margin == 0
    # Only EIT is left: 0.09 * 3 = 0.27, margin 1.96 * 0.519615 = 1.018446
    assert prediction.total_band.margin == D("1.02")


def test_indicator_scores_are_rounded_half_up_before_scoring(framework):
    samples = standard_samples()
    samples[1] = sample(1, "84.995")
    samples[2] = sample(2, "90.004")
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    assert prediction.indicators[0].score == D("85.00")
    assert prediction.indicators[1].score == D("90.00")
    # (85 + 4 * 90) / 5
    assert prediction.result.iit == D("89.00")


def test_indicator_band_is_clipped_at_100(framework):
    samples = standard_samples()
    samples[3] = sample(3, "99", stdev="5", respondents=5)
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    third = prediction.indicators[2]
    # se = 5 / sqrt(5) = 2.236068, margin 4.382693
    assert (third.band.low, third.band.high, third.band.margin) == (
        D("94.62"),
        D("100.00"),
        D("4.38"),
    )


def test_missing_indicator_without_last_year_stops_the_total(framework):
    samples = standard_samples()
    del samples[8]
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    assert prediction.missing == (8,)
    assert prediction.result is None and prediction.total_band is None
    assert prediction.gains == () and prediction.oit_gains == ()
    assert prediction.indicators[7].source == Source.NONE
    assert prediction.indicators[7].score is None
    assert [tool.score for tool in prediction.tools] == [None, None, None]
    assert not prediction.rating_settled


def test_no_checklist_and_no_official_leaves_oit_without_data(framework):
    prediction = predict(framework, samples=standard_samples())
    assert prediction.missing == (9, 10)


def official_2568(**changes):
    framework = load_framework(2568)
    indicators = {
        1: D("92.40"),
        2: D("86.15"),
        3: D("90.80"),
        4: D("82.05"),
        5: D("88.95"),
        6: D("91.30"),
        7: D("86.20"),
        8: D("88.05"),
        9: D("72.62"),
        10: D("75.00"),
    }
    indicators.update(changes)
    return Official(
        fiscal_year=2568, indicators=indicators, score=score(framework, indicators)
    )


def test_indicator_without_sample_takes_last_years_official_score(framework):
    samples = standard_samples()
    del samples[8]
    prediction = predict(
        framework,
        samples=samples,
        oit_items=all_ready(framework),
        official=official_2568(),
    )
    eighth = prediction.indicators[7]
    assert eighth.source == Source.LAST_YEAR
    assert eighth.score == D("88.05") and eighth.band is None
    assert eighth.change == 0
    assert prediction.carried == (8,)
    eit = prediction.tools[1]
    # (80 + 80 + 88.05) / 3 = 82.683...; variance (9 + 9 + 0) / 9 = 2
    assert eit.score == D("82.68")
    assert eit.band.margin == D("2.77")  # 1.96 * 1.414214 = 2.771859


def test_oit_without_checklist_takes_last_years_official_score(framework):
    prediction = predict(
        framework, samples=standard_samples(), official=official_2568()
    )
    assert prediction.carried == (9, 10)
    assert prediction.result.oit == D("73.81")  # (72.62 + 75) / 2
    assert prediction.oit_gains == ()
    assert prediction.tools[2].band is None


def test_comparison_with_last_years_official_result(framework):
    official = official_2568()
    prediction = predict(
        framework,
        samples=standard_samples(),
        oit_items=all_ready(framework),
        official=official,
    )
    assert prediction.official is official
    first, fourth = prediction.indicators[0], prediction.indicators[3]
    assert (first.official, first.change) == (D("92.40"), D("-2.40"))
    assert (fourth.official, fourth.change) == (D("82.05"), D("7.95"))
    assert prediction.indicators[8].change == D("27.38")  # 100 - 72.62
    iit, _eit, oit = prediction.tools
    assert iit.official == official.score.iit
    assert iit.change == D("90.00") - official.score.iit
    assert oit.change == D("100.00") - official.score.oit
    assert prediction.total_change == D("91.00") - official.score.total


def test_gains_rank_survey_indicators_by_what_ten_points_add(framework):
    prediction = predict(
        framework, samples=standard_samples(), oit_items=all_ready(framework)
    )
    gains = prediction.gains
    # EIT: 0.30 / 3 * 10 = 1.00; IIT: 0.30 / 5 * 10 = 0.60 (90 -> 100).
    assert [g.number for g in gains] == [6, 7, 8, 1, 2, 3, 4, 5]
    assert gains[0].gain == D("1.00") and gains[0].total_after == D("92.00")
    assert gains[0].points == D("10.00")
    assert gains[0].level_after.code == "pass"  # EIT 83.33 is still below 85
    assert gains[3].gain == D("0.60") and gains[3].total_after == D("91.60")


def test_gain_is_capped_at_100(framework):
    samples = standard_samples()
    samples[1] = sample(1, "96")
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    first = next(g for g in prediction.gains if g.number == 1)
    # Only 4 points left: 0.30 / 5 * 4 = 0.24
    assert first.points == D("4.00") and first.gain == D("0.24")
    assert prediction.gains[-1].number == 1


def test_gain_can_change_the_rating(framework):
    samples = {n: sample(n, "90") for n in range(1, 9)}
    samples[6] = sample(6, "76")  # EIT (76 + 180) / 3 = 85.33
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    assert prediction.result.level.code == "pass_good"
    samples[6] = sample(6, "70")  # EIT 83.33: "ผ่าน"; +10 gives 86.67
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    assert prediction.result.level.code == "pass"
    sixth = next(g for g in prediction.gains if g.number == 6)
    assert sixth.level_after.code == "pass_good"


def test_oit_gains_reuse_the_item_what_if(framework):
    items = all_ready(framework, "O3", "O20")
    prediction = predict(framework, samples=standard_samples(), oit_items=items)
    values = {i.number: i.score for i in prediction.indicators}
    expected = what_if(framework, items, values)
    assert prediction.oit_gains == tuple(expected[:5])
    assert {g.code for g in prediction.oit_gains} == {"O3", "O20"}


def test_weakest_indicators_are_the_lowest_three(framework):
    samples = standard_samples()
    samples[4] = sample(4, "70")
    prediction = predict(framework, samples=samples, oit_items=all_ready(framework))
    assert [i.number for i in prediction.weakest] == [4, 6, 7]
    assert prediction.indicators[3].weak  # below the default threshold 85
    assert not prediction.indicators[0].weak


def test_weakness_threshold_is_the_organisations(framework):
    prediction = predict(
        framework,
        samples=standard_samples(),
        oit_items=all_ready(framework),
        threshold=D("95"),
    )
    assert prediction.indicators[0].weak


def test_total_on_a_boundary_is_borderline_and_the_rating_unsettled(framework):
    samples = {n: sample(n, "85") for n in range(1, 9)}
    official = Official(fiscal_year=2568, indicators={9: D("85"), 10: D("85")})
    prediction = predict(framework, samples=samples, official=official)
    assert prediction.result.total == D("85.00")
    assert prediction.result.level.code == "pass_good"
    assert prediction.result.borderline
    assert prediction.level_low.code == "improve"
    assert prediction.level_high.code == "pass_good"
    assert not prediction.rating_settled


def test_grade_scheme_of_an_older_year():
    framework = load_framework(2565)
    samples = {n: sample(n, "95", stdev="0") for n in range(1, 9)}
    official = Official(fiscal_year=2564, indicators={9: D("94.99"), 10: D("95")})
    prediction = predict(framework, samples=samples, official=official)
    # 0.6 * 95 + 0.4 * 94.995 = 94.998 -> 95.00: AA on the rounded total.
    assert prediction.result.total == D("95.00")
    assert prediction.result.level.code == "AA"
    assert prediction.total_band.margin == 0


def test_next_level_gap(framework):
    prediction = predict(
        framework, samples=standard_samples(), oit_items=all_ready(framework)
    )
    assert prediction.next_level.code == "pass_good"
    assert prediction.next_level.tool_points == {"eit": D("5.00")}


@pytest.mark.parametrize(
    ("samples", "staff_count"),
    [
        ({9: sample(9, "90")}, None),
        ({1: sample(2, "90")}, None),
        ({1: sample(1, "101")}, None),
        ({1: sample(1, "90", respondents=0)}, None),
        ({1: sample(1, "90", stdev="-1")}, None),
        ({1: sample(1, "90")}, 0),
    ],
)
def test_invalid_input_is_refused_in_thai(framework, samples, staff_count):
    with pytest.raises(ScoringInputError) as raised:
        predict(framework, samples=samples, staff_count=staff_count)
    assert raised.value.messages


def test_invalid_item_results_are_refused(framework):
    with pytest.raises(ScoringInputError):
        predict(framework, samples={}, oit_items={"O1": 100})


def test_backtest_against_published_scores(framework):
    samples = {
        1: sample(1, "90"),
        2: sample(2, "80"),
        6: sample(6, "70", stdev="0"),
    }
    published = {1: D("88.50"), 2: D("81.00"), 6: D("70.50"), 7: D("90")}
    result = backtest(framework, samples=samples, published=published)
    assert [row.number for row in result.rows] == [1, 2, 6]
    assert [row.gap for row in result.rows] == [D("1.50"), D("-1.00"), D("-0.50")]
    # (1.50 + 1.00 + 0.50) / 3
    assert result.mean_absolute_error == D("1.00")
    assert result.largest.number == 1 and result.largest_gap == D("1.50")
    # margins 3.92, 3.92 and 0
    assert [row.inside_band for row in result.rows] == [True, True, False]
    assert result.inside_band == 2
    assert result.fiscal_year == 2569


def test_backtest_rounds_the_mean_half_up_and_breaks_ties_by_number(framework):
    samples = {1: sample(1, "90"), 2: sample(2, "80"), 3: sample(3, "70.005")}
    published = {1: D("89"), 2: D("81"), 3: D("70")}
    result = backtest(framework, samples=samples, published=published)
    # gaps 1, -1, 0.01 (70.005 rounds to 70.01): mean 2.01 / 3 = 0.67
    assert result.mean_absolute_error == D("0.67")
    assert result.largest.number == 1


def test_backtest_needs_a_common_indicator(framework):
    assert backtest(framework, samples={}, published={1: D("90")}) is None
    assert (
        backtest(framework, samples={1: sample(1, "90")}, published={1: None}) is None
    )


def test_nothing_is_predicted_from_last_years_scores_alone(framework):
    prediction = predict(framework, samples={}, official=official_2568())
    assert not prediction.current
    assert prediction.carried == tuple(range(1, 11))
    assert prediction.result is None and prediction.gains == ()
    assert prediction.indicators[0].score == D("92.40")


def test_one_indicator_of_the_year_is_enough_to_predict(framework):
    prediction = predict(
        framework, samples={7: sample(7, "90")}, official=official_2568()
    )
    assert prediction.current
    assert prediction.surveyed == (7,)
    # EIT (91.30 + 90 + 88.05) / 3 = 89.783...
    assert prediction.result.eit == D("89.78")
    # Only indicator 7 varies: EIT variance 4 / 9, total 0.09 * 4 / 9 = 0.04
    assert prediction.total_band.margin == D("0.39")  # 1.96 * 0.2


def test_backtest_against_another_years_result_says_so(framework):
    result = backtest(
        framework,
        samples={1: sample(1, "90")},
        published={1: D("92.40")},
        published_year=2568,
    )
    assert (result.fiscal_year, result.published_year) == (2569, 2568)
    assert result.largest.gap == D("-2.40") and result.largest_gap == D("2.40")
    same = backtest(framework, samples={1: sample(1, "90")}, published={1: D("90")})
    assert same.published_year == 2569
