"""In a browser: a citizen opens the year's budget page, then a project's
page, and sees its budget, the contract and its status."""

import pytest
from playwright.sync_api import expect

from prongsai.budget import services_results
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import OrganizationFactory

from .results_fixtures import YEAR, build_year, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    year = build_year(organization)
    planner = member(organization, Role.PLANNING_OFFICER).user
    services_results.project_result_update(
        actor=planner,
        organization=organization,
        project=year.road,
        fiscal_year=YEAR,
        status="in_progress",
        output="ลงผิวคอนกรีตแล้ว 200 เมตร",
    )
    return year


def test_citizen_follows_the_money_to_the_contract(live_server, page_factory, year):
    page = page_factory(width=390)
    page.goto(live_server.url + "/bandong/budget/")
    page.get_by_role("link", name="ปีงบประมาณ พ.ศ. 2569").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "งบประมาณของเรา ปีงบประมาณ พ.ศ. 2569"
    )
    expect(page.locator("#budget-totals")).to_contain_text("1,900,000.00")
    expect(page.get_by_role("table", name="งบประมาณรายยุทธศาสตร์")).to_contain_text(
        "ด้านโครงสร้างพื้นฐาน"
    )
    page.get_by_role("link", name=year.road.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(year.road.name)
    expect(page.locator("#project-status")).to_have_text("อยู่ระหว่างดำเนินการ")
    budget = page.locator("#project-budget")
    expect(budget).to_contain_text("600,000.00")
    expect(budget).to_contain_text("350,000.00")
    contracts = page.locator("#project-contracts")
    expect(contracts).to_contain_text("ก.12/2569")
    expect(contracts).to_contain_text("ห้างหุ้นส่วนจำกัด ดงก่อสร้าง")
    expect(contracts).to_contain_text("560,000.00")
    expect(page.get_by_text("ลงผิวคอนกรีตแล้ว 200 เมตร")).to_be_visible()
    contracts.get_by_role("link", name="จ้างก่อสร้างถนน คสล. สายบ้านดง-หนองบัว").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("จ้างก่อสร้างถนน")
