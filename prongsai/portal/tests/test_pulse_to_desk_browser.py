"""Issue #20 end to end: staff answer the IIT pulse, citizens rate two
requests, the นายก opens his desk, sees the predicted ITA and approves the
plan waiting for him."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core import thai_dates
from prongsai.eservices import services_workflow
from prongsai.eservices.models import Status
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.ita.services import framework_load_files, ita_result_record
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.plans import services as plan_services
from prongsai.plans import services_measures
from prongsai.plans.models import Plan
from prongsai.surveys import services as survey_services
from prongsai.surveys.models import Survey, SurveyResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^\s]+/surveys/link/[A-Za-z0-9_-]+/")
STAFF = 5  # the smallest group whose results are shown
TITLE = "แผนปฏิบัติการป้องกันการทุจริต"


@pytest.fixture
def bandong():
    framework_load_files()
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    coordinator = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.ITA_COORDINATOR.value],
    )
    mayor = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="ประเสริฐ ศรีสุข", totp=True),
        roles=[Role.EXECUTIVE.value],
    )
    for _ in range(STAFF - 2):
        MembershipFactory(organization=organization, roles=[Role.STAFF.value])
    year = thai_dates.fiscal_year(timezone.localdate())
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=year - 1,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    plan = plan_services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=year,
        kind=Plan.Kind.ANTI_CORRUPTION,
        title=TITLE,
    )
    services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={"title": "เผยแพร่ข้อมูลจัดซื้อจัดจ้างทุกโครงการ", "budget": Decimal(5000)},
    )
    plan_services.plan_submit(actor=coordinator.user, plan=plan)
    surveys = {}
    for kind, title in ((Survey.Kind.IIT, "IIT"), (Survey.Kind.EIT, "EIT")):
        survey = survey_services.survey_create(
            actor=coordinator.user,
            organization=organization,
            kind=kind,
            fiscal_year=year,
            title=f"แบบสำรวจ {title} รอบที่ 1",
        )
        surveys[kind] = survey_services.survey_set_status(
            actor=coordinator.user, survey=survey, status=Survey.Status.OPEN
        )
    return organization, coordinator, mayor, surveys


def _links(start: int) -> list[str]:
    return [m for message in mail.outbox[start:] for m in LINK.findall(message.body)]


def _answer(page, url: str, value: str) -> None:
    """Open a survey link and choose ``value`` (or the nearest) in every group."""
    page.goto(url)
    for name in page.eval_on_selector_all(
        "input[type=radio]", "els => [...new Set(els.map(e => e.name))]"
    ):
        options = page.locator(f"input[type=radio][name='{name}']")
        wanted = options.locator(f"xpath=self::*[@value='{value}']")
        target = wanted if wanted.count() else options.last
        target.check()
    page.get_by_role("button", name="ส่งคำตอบ").click()
    page.wait_for_url(re.compile(r"/surveys/thanks/$"))


def test_pulse_answers_reach_the_mayors_desk_and_he_approves_the_plan(
    live_server, page_factory, bandong, settings
):
    settings.PRONGSAI_BASE_URL = live_server.url
    organization, coordinator, mayor, surveys = bandong
    base = live_server.url
    page = page_factory(width=390, height=844)

    # The coordinator sends the IIT round: every member gets a single-use link.
    start = len(mail.outbox)
    survey_services.iit_round_send(actor=coordinator.user, survey=surveys["iit"])
    staff_links = _links(start)
    assert len(staff_links) == STAFF
    for url in staff_links:
        _answer(page, url, "3")

    # Two citizens' requests are completed; each gets one EIT link and rates.
    start = len(mail.outbox)
    service = ServiceFactory(organization=organization)
    for _ in range(2):
        request = file_request(service)
        for status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED):
            services_workflow.request_transition(
                actor=None, request=request, to_status=status
            )
    citizen_links = _links(start)
    assert len(citizen_links) == 2
    for url in citizen_links:
        _answer(page, url, "3")
    answered = SurveyResponse.objects.for_organization(organization)
    assert answered.filter(survey=surveys["iit"]).count() == STAFF
    assert answered.filter(survey=surveys["eit"]).count() == 2

    # The นายก opens his desk: the prediction from the pulse, the waiting plan.
    browser_login(page, mayor.user, base)
    page.goto(base + "/bandong/staff/desk/")
    expect(page.locator("#desk-prediction")).to_be_visible()
    total = Decimal(page.locator("#desk-prediction-total").inner_text())
    assert Decimal(0) < total <= Decimal(100)
    expect(page.locator("#desk-waiting-total")).to_have_text("1")

    # The prediction page says what it rests on: five staff, no EIT group yet.
    page.get_by_role("link", name="วิธีคาดการณ์และสิ่งที่จะช่วยเพิ่มคะแนน").click()
    page.wait_for_url(re.compile(r"/bandong/staff/surveys/prediction/"))
    expect(page.locator("body")).to_contain_text("ITA")

    # He approves the plan from the desk.
    page.goto(base + "/bandong/staff/desk/")
    page.locator('#desk-waiting [data-key="plans"]').get_by_role(
        "link", name=TITLE
    ).click()
    page.wait_for_url(re.compile(r"/bandong/staff/plans/\d+/$"))
    page.locator("#approve-comment").fill("อนุมัติ")
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    page.wait_for_load_state()
    page.goto(base + "/bandong/staff/desk/")
    expect(page.locator("#desk-waiting-total")).to_have_text("0")
