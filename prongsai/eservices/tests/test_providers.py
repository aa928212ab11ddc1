"""OIT evidence from E-Service: manuals, online requests and statistics."""

import datetime

import pytest
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.eservices import oit_evidence as providers
from prongsai.eservices.models import Rating
from prongsai.oit.registry import provider_get

from .factories import ServiceFactory, file_request

pytestmark = pytest.mark.django_db


def _complete(organization, **overrides):
    values = {
        "organization": organization,
        "name": "ขอรับการช่วยเหลือไฟฟ้าสาธารณะดับ",
        "steps": ["กรอกแบบฟอร์มออนไลน์", "เจ้าหน้าที่ตรวจสอบ", "ซ่อมและแจ้งผล"],
        "channels": "E-Service และที่ทำการ อบต.",
        "fees": "ไม่มีค่าธรรมเนียม",
        "documents": [],
    }
    values.update(overrides)
    return ServiceFactory(**values)


def _current_year():
    return thai_dates.fiscal_year(timezone.localdate())


def _by_index(result, index):
    (check,) = [c for c in result.checks if c.requirement_index == index]
    return check


def test_providers_are_registered():
    for key in ("eservices.manuals", "eservices.online", "eservices.statistics"):
        assert provider_get(key) is not None


def test_manuals_pass_when_every_service_is_complete(organization):
    _complete(organization)
    _complete(organization, name="ขอใบอนุญาตก่อสร้าง", documents=["สำเนาโฉนด"])
    result = providers.manuals_evidence(organization, 2569)
    assert result.passed, [c.message_th for c in result.checks if not c.passed]
    (none,) = [c for c in result.checks if c.text == "none"]
    assert "ขอรับการช่วยเหลือไฟฟ้าสาธารณะดับ" in none.message_th
    assert result.url == "/bandong/eservices/"


def test_manual_without_fee_or_steps_names_the_gap(organization):
    _complete(organization, name="ขอใบอนุญาตก่อสร้าง", fees="", steps=[])
    result = providers.manuals_evidence(organization, 2569)
    assert not result.passed
    message = _by_index(result, 0).message_th
    assert "ขอใบอนุญาตก่อสร้าง" in message
    assert "ขั้นตอน" in message
    assert "ค่าธรรมเนียม" in message
    assert "ขอใบอนุญาตก่อสร้าง" in _by_index(result, 1).message_th


def test_unpublished_services_and_other_organisations_do_not_count(
    organization, other_organization
):
    _complete(organization, is_published=False)
    _complete(other_organization)
    result = providers.manuals_evidence(organization, 2569)
    assert not result.passed
    assert "ยังไม่มีงานบริการ" in _by_index(result, 0).message_th
    online = providers.online_service_evidence(organization, 2569)
    assert not _by_index(online, 0).passed


def test_online_service_passes_with_requests_and_ratings(organization):
    service = _complete(organization)
    request = file_request(service)
    Rating.objects.create(request=request, completion=1, score=5)
    result = providers.online_service_evidence(organization, _current_year())
    assert result.passed, [c.message_th for c in result.checks if not c.passed]
    assert "1 เรื่อง" in _by_index(result, 2).message_th
    assert "ความพึงพอใจร้อยละ 100" in _by_index(result, 2).message_th


def test_online_service_without_requests_in_the_year_fails(organization):
    service = _complete(organization)
    file_request(service)
    # The request is of the current fiscal year, not the one assessed.
    year = _current_year() - 1
    result = providers.online_service_evidence(organization, year)
    check = _by_index(result, 2)
    assert not check.passed
    assert f"ปีงบประมาณ พ.ศ. {year}" in check.message_th


def test_statistics_need_the_first_half_year_over(organization):
    service = _complete(organization)
    file_request(service)
    year = _current_year()
    start, _end = thai_dates.fiscal_year_bounds(year)
    early = providers.statistics_evidence(
        organization, year, today=start + datetime.timedelta(days=40)
    )
    (period,) = [c for c in early.checks if c.text == "period"]
    assert not period.passed
    assert "ยังไม่สิ้นสุด" in period.message_th
    later = providers.statistics_evidence(
        organization, year, today=start + datetime.timedelta(days=200)
    )
    assert later.passed


def test_generated_urls_answer_anonymous_visitors(client, organization):
    _complete(organization)
    for result in (
        providers.manuals_evidence(organization, 2569),
        providers.online_service_evidence(organization, 2569),
        providers.statistics_evidence(organization, 2568),
    ):
        assert client.get(result.url).status_code == 200, result.url
