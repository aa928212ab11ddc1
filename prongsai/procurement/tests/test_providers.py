"""OIT evidence from the procurement register: monthly summaries, the NACC
table and the annual report, with their checks and public pages."""

import datetime

import pytest

from prongsai.oit.registry import provider_get
from prongsai.procurement import oit_evidence as providers
from prongsai.procurement.models import AnnualReportNote

from .factories import NoProcurementMonthFactory, ProcurementFactory

pytestmark = pytest.mark.django_db

APRIL_2026 = datetime.date(2026, 4, 15)  # FY 2569: October 2025 – March 2026 ended


def _first_half_2569(organization, *, skip=()):
    """Records for October 2025 – March 2026: procurements, one month "none"."""
    months = [
        datetime.date(2025, 10, 1),
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    for month in months:
        if month not in skip:
            ProcurementFactory(
                organization=organization,
                fiscal_year=2569,
                procured_on=month.replace(day=10),
            )
    if datetime.date(2026, 3, 1) not in skip:
        NoProcurementMonthFactory(
            organization=organization, month=datetime.date(2026, 3, 1)
        )


def _by_index(result, index):
    return [c for c in result.checks if c.requirement_index == index]


def _by_text(result, text):
    return [c for c in result.checks if c.text == text]


def test_providers_are_registered():
    for key in ("procurement.monthly", "procurement.table", "procurement.annual"):
        assert provider_get(key) is not None


def test_monthly_summary_passes_with_every_month_and_explicit_none(organization):
    _first_half_2569(organization)
    result = providers.monthly_summary_evidence(organization, 2569, today=APRIL_2026)
    assert result.passed, [c.message_th for c in result.checks if not c.passed]
    assert result.machine_readable
    assert "ครบ 6 เดือน" in _by_index(result, 0)[0].message_th
    (none,) = _by_text(result, "none")
    assert "มีนาคม 2569" in none.message_th
    assert result.url == "/bandong/procurement/monthly/?year=2569"


def test_monthly_summary_names_the_missing_months(organization):
    _first_half_2569(
        organization, skip=(datetime.date(2025, 12, 1), datetime.date(2026, 3, 1))
    )
    result = providers.monthly_summary_evidence(organization, 2569, today=APRIL_2026)
    assert not result.passed
    (check,) = _by_index(result, 0)
    assert not check.passed
    assert "ธันวาคม 2568" in check.message_th
    assert "มีนาคม 2569" in check.message_th
    (period,) = _by_text(result, "period")
    assert not period.passed
    assert "หกเดือนแรก" in period.message_th


def test_monthly_summary_asks_for_later_months_once_they_end(organization):
    _first_half_2569(organization)
    result = providers.monthly_summary_evidence(
        organization, 2569, today=datetime.date(2026, 6, 2)
    )
    (check,) = _by_index(result, 0)
    assert not check.passed
    assert "เมษายน 2569" in check.message_th
    assert "พฤษภาคม 2569" in check.message_th
    assert "มิถุนายน" not in check.message_th
    assert _by_text(result, "period")[0].passed  # the first six months are there


def test_a_month_not_yet_ended_is_never_reported_missing(organization):
    ProcurementFactory(
        organization=organization,
        fiscal_year=2569,
        procured_on=datetime.date(2025, 10, 10),
    )
    november = providers.monthly_summary_evidence(
        organization, 2569, today=datetime.date(2025, 11, 20)
    )
    (check,) = _by_index(november, 0)
    assert check.passed, check.message_th  # October is there; November runs on
    assert not _by_text(november, "period")[0].passed  # six months not over yet
    december = providers.monthly_summary_evidence(
        organization, 2569, today=datetime.date(2025, 12, 2)
    )
    (check,) = _by_index(december, 0)
    assert not check.passed
    assert "พฤศจิกายน 2568" in check.message_th
    assert "ธันวาคม" not in check.message_th
    first_day = providers.monthly_summary_evidence(
        organization, 2569, today=datetime.date(2025, 10, 1)
    )
    (check,) = _by_index(first_day, 0)
    assert check.passed and "ยังไม่มีเดือนที่สิ้นสุด" in check.message_th


def test_monthly_summary_of_the_wrong_year_does_not_count(organization):
    # Records of FY 2568 do not make the FY 2569 summary.
    ProcurementFactory(
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 15),
    )
    result = providers.monthly_summary_evidence(organization, 2569, today=APRIL_2026)
    assert not result.passed
    assert not result.machine_readable
    (readable,) = _by_text(result, "machine_readable")
    assert not readable.passed
    assert "Excel" in readable.message_th


def test_monthly_summary_of_another_organisation_does_not_count(
    organization, other_organization
):
    _first_half_2569(other_organization)
    result = providers.monthly_summary_evidence(organization, 2569, today=APRIL_2026)
    assert not result.passed


def test_procurement_table_checks_the_2568_requirements(organization):
    organization.district = "เมือง"
    organization.province = "ขอนแก่น"
    organization.save()
    for month in (10, 11, 12):
        ProcurementFactory(
            organization=organization,
            fiscal_year=2568,
            procured_on=datetime.date(2024, month, 5),
        )
    for month in (1, 2):
        NoProcurementMonthFactory(
            organization=organization, month=datetime.date(2025, month, 1)
        )
    today = datetime.date(2025, 4, 20)
    result = providers.procurement_table_evidence(organization, 2568, today=today)
    assert [c.requirement_index for c in result.checks[:3]] == [0, 1, 2]
    assert not result.passed
    assert "มีนาคม 2568" in _by_index(result, 2)[0].message_th
    NoProcurementMonthFactory(
        organization=organization, month=datetime.date(2025, 3, 1)
    )
    result = providers.procurement_table_evidence(organization, 2568, today=today)
    assert result.passed, [c.message_th for c in result.checks if not c.passed]
    assert _by_index(result, 3)[0].passed


def test_annual_report_needs_problems_and_proposals(organization):
    for month in range(1, 13):
        year = 2024 if month >= 10 else 2025
        ProcurementFactory(
            organization=organization,
            fiscal_year=2568,
            procured_on=datetime.date(year, month, 3),
        )
    today = datetime.date(2026, 1, 5)
    result = providers.annual_report_evidence(organization, 2569, today=today)
    assert not result.passed
    (check,) = _by_index(result, 1)
    assert "ปัญหาอุปสรรค" in check.message_th
    assert "ข้อเสนอแนะเพื่อการปรับปรุง" in check.message_th
    AnnualReportNote.objects.create(
        organization=organization,
        fiscal_year=2568,
        problems="ผู้ค้าในพื้นที่มีน้อย",
        proposals="ประกาศเชิญชวนให้กว้างขึ้น",
    )
    result = providers.annual_report_evidence(organization, 2569, today=today)
    assert result.passed, [c.message_th for c in result.checks if not c.passed]
    assert result.url == "/bandong/procurement/annual/2568/"
    assert "2568" in result.title


def test_annual_report_lists_missing_months_and_an_unfinished_year(organization):
    ProcurementFactory(
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 3),
    )
    AnnualReportNote.objects.create(
        organization=organization, fiscal_year=2568, problems="ก", proposals="ข"
    )
    result = providers.annual_report_evidence(
        organization, 2569, today=datetime.date(2025, 8, 1)
    )
    (year,) = _by_text(result, "fiscal_year")
    assert not year.passed
    assert "ยังไม่สิ้นสุด" in year.message_th
    (period,) = _by_text(result, "period")
    assert not period.passed
    assert "ตุลาคม 2567" in period.message_th
    assert "พฤศจิกายน 2567" not in period.message_th


def test_annual_report_without_records_fails(organization):
    result = providers.annual_report_evidence(
        organization, 2569, today=datetime.date(2026, 1, 5)
    )
    assert not _by_index(result, 0)[0].passed
    assert "ยังไม่มีข้อมูลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2568" in (
        _by_index(result, 0)[0].message_th
    )
    # Nothing recorded: no annual page to link (it would be a 404).
    assert result.url == "/bandong/procurement/monthly/?year=2568"


def test_annual_page_of_a_year_without_records_is_404(client, organization):
    assert client.get("/bandong/procurement/annual/2568/").status_code == 404


def test_generated_urls_answer_anonymous_visitors(client, organization):
    _first_half_2569(organization)
    ProcurementFactory(
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 3),
    )
    NoProcurementMonthFactory(
        organization=organization, month=datetime.date(2024, 12, 1)
    )
    AnnualReportNote.objects.create(
        organization=organization,
        fiscal_year=2568,
        problems="ผู้ค้าในพื้นที่มีน้อย",
        proposals="ประกาศเชิญชวนให้กว้างขึ้น",
    )
    for result in (
        providers.monthly_summary_evidence(organization, 2569),
        providers.procurement_table_evidence(organization, 2568),
        providers.annual_report_evidence(organization, 2569),
    ):
        response = client.get(result.url)
        assert response.status_code == 200, result.url
    body = client.get("/bandong/procurement/monthly/?year=2569").content.decode()
    assert "ไม่มีการจัดซื้อจัดจ้าง" in body
    assert "sor1-xlsx" in body
    body = client.get("/bandong/procurement/monthly/?year=2568").content.decode()
    assert "/bandong/procurement/annual/2568/" in body
    body = client.get("/bandong/procurement/annual/2568/").content.decode()
    assert "ประกาศเชิญชวนให้กว้างขึ้น" in body
    pdf = client.get("/bandong/procurement/download/annual-pdf/?year=2568")
    assert pdf.status_code == 200


def test_annual_report_of_a_running_year_is_not_public(client, organization):
    # Today is in FY 2570 at the latest; a year not yet ended stays a draft.
    assert client.get("/bandong/procurement/annual/2590/").status_code == 404
    assert (
        client.get("/bandong/procurement/download/annual-docx/?year=2590").status_code
        == 404
    )
    assert client.get("/bandong/procurement/monthly/?year=2999").status_code == 404


def test_annual_page_of_another_organisation_shows_only_its_own_records(
    client, organization, other_organization
):
    AnnualReportNote.objects.create(
        organization=other_organization,
        fiscal_year=2568,
        problems="ปัญหาของหนองบัว",
        proposals="ข้อเสนอของหนองบัว",
    )
    body = client.get("/bandong/procurement/annual/2568/").content.decode()
    assert "ปัญหาของหนองบัว" not in body
