import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import (
    services,
    services_drafting,
    services_measures,
    services_participation,
)
from prongsai.plans.models import Measure, Plan, PlanReview, WorkStatus
from prongsai.plans.models_participation import Proposal

pytestmark = pytest.mark.django_db


def make_plan(organization, coordinator, **extra):
    values = {
        "fiscal_year": 2569,
        "kind": Plan.Kind.INTEGRITY,
        "title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2569",
    }
    values.update(extra)
    return services.plan_create(
        actor=coordinator.user, organization=organization, **values
    )


def measure_values(owner=None, **extra):
    """A measure with a KPI (the 2nd ITA indicator's score), changed by ``extra``."""
    return {
        "title": "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี",
        "responsible_unit": "กองคลัง",
        "owner": owner,
        "budget": Decimal("15000"),
        "kpi_name": "คะแนนตัวชี้วัดที่ 2",
        "kpi_unit": "คะแนน",
        "kpi_baseline": Decimal("86.15"),
        "kpi_target": Decimal("90"),
        **extra,
    }


def add_measure(plan, coordinator, owner=None, **extra):
    return services_measures.measure_create(
        actor=coordinator.user, plan=plan, data=measure_values(owner, **extra)
    )


def approved_plan(organization, coordinator, executive, owner=None):
    plan = make_plan(organization, coordinator)
    add_measure(plan, coordinator, owner)
    services.plan_submit(actor=coordinator.user, plan=plan)
    return services.plan_approve(actor=executive.user, plan=plan)


class TestPlanLifeCycle:
    def test_create_opens_version_one_in_draft(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        assert plan.status == Plan.Status.DRAFT
        assert plan.version == 1
        assert list(plan.versions.values_list("number", flat=True)) == [1]
        assert AuditEvent.objects.filter(action="plan.create").count() == 1

    def test_measure_dates_default_to_the_fiscal_year(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator)
        assert measure.start_date == datetime.date(2025, 10, 1)
        assert measure.due_date == datetime.date(2026, 9, 30)
        assert measure.number == 1
        assert add_measure(plan, coordinator).number == 2

    def test_submit_needs_a_measure(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(DomainError, match=r"อย่างน้อย|at least one"):
            services.plan_submit(actor=coordinator.user, plan=plan)

    def test_submit_locks_the_plan(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator)
        plan = services.plan_submit(actor=coordinator.user, plan=plan)
        assert plan.status == Plan.Status.SUBMITTED
        measure.refresh_from_db()
        with pytest.raises(DomainError):
            services_measures.measure_update(
                actor=coordinator.user, measure=measure, data={"title": "x"}
            )
        with pytest.raises(DomainError):
            add_measure(plan, coordinator)

    def test_only_an_executive_approves(self, organization, coordinator, owner):
        plan = make_plan(organization, coordinator)
        add_measure(plan, coordinator)
        services.plan_submit(actor=coordinator.user, plan=plan)
        for someone in (coordinator, owner):
            with pytest.raises(DomainError):
                services.plan_approve(actor=someone.user, plan=plan)
        plan.refresh_from_db()
        assert plan.status == Plan.Status.SUBMITTED

    def test_executive_of_another_organisation_cannot_approve(
        self, organization, other_organization, coordinator
    ):
        plan = make_plan(organization, coordinator)
        add_measure(plan, coordinator)
        services.plan_submit(actor=coordinator.user, plan=plan)
        outsider = MembershipFactory(
            organization=other_organization, roles=["executive"]
        )
        with pytest.raises(DomainError):
            services.plan_approve(actor=outsider.user, plan=plan)

    def test_approval_records_who_when_and_freezes_the_content(
        self, organization, coordinator, executive, owner
    ):
        plan = approved_plan(organization, coordinator, executive, owner)
        assert plan.status == Plan.Status.APPROVED
        version = plan.versions.get(number=1)
        assert version.approved_by == executive.user
        assert version.approved_by_name == executive.user.display_name
        assert version.approved_by_position.startswith("นายก")
        assert version.approved_at is not None
        frozen = version.snapshot["measures"][0]
        assert frozen["title"] == "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"
        assert frozen["owner"] == owner.user.display_name
        measure = plan.measures.get()
        with pytest.raises(DomainError, match="1"):
            services_measures.measure_update(
                actor=coordinator.user, measure=measure, data={"title": "x"}
            )

    def test_return_needs_a_comment_and_reopens_editing(
        self, organization, coordinator, executive
    ):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator)
        services.plan_submit(actor=coordinator.user, plan=plan)
        with pytest.raises(DomainError):
            services.plan_return(actor=executive.user, plan=plan, comment="  ")
        plan = services.plan_return(
            actor=executive.user, plan=plan, comment="กำหนดตัวชี้วัดให้วัดผลได้"
        )
        assert plan.status == Plan.Status.RETURNED
        review = plan.reviews.first()
        assert review.action == PlanReview.Action.RETURN
        assert review.comment == "กำหนดตัวชี้วัดให้วัดผลได้"
        measure.refresh_from_db()
        services_measures.measure_update(
            actor=coordinator.user, measure=measure, data={"kpi_target": Decimal("92")}
        )
        plan = services.plan_submit(actor=coordinator.user, plan=plan)
        assert plan.status == Plan.Status.SUBMITTED

    def test_revision_opens_a_new_version_and_keeps_the_approved_one(
        self, organization, coordinator, executive
    ):
        plan = approved_plan(organization, coordinator, executive)
        with pytest.raises(DomainError):
            services.plan_revise(actor=coordinator.user, plan=plan, reason="")
        plan = services.plan_revise(
            actor=coordinator.user, plan=plan, reason="ปรับแผนตามสถานการณ์ งบประมาณลดลง"
        )
        assert plan.version == 2
        assert plan.status == Plan.Status.DRAFT
        v2 = plan.versions.get(number=2)
        assert v2.reason == "ปรับแผนตามสถานการณ์ งบประมาณลดลง"
        assert v2.approved_at is None
        measure = plan.measures.get()
        services_measures.measure_update(
            actor=coordinator.user, measure=measure, data={"budget": Decimal("5000")}
        )
        v1 = plan.versions.get(number=1)
        assert v1.snapshot["measures"][0]["budget"] == "15000.00"
        services.plan_submit(actor=coordinator.user, plan=plan)
        plan = services.plan_approve(actor=executive.user, plan=plan)
        v2.refresh_from_db()
        assert v2.snapshot["measures"][0]["budget"] == "5000.00"
        actions = list(plan.reviews.order_by("id").values_list("action", flat=True))
        assert actions == ["submit", "approve", "revise", "submit", "approve"]

    def test_only_an_approved_plan_can_be_revised(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(DomainError):
            services.plan_revise(actor=coordinator.user, plan=plan, reason="เหตุผล")

    def test_publish_needs_an_approved_version(
        self, organization, coordinator, executive
    ):
        plan = make_plan(organization, coordinator)
        with pytest.raises(DomainError):
            services.plan_publish(actor=coordinator.user, plan=plan)
        plan = approved_plan(organization, coordinator, executive)
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
        assert plan.is_published
        plan = services.plan_unpublish(actor=coordinator.user, plan=plan)
        assert not plan.is_published

    def test_owner_must_belong_to_the_organisation(
        self, organization, other_organization, coordinator
    ):
        plan = make_plan(organization, coordinator)
        stranger = MembershipFactory(organization=other_organization)
        with pytest.raises(DomainError):
            add_measure(plan, coordinator, owner=stranger)
        assert not Measure.objects.exists()

    def test_due_date_before_start_is_refused(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(ValidationError) as error:
            add_measure(
                plan,
                coordinator,
                start_date=datetime.date(2026, 3, 1),
                due_date=datetime.date(2026, 2, 1),
            )
        assert "due_date" in error.value.error_dict

    def test_kpi_needs_a_target(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(ValidationError) as error:
            add_measure(plan, coordinator, kpi_target=None)
        assert "kpi_target" in error.value.error_dict

    def test_activities_sit_under_measures(self, organization, coordinator, owner):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator)
        activity = services_measures.activity_create(
            actor=coordinator.user,
            measure=measure,
            data={
                "title": "อบรมเจ้าหน้าที่เรื่องการเปิดเผยข้อมูล",
                "kind": "project",
                "owner": owner,
                "budget": Decimal("8000"),
            },
        )
        assert activity.start_date == measure.start_date
        services_measures.activity_update(
            actor=coordinator.user, activity=activity, data={"title": "อบรม"}
        )
        services_measures.activity_delete(actor=coordinator.user, activity=activity)
        assert not measure.activities.exists()


class TestProgress:
    def test_progress_before_approval_is_refused(
        self, organization, coordinator, owner
    ):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator, owner)
        with pytest.raises(DomainError):
            services_measures.progress_record(
                actor=owner.user,
                measure=measure,
                reported_on=datetime.date(2026, 1, 5),
                status=WorkStatus.IN_PROGRESS,
                percent_done=10,
                narrative="เริ่มดำเนินการ",
            )

    def test_updates_are_kept_and_the_latest_shows_on_the_measure(
        self, organization, coordinator, executive, owner
    ):
        plan = approved_plan(organization, coordinator, executive, owner)
        measure = plan.measures.get()
        services_measures.progress_record(
            actor=owner.user,
            measure=measure,
            reported_on=datetime.date(2026, 1, 15),
            status=WorkStatus.IN_PROGRESS,
            percent_done=40,
            kpi_value=Decimal("87.5"),
            narrative="จัดทำแผนการใช้จ่ายและเผยแพร่บนเว็บไซต์",
            evidence_file=SimpleUploadedFile("evidence.pdf", b"%PDF-1.4"),
            evidence_url="https://bandong.example/plan",
        )
        # An older report, entered late, is kept but does not overwrite.
        services_measures.progress_record(
            actor=owner.user,
            measure=measure,
            reported_on=datetime.date(2025, 12, 1),
            status=WorkStatus.IN_PROGRESS,
            percent_done=10,
            narrative="ประชุมชี้แจง",
        )
        measure.refresh_from_db()
        assert measure.updates.count() == 2
        assert measure.percent_done == 40
        assert measure.kpi_value == Decimal("87.50")
        assert measure.last_update_on == datetime.date(2026, 1, 15)
        first = measure.updates.order_by("reported_on").last()
        assert first.evidence_file.name.endswith(".pdf")
        assert first.reported_by_name == owner.user.display_name

    @pytest.mark.parametrize(
        ("days_ahead", "status", "percent"),
        [(1, WorkStatus.IN_PROGRESS, 10), (None, WorkStatus.DONE, 90)],
        ids=["future date", "done below 100"],
    )
    def test_future_dates_and_done_below_100_are_refused(
        self, organization, coordinator, executive, owner, days_ahead, status, percent
    ):
        plan = approved_plan(organization, coordinator, executive, owner)
        measure = plan.measures.get()
        with pytest.raises(DomainError):
            services_measures.progress_record(
                actor=owner.user,
                measure=measure,
                reported_on=timezone.localdate() + datetime.timedelta(days=days_ahead)
                if days_ahead
                else datetime.date(2026, 1, 1),
                status=status,
                percent_done=percent,
                narrative="x",
            )
        assert not measure.updates.exists()

    def test_progress_during_a_revision_is_allowed(
        self, organization, coordinator, executive, owner
    ):
        plan = approved_plan(organization, coordinator, executive, owner)
        services.plan_revise(actor=coordinator.user, plan=plan, reason="ปรับแผน")
        update = services_measures.progress_record(
            actor=owner.user,
            measure=plan.measures.get(),
            reported_on=datetime.date(2026, 2, 1),
            status=WorkStatus.IN_PROGRESS,
            percent_done=50,
            narrative="ดำเนินการต่อเนื่อง",
        )
        assert update.pk


class TestParticipation:
    def test_propose_support_comment_adopt(
        self, organization, coordinator, owner, member
    ):
        plan = make_plan(organization, coordinator)
        proposal = services_participation.proposal_create(
            actor=member.user,
            plan=plan,
            title="จัดทำทะเบียนการยืมพัสดุ",
            description="ให้ประชาชนตรวจสอบการยืมใช้ทรัพย์สินของราชการได้",
        )
        with pytest.raises(DomainError):
            services_participation.proposal_support(
                actor=member.user, proposal=proposal
            )
        services_participation.proposal_support(actor=owner.user, proposal=proposal)
        with pytest.raises(DomainError):
            services_participation.proposal_support(actor=owner.user, proposal=proposal)
        services_participation.comment_create(
            actor=coordinator.user, plan=plan, proposal=proposal, body="เห็นด้วย"
        )
        measure = services_participation.proposal_adopt(
            actor=coordinator.user,
            proposal=proposal,
            data={"responsible_unit": "กองคลัง"},
        )
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ADOPTED
        assert proposal.measure == measure
        assert measure.title == "จัดทำทะเบียนการยืมพัสดุ"
        with pytest.raises(DomainError):
            services_participation.proposal_adopt(
                actor=coordinator.user, proposal=proposal
            )

        from prongsai.plans.selectors import participation_list

        people = {p.name: p for p in participation_list(plan=plan)}
        assert people[member.user.display_name].proposals == 1
        assert people[owner.user.display_name].supports == 1
        assert people[coordinator.user.display_name].comments == 1

    def test_decline_needs_a_reason(self, organization, coordinator, member):
        plan = make_plan(organization, coordinator)
        proposal = services_participation.proposal_create(
            actor=member.user, plan=plan, title="ข้อเสนอ", description="รายละเอียด"
        )
        with pytest.raises(DomainError):
            services_participation.proposal_decline(
                actor=coordinator.user, proposal=proposal, note=""
            )
        services_participation.proposal_decline(
            actor=coordinator.user, proposal=proposal, note="ซ้ำกับมาตรการที่ 1"
        )
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.DECLINED

    def test_adopting_into_a_locked_plan_is_refused(
        self, organization, coordinator, executive, member
    ):
        plan = approved_plan(organization, coordinator, executive)
        proposal = services_participation.proposal_create(
            actor=member.user, plan=plan, title="ข้อเสนอ", description="รายละเอียด"
        )
        with pytest.raises(DomainError):
            services_participation.proposal_adopt(
                actor=coordinator.user, proposal=proposal
            )
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.OPEN


class Weakness:
    def __init__(self, kind, code, title, score, recommendations=()):
        self.kind = kind
        self.code = code
        self.title = title
        self.score = score
        self.threshold = Decimal("85")
        self.recommendations = list(recommendations)


class Recommendation:
    def __init__(self, title, kpi="", steps=()):
        self.title = title
        self.description = "คำอธิบาย " + title
        self.responsible_unit = "สำนักปลัด"
        self.steps = list(steps)
        self.kpi = kpi


class TestDraftFromWeaknesses:
    def test_one_measure_per_weakness_linked_to_what_it_addresses(
        self, organization, coordinator
    ):
        weaknesses = [
            Weakness(
                "indicator",
                "4",
                "การใช้ทรัพย์สินของราชการ",
                Decimal("82.05"),
                [
                    Recommendation(
                        "เผยแพร่ขั้นตอนการยืมทรัพย์สินและจัดทำทะเบียนการยืม",
                        kpi="คะแนนตัวชี้วัดที่ 4 ไม่น้อยกว่า 85",
                        steps=["จัดทำคู่มือ", "เผยแพร่บนเว็บไซต์"],
                    ),
                    Recommendation("อบรมเจ้าหน้าที่"),
                ],
            ),
            Weakness("item", "O12", "รายงานการกำกับติดตามการดำเนินงาน", Decimal(0)),
        ]
        plan = services_drafting.plan_draft_from_weaknesses(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2569,
            ita_fiscal_year=2568,
            weaknesses=weaknesses,
        )
        assert plan.status == Plan.Status.DRAFT
        assert plan.ita_fiscal_year == 2568
        first, second = plan.measures.order_by("number")
        assert first.ita_kind == "indicator"
        assert first.ita_code == "4"
        assert first.ita_score == Decimal("82.05")
        assert first.kpi_baseline == Decimal("82.05")
        assert first.kpi_target == Decimal("85")
        assert first.steps == "จัดทำคู่มือ\nเผยแพร่บนเว็บไซต์\nอบรมเจ้าหน้าที่"
        assert first.responsible_unit == "สำนักปลัด"
        assert second.ita_kind == "item"
        assert "O12" in second.title

    def test_an_unclear_target_is_left_to_the_officer(self, organization, coordinator):
        sentence = "มีช่องทางแจ้งเบาะแสและรายงานผลการดำเนินการทุกรอบ 6 เดือน"
        plan = services_drafting.plan_draft_from_weaknesses(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2569,
            ita_fiscal_year=2568,
            weaknesses=[
                Weakness(
                    "indicator",
                    "5",
                    "การแจ้งเบาะแส",
                    Decimal("70"),
                    [Recommendation("จัดช่องทางแจ้งเบาะแส", kpi=sentence)],
                )
            ],
        )
        measure = plan.measures.get()
        assert measure.kpi_target is None
        assert measure.kpi_name == ""
        assert sentence in measure.description
        assert measure.description.startswith("คำอธิบาย จัดช่องทางแจ้งเบาะแส")

    def test_no_weakness_no_plan(self, organization, coordinator):
        with pytest.raises(DomainError):
            services_drafting.plan_draft_from_weaknesses(
                actor=coordinator.user,
                organization=organization,
                fiscal_year=2569,
                ita_fiscal_year=2568,
                weaknesses=[],
            )
        assert not Plan.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_measures_added_at_once_take_different_places(postgres_only):
    """Eight officers add a measure to the same plan at the same moment."""
    import threading

    from django.db import connection

    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import OrganizationFactory

    organization = OrganizationFactory()
    coordinator = MembershipFactory(
        organization=organization,
        user=UserFactory(),
        roles=[Role.ITA_COORDINATOR.value],
    )
    plan = make_plan(organization, coordinator)
    barrier = threading.Barrier(8)
    errors = []

    def worker():
        try:
            barrier.wait()
            add_measure(plan, coordinator)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(plan.measures.values_list("number", flat=True))
    assert numbers == list(range(1, 9))
