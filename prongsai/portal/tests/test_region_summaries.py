"""The summaries behind the province and national pages, against figures
worked out by hand."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from prongsai.complaints.choices import Status
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.ita.models import ItaResult
from prongsai.organizations.models import (
    DirectoryEntry,
    ProvinceSummary,
    RegionSummary,
)
from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.portal import summaries
from prongsai.portal.tasks import (
    region_provinces_refresh,
    region_summaries_refresh_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frameworks(db):
    from prongsai.ita.services import framework_load_files

    framework_load_files()


def _ita(organization, year, score):
    return ItaResult.objects.create(
        organization=organization,
        fiscal_year=year,
        **{f"i{n}": Decimal(score) for n in range(1, 11)},
    )


@pytest.fixture
def khonkaen():
    return OrganizationFactory(province="ขอนแก่น", name="องค์การบริหารส่วนตำบลบ้านดง")


def test_refresh_matches_hand_computed_figures(khonkaen):
    # Every indicator 90 gives a total of 90 whatever the weights; 80 a year
    # before, so the trend is +10.
    _ita(khonkaen, 2567, "80")
    _ita(khonkaen, 2568, "90")
    CaseFactory(organization=khonkaen, status=Status.RECEIVED)
    CaseFactory(organization=khonkaen, status=Status.IN_PROGRESS)
    CaseFactory(organization=khonkaen, status=Status.RESOLVED)
    CaseFactory(organization=khonkaen, status=Status.FORWARDED)
    # A confidential report is never counted, nor a case of another year.
    ConfidentialCaseFactory(organization=khonkaen)
    service = ServiceFactory(organization=khonkaen)
    file_request(service)
    file_request(service)
    year = summaries.current_fiscal_year()
    summary = summaries.summary_refresh(organization=khonkaen)
    assert summary.fiscal_year == year
    assert (summary.ita_fiscal_year, summary.ita_total) == (2568, Decimal("90.00"))
    assert summary.ita_change == Decimal("10.00")
    assert summary.ita_level
    assert summary.ita_indicators["1"] == "90.00"
    assert summary.complaints_received == 4
    assert summary.complaints_in_progress == 2
    assert summary.complaints_completed == 1
    assert summary.complaints_forwarded == 1
    assert summary.eservice_received == 2
    assert summary.eservice_completed == 0
    assert summary.eservice_in_time_percent is None
    assert summary.oit_readiness is None
    assert summary.prediction_total is None


def test_published_total_wins_and_no_trend_without_the_year_before(khonkaen):
    _ita(khonkaen, 2566, "70")
    result = _ita(khonkaen, 2568, "90")
    result.published_total = Decimal("89.95")
    result.save()
    summary = summaries.summary_refresh(organization=khonkaen)
    assert summary.ita_total == Decimal("89.95")
    assert summary.ita_change is None


def test_refresh_twice_keeps_one_row(khonkaen):
    summaries.summary_refresh(organization=khonkaen)
    _ita(khonkaen, 2568, "90")
    summaries.summary_refresh(organization=khonkaen)
    rows = RegionSummary.objects.filter(organization=khonkaen)
    assert rows.count() == 1
    assert rows.get().ita_total == Decimal("90.00")


def test_no_personal_data_is_stored(khonkaen):
    CaseFactory(
        organization=khonkaen,
        complainant_name="สมศรี ร้องเรียน",
        complainant_email="somsri@example.org",
        complainant_phone="0812345678",
    )
    summary = summaries.summary_refresh(organization=khonkaen)
    stored = str(RegionSummary.objects.filter(pk=summary.pk).values().get())
    for secret in ("สมศรี", "somsri", "0812345678", "ไฟถนน"):
        assert secret not in stored


def _fake_prediction(monkeypatch, respondents):
    from prongsai.surveys import selectors_prediction

    def prediction_summary(*, organization, fiscal_year):
        return selectors_prediction.PredictionSummary(
            fiscal_year=fiscal_year,
            total=Decimal("87.456"),
            band_low=Decimal("85.1"),
            band_high=Decimal("89.8"),
            level_label_th="ผ่าน",
            rating_settled=False,
            weakest=None,
            surveyed=8,
            missing=(),
            respondents=respondents,
        )

    monkeypatch.setattr(selectors_prediction, "prediction_summary", prediction_summary)


def test_prediction_needs_five_respondents(khonkaen, monkeypatch):
    _fake_prediction(monkeypatch, 4)
    assert summaries.summary_refresh(organization=khonkaen).prediction_total is None
    _fake_prediction(monkeypatch, 5)
    summary = summaries.summary_refresh(organization=khonkaen)
    assert summary.prediction_total == Decimal("87.46")
    assert summary.prediction_respondents == 5


def test_no_prediction_without_survey_data(khonkaen):
    assert summaries.prediction_figures(khonkaen, 2570) == {}


def test_province_roll_up(khonkaen):
    second = OrganizationFactory(province="ขอนแก่น")
    udon = OrganizationFactory(province="อุดรธานี")
    DirectoryEntry.objects.create(
        dla_code=khonkaen.dla_code, name=khonkaen.name, kind="sao", province="ขอนแก่น"
    )
    DirectoryEntry.objects.create(
        dla_code="6499999", name="อบต.ไม่อยู่", kind="sao", province="ขอนแก่น"
    )
    _ita(khonkaen, 2568, "90")
    _ita(second, 2568, "80")
    _ita(udon, 2568, "70")
    assert summaries.summaries_refresh_all() == 3
    year = summaries.current_fiscal_year()
    kk = ProvinceSummary.objects.get(province="ขอนแก่น", fiscal_year=year)
    # Two in the directory (one matched) plus ``second``, on the platform only.
    assert (kk.lao_count, kk.on_platform, kk.off_platform) == (3, 2, 1)
    assert (kk.ita_count, kk.ita_average) == (2, Decimal("85.00"))
    ud = ProvinceSummary.objects.get(province="อุดรธานี", fiscal_year=year)
    assert (ud.lao_count, ud.on_platform, ud.ita_average) == (1, 1, Decimal("70.00"))
    # An organisation leaving the platform leaves the roll-up.
    udon.is_active = False
    udon.save()
    summaries.province_summaries_refresh()
    assert not ProvinceSummary.objects.filter(province="อุดรธานี").exists()


def test_tasks_fan_out_per_organisation(khonkaen):
    OrganizationFactory(province="ขอนแก่น")
    assert region_summaries_refresh_all.delay().get() == 2
    assert RegionSummary.objects.all_organizations().count() == 2
    assert region_provinces_refresh.delay().get() == 1


def test_command(khonkaen, capsys):
    call_command("refresh_region_summaries")
    assert RegionSummary.objects.filter(organization=khonkaen).exists()
    call_command("refresh_region_summaries", "--org", khonkaen.slug)
    assert ProvinceSummary.objects.count() == 1
