"""OIT evidence from plans: participation,
the anti-corruption plan and its report, the integrity measures and theirs."""

import datetime

import pytest

from prongsai.oit.registry import provider_get
from prongsai.plans import oit_evidence as providers
from prongsai.plans import services, services_measures, services_participation
from prongsai.plans.models import Plan
from prongsai.risks import oit_evidence as risk_providers
from prongsai.risks import services as risk_services

from .test_services import add_measure, make_plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 2)  # FY 2570: FY 2569 and 2568 have ended


def _approve(plan, coordinator, executive, *, publish=True):
    services.plan_submit(actor=coordinator.user, plan=plan)
    plan = services.plan_approve(actor=executive.user, plan=plan)
    if publish:
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
    return plan


def _check(result, *, index=None, text=""):
    (check,) = [
        c
        for c in result.checks
        if (index is not None and c.requirement_index == index)
        or (text and c.text == text)
    ]
    return check


def _failing(result):
    return [c.message_th for c in result.checks if not c.passed]


def test_providers_are_registered():
    for key in (
        "plans.participation",
        "plans.risk_assessment",
        "plans.risk_report",
        "plans.anti_corruption",
        "plans.anti_corruption_report",
        "plans.integrity",
        "plans.integrity_report",
    ):
        assert provider_get(key) is not None


class TestAntiCorruptionPlan:
    def _plan(self, organization, coordinator, **extra):
        plan = make_plan(
            organization,
            coordinator,
            kind=Plan.Kind.ANTI_CORRUPTION,
            title="แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2569",
            **extra,
        )
        add_measure(plan, coordinator)
        return plan

    def test_approved_and_published_plan_passes(
        self, organization, coordinator, executive
    ):
        plan = _approve(self._plan(organization, coordinator), coordinator, executive)
        result = providers.anti_corruption_plan_evidence(organization, 2569)
        assert result.passed, _failing(result)
        assert result.url == plan.get_absolute_url()
        assert not result.placeholder
        assert "ประเสริฐ ศรีสุข" in _check(result, text="approval").message_th

    def test_plan_not_approved_fails_with_its_status(self, organization, coordinator):
        plan = self._plan(organization, coordinator)
        services.plan_submit(actor=coordinator.user, plan=plan)
        result = providers.anti_corruption_plan_evidence(organization, 2569)
        assert not result.passed
        assert "ยังไม่ได้รับอนุมัติ" in _check(result, index=0).message_th
        assert not _check(result, text="approval").passed

    def test_approved_but_unpublished(self, organization, coordinator, executive):
        plan = self._plan(organization, coordinator)
        _approve(plan, coordinator, executive, publish=False)
        result = providers.anti_corruption_plan_evidence(organization, 2569)
        assert "ยังไม่ได้เผยแพร่" in _check(result, index=0).message_th
        assert _check(result, text="approval").passed

    def test_plan_of_the_wrong_year_or_kind_does_not_count(
        self, organization, coordinator, executive
    ):
        _approve(
            self._plan(organization, coordinator, fiscal_year=2568),
            coordinator,
            executive,
        )
        integrity = make_plan(organization, coordinator)
        add_measure(integrity, coordinator)
        _approve(integrity, coordinator, executive)
        result = providers.anti_corruption_plan_evidence(organization, 2569)
        assert not result.passed
        assert "ยังไม่มีแผนปฏิบัติการป้องกันการทุจริตของปีงบประมาณ พ.ศ. 2569" in (
            _check(result, index=0).message_th
        )
        # It only points at the list of plans: not a link to publish.
        assert result.placeholder
        report = providers.anti_corruption_report_evidence(
            organization, 2570, today=TODAY
        )
        assert report.placeholder
        assert providers.integrity_plan_evidence(organization, 2571).placeholder

    def test_report_uses_last_years_plan_and_its_progress(
        self, organization, coordinator, executive, owner
    ):
        plan = make_plan(
            organization,
            coordinator,
            kind=Plan.Kind.ANTI_CORRUPTION,
            fiscal_year=2568,
            title="แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2568",
        )
        measure = add_measure(plan, coordinator, owner, title="อบรมจริยธรรม")
        plan = _approve(plan, coordinator, executive)
        result = providers.anti_corruption_report_evidence(
            organization, 2569, today=TODAY
        )
        assert not result.passed
        assert "อบรมจริยธรรม" in _check(result, index=0).message_th
        services_measures.progress_record(
            actor=owner.user,
            measure=measure,
            reported_on=datetime.date(2025, 9, 1),
            status="done",
            percent_done=100,
            narrative="อบรมแล้ว 40 คน",
        )
        result = providers.anti_corruption_report_evidence(
            organization, 2569, today=TODAY
        )
        assert result.passed, _failing(result)
        assert result.url.endswith(f"/plans/{plan.pk}/annual-report.pdf")
        assert not result.placeholder

    def test_report_before_the_year_ends_is_only_six_months(
        self, organization, coordinator, executive
    ):
        plan = make_plan(
            organization,
            coordinator,
            kind=Plan.Kind.ANTI_CORRUPTION,
            fiscal_year=2568,
            title="แผนปฏิบัติการป้องกันการทุจริต ปีงบประมาณ พ.ศ. 2568",
        )
        add_measure(plan, coordinator)
        plan = _approve(plan, coordinator, executive)
        result = providers.anti_corruption_report_evidence(
            organization, 2569, today=datetime.date(2025, 5, 1)
        )
        period = _check(result, text="period")
        assert not period.passed
        assert "รอบ 6 เดือน" in period.message_th
        assert result.url.endswith(f"/plans/{plan.pk}/six-month-report.pdf")


class TestIntegrityMeasures:
    def test_measures_from_last_years_ita_pass(
        self, organization, coordinator, executive
    ):
        plan = make_plan(organization, coordinator, ita_fiscal_year=2568)
        add_measure(plan, coordinator)
        _approve(plan, coordinator, executive)
        result = providers.integrity_plan_evidence(organization, 2569)
        assert result.passed, _failing(result)

    def test_measures_without_the_analysed_year_fail(
        self, organization, coordinator, executive
    ):
        plan = make_plan(organization, coordinator)
        add_measure(plan, coordinator)
        _approve(plan, coordinator, executive)
        result = providers.integrity_plan_evidence(organization, 2569)
        assert not result.passed
        assert "ITA ปี 2568" in _check(result, index=0).message_th

    def test_integrity_report_needs_progress(
        self, organization, coordinator, executive
    ):
        plan = make_plan(organization, coordinator, fiscal_year=2568)
        add_measure(plan, coordinator, title="เปิดเผยข้อมูลการใช้งบประมาณ")
        _approve(plan, coordinator, executive)
        result = providers.integrity_report_evidence(organization, 2569, today=TODAY)
        assert not result.passed
        assert "เปิดเผยข้อมูลการใช้งบประมาณ" in _check(result, index=0).message_th


class TestParticipation:
    def test_adopted_proposals_on_a_published_plan_pass(
        self, organization, coordinator, executive, member
    ):
        plan = make_plan(organization, coordinator)
        proposal = services_participation.proposal_create(
            actor=member.user,
            plan=plan,
            title="ประชุมประชาคมก่อนจัดซื้อ",
            description="ให้ประชาชนร่วมกำหนดความต้องการ",
        )
        result = providers.participation_evidence(organization, 2569)
        assert "ยังไม่มีแผน" in _check(result, index=0).message_th
        services_participation.proposal_adopt(actor=coordinator.user, proposal=proposal)
        _approve(plan, coordinator, executive)
        result = providers.participation_evidence(organization, 2569)
        assert result.passed, _failing(result)
        assert "นำไปใช้เป็นมาตรการ 1 เรื่อง" in _check(result, index=0).message_th

    def test_open_proposals_are_not_yet_results(
        self, organization, coordinator, executive, member
    ):
        plan = make_plan(organization, coordinator)
        add_measure(plan, coordinator)
        services_participation.proposal_create(
            actor=member.user, plan=plan, title="ข้อเสนอ", description="รายละเอียด"
        )
        _approve(plan, coordinator, executive)
        result = providers.participation_evidence(organization, 2569)
        assert not result.passed
        assert "ยังไม่ได้พิจารณา" in _check(result, index=0).message_th


def test_generated_urls_answer_anonymous_visitors(
    client, organization, coordinator, executive, member
):
    for kind, year in (
        (Plan.Kind.ANTI_CORRUPTION, 2569),
        (Plan.Kind.ANTI_CORRUPTION, 2568),
        (Plan.Kind.INTEGRITY, 2569),
        (Plan.Kind.INTEGRITY, 2568),
    ):
        plan = make_plan(
            organization,
            coordinator,
            kind=kind,
            fiscal_year=year,
            title=f"{kind} {year}",
        )
        add_measure(plan, coordinator)
        services_participation.proposal_create(
            actor=member.user, plan=plan, title="ข้อเสนอ", description="รายละเอียด"
        )
        _approve(plan, coordinator, executive)
    for year in (2568, 2569):
        assessment = risk_services.risk_assessment_create(
            actor=coordinator.user, organization=organization, fiscal_year=year
        )
        risk_services.risk_assessment_publish(
            actor=coordinator.user, assessment=assessment
        )
    results = [
        providers.participation_evidence(organization, 2569),
        risk_providers.risk_assessment_evidence(organization, 2569),
        risk_providers.risk_report_evidence(organization, 2569),
        providers.anti_corruption_plan_evidence(organization, 2569),
        providers.anti_corruption_report_evidence(organization, 2569),
        providers.integrity_plan_evidence(organization, 2569),
        providers.integrity_report_evidence(organization, 2569),
    ]
    for result in results:
        response = client.get(result.url.split("#")[0])
        assert response.status_code == 200, result.url
    body = client.get("/bandong/plans/participation/?year=2569").content.decode()
    assert "ข้อเสนอ" in body


def test_participation_page_shows_only_this_organisation(
    client, organization, other_organization
):
    response = client.get("/nongbua/plans/participation/?year=2569")
    assert response.status_code == 200
    assert client.get("/bandong/plans/participation/?year=abc").status_code == 404
