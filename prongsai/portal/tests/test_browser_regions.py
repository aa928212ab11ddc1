"""In a real browser: the demo's provincial viewer signs in (password and
authenticator code, as staff do) and sees both demo organisations of the
province, with no personal data (issue #20)."""

import os
import re

import pytest
from playwright.sync_api import expect

from prongsai.conftest import totp_now
from prongsai.organizations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|0\d{1,2}-?\d{3}-?\d{3,4}")


def test_province_viewer_sees_both_demo_organisations(
    live_server, page_factory, tmp_path
):
    shots = os.environ.get("PRONGSAI_SHOTS") or str(tmp_path)
    load_demo()
    from prongsai.complaints.models import Case

    citizens = list(
        Case.objects.all_organizations()
        .exclude(complainant_name="")
        .values_list("complainant_name", flat=True)
    )
    assert citizens  # the demo has complainants to hide

    page = page_factory(width=390, height=844)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("อีเมล").fill("viewer@khonkaen.example")
    page.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.locator("input[name=code]").fill(totp_now(DEMO_TOTP_SECRET))
    page.locator("form.auth-form button[type=submit]").first.click()
    # Signed in, the viewer lands on their province.
    page.wait_for_url(re.compile(r"/region/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ขอนแก่น")
    table = page.locator("#lao-table")
    bandong = table.get_by_role("link", name="องค์การบริหารส่วนตำบลบ้านดง")
    nongbua = table.get_by_role("link", name="เทศบาลตำบลหนองบัว")
    expect(bandong).to_be_visible()
    expect(nongbua).to_be_visible()
    expect(table.get_by_text("เทศบาลนครขอนแก่น")).to_be_visible()  # not on it yet
    expect(page.locator("#no-ranking")).to_be_visible()
    page.screenshot(path=f"{shots}/region_province_phone.png", full_page=True)

    text = page.locator("main").inner_text()
    for name in citizens:
        assert name not in text
    assert not PERSONAL.search(text), PERSONAL.search(text)

    # A province viewer is nobody in the organisations' back offices.
    response = page.goto(live_server.url + "/bandong/staff/")
    assert response.status == 404
    # The link goes to the organisation's public site.
    page.go_back()
    page.locator("#lao-table").get_by_role(
        "link", name="องค์การบริหารส่วนตำบลบ้านดง"
    ).click()
    page.wait_for_url(re.compile(r"/bandong/$"))
