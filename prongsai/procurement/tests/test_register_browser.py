"""Issue #16 end to end in a browser: the officer fetches the month's e-GP
contracts (one of them already typed in by hand without its supplier, so the
officer confirms that match), then imports the สขร.1 of the same month, and the
public list shows each purchase once. The CGD API is stubbed only at the
network edge, with the recorded answer in ``tests/data``."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core import thai_dates
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.procurement import cgd, services_feed
from prongsai.procurement.models import ImportBatch, ImportRow, Procurement

from .test_egp_feed import enter_by_hand
from .test_register_import import sor1_sheet, workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(__file__).parent / "data"
MONTH = "2026-04"


def april_contracts() -> list[dict]:
    records = json.loads((DATA / "cgdcontract_2569_50.json").read_bytes())["result"]
    return [r for r in records if r["transaction_date"].startswith(MONTH)]


def _signed(record) -> datetime.date:
    raw = record["contract"][0]["contract_date"]
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:  # the API also answers in Thai ("3 เม.ย. 69")
        return thai_dates.parse_thai_date(raw)


def sor1_of(records) -> bytes:
    """The month's สขร.1 as the office types it (contracts signed in April),
    without e-GP numbers."""
    rows = []
    for seq, record in enumerate(records, 1):
        contract = record["contract"][0]
        winner, agreed = contract["winner"], record["sum_price_agree"]
        rows.append(
            [
                str(seq),
                record["project_name"],
                record["project_money"],
                "-",
                record["purchase_method_name"],
                f"{winner} {agreed}",
                f"{winner} ราคา {agreed} บาท",
                "ราคาต่ำสุด",
                contract["contract_no"],
                thai_dates.format_date(_signed(record), style="medium"),
            ]
        )
    return workbook({"เม.ย. 69": sor1_sheet("เมษายน 2569", *rows, footer=True)})


def test_fetch_then_import_the_same_month_records_each_purchase_once(
    live_server, page_factory, monkeypatch, tmp_path
):
    records = april_contracts()
    assert len(records) == 6
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.PROCUREMENT_OFFICER]
    )
    services_feed.egp_settings_update(
        actor=officer,
        organization=organization,
        egp_department_code="4000512",
        cgd_api_key="browser-secret-key-0002",
    )
    # Typed in by hand before, without the supplier: the feed cannot be sure.
    with translation.override("th"):
        by_hand = enter_by_hand(organization, officer, records[0], supplier=False)

    def edge(url, timeout):
        if url.startswith(cgd.CGD_API_URL):
            return 200, json.dumps({"result": records}).encode()
        return 200, (DATA / "egp_rss_D0.xml").read_bytes()

    monkeypatch.setattr(cgd, "urllib_opener", edge)

    page = page_factory(width=1280)
    browser_login(page, officer, live_server.url)
    page.goto(live_server.url + "/bandong/staff/procurement/settings/")
    page.get_by_role("button", name="ดึงข้อมูลตอนนี้").click()
    expect(page.locator("#egp-outcome")).to_be_visible()
    batch = ImportBatch.objects.get(organization=organization)
    assert batch.state == ImportBatch.State.PREVIEW  # one row waits for the officer
    uncertain = batch.import_rows.get(action=ImportRow.Action.UNCERTAIN)

    # The officer confirms the uncertain row is the purchase typed by hand.
    page.goto(f"{live_server.url}/bandong/staff/procurement/import/{batch.pk}/")
    expect(page.locator("#import-decisions")).to_be_visible()
    page.locator(f"#row-{uncertain.pk}-merge-{by_hand.pk}").check()
    page.get_by_role("button", name="บันทึกการตัดสินใจ").click()
    page.locator("#import-commit-button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    register = Procurement.objects.filter(organization=organization)
    assert register.count() == 6
    by_hand.refresh_from_db()
    assert by_hand.egp_project_number == records[0]["project_id"]

    # The สขร.1 of the same month merges into the six records: nothing new.
    upload = tmp_path / "sor1-2569-04.xlsx"
    signed_in_april = [r for r in records if _signed(r).month == 4]
    assert len(signed_in_april) == 5
    upload.write_bytes(sor1_of(signed_in_april))
    page.goto(live_server.url + "/bandong/staff/procurement/import/")
    page.locator("input[type='file']").set_input_files(str(upload))
    page.locator("#import-preview-button").click()
    expect(page.locator("#import-plan-heading")).to_be_visible()
    expect(page.locator("#import-sheets")).to_contain_text("เม.ย. 69")
    sor1 = ImportBatch.objects.filter(organization=organization).latest("pk")
    assert sor1.result["plan"].get("create", 0) == 0
    page.locator("#import-commit-button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert register.count() == 6
    # The contract numbers typed in the สขร.1 were kept with their source.
    assert all(r.contract_number for r in register)
    assert Decimal(str(records[0]["contract"][0]["price_agree"])) == (
        register.get(pk=by_hand.pk).agreed_price
    )

    # The public list shows each purchase once.
    visitor = page_factory(width=390, height=844)
    visitor.goto(live_server.url + "/bandong/procurement/?year=2569")
    for record in records:
        expect(visitor.get_by_text(record["project_name"], exact=True)).to_have_count(1)
