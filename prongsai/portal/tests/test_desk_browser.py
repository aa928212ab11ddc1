"""The นายก opens his desk, sees the plan waiting for him, approves it, and
the desk's waiting count drops."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core import thai_dates
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.plans import services, services_measures
from prongsai.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ"


@pytest.fixture
def mayor():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    coordinator = MembershipFactory(
        organization=organization, roles=[Role.ITA_COORDINATOR.value]
    )
    mayor = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="ประเสริฐ ศรีสุข", totp=True),
        roles=[Role.EXECUTIVE.value],
        position="นายกองค์การบริหารส่วนตำบล",
    )
    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(timezone.localdate()),
        kind=Plan.Kind.ANTI_CORRUPTION,
        title=TITLE,
    )
    services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={"title": "เผยแพร่ข้อมูลจัดซื้อจัดจ้างทุกโครงการ", "budget": Decimal(5000)},
    )
    services.plan_submit(actor=coordinator.user, plan=plan)
    return mayor


def test_the_mayor_approves_the_plan_waiting_on_his_desk(
    live_server, page_factory, mayor
):
    base = live_server.url
    page = page_factory(width=390, height=844)
    browser_login(page, mayor.user, base)

    # Signing in lands him on his desk (the dashboard sends executives there).
    page.goto(base + "/bandong/staff/")
    page.wait_for_url(base + "/bandong/staff/desk/")
    expect(page.get_by_role("heading", name="โต๊ะทำงานผู้บริหาร")).to_be_visible()
    expect(page.locator("#desk-waiting-total")).to_have_text("1")
    plans = page.locator('#desk-waiting [data-key="plans"]')
    expect(plans).to_contain_text("แผนที่รอผู้บริหารพิจารณาอนุมัติ")

    # He opens the waiting plan and approves it.
    plans.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/bandong/staff/plans/\d+/$"))
    page.locator("#approve-comment").fill("อนุมัติให้ดำเนินการตามแผน")
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("#plan-status")).to_have_text("อนุมัติ")

    # Back on the desk, nothing waits any more.
    page.goto(base + "/bandong/staff/desk/")
    expect(page.locator("#desk-waiting-total")).to_have_text("0")
    expect(plans.locator(".badge")).to_have_text("0")
