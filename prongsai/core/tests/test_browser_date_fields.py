"""Date boxes in a real browser: typed Thai dates and the Thai calendar."""

import datetime
import os
import re

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.thai_dates import THAI_MONTHS
from prongsai.organizations.models import DataSubjectRequest
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.browser import sign_in_with_code
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_date_typed_the_thai_way_or_picked_from_the_thai_calendar(
    live_server, page_factory
):
    organization = OrganizationFactory(slug="bandong", name="อบต.บ้านดง")
    admin = UserFactory(email="admin@bandong.example", totp=True)
    MembershipFactory(organization=organization, user=admin, roles=[Role.ORG_ADMIN])
    page = page_factory()
    sign_in_with_code(page, live_server, "admin@bandong.example")
    page.wait_for_url(re.compile(r"/bandong/staff/$"))
    page.goto(f"{live_server.url}/bandong/staff/personal-data/")

    log = page.locator("#subject-request-log")
    log.locator("select[name=kind]").select_option(index=1)
    log.locator("input[name=requester]").fill("นายสมชาย ใจดี")
    box = log.locator("input[name=received_on]")
    box.fill("31/02/2570")  # no such day
    log.get_by_role("button", name="บันทึกคำขอ").click()
    expect(page.get_by_text("กรอกวันที่เป็น วัน/เดือน/ปี พ.ศ.").first).to_be_visible()
    box = page.locator("#subject-request-log input[name=received_on]")
    assert box.input_value() == "31/02/2570"  # kept as typed

    # The calendar: Thai months, Buddhist-era years.
    page.locator("#subject-request-log").get_by_role("button", name="ปฏิทิน").click()
    picker = page.get_by_role("dialog", name="ปฏิทิน")
    expect(picker).to_be_visible()
    today = datetime.date.today()
    expect(picker.get_by_text(str(today.year + 543))).to_be_visible()
    if os.environ.get("PRONGSAI_SCREENSHOTS"):
        page.screenshot(path=os.environ["PRONGSAI_SCREENSHOTS"] + "/thai-date.png")
    picker.get_by_role("button", name="เดือนก่อนหน้า").click()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    month = THAI_MONTHS[first.month - 1]
    picker.get_by_role("button", name=f"15 {month} {first.year + 543}").click()
    assert box.input_value() == f"15/{first.month:02d}/{first.year + 543}"
    page.locator("#subject-request-log").get_by_role("button", name="บันทึกคำขอ").click()
    page.wait_for_url(re.compile(r"/bandong/staff/personal-data/$"))
    logged = DataSubjectRequest.objects.get()
    assert logged.received_on == first.replace(day=15)
