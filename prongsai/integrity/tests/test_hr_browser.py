"""In a browser: the HR officer imports a training spreadsheet, confirms the
preview, publishes the year's HR report, and the public page shows the totals."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.integrity import services_hr
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "ชื่อ-สกุล,ตำแหน่ง,หลักสูตร,วันที่เริ่ม,จำนวนชั่วโมง,เนื้อหาด้านจริยธรรม\n"
    "นายสมชาย ใจงาม,พนักงานจ้าง,ประมวลจริยธรรม,๑๕/๑๒/๒๕๖๘,๖,ใช่\n"
    "นางสาวมาลี แสงทอง,พนักงานจ้าง,ดิจิทัล,20 ม.ค. 69,7.5,ไม่ใช่\n"
)


@pytest.fixture
def hr_officer():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="สุดารัตน์ ใจดี"),
        roles=[Role.HR_OFFICER.value],
        position="นักทรัพยากรบุคคล",
    )
    plan = services_hr.hr_plan_create(
        actor=officer.user,
        organization=organization,
        fiscal_year=2569,
        approved_on=datetime.date(2025, 9, 20),
        approved_by_name="ประเสริฐ ศรีสุข",
        approved_by_position="นายกองค์การบริหารส่วนตำบลบ้านดง",
    )
    project = services_hr.hr_project_create(
        actor=officer.user,
        plan=plan,
        name="อบรมคุณธรรมจริยธรรม",
        category="development",
        start_month=2,
        end_month=4,
        budget=Decimal("25000"),
    )
    services_hr.hr_project_result_update(
        actor=officer.user,
        project=project,
        status="done",
        output="อบรม 1 ครั้ง",
        budget_used=Decimal("21800"),
    )
    return officer


def test_import_then_publish_the_report(
    live_server, page_factory, hr_officer, tmp_path
):
    page = page_factory(width=1280)
    browser_login(page, hr_officer.user, live_server.url)
    page.goto(live_server.url + "/bandong/staff/integrity/hr/training/import/")
    upload = tmp_path / "อบรม.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    page.get_by_text("ข้อมูลถูกต้องทุกแถว").wait_for()
    expect(page.get_by_text("ประมวลจริยธรรม")).to_be_visible()
    page.get_by_role("button", name="ยืนยันการนำเข้า").click()
    page.get_by_text("นำเข้าประวัติการฝึกอบรม 2 รายการแล้ว").wait_for()

    page.goto(live_server.url + "/bandong/staff/integrity/hr/report/?year=2569")
    page.get_by_label("ปัญหาและอุปสรรค").fill("งบประมาณจำกัด")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_text("บันทึกรายงานแล้ว").wait_for()
    page.locator("form[action$='report/publish/'] button").first.click()
    page.get_by_text("เผยแพร่แล้ว หน้าเว็บไซต์สาธารณะแสดงฉบับนี้").wait_for()

    page.goto(live_server.url + "/bandong/integrity/hr/2569/report/")
    assert page.locator("#people-trained").inner_text() == "2"
    assert page.locator("#training-hours").inner_text() == "13.5"
    expect(page.get_by_text("งบประมาณจำกัด")).to_be_visible()
    body = page.content()
    assert "สมชาย" not in body and "มาลี" not in body
