"""The e-GP feed settings in a browser: the proposed code, the key kept
secret, a refused fetch said in Thai, then a fetch that fills the register;
no WCAG A/AA violations, on a phone and a desktop."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.procurement import cgd
from prongsai.procurement.models import EgpAnnouncement, Procurement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent / "data"
KEY = "browser-secret-key-0001"


@pytest.mark.parametrize("width", [390, 1280])
def test_officer_sets_up_and_fetches(
    live_server, page_factory, monkeypatch, tmp_path, width
):
    organization = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", province="ขอนแก่น"
    )
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.PROCUREMENT_OFFICER]
    )
    call_command("load_egp_departments", str(DATA / "egp_departments.csv"))
    answers = {"api": (429, b"")}

    def edge(url, timeout):
        if url.startswith(cgd.CGD_API_URL):
            return answers["api"]
        kind = "D0" if "anounceType=D0" in url else "W0"
        return 200, (DATA / f"egp_rss_{kind}.xml").read_bytes()

    monkeypatch.setattr(cgd, "urllib_opener", edge)
    page = page_factory(width=width, bypass_csp=True)
    browser_login(page, officer, live_server.url)
    page.goto(live_server.url + "/bandong/staff/procurement/settings/")
    expect(page.locator("#egp-proposals")).to_contain_text("4000512")
    expect(page.locator("#id_egp_department_code")).to_have_value("4000512")
    assert _violations(page) == []
    page.locator("#id_cgd_api_key").fill(KEY)
    page.locator("#save-egp-settings").click()
    expect(page.locator("#egp-key-state")).to_contain_text("ตั้งไว้")
    assert KEY not in page.content()
    page.get_by_role("button", name="ดึงข้อมูลตอนนี้").click()
    expect(page.locator("#egp-outcome")).to_contain_text("จำกัดจำนวนคำขอ")
    page.screenshot(path=str(tmp_path / f"egp-refused-{width}.png"), full_page=True)
    assert not Procurement.objects.exists()
    contracts = json.loads((DATA / "cgdcontract_2569_50.json").read_bytes())
    answers["api"] = (200, json.dumps(contracts).encode())
    page.get_by_role("button", name="ดึงข้อมูลตอนนี้").click()
    expect(page.locator("#egp-counts")).to_be_visible()
    expect(page.locator("#egp-outcome")).to_contain_text("ดึงข้อมูลสำเร็จ")
    assert _violations(page) == []
    page.screenshot(path=str(tmp_path / f"egp-fetched-{width}.png"), full_page=True)
    assert EgpAnnouncement.objects.count() == 4
    # The current fiscal year was asked for: the fixture's year 2569 rows
    # arrive all the same (the API answers what it has).
    assert Procurement.objects.count() == 50
    record = Procurement.objects.get(egp_project_number="68109000548")
    page.goto(f"{live_server.url}/bandong/procurement/{record.pk}/")
    expect(page.locator("#egp-announcements")).to_contain_text("ประกาศเชิญชวน")
    assert _violations(page) == []
    page.screenshot(path=str(tmp_path / f"egp-public-{width}.png"), full_page=True)
