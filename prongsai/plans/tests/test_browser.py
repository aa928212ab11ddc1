"""The main path in a real browser: a coordinator drafts a plan, the executive
approves it, the owner reports progress, the coordinator downloads the
quarterly report."""

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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    coordinator = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="สุภาพร แก้วมณี"),
        roles=[Role.ITA_COORDINATOR],
    )
    executive = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="ประเสริฐ ศรีสุข", totp=True),
        roles=[Role.EXECUTIVE],
        position="นายก",
    )
    owner = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="จันทร์เพ็ญ บุญมา"),
        roles=[Role.STAFF],
        position="เจ้าพนักงานพัสดุ",
    )
    return coordinator, executive, owner


def test_plan_from_draft_to_approval_progress_and_quarterly_report(
    live_server, page_factory, people
):
    coordinator, executive, owner = people
    base = live_server.url

    # The coordinator drafts a plan with one measure and submits it.
    page = page_factory()
    browser_login(page, coordinator.user, base)
    page.goto(base + "/bandong/staff/plans/")
    page.get_by_role("link", name="สร้างแผนใหม่").click()
    page.locator("#id_title").fill("แผนปฏิบัติการป้องกันการทุจริต")
    page.locator("#id_kind").select_option("anti_corruption")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(re.compile(r"/bandong/staff/plans/\d+/$"))
    plan_url = page.url
    page.get_by_role("link", name="เพิ่มมาตรการ").click()
    page.locator("#id_title").fill("จัดทำทะเบียนการยืมพัสดุ")
    page.locator("#id_responsible_unit").fill("กองคลัง")
    page.locator("#id_owner").select_option(
        label=f"{owner.user.display_name} (เจ้าพนักงานพัสดุ)"
    )
    page.locator("#id_budget").fill("12000")
    page.locator("#id_kpi_name").fill("ทะเบียนเผยแพร่ทุกเดือน")
    page.locator("#id_kpi_unit").fill("เดือน")
    page.locator("#id_kpi_baseline").fill("0")
    page.locator("#id_kpi_target").fill("12")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(plan_url)
    expect(
        page.locator("#measure-table").get_by_text("จัดทำทะเบียนการยืมพัสดุ")
    ).to_be_visible()
    page.get_by_role("button", name="เสนอขออนุมัติ").click()
    page.wait_for_load_state()
    assert page.locator("#plan-status").inner_text() == "รออนุมัติ"

    # The executive approves it.
    boss = page_factory()
    browser_login(boss, executive.user, base)
    boss.goto(plan_url)
    boss.locator("#approve-comment").fill("อนุมัติให้ดำเนินการ")
    boss.get_by_role("button", name="อนุมัติ", exact=True).click()
    boss.wait_for_load_state()
    assert boss.locator("#plan-status").inner_text() == "อนุมัติ"
    assert "อนุมัติให้ดำเนินการ" in boss.locator("#review-list").inner_text()

    # The owner finds the measure and reports progress.
    mine = page_factory(width=390, height=844)
    browser_login(mine, owner.user, base)
    mine.goto(base + "/bandong/staff/plans/")
    mine.get_by_role("link", name="จัดทำทะเบียนการยืมพัสดุ").first.click()
    mine.get_by_role("link", name="รายงานความก้าวหน้า").click()
    mine.locator("#id_percent_done").fill("25")
    mine.locator("#id_kpi_value").fill("3")
    mine.locator("#id_narrative").fill("เผยแพร่ทะเบียนการยืมเดือนแรกแล้ว")
    mine.get_by_role("button", name="บันทึกรายงาน").click()
    mine.wait_for_url(re.compile(r"/measures/\d+/$"))
    expect(mine.get_by_text("เผยแพร่ทะเบียนการยืมเดือนแรกแล้ว")).to_be_visible()
    # The coordinator downloads the first quarterly report.
    page.goto(plan_url)
    page.locator("#id_period").select_option("q1")
    page.locator("#id_format").select_option("pdf")
    with page.expect_download() as download:
        page.get_by_role("button", name="ดาวน์โหลด").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
