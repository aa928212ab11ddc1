"""The predicted ITA's selectors (survey seam, checklist, last year's result)
and its staff page (who may read it, year picker, what it shows)."""

import datetime
from datetime import UTC
from decimal import Decimal as D

import pytest
import time_machine

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.services import framework_load_files, ita_result_record
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.oit import selectors as oit_selectors
from prongsai.oit.models import ChecklistItem
from prongsai.oit.services import checklist_open
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.surveys import selectors_prediction as selectors
from prongsai.surveys.prediction import Source
from prongsai.surveys.samples import IndicatorSample

pytestmark = pytest.mark.django_db

URL = "/bandong/staff/surveys/prediction/"


def sample(number, value, stdev="10", respondents=25):
    return IndicatorSample(
        indicator=number, score=D(value), respondents=respondents, stdev=D(stdev)
    )


# Close to Ban Dong's published FY2568 indicators 1-8 (BANDONG_2568).
SAMPLES_2568 = {
    1: sample(1, "91.90"),
    2: sample(2, "87.15"),
    3: sample(3, "90.80"),
    4: sample(4, "81.05"),
    5: sample(5, "89.45"),
    6: sample(6, "91.30"),
    7: sample(7, "85.20"),
    8: sample(8, "88.55"),
}


@pytest.fixture
def frameworks(db):
    framework_load_files()


@pytest.fixture
def result_2568(frameworks, organization):
    return ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )


@pytest.fixture
def surveys(monkeypatch):
    """Survey samples per fiscal year, served through the selector seam."""
    by_year = {}

    def fake(*, organization, fiscal_year):
        return dict(by_year.get(fiscal_year, {}))

    monkeypatch.setattr(selectors, "indicator_samples_get", fake)
    return by_year


def established(organization):
    """The organisation existed long before the day a test travels to (its
    ``valid_from`` defaults to the real day the test runs)."""
    organization.valid_from = datetime.date(2000, 1, 1)
    organization.save(update_fields=["valid_from"])


def member(organization, *roles, totp=False):
    user = UserFactory(totp=totp)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


# --------------------------------------------------------------------------
# The survey seam


def test_the_seam_reads_the_survey_engines_samples(organization, monkeypatch):
    calls = []

    def indicator_samples(*, organization, fiscal_year):
        calls.append((organization, fiscal_year))
        return {1: sample(1, "90")}

    from prongsai.surveys import selectors as survey_selectors

    monkeypatch.setattr(survey_selectors, "indicator_samples", indicator_samples)
    found = selectors.indicator_samples_get(organization=organization, fiscal_year=2569)
    assert found == {1: sample(1, "90")}
    assert calls == [(organization, 2569)]


# --------------------------------------------------------------------------
# Selectors


def test_prediction_takes_the_oit_indicators_from_the_checklist(
    frameworks, organization, result_2568
):
    checklist = checklist_open(actor=None, organization=organization, fiscal_year=2569)
    ChecklistItem.objects.filter(checklist=checklist).update(
        status=ChecklistItem.Status.READY
    )
    ChecklistItem.objects.filter(checklist=checklist, code="O3").update(
        status=ChecklistItem.Status.MISSING
    )
    prediction = selectors.prediction_get(
        organization=organization, fiscal_year=2569, samples=SAMPLES_2568
    )
    readiness = oit_selectors.readiness_get(
        organization=organization, checklist=checklist
    )
    assert prediction.indicators[8].source == Source.CHECKLIST
    assert {9: prediction.indicators[8].score, 10: prediction.indicators[9].score} == (
        readiness.indicators
    )
    assert [g.code for g in prediction.oit_gains] == ["O3"]
    # Last year's official result is FY2568's.
    assert prediction.official.fiscal_year == 2568
    assert prediction.indicators[0].official == D(BANDONG_2568[0])
    assert prediction.result is not None and prediction.current


def test_prediction_without_checklist_carries_last_years_oit(
    frameworks, organization, result_2568
):
    prediction = selectors.prediction_get(
        organization=organization, fiscal_year=2569, samples=SAMPLES_2568
    )
    assert prediction.carried == (9, 10)
    assert prediction.indicators[8].score == D(BANDONG_2568[8])


def test_last_year_is_the_latest_result_before_the_year(frameworks, organization):
    for year in (2566, 2567, 2568):
        ita_result_record(
            actor=None,
            organization=organization,
            fiscal_year=year,
            indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
        )
    assert (
        selectors.official_get(organization=organization, fiscal_year=2568).fiscal_year
        == 2567
    )
    assert (
        selectors.official_get(organization=organization, fiscal_year=2570).fiscal_year
        == 2568
    )
    assert selectors.official_get(organization=organization, fiscal_year=2566) is None


def test_prediction_of_a_year_without_framework_is_none(frameworks, organization):
    assert (
        selectors.prediction_get(
            organization=organization, fiscal_year=2550, samples={}
        )
        is None
    )


def test_prediction_ignores_other_organisations_results(
    frameworks, organization, other_organization
):
    ita_result_record(
        actor=None,
        organization=other_organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    prediction = selectors.prediction_get(
        organization=organization, fiscal_year=2569, samples=SAMPLES_2568
    )
    assert prediction.official is None
    assert prediction.missing == (9, 10)


def test_backtest_of_the_published_year(organization, result_2568):
    backtest = selectors.backtest_get(
        organization=organization, fiscal_year=2568, samples=SAMPLES_2568
    )
    # gaps -0.50, 1.00, 0, -1.00, 0.50, 0, -1.00, 0.50
    assert backtest.mean_absolute_error == D("0.56")  # 4.50 / 8 = 0.5625
    assert backtest.largest.number == 2 and backtest.largest_gap == D("1.00")
    assert backtest.inside_band == 8


def test_backtest_needs_a_result_and_surveys(organization, result_2568, surveys):
    assert (
        selectors.backtest_get(organization=organization, fiscal_year=2569, samples={})
        is None
    )
    assert selectors.backtest_get_latest(organization=organization) is None
    surveys[2568] = SAMPLES_2568
    assert selectors.backtest_get_latest(organization=organization).fiscal_year == 2568


def test_backtest_falls_back_to_this_years_surveys_against_last_result(
    organization, result_2568, surveys
):
    today = datetime.date(2026, 12, 7)  # FY2570
    surveys[2570] = SAMPLES_2568
    found = selectors.backtest_get_latest(organization=organization, today=today)
    assert (found.fiscal_year, found.published_year) == (2570, 2568)
    assert found.mean_absolute_error == D("0.56")
    # A year with both its surveys and its published result comes first.
    surveys[2568] = {1: sample(1, "92.40")}
    found = selectors.backtest_get_latest(organization=organization, today=today)
    assert (found.fiscal_year, found.published_year) == (2568, 2568)
    assert found.mean_absolute_error == 0


def test_page_states_a_backtest_across_years(
    client, organization, result_2568, surveys
):
    surveys[2570] = SAMPLES_2568
    established(organization)
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    with time_machine.travel(datetime.datetime(2026, 12, 7, 12, tzinfo=UTC)):
        response = client.get(URL, {"fiscal_year": 2570})
    content = response.content.decode()
    assert response.context["backtest"].published_year == 2568
    assert "ผลสำรวจปีงบประมาณ 2570" in content
    assert "ของปีงบประมาณ 2568 ไม่เกิน 1.00 คะแนน (เฉลี่ย 0.56 คะแนน)" in content


def test_default_year_is_the_newest_with_data(
    frameworks, organization, surveys, monkeypatch
):
    today = datetime.date(2026, 12, 7)  # FY2570
    assert (
        selectors.prediction_year_default(organization=organization, today=today)
        == 2570
    )
    checklist_open(actor=None, organization=organization, fiscal_year=2569)
    assert (
        selectors.prediction_year_default(organization=organization, today=today)
        == 2569
    )
    surveys[2570] = {1: sample(1, "90")}
    assert (
        selectors.prediction_year_default(organization=organization, today=today)
        == 2570
    )


def test_summary_for_the_desk(organization, result_2568, surveys):
    surveys[2569] = SAMPLES_2568
    summary = selectors.prediction_summary(organization=organization, fiscal_year=2569)
    prediction = selectors.prediction_get(
        organization=organization, fiscal_year=2569, samples=SAMPLES_2568
    )
    assert summary.total == prediction.result.total
    assert summary.band_low == prediction.total_band.low
    assert summary.band_high == prediction.total_band.high
    assert summary.level_label_th == prediction.result.level.label_th
    # FY2568 indicator 9 (72.62) is carried over: no checklist this year.
    assert summary.weakest.number == 9
    assert summary.weakest.source == Source.LAST_YEAR
    assert summary.surveyed == 8 and summary.missing == ()


def test_summary_without_data(frameworks, organization, surveys):
    summary = selectors.prediction_summary(organization=organization, fiscal_year=2569)
    assert summary.total is None and summary.level_label_th == ""
    assert summary.missing == tuple(range(1, 11))
    assert summary.weakest is None


# --------------------------------------------------------------------------
# The staff page


@pytest.mark.parametrize(
    ("roles", "totp"),
    [
        ((Role.ITA_COORDINATOR,), False),
        ((Role.ORG_ADMIN,), True),
        ((Role.EXECUTIVE,), True),
    ],
)
def test_readers_see_the_prediction(
    client, organization, result_2568, surveys, roles, totp
):
    surveys[2568] = SAMPLES_2568
    surveys[2569] = SAMPLES_2568
    client.force_login(member(organization, *roles, totp=totp))
    response = client.get(URL, {"fiscal_year": 2569})
    assert response.status_code == 200
    prediction = response.context["prediction"]
    content = response.content.decode()
    assert f'id="predicted-total">{prediction.result.total}<' in content
    band = prediction.total_band
    assert f"{band.low} – {band.high}" in content
    assert prediction.result.level.label_th in content
    # The backtest of FY2568, computed on the page.
    assert response.context["backtest"].fiscal_year == 2568
    assert "ต่างกันไม่เกิน 1.00 คะแนน" in content
    assert "เฉลี่ย 0.56 คะแนน" in content


@pytest.mark.parametrize(
    "role", [Role.DATA_OFFICER, Role.STAFF, Role.INTEGRITY_OFFICER]
)
def test_other_roles_may_not_read_it(client, organization, frameworks, role):
    client.force_login(member(organization, role, totp=True))
    assert client.get(URL).status_code == 403


def test_another_organisations_member_gets_404(
    client, organization, other_organization, frameworks
):
    client.force_login(member(other_organization, Role.ITA_COORDINATOR))
    assert client.get(URL).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, organization):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("year", ["abc", "2550", "99999999999999"])
def test_a_bad_year_is_a_clear_400(client, organization, frameworks, year):
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL, {"fiscal_year": year})
    assert response.status_code == 400


def test_page_without_any_data_says_so(client, organization, frameworks, surveys):
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL, {"fiscal_year": 2569})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="no-data-note"' in content
    assert 'id="missing-note"' not in content
    assert 'id="backtest-none"' in content
    assert response.context["prediction"].result is None


def test_page_names_indicators_without_data(client, organization, frameworks, surveys):
    surveys[2569] = {n: SAMPLES_2568[n] for n in range(1, 8)}
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    content = client.get(URL, {"fiscal_year": 2569}).content.decode()
    assert 'id="missing-note"' in content
    assert "ตัวชี้วัดที่ 8, 9, 10 ไม่มีข้อมูล" in content


def test_page_without_surveys_says_there_is_no_range(
    client, organization, result_2568, surveys
):
    checklist_open(actor=None, organization=organization, fiscal_year=2569)
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL, {"fiscal_year": 2569})
    content = response.content.decode()
    assert 'id="no-survey-note"' in content
    assert response.context["prediction"].total_band is None
    assert response.context["prediction"].result is not None


def test_page_labels_carried_indicators(client, organization, result_2568, surveys):
    samples = dict(SAMPLES_2568)
    del samples[8]
    surveys[2569] = samples
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL, {"fiscal_year": 2569})
    content = response.content.decode()
    assert 'id="carried-note"' in content
    assert "ปีงบประมาณ 2568" in content


def test_invalid_survey_data_is_shown_not_a_500(
    client, organization, result_2568, surveys
):
    surveys[2569] = {9: sample(9, "90")}
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL, {"fiscal_year": 2569})
    assert response.status_code == 200
    assert response.context["errors"]


def test_page_without_frameworks(client, organization):
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["years"] == []


def test_page_opens_on_the_newest_year_with_data(
    client, organization, frameworks, surveys
):
    checklist_open(actor=None, organization=organization, fiscal_year=2569)
    established(organization)
    client.force_login(member(organization, Role.ITA_COORDINATOR))
    with time_machine.travel(datetime.datetime(2026, 12, 7, 12, tzinfo=UTC)):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["fiscal_year"] == 2569
    assert '<option value="2569" selected>' in response.content.decode()
