"""In a real browser: an officer approves a case's public text, then the
public statistics page shows that text and nothing else of the subject."""

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints import services
from prongsai.complaints.models import Status
from prongsai.complaints.tests.factories import CaseFactory
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_approves_public_text_and_the_board_shows_it(live_server, page_factory):
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.COMPLAINT_OFFICER.value]
    )
    case = CaseFactory(
        organization=organization,
        subject="ไฟดับหน้าบ้านนางบุญเรือน ใจงาม โทร 081-234-5678",
    )
    services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)

    visitor = page_factory(width=390, height=800)
    visitor.goto(live_server.url + "/bandong/complaints/statistics/")
    expect(visitor.get_by_text("ข้อความยังไม่ผ่านการตรวจเพื่อเผยแพร่")).to_be_visible()
    staff = page_factory()
    browser_login(staff, officer, live_server.url)
    staff.goto(live_server.url + f"/bandong/staff/complaints/{case.pk}/")
    text = staff.locator("#public-text textarea")
    prefilled = text.input_value()
    assert "081" not in prefilled and "บุญเรือน" not in prefilled
    text.fill("ไฟถนนดับหน้าบ้าน หมู่ที่ 3")
    staff.locator("#approve-public-text").click()
    expect(staff.get_by_text("อนุมัติข้อความเผยแพร่แล้ว")).to_be_visible()
    assert "อนุมัติเมื่อ" in staff.locator("#public-text-status").inner_text()

    visitor.goto(live_server.url + "/bandong/complaints/statistics/")
    expect(visitor.get_by_text("ไฟถนนดับหน้าบ้าน หมู่ที่ 3")).to_be_visible()
    assert "081-234-5678" not in visitor.content()
