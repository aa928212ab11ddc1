"""In a browser, the whole chain of issue #18: the planning officer imports
the development plan (ผ.02) and the year's budget, the procurement officer
confirms the contract against its budget line, the planner records the
project's status, and a citizen on a phone opens the project's page and sees
its budget, the contract and the status."""

import datetime
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget.models_spending import Commitment
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.procurement.tests.factories import ProcurementFactory, SupplierFactory
from prongsai.procurement.vocab import BudgetCategory, Method, ProcurementType

from . import plan_samples as samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAIN = "โครงการวางท่อระบายน้ำ หมู่ที่ 3"  # number 2 in the sample ผ.02, 450,000 in 2569


@pytest.fixture
def office():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    planner = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วันดี วางแผน", totp=True),
        roles=[Role.PLANNING_OFFICER.value],
    ).user
    buyer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="สมพร จัดหา", totp=True),
        roles=[Role.PROCUREMENT_OFFICER.value],
    ).user
    ProcurementFactory(
        organization=organization,
        fiscal_year=2569,
        procured_on=datetime.date(2026, 2, 10),
        title=f"จ้างเหมา{DRAIN[6:]}",
        budget_line=DRAIN,
        budget_plan="แผนงานเคหะและชุมชน",
        budget_category=BudgetCategory.INVESTMENT,
        procurement_type=ProcurementType.CONSTRUCTION,
        method=Method.SPECIFIC,
        budget_amount=Decimal("450000"),
        agreed_price=Decimal("438000"),
        supplier=SupplierFactory(organization=organization, name="ห้างหุ้นส่วนจำกัด ดงโยธา"),
        contract_number="ก.7/2569",
        contract_date=datetime.date(2026, 2, 17),
    )
    return organization, planner, buyer


def _budget_file(path) -> None:
    book = openpyxl.Workbook()
    for row in [
        ["แผนงาน", "งาน", "งบ", "รายการ", "จำนวนเงิน", "ลำดับโครงการ"],
        ["แผนงานเคหะและชุมชน", "งานก่อสร้าง", "งบลงทุน", DRAIN, "450,000", "๒"],
        [None, None, "งบดำเนินงาน", "ค่าวัสดุก่อสร้าง", "100,000", None],
    ]:
        book.active.append(row)
    book.save(path)


def test_plan_budget_contract_and_the_citizen_sees_it(
    live_server, page_factory, office, tmp_path
):
    organization, planner, buyer = office
    base = live_server.url + "/bandong"
    page = page_factory(width=1280)
    browser_login(page, planner, live_server.url)

    # The development plan, from the office's ผ.02 spreadsheet.
    page.goto(base + "/staff/budget/plans/")
    page.get_by_role("link", name="สร้างแผนพัฒนาท้องถิ่น").click()
    page.get_by_label("ปีงบประมาณแรกของแผน").fill("2566")
    page.get_by_label("วันที่อนุมัติ").fill("25/10/2564")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("บันทึกแผนพัฒนาท้องถิ่นแล้ว").wait_for()
    page.get_by_role("link", name="นำเข้าไฟล์ ผ.02").first.click()
    plan_file = tmp_path / "ผ02 บ้านดง.xlsx"
    plan_file.write_bytes(samples.p02_xlsx())
    page.set_input_files("input[type=file]", str(plan_file))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.get_by_text("ข้อมูลถูกต้องทุกแถว").wait_for()
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้า 4 โครงการแล้ว").wait_for()

    # The year's budget, its lines imported; the investment line names the
    # plan project by its number (in Thai digits).
    page.goto(base + "/staff/budget/years/")
    page.locator("#id_fiscal_year").fill("2569")
    page.get_by_label("ประกาศใช้เมื่อ").fill("15 ก.ย. 68")
    page.get_by_role("button", name="สร้างงบประมาณ").click()
    page.get_by_text("สร้างงบประมาณแล้ว").wait_for()
    page.get_by_role("link", name="นำเข้ารายการงบประมาณ").click()
    budget_file = tmp_path / "งบประมาณ 2569.xlsx"
    _budget_file(budget_file)
    page.set_input_files("input[type=file]", str(budget_file))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.get_by_text("ข้อมูลถูกต้องทุกแถว").wait_for()
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้าแล้ว 2 แถว").wait_for()

    # The procurement officer ties the contract to its line.
    desk = page_factory(width=1280)
    browser_login(desk, buyer, live_server.url)
    desk.goto(base + "/staff/budget/years/2569/procurement/")
    desk.get_by_role("button", name="เสนอรายการงบประมาณทั้งปี").click()
    row = desk.locator("tr", has_text=DRAIN[6:])
    row.get_by_role("button", name="ยืนยัน", exact=True).click()
    expect(
        desk.get_by_text("การจัดซื้อจัดจ้างทุกรายการของปีมีรายการงบประมาณแล้ว")
    ).to_be_visible()
    assert Commitment.objects.get(
        organization=organization, state=Commitment.State.CONFIRMED
    ).line.project.name.startswith(DRAIN)

    # The planner records the work under way.
    page.goto(base + "/staff/budget/results/2569/")
    page.get_by_label(f"สถานะของ {DRAIN}").select_option("in_progress")
    page.get_by_label(f"สถานะของ {DRAIN}").locator("..").get_by_role(
        "button", name="บันทึก"
    ).click()
    expect(page.get_by_label(f"สถานะของ {DRAIN}")).to_have_value("in_progress")

    # A citizen follows the money from the year's budget to the contract.
    citizen = page_factory(width=390, height=800)
    citizen.goto(base + "/budget/")
    citizen.get_by_role("link", name="ปีงบประมาณ พ.ศ. 2569").click()
    citizen.get_by_role("link", name=DRAIN).first.click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(DRAIN)
    expect(citizen.locator("#project-status")).to_have_text("อยู่ระหว่างดำเนินการ")
    expect(citizen.locator("#project-budget")).to_contain_text("450,000.00")
    contracts = citizen.locator("#project-contracts")
    expect(contracts).to_contain_text("ก.7/2569")
    expect(contracts).to_contain_text("ห้างหุ้นส่วนจำกัด ดงโยธา")
    expect(contracts).to_contain_text("438,000.00")
