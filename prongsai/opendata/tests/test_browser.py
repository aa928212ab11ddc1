"""The main paths in a real browser: a data officer edits a dataset's details,
a visitor finds it in the catalogue, reads it and downloads the CSV."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from prongsai.conftest import browser_login
from prongsai.opendata.tests.providers import TEST_KEY
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_edits_details_and_a_visitor_downloads_the_data(
    live_server, page_factory, published, organization
):
    officer = MembershipFactory(
        organization=organization, roles=[Role.DATA_OFFICER.value]
    ).user

    page = page_factory()
    browser_login(page, officer, live_server.url)
    page.goto(live_server.url + "/bandong/staff/")
    page.get_by_role("link", name="ข้อมูลเปิด").last.click()
    page.wait_for_url(re.compile(r"/bandong/staff/open-data/$"))
    page.get_by_role("link", name="แก้ไขรายละเอียด").first.click()
    # A bad period keeps what was typed and says what is wrong.
    page.get_by_label("หน่วยงานเจ้าของข้อมูล").fill("กองคลัง")
    page.get_by_label("ข้อมูลครอบคลุมตั้งแต่").fill("2026-01-01")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert page.get_by_label("หน่วยงานเจ้าของข้อมูล").input_value() == "กองคลัง"
    page.get_by_label("ข้อมูลครอบคลุมตั้งแต่").fill("2024-10-01")
    page.get_by_label("คำสำคัญ").fill("จัดซื้อจัดจ้าง, งานซ่อมถนน")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(re.compile(r"/bandong/staff/open-data/$"))
    expect(page.get_by_text("บันทึกรายละเอียดของ")).to_be_visible()
    visitor = page_factory(width=390, height=800)
    visitor.goto(live_server.url + "/bandong/open-data/")
    visitor.get_by_label("ค้นหาชุดข้อมูล").fill("ซ่อมถนน")
    visitor.get_by_role("button", name="ค้นหา").click()
    expect(visitor.get_by_text("พบ 1 ชุดข้อมูล")).to_be_visible()
    visitor.locator(".dataset-list a").first.click()
    visitor.wait_for_url(re.compile(rf"/bandong/open-data/bandong-{TEST_KEY}-\d+/$"))
    expect(visitor.get_by_text("กองคลัง")).to_be_visible()
    expect(visitor.get_by_text("Open Data Common")).to_be_visible()
    with visitor.expect_download() as info:
        visitor.get_by_role("link", name="CSV (เปิดด้วย Excel ได้)").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "เลขที่โครงการ" in content.decode("utf-8-sig")
