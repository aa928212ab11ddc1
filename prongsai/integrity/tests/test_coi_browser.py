"""In a browser: an employee declares a company; a procurement record with
that company as a bidder is saved later; the integrity officer sees the flag
and marks it reviewed."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.integrity.models_coi import CoiFlag
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.procurement import services as procurement_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPANY = "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด"


def test_declared_company_bids_and_the_integrity_officer_reviews(
    live_server, page_factory
):
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    employee = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="กาญจนา ศรีวงศ์"),
        roles=[Role.STAFF.value],
    )
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต", totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
    )
    base = live_server.url
    page = page_factory()
    browser_login(page, employee.user, base)

    page.goto(f"{base}/bandong/staff/integrity/coi/")
    page.get_by_role("link", name="แจ้งผลประโยชน์เฉพาะกรณี").click()
    page.get_by_label("วันที่ยื่น").fill("20/10/2568")
    page.get_by_role("button", name="บันทึก").click()
    page.get_by_role("link", name="เพิ่มรายการผลประโยชน์").click()
    page.get_by_label("ประเภทผลประโยชน์").select_option("relative_company")
    page.get_by_label("ชื่อบริษัทหรือบุคคล").fill("บจก. ขอนแก่น วัสดุภัณฑ์")
    page.get_by_label("ผลประโยชน์ของ").select_option("spouse")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บจก. ขอนแก่น วัสดุภัณฑ์")).to_be_visible()
    assert not CoiFlag.objects.filter(organization=organization).exists()

    procurement_services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2569,
        procured_on=datetime.date(2026, 1, 10),
        title="จัดซื้อวัสดุก่อสร้างซ่อมถนน",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("50000"),
        bids=[
            {"name": COMPANY, "tax_id": "", "price": "48000"},
            {"name": "ร้านสมหวังการค้า", "tax_id": "", "price": "49000"},
        ],
    )
    flag = CoiFlag.objects.get(organization=organization)
    assert Notification.objects.filter(user=officer.user).count() == 1

    officer_page = page_factory()
    browser_login(officer_page, officer.user, base)
    officer_page.goto(f"{base}/bandong/staff/integrity/coi/flags/")
    row = officer_page.get_by_role("row").filter(has_text="จัดซื้อวัสดุก่อสร้างซ่อมถนน")
    assert "กาญจนา ศรีวงศ์" in row.inner_text()
    row.get_by_role("link", name="รอตรวจสอบ").click()
    officer_page.get_by_label("ตรวจสอบแล้ว: ไม่มีผลประโยชน์ทับซ้อน").check()
    officer_page.get_by_label("ผลการตรวจสอบและการดำเนินการ").fill(
        "ผู้แจ้งไม่ได้เป็นกรรมการในการจัดซื้อครั้งนี้"
    )
    officer_page.get_by_role("button", name="บันทึกผลการตรวจสอบ").click()
    officer_page.get_by_text("บันทึกผลการตรวจสอบแล้ว").wait_for()
    flag.refresh_from_db()
    assert flag.status == CoiFlag.Status.NO_CONFLICT
    assert flag.reviewed_by == officer.user


def test_pages_pass_axe(live_server, page_factory):
    """axe-core finds no WCAG 2.1 A/AA violations on the main pages."""
    from prongsai.core.tests.test_accessibility import _violations
    from prongsai.integrity import services_coi

    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต", totp=True),
        roles=[Role.INTEGRITY_OFFICER.value, Role.EXECUTIVE.value],
    )
    declaration = services_coi.coi_declaration_create(
        actor=officer.user,
        organization=organization,
        kind="yearly",
        fiscal_year=2569,
        declared_on=datetime.date(2025, 10, 20),
    )
    services_coi.coi_interest_add(
        actor=officer.user,
        declaration=declaration,
        kind="relative_company",
        name="บจก. ขอนแก่นวัสดุภัณฑ์",
        relationship="spouse",
    )
    procurement = procurement_services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2569,
        procured_on=datetime.date(2026, 1, 10),
        title="จัดซื้อวัสดุก่อสร้างซ่อมถนน",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("50000"),
        bids=[{"name": COMPANY, "tax_id": "", "price": "48000"}],
    )
    flag = CoiFlag.objects.get(organization=organization)
    page = page_factory(width=1280, bypass_csp=True)
    browser_login(page, officer.user, live_server.url)
    base = live_server.url + "/bandong/staff/integrity/coi/"
    for path in (
        "",
        f"declarations/{declaration.pk}/",
        f"declarations/{declaration.pk}/interests/new/",
        "declarations/?year=2569",
        "flags/",
        f"flags/{flag.pk}/",
        "committees/?year=2569",
        f"committees/{procurement.pk}/",
        "summary/?year=2569",
    ):
        page.goto(base + path)
        assert "/accounts/login/" not in page.url
        assert (path, _violations(page)) == (path, [])
