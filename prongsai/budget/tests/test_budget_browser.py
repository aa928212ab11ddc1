"""In a browser: the planning officer imports the year's budget lines,
confirms the preview, sees the line not linked to a plan project, makes the
operation plan from the budget and opens the six-month report."""

import os
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget.tests.factories import (
    BudgetFactory,
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    StrategyFactory,
)
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planner():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    plan = DevelopmentPlanFactory(organization=organization, first_year=2566)
    programme = ProgrammeFactory(
        strategy=StrategyFactory(plan=plan, number=1, name="ด้านโครงสร้างพื้นฐาน"),
        name="แผนงานเคหะและชุมชน",
    )
    ProjectFactory(
        programme=programme,
        number=12,
        name="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    )
    BudgetFactory(organization=organization, fiscal_year=2569)
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วิไล วางแผน", totp=True),
        roles=[Role.PLANNING_OFFICER.value],
    ).user


def _shot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_import_lines_and_make_the_operation_plan(
    live_server, page_factory, planner, tmp_path
):
    book = openpyxl.Workbook()
    for row in [
        ["แผนงาน", "งาน", "งบ", "รายการ", "จำนวนเงิน", "ลำดับโครงการ"],
        [
            "แผนงานเคหะและชุมชน",
            "งานก่อสร้าง",
            "งบลงทุน",
            "ก่อสร้างถนน คสล. หมู่ที่ 3",
            "480,000",
            "๑๒",
        ],
        [None, None, None, "จัดซื้อเครื่องสูบน้ำ", "35,000", None],
        [None, None, "งบดำเนินงาน", "ค่าวัสดุก่อสร้าง", "100,000", None],
    ]:
        book.active.append(row)
    upload = tmp_path / "งบประมาณ 2569.xlsx"
    book.save(upload)
    page = page_factory(width=1280)
    base = live_server.url + "/bandong/staff/budget/years/2569/"
    browser_login(page, planner, live_server.url)
    page.goto(base + "import/lines/")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.get_by_text("ข้อมูลถูกต้องทุกแถว").wait_for()
    _shot(page, "budget-import-preview")
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้าแล้ว 3 แถว").wait_for()
    expect(
        page.get_by_text("รายการงบลงทุน 1 รายการยังไม่ระบุโครงการตามแผนพัฒนา")
    ).to_be_visible()
    expect(page.get_by_text("12. โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3")).to_be_visible()
    _shot(page, "budget-year")
    page.get_by_role("link", name="แผนการดำเนินงาน").first.click()
    page.get_by_role("button", name="สร้างรายการจากงบประมาณ").click()
    page.get_by_text("เพิ่มจากงบประมาณ 2 รายการ").wait_for()
    expect(page.get_by_text("515,000.00")).to_be_visible()
    _shot(page, "budget-operation-plan")
    page.goto(base + "reports/six_month/")
    expect(page.locator("svg").first).to_be_visible()
    _shot(page, "budget-report")
