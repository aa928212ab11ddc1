"""The main paths in a real browser: a web complaint is answered and read; an
anonymous reporter follows up with the receipt code."""

import re

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.models import Case, Kind
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bandong():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    CategoryFactory(organization=organization, name="ไฟฟ้าส่องสว่าง")
    return organization


def test_web_complaint_is_handled_answered_and_read(live_server, page_factory, bandong):
    citizen = page_factory(width=390, height=800)
    citizen.goto(live_server.url + "/bandong/complaints/")
    citizen.get_by_role("link", name="แจ้งเรื่องร้องเรียน").first.click()
    citizen.locator("#id_category").select_option(label="ไฟฟ้าส่องสว่าง")
    citizen.locator("#id_subject").fill("ไฟถนนหน้าวัดดับ")
    citizen.locator("#id_description").fill("ไฟถนนหน้าวัดบ้านดงดับสามต้น มืดมาก")
    citizen.locator("#id_complainant_name").fill("นางบุญเรือน ใจงาม")
    # Forgetting the privacy acknowledgement keeps what was typed.
    citizen.get_by_role("button", name="ส่ง", exact=True).click()
    expect(citizen.locator("#form-errors")).to_be_visible()
    assert citizen.locator("#id_description").input_value().startswith("ไฟถนน")
    citizen.locator("#id_privacy_ack").check()
    citizen.get_by_role("button", name="ส่ง", exact=True).click()
    citizen.wait_for_url(re.compile(r"/bandong/complaints/track/[A-Z0-9]+/$"))
    tracking_url = citizen.url
    case = Case.objects.get()
    assert case.reference in citizen.content()

    officer = UserFactory()
    MembershipFactory(
        organization=bandong, user=officer, roles=[Role.COMPLAINT_OFFICER.value]
    )
    staff = page_factory()
    browser_login(staff, officer, live_server.url)
    staff.goto(live_server.url + "/bandong/staff/complaints/")
    staff.get_by_role("link", name=case.reference).click()
    reply_form = staff.locator("form[action$='/reply/']")
    reply_form.locator("textarea").fill("ช่างจะไปเปลี่ยนหลอดไฟวันพรุ่งนี้")
    staff.locator("#send-reply").click()
    status_form = staff.locator("form[action$='/status/']")
    status_form.locator("select").select_option("resolved")
    status_form.get_by_role("button").click()
    assert staff.locator("#case-status").inner_text().startswith("ดำเนินการแล้วเสร็จ")

    citizen.goto(tracking_url)
    expect(citizen.get_by_text("ช่างจะไปเปลี่ยนหลอดไฟวันพรุ่งนี้")).to_be_visible()
    assert citizen.locator("#case-status").inner_text() == "ดำเนินการแล้วเสร็จ"
    citizen.get_by_label("5 – พึงพอใจมากที่สุด").check()
    citizen.get_by_role("button", name="ส่งผลประเมิน").click()
    expect(citizen.get_by_text("ผลประเมินของท่าน: 5 จาก 5")).to_be_visible()


def test_anonymous_reporter_follows_up_with_the_receipt_code(
    live_server, page_factory, bandong
):
    reporter = page_factory(width=390, height=800)
    reporter.goto(live_server.url + "/bandong/complaints/report/")
    reporter.locator("#id_description").fill("เจ้าหน้าที่เรียกเงินค่าออกใบอนุญาตโดยไม่มีใบเสร็จ")
    reporter.get_by_role("button", name="ส่งเรื่อง").click()
    code = reporter.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)

    integrity = UserFactory(totp=True)
    MembershipFactory(
        organization=bandong, user=integrity, roles=[Role.INTEGRITY_OFFICER.value]
    )
    case = Case.objects.get(kind=Kind.CORRUPTION)
    officer = page_factory()
    browser_login(officer, integrity, live_server.url)
    officer.goto(live_server.url + f"/bandong/staff/complaints/confidential/{case.pk}/")
    officer.locator("form[action$='/reply/'] textarea").fill("ขอวันที่และสถานที่ที่เกิดเหตุ")
    officer.locator("#send-reply").click()

    reporter.goto(live_server.url + "/bandong/complaints/report/follow-up/")
    reporter.locator("#id_receipt_code").fill("1234 5678 9012 3456")
    reporter.get_by_role("button", name="แสดง", exact=True).click()
    expect(reporter.get_by_text("ไม่พบเรื่องที่ตรงกับรหัสนี้")).to_be_visible()
    reporter.locator("#id_receipt_code").fill(code)
    reporter.get_by_role("button", name="แสดง", exact=True).click()
    expect(reporter.get_by_text("ขอวันที่และสถานที่ที่เกิดเหตุ")).to_be_visible()
    reporter.locator("#id_text").fill("วันที่ 3 พฤศจิกายน ที่ห้องงานโยธา")
    reporter.get_by_role("button", name="เพิ่มข้อมูล").click()
    expect(reporter.get_by_text("เพิ่มข้อมูลของท่านแล้ว")).to_be_visible()
    expect(reporter.get_by_text("วันที่ 3 พฤศจิกายน ที่ห้องงานโยธา")).to_be_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/bandong/complaints/",
        "/bandong/complaints/new/complaint/",
        "/bandong/complaints/report/",
        "/bandong/complaints/report/follow-up/",
        "/bandong/complaints/statistics/",
        "/bandong/complaints/privacy/",
        "/bandong/complaints/report/guideline/",
    ],
)
def test_public_complaint_pages_are_accessible(
    live_server, page_factory, bandong, path
):
    from prongsai.core.tests.test_accessibility import _violations

    page = page_factory(width=390, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []


def test_staff_case_page_is_accessible(live_server, page_factory, bandong):
    from prongsai.complaints.tests.factories import CaseFactory
    from prongsai.core.tests.test_accessibility import _violations

    case = CaseFactory(organization=bandong)
    officer = UserFactory()
    MembershipFactory(
        organization=bandong, user=officer, roles=[Role.COMPLAINT_OFFICER.value]
    )
    page = page_factory(bypass_csp=True)
    browser_login(page, officer, live_server.url)
    for path in ("/bandong/staff/complaints/", f"/bandong/staff/complaints/{case.pk}/"):
        page.goto(live_server.url + path)
        assert _violations(page) == [], path
