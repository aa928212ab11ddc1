"""The data officer completes OIT items in a browser; a visitor opens every
evidence link of the public ITA/OIT page."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.ita.services import framework_load_files
from prongsai.oit.models import Checklist
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.sitecontent import services as site
from prongsai.sitecontent.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer():
    framework_load_files()
    organization = OrganizationFactory(
        slug="bandong",
        name="องค์การบริหารส่วนตำบลบ้านดง",
        address="99 หมู่ที่ 5 ตำบลบ้านดง",
        phone="043-000-111",
        email="saraban@bandong.example",
    )
    site.page_save(
        actor=None,
        organization=organization,
        key=Page.Key.STRUCTURE,
        title="โครงสร้างและอำนาจหน้าที่",
        body="หน้าที่และอำนาจตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล",
        image=ContentFile(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", name="chart.gif"),
        status="published",
    )
    site.news_create(
        actor=None,
        organization=organization,
        title="ประกาศรับสมัครพนักงานจ้าง",
        body="รับสมัครถึงสิ้นเดือน",
        status="published",
        publish_at=timezone.make_aware(datetime.datetime(2025, 11, 1, 9)),
    )
    user = UserFactory(email="data@bandong.example", full_name="ธนากร พรหมมา")
    MembershipFactory(
        organization=organization, user=user, roles=[Role.DATA_OFFICER.value]
    )
    return user


def test_officer_completes_items_and_every_public_link_works(
    live_server, page_factory, officer, tmp_path
):
    page = page_factory()
    page.set_default_timeout(60_000)
    browser_login(page, officer, live_server.url)
    page.goto(live_server.url + "/bandong/staff/oit/")
    page.get_by_label("ปีงบประมาณ").select_option("2569")
    page.get_by_role("button", name="เปิดรายการตรวจสอบ").click()
    page.wait_for_url("**/bandong/staff/oit/2569/")
    # Items whose records already pass every check are ready at once.
    checklist = Checklist.objects.get(organization__slug="bandong", fiscal_year=2569)
    ready = set(checklist.items.filter(status="ready").values_list("code", flat=True))
    assert "O1" in ready and "O23" not in ready
    assert f"{len(ready)} / 26" in page.locator("#readiness").inner_text()

    # O1 is generated from the structure page: it is ready as it stands.
    page.get_by_role("link", name="O1", exact=True).click()
    assert "มีแผนผังโครงสร้าง" in page.locator("#checks").inner_text()
    assert "พร้อมส่ง" in page.locator("h1 + div .badge").inner_text()

    # O23 needs an uploaded plan of FY 2569, approved by the executive; it
    # is ready as soon as the upload meets every check.
    page.goto(live_server.url + "/bandong/staff/oit/2569/")
    page.get_by_role("link", name="O23", exact=True).click()
    assert "ยังไม่มีแผนปฏิบัติการป้องกันการทุจริต" in page.locator("#checks").inner_text()
    plan = tmp_path / "plan-2569.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.locator("#id_upload-title").fill("แผนปฏิบัติการป้องกันการทุจริต 2569")
    page.locator("#id_upload-file").set_input_files(str(plan))
    page.locator("#id_upload-approved_by_name").fill("นายสมศักดิ์ รักษ์ถิ่น")
    page.locator("#id_upload-approved_on").fill("2025-10-15")
    page.get_by_role("button", name="อัปโหลด", exact=True).click()
    assert "เพิ่มหลักฐานแล้ว" in page.locator(".alert-success").inner_text()
    assert "พร้อมส่ง" in page.locator("h1 + div .badge").inner_text()

    page.goto(live_server.url + "/bandong/staff/oit/2569/")
    assert f"{len(ready) + 1} / 26" in page.locator("#readiness").inner_text()

    # A visitor on a phone opens every evidence link of the ITA/OIT page.
    visitor = page_factory(width=390, height=844)
    visitor.goto(live_server.url + "/bandong/oit/")
    links = visitor.locator("#oit-items a.oit-link")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 5
    for href in hrefs:
        url = href if href.startswith("http") else live_server.url + href
        if not url.startswith(live_server.url):
            continue
        response = visitor.request.get(url)
        assert response.status == 200, href
    assert any("/oit/evidence/" in href for href in hrefs)
