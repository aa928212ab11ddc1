"""The main path in a browser: import a file, fix an error, publish; a visitor
finds the procurement and downloads the table."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

from .test_parsing import EGP_HEADER, egp_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def test_officer_imports_fixes_and_a_visitor_downloads(
    live_server, page_factory, tmp_path
):
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.PROCUREMENT_OFFICER]
    )
    broken = tmp_path / "egp.csv"
    broken.write_bytes(_csv([EGP_HEADER, egp_row(**{"งบประมาณ(บาท)": "หนึ่งล้าน"})]))
    fixed = tmp_path / "egp-fixed.csv"
    fixed.write_bytes(_csv([EGP_HEADER, egp_row()]))

    page = page_factory()
    browser_login(page, officer, live_server.url)
    page.goto(live_server.url + "/bandong/staff/procurement/import/")
    page.locator("input[type=file]").set_input_files(str(broken))
    page.locator("#import-preview-button").click()
    errors = page.locator("#import-errors")
    assert "แถวที่ 2" in errors.inner_text()
    assert "งบประมาณ(บาท)" in errors.inner_text()
    assert page.locator("#import-commit-button").count() == 0

    page.get_by_role("link", name="อัปโหลดไฟล์ที่แก้ไขแล้ว").click()
    page.locator("input[type=file]").set_input_files(str(fixed))
    page.locator("#import-preview-button").click()
    page.locator("#import-commit-button").click()
    page.wait_for_url(re.compile(r"/bandong/staff/procurement/$"))
    assert "ก่อสร้างถนนคอนกรีตเสริมเหล็ก" in page.locator("#procurement-table").inner_text()

    visitor = page_factory()
    visitor.goto(live_server.url + "/bandong/procurement/")
    visitor.locator("#id_q").fill("ถนน")
    visitor.get_by_role("button", name="ค้นหา").click()
    table = visitor.locator("#public-procurement-table")
    assert "ห้างหุ้นส่วนจำกัด ทองดี" in table.inner_text()
    visitor.get_by_role("link", name=re.compile("ก่อสร้างถนน")).click()
    expect(visitor.get_by_text("68019205582")).to_be_visible()
    visitor.go_back()
    with visitor.expect_download() as download_info:
        visitor.locator("#download-ita-csv").click()
    path = download_info.value.path()
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert "ก่อสร้างถนนคอนกรีตเสริมเหล็ก" in content.decode("utf-8-sig")
