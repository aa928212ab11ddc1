"""The main path in a real browser: sign in with MFA, invite, switch language."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import TEST_PASSWORD, UserFactory
from prongsai.core import thai_dates
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.browser import sign_in_with_code
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bandong():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    admin = UserFactory(email="admin@bandong.example", full_name="สมชาย ใจดี", totp=True)
    MembershipFactory(organization=organization, user=admin, roles=[Role.ORG_ADMIN])
    return organization


def test_admin_signs_in_with_mfa_invites_a_member_and_switches_language(
    live_server, page_factory, bandong
):
    page = page_factory()
    sign_in_with_code(page, live_server, "admin@bandong.example")
    page.wait_for_url(re.compile(r"/bandong/staff/$"))

    # Thai dates in the Buddhist era on the dashboard.
    fiscal_year = thai_dates.fiscal_year(thai_dates.local_date(datetime.date.today()))
    expect(page.get_by_text(f"ปีงบประมาณ พ.ศ. {fiscal_year}")).to_be_visible()
    today = page.locator(".today").inner_text()
    assert any(month in today for month in thai_dates.THAI_MONTHS)
    assert str(thai_dates.to_be_year(datetime.date.today().year)) in today

    # Invite a member; the first try forgets the e-mail and keeps the rest.
    page.get_by_role("link", name="สมาชิกและบทบาท").click()
    page.get_by_role("link", name="เชิญสมาชิก").click()
    page.get_by_label("ชื่อ-นามสกุล").fill("มานี มีนา")
    page.get_by_label("เจ้าหน้าที่พัสดุ").check()
    page.get_by_role("button", name="ส่งคำเชิญ").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert page.get_by_label("ชื่อ-นามสกุล").input_value() == "มานี มีนา"
    assert page.get_by_label("เจ้าหน้าที่พัสดุ").is_checked()
    page.get_by_label("อีเมล").fill("manee@example.org")
    page.get_by_role("button", name="ส่งคำเชิญ").click()
    page.wait_for_url(re.compile(r"/bandong/staff/members/$"))
    expect(
        page.locator("#invitation-table").get_by_text("manee@example.org")
    ).to_be_visible()
    assert [m.to for m in mail.outbox] == [["manee@example.org"]]

    # Switch to English and back.
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Members and roles")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="ไทย").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="สมาชิกและบทบาท")).to_be_visible()
    expires = page.locator("#invitation-table td.expires").first.inner_text()
    assert re.search(r"\d+ [ก-๙.]+ 25\d\d", expires), expires

    # The invitee accepts from the e-mail link and lands in the back office.
    link = re.search(r"http\S+/invitations/\S+", mail.outbox[0].body).group(0)
    invitee = page_factory(width=390, height=844)
    invitee.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    assert invitee.get_by_label("ชื่อ-นามสกุล").input_value() == "มานี มีนา"
    invitee.locator("#id_password1").fill(TEST_PASSWORD)
    invitee.locator("#id_password2").fill(TEST_PASSWORD)
    invitee.get_by_role("button", name="สร้างบัญชีและเข้าร่วม").click()
    invitee.wait_for_url(re.compile(r"/bandong/staff/$"))
    expect(invitee.get_by_text("เจ้าหน้าที่พัสดุ").first).to_be_visible()


def test_public_page_fits_a_phone_screen(live_server, page_factory, bandong):
    page = page_factory(width=360, height=740)
    page.goto(live_server.url + "/bandong/")
    expect(
        page.get_by_role("heading", level=1, name="องค์การบริหารส่วนตำบลบ้านดง")
    ).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Sarabun" in font
    loaded = page.evaluate("document.fonts.check('16px Sarabun')")
    assert loaded is True
