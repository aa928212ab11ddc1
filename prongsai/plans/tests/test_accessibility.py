"""axe-core finds no WCAG 2.1 A/AA violations on the plans pages."""

import datetime
from decimal import Decimal

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.plans import services, services_measures, services_participation
from prongsai.plans.models import Plan
from prongsai.risks import services as risk_services
from prongsai.risks.models import Risk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    coordinator = MembershipFactory(
        organization=organization,
        user=UserFactory(),
        roles=[Role.ITA_COORDINATOR.value],
    )
    executive = MembershipFactory(
        organization=organization, user=UserFactory(), roles=[Role.EXECUTIVE.value]
    )
    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=2569,
        kind=Plan.Kind.INTEGRITY,
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    )
    measure = services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={
            "title": "จัดทำทะเบียนการยืมพัสดุ",
            "owner": coordinator,
            "kpi_name": "ทะเบียนเผยแพร่ทุกเดือน",
            "kpi_baseline": Decimal(0),
            "kpi_target": Decimal(12),
        },
    )
    services_measures.activity_create(
        actor=coordinator.user, measure=measure, data={"title": "อบรมเจ้าหน้าที่"}
    )
    services_participation.proposal_create(
        actor=coordinator.user, plan=plan, title="ข้อเสนอ", description="เหตุผล"
    )
    services.plan_submit(actor=coordinator.user, plan=plan)
    services.plan_approve(actor=executive.user, plan=plan)
    services.plan_publish(actor=coordinator.user, plan=plan)
    services_measures.progress_record(
        actor=coordinator.user,
        measure=measure,
        reported_on=datetime.date(2025, 12, 1),
        status="in_progress",
        percent_done=20,
        narrative="เริ่มดำเนินการ",
    )
    assessment = risk_services.risk_assessment_create(
        actor=coordinator.user, organization=organization, fiscal_year=2569
    )
    risk_services.risk_create(
        actor=coordinator.user,
        assessment=assessment,
        data={
            "process": Risk.Process.PERMITS,
            "event": "เรียกรับผลประโยชน์ในการอนุญาต",
            "likelihood": 3,
            "impact": 4,
        },
    )
    risk_services.risk_assessment_publish(actor=coordinator.user, assessment=assessment)
    risk_services.risk_follow_up(  # the public page then shows the results table
        actor=coordinator.user,
        risk=assessment.risks.get(),
        follow_up=Risk.FollowUp.PARTLY,
        note="ลดลงบางส่วน",
    )
    return coordinator.user, plan, measure, assessment


def test_back_office_pages(live_server, page_factory, site):
    user, plan, measure, assessment = site
    page = page_factory(bypass_csp=True)
    browser_login(page, user, live_server.url)
    for path in (
        "/bandong/staff/plans/",
        f"/bandong/staff/plans/{plan.pk}/",
        f"/bandong/staff/plans/{plan.pk}/dashboard/",
        f"/bandong/staff/plans/measures/{measure.pk}/",
        f"/bandong/staff/plans/measures/{measure.pk}/progress/",
        "/bandong/staff/plans/risks/",
        f"/bandong/staff/plans/risks/{assessment.pk}/",
    ):
        page.goto(live_server.url + path)
        assert "/accounts/login/" not in page.url
        assert (path, _violations(page)) == (path, [])


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages(live_server, page_factory, site, width):
    _user, plan, _measure, assessment = site
    page = page_factory(width=width, bypass_csp=True)
    for path in (
        "/bandong/plans/",
        f"/bandong/plans/{plan.pk}/",
        f"/bandong/plans/risks/{assessment.pk}/",
        "/bandong/plans/participation/?year=2569",
    ):
        page.goto(live_server.url + path)
        assert (path, _violations(page)) == (path, [])
