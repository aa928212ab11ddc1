"""On a phone (390 x 844): a villager reserves chairs and a tent, the officer
approves, hands over and takes them back, the tracking page shows it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.thai_dates import format_date
from prongsai.eservices.models import ServiceRequest
from prongsai.integrity import services_assets as services
from prongsai.integrity.models import AssetLoan
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site():
    organization = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", phone="043-000-111"
    )
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต", totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
    ).user
    for code, name, quantity, unit in (
        ("401-63-0003", "เก้าอี้พลาสติก", 200, "ตัว"),
        ("401-62-0001", "เต็นท์ผ้าใบ", 10, "หลัง"),
    ):
        services.asset_create(
            actor=officer,
            organization=organization,
            code=code,
            name=name,
            quantity=quantity,
            unit=unit,
            unit_value=Decimal(100),
            custodian=officer,
            lendable_to_public=True,
        )
    return organization, officer


def test_villager_reserves_officer_lends_and_takes_back(
    live_server, page_factory, site
):
    _organization, officer = site
    day = format_date(timezone.localdate() + datetime.timedelta(days=4), "numeric")
    villager = page_factory(**PHONE)
    villager.goto(f"{live_server.url}/bandong/integrity/assets/")
    assert villager.evaluate("document.documentElement.scrollWidth") <= 390
    villager.get_by_label("เก้าอี้พลาสติก").fill("10")
    villager.get_by_label("เต็นท์ผ้าใบ").fill("1")
    villager.locator("#id_start_on").fill(day)
    villager.locator("#id_end_on").fill(day)
    villager.get_by_label("ชื่อ-นามสกุล").fill("นางบุญมี ศรีดง")
    villager.get_by_label("โทรศัพท์", exact=True).fill("0812345678")
    villager.get_by_label("ใช้ในงานอะไร").fill("งานฌาปนกิจบิดา")
    villager.get_by_label("สถานที่ใช้งาน").fill("บ้านเลขที่ 12 หมู่ 3")
    villager.get_by_label("ข้าพเจ้ายินยอมให้หน่วยงานเก็บชื่อ").check()
    villager.get_by_role("button", name="ส่งคำขอ").click()
    villager.locator("#tracking-code").wait_for()
    code = villager.locator("#tracking-code").inner_text()
    request = ServiceRequest.objects.get(tracking_code=code)
    loan = AssetLoan.objects.get(service_request=request)
    assert {(line.asset.name, line.quantity) for line in loan.lines.all()} == {
        ("เก้าอี้พลาสติก", 10),
        ("เต็นท์ผ้าใบ", 1),
    }

    staff = page_factory(**PHONE)
    browser_login(staff, officer, live_server.url)
    staff.goto(f"{live_server.url}/bandong/staff/integrity/assets/")
    staff.get_by_role("link", name=loan.reference).click()
    staff.get_by_role("button", name="อนุมัติ").click()
    staff.get_by_text("อนุมัติการยืมแล้ว").wait_for()
    staff.get_by_label("สภาพพัสดุเมื่อส่งมอบ").fill("ครบ สภาพดี")
    staff.get_by_role("button", name="ส่งมอบพัสดุ").click()
    staff.get_by_text("บันทึกการส่งมอบพัสดุแล้ว").wait_for()
    staff.get_by_role("link", name="บันทึกการส่งคืน").click()
    staff.get_by_role("button", name="บันทึกการส่งคืน").click()
    staff.get_by_text("บันทึกการส่งคืนแล้ว").wait_for()
    loan.refresh_from_db()
    assert loan.status == "returned"

    villager.goto(f"{live_server.url}{request.get_tracking_url()}")
    request.refresh_from_db()
    assert request.status == "completed"
    assert (
        villager.locator("#request-status").inner_text() == request.get_status_display()
    )
