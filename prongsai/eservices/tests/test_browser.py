"""In Chromium on a phone: a citizen files with a photo, staff work it, the
citizen rates it; and axe-core finds no WCAG 2.1 AA problem on public pages."""

import io

import pytest
from playwright.sync_api import expect

from prongsai.conftest import browser_login
from prongsai.eservices.models import ServiceRequest, Status
from prongsai.eservices.selectors import starter_template_list
from prongsai.eservices.services import service_adopt
from prongsai.eservices.tests.factories import file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


@pytest.fixture
def site():
    organization = OrganizationFactory(
        slug="bandong",
        name="องค์การบริหารส่วนตำบลบ้านดง",
        phone="043-000-111",
        subdistrict="บ้านดง",
        district="อุบลรัตน์",
        province="ขอนแก่น",
    )
    officer = MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user
    template = next(t for t in starter_template_list() if t["code"] == "street-light")
    service = service_adopt(actor=officer, organization=organization, template=template)
    return organization, officer, service


def _photo(tmp_path):
    from PIL import Image

    path = tmp_path / "lamp.jpg"
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneCam"
    image.save(path, "JPEG", exif=exif)
    return path


def test_citizen_files_staff_work_it_citizen_rates_it(
    live_server, page_factory, site, tmp_path
):
    _organization, officer, _service = site
    citizen = page_factory(**PHONE)
    citizen.goto(f"{live_server.url}/bandong/eservices/")
    citizen.locator("a", has_text="ยื่นคำขอออนไลน์").first.click()
    citizen.get_by_label("ชื่อ-นามสกุล").fill("สมศรี ใจดี")
    citizen.get_by_label("โทรศัพท์").fill("0812345678")
    citizen.get_by_label("อาการ").select_option("ไฟดับ")
    citizen.get_by_label("ภาพถ่าย").set_input_files(str(_photo(tmp_path)))
    citizen.get_by_label("ตำแหน่ง: หมู่ที่").fill("5")
    citizen.get_by_label("ตำแหน่ง: ตำบล").fill("บ้านดง")
    citizen.get_by_label("ตำแหน่ง: อำเภอ").fill("อุบลรัตน์")
    citizen.get_by_label("ตำแหน่ง: จังหวัด").fill("ขอนแก่น")
    citizen.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัวแล้วและยินยอม").check()
    citizen.get_by_role("button", name="ส่งคำขอ").click()
    citizen.get_by_text("ได้รับคำขอของท่านแล้ว").wait_for()
    code = citizen.locator("#tracking-code").inner_text()
    filed = ServiceRequest.objects.get(tracking_code=code)
    expect(citizen.locator("#queue-position")).to_be_visible()
    with filed.attachments.get().file.open("rb") as stored:
        from PIL import Image

        assert not Image.open(io.BytesIO(stored.read())).getexif()

    staff = page_factory(**PHONE)
    browser_login(staff, officer, live_server.url)
    staff.goto(f"{live_server.url}/bandong/staff/eservices/")
    staff.get_by_role("link", name=code).click()
    staff.get_by_label("สถานะใหม่").select_option("in_progress")
    staff.get_by_role("button", name="บันทึกสถานะ").click()
    staff.get_by_text("เปลี่ยนสถานะแล้ว").wait_for()
    staff.get_by_label("สถานะใหม่").select_option("completed")
    staff.get_by_label("เหตุผลหรือข้อความถึงผู้ขอ").fill("เปลี่ยนหลอดไฟแล้ว")
    staff.get_by_role("button", name="บันทึกสถานะ").click()
    staff.get_by_text("เปลี่ยนสถานะแล้ว").wait_for()
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED

    citizen.get_by_role("link", name="เปิดหน้าติดตามคำขอ").click()
    assert "เปลี่ยนหลอดไฟแล้ว" in citizen.content()
    citizen.get_by_label("5 – พึงพอใจมากที่สุด").check()
    citizen.get_by_label("ความคิดเห็น (ไม่บังคับ)").fill("รวดเร็วมาก")
    citizen.get_by_role("button", name="ส่งผลการประเมิน").click()
    citizen.get_by_text("ท่านประเมินบริการนี้ 5 จาก 5 คะแนน").wait_for()
    assert filed.ratings.get().comment == "รวดเร็วมาก"


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} (e.g. {v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
    ]


def _line_session(page, base_url, organization, line_user_id):
    """Give the browser a session signed in with LINE for ``organization``."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["eservices_line_users"] = {str(organization.pk): line_user_id}
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": base_url,
            }
        ]
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages_are_accessible(live_server, page_factory, site, width):
    _organization, _officer, service = site
    filed = file_request(
        service,
        answers={"problem": "ไฟดับ", "location": {"lat": "16.4", "lng": "102.8"}},
    )
    from prongsai.eservices.services_filing import request_line_link
    from prongsai.organizations.services_channels import channel_settings_update

    channel_settings_update(
        actor=None,
        organization=_organization,
        line_login_channel_id="1657000000",
        line_login_channel_secret="secret-for-tests",
    )
    linked = file_request(
        service,
        answers={"problem": "ไฟดับ", "location": {"lat": "16.4", "lng": "102.8"}},
    )
    request_line_link(request=linked, line_user_id="U" + "a" * 32)
    page = page_factory(width=width, bypass_csp=True)
    paths = [
        "/bandong/eservices/",
        f"/bandong/eservices/{service.code}/",
        f"/bandong/eservices/{service.code}/apply/",
        "/bandong/eservices/track/",
        filed.get_tracking_url(),
        f"/bandong/eservices/track/{filed.tracking_code}/filed/",
        linked.get_tracking_url(),
        "/bandong/eservices/mine/",
        "/bandong/eservices/statistics/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert _violations(page) == [], path
    _line_session(page, live_server.url, _organization, "U" + "a" * 32)
    page.goto(live_server.url + "/bandong/eservices/mine/")
    assert linked.tracking_code in page.content()
    assert _violations(page) == [], "my requests, signed in with LINE"
    page.goto(f"{live_server.url}/bandong/eservices/{service.code}/apply/")
    page.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    assert _violations(page) == [], "form with errors"
