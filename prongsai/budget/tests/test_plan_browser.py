"""In a browser: the planner creates the plan, imports a messy ผ.02 file,
confirms the preview, gives each strategy its goal and indicators, publishes
the plan, and a citizen opens the public page and its PDF link."""

import os

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget.models import Strategy
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

from . import plan_samples as samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    """Screenshots for looking at the pages (PLAN_SHOTS=<directory>)."""
    folder = os.environ.get("PLAN_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def planner():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วันดี วางแผน", totp=True),
        roles=[Role.PLANNING_OFFICER.value],
        position="นักวิเคราะห์นโยบายและแผน",
    )


def test_import_and_publish_the_plan(live_server, page_factory, planner, tmp_path):
    page = page_factory(width=1280)
    browser_login(page, planner.user, live_server.url)
    base = live_server.url + "/bandong"
    page.goto(base + "/staff/budget/plans/")
    page.get_by_role("link", name="สร้างแผนพัฒนาท้องถิ่น").click()
    page.get_by_label("ปีงบประมาณแรกของแผน").fill("2566")
    page.get_by_label("วันที่อนุมัติ").fill("25/10/2564")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("บันทึกแผนพัฒนาท้องถิ่นแล้ว").wait_for()

    page.get_by_role("link", name="นำเข้าไฟล์ ผ.02").first.click()
    upload = tmp_path / "ผ02 บ้านดง.xlsx"
    upload.write_bytes(samples.p02_xlsx())
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.get_by_text("ข้อมูลถูกต้องทุกแถว").wait_for()
    expect(page.get_by_text("โครงการป้องกันโรคไข้เลือดออก")).to_be_visible()
    shot(page, "import_preview")
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้า 4 โครงการแล้ว").wait_for()

    for strategy in Strategy.objects.filter(organization=planner.organization):
        page.goto(base + f"/staff/budget/plans/strategies/{strategy.pk}/edit/")
        page.get_by_label("เป้าประสงค์").fill(f"เป้าประสงค์ของยุทธศาสตร์ {strategy.number}")
        page.get_by_label("ตัวชี้วัด").fill("ร้อยละ 80 ของประชาชนพึงพอใจ")
        page.get_by_role("button", name="บันทึก").click()
        page.get_by_text("บันทึกยุทธศาสตร์แล้ว").wait_for()
    shot(page, "plan_detail")
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    page.get_by_text("เผยแพร่แผนแล้ว").wait_for()

    citizen = page_factory(width=390)
    citizen.goto(base + "/budget/plan/")
    expect(citizen.get_by_role("heading", level=1)).to_contain_text(
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)"
    )
    expect(citizen.get_by_text("เป้าประสงค์ของยุทธศาสตร์ 2")).to_be_visible()
    expect(citizen.get_by_text("โครงการปรับปรุงถนนลูกรัง").first).to_be_visible()
    shot(citizen, "public_mobile")
    if os.environ.get("PLAN_SHOTS"):
        page.goto(base + "/budget/plan/")
        shot(page, "public_desktop")
    link = citizen.get_by_role("link", name="บัญชีโครงการ (ผ.02) PDF")
    response = citizen.request.get(live_server.url + link.get_attribute("href"))
    assert response.body().startswith(b"%PDF")
