"""OIT evidence from the complaint centre: guideline, channel, statistics."""

import datetime

import pytest
from django.utils import timezone

from prongsai.complaints import oit_evidence as providers
from prongsai.complaints import services_confidential
from prongsai.complaints.models import Case, Status
from prongsai.oit.registry import provider_get

pytestmark = pytest.mark.django_db


def _report_in(organization, day: datetime.date, status=Status.RECEIVED):
    case, _code = services_confidential.confidential_submit(
        organization=organization, description="เจ้าหน้าที่เรียกรับเงิน"
    )
    received = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Case.objects.filter(pk=case.pk).update(received_at=received, status=status)
    return case


def _check(result, *, index=None, text=""):
    (check,) = [
        c
        for c in result.checks
        if (index is not None and c.requirement_index == index)
        or (text and c.text == text)
    ]
    return check


def test_providers_are_registered():
    for key in ("complaints.guideline", "complaints.channel", "complaints.statistics"):
        assert provider_get(key) is not None


def test_guideline_needs_the_offline_channels(organization):
    organization.address = ""
    organization.phone = ""
    organization.save()
    result = providers.guideline_evidence(organization, 2569)
    assert not result.passed
    message = _check(result, index=0).message_th
    assert "ที่อยู่" in message
    assert "หมายเลขโทรศัพท์" in message
    organization.address = "99 หมู่ 1 ตำบลบ้านดง"
    organization.phone = "043-000000"
    organization.save()
    result = providers.guideline_evidence(organization, 2569)
    assert result.passed
    assert "30 วัน" in _check(result, index=0).message_th


def test_channel_is_the_confidential_form(organization):
    result = providers.channel_evidence(organization, 2569)
    assert result.passed
    assert result.url == "/bandong/complaints/report/"


def test_statistics_count_the_previous_fiscal_year(organization, other_organization):
    _report_in(organization, datetime.date(2024, 11, 2), Status.RESOLVED)
    _report_in(organization, datetime.date(2025, 9, 20))
    _report_in(organization, datetime.date(2025, 10, 2))  # FY 2569: not counted
    _report_in(other_organization, datetime.date(2025, 1, 5))
    result = providers.statistics_evidence(
        organization, 2569, today=datetime.date(2026, 1, 10)
    )
    assert result.passed
    message = _check(result, index=0).message_th
    assert "ปีงบประมาณ พ.ศ. 2568" in message
    assert "ได้รับเรื่องร้องเรียนการทุจริต 2 เรื่อง" in message
    assert "ดำเนินการแล้วเสร็จ 1 เรื่อง" in message
    assert "อยู่ระหว่างดำเนินการ 1 เรื่อง" in message
    assert result.url == "/bandong/complaints/statistics/?year=2568"
    assert result.machine_readable


def test_statistics_state_none_explicitly(organization):
    result = providers.statistics_evidence(
        organization, 2569, today=datetime.date(2026, 1, 10)
    )
    assert result.passed
    none = _check(result, text="none")
    assert "ไม่มีเรื่องร้องเรียนการทุจริตในปีงบประมาณ พ.ศ. 2568" in none.message_th


def test_statistics_of_an_unfinished_year_fail(organization):
    result = providers.statistics_evidence(
        organization, 2569, today=datetime.date(2025, 6, 1)
    )
    check = _check(result, text="fiscal_year")
    assert not check.passed
    assert "ยังไม่สิ้นสุด" in check.message_th


def test_generated_urls_answer_anonymous_visitors(client, organization):
    from prongsai.core import thai_dates

    current = thai_dates.fiscal_year(timezone.localdate())
    for result in (
        providers.guideline_evidence(organization, current),
        providers.channel_evidence(organization, current),
        providers.statistics_evidence(organization, current),
    ):
        assert client.get(result.url).status_code == 200, result.url
    body = client.get(
        f"/bandong/complaints/statistics/?year={current - 1}"
    ).content.decode()
    assert "none-received" in body
    xlsx = client.get(f"/bandong/complaints/statistics/xlsx/?year={current - 1}")
    assert xlsx.status_code == 200
    # An older year without cases still answers (its figures say "none").
    older = providers.statistics_evidence(organization, current - 1)
    assert client.get(older.url).status_code == 200
    assert (
        client.get(f"/bandong/complaints/statistics/?year={current + 1}").status_code
        == 404
    )
