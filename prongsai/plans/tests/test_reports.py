"""Reports follow the plan as approved for the period; progress is live."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core.errors import DomainError
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans import (
    reports,
    reports_documents,
    selectors,
    services,
    services_case_links,
    services_measures,
)
from prongsai.plans.models import Plan, PlanVersion
from prongsai.plans.tests.factories import PlanFactory
from prongsai.plans.tests.test_services import measure_values

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


def at(year, month, day, hour=10):
    return time_machine.travel(
        datetime.datetime(year, month, day, hour, tzinfo=BANGKOK), tick=False
    )


def by_title(context):
    return {r.measure.title: r for r in context["rows"]}


@pytest.fixture
def history(organization, coordinator, executive, owner):
    """A plan of FY2569 (Oct 2025 – Sep 2026): v1 approved in October 2025,
    progress in Q1, revised in February 2026 (target and owner changed, one
    measure added, one removed), v2 approved on 10 April 2026 (Q3)."""
    deputy = MembershipFactory(
        organization=organization,
        user__full_name="วิไลวรรณ ทองดี",
        position="ผู้อำนวยการกองคลัง",
    )
    with at(2025, 10, 5):
        plan = services.plan_create(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2569,
            kind=Plan.Kind.INTEGRITY,
            title="มาตรการส่งเสริมคุณธรรม ปีงบประมาณ พ.ศ. 2569",
        )
        kept = services_measures.measure_create(
            actor=coordinator.user, plan=plan, data={**measure_values(owner)}
        )
        removed = services_measures.measure_create(
            actor=coordinator.user,
            plan=plan,
            data={
                **measure_values(
                    None,
                    title="จัดอบรมจริยธรรมแบบพบหน้า",
                    budget=Decimal("20000"),
                    kpi_name="ผู้เข้าอบรม",
                    kpi_unit="คน",
                    kpi_baseline=None,
                    kpi_target=Decimal("40"),
                )
            },
        )
        services.plan_submit(actor=coordinator.user, plan=plan)
        services.plan_approve(actor=executive.user, plan=plan)
    with at(2025, 12, 20):
        services_measures.progress_record(
            actor=owner.user,
            measure=kept,
            reported_on=datetime.date(2025, 12, 15),
            status="in_progress",
            percent_done=40,
            kpi_value=Decimal("87.50"),
            narrative="เผยแพร่แผนการใช้จ่ายบนเว็บไซต์แล้ว",
        )
    with at(2026, 2, 10):
        plan = services.plan_revise(
            actor=coordinator.user, plan=plan, reason="ปรับแผนตามสถานการณ์"
        )
        services_measures.measure_update(
            actor=coordinator.user,
            measure=kept,
            data={
                "kpi_target": Decimal("95"),
                "budget": Decimal("5000"),
                "owner": deputy,
            },
        )
        added = services_measures.measure_create(
            actor=coordinator.user,
            plan=plan,
            data={
                **measure_values(
                    owner,
                    title="อบรมจริยธรรมออนไลน์",
                    budget=Decimal("3000"),
                    kpi_name="ผู้ผ่านการอบรม",
                    kpi_unit="คน",
                    kpi_baseline=Decimal(0),
                    kpi_target=Decimal("60"),
                    start_date=datetime.date(2026, 3, 1),
                )
            },
        )
        services_measures.measure_delete(actor=coordinator.user, measure=removed)
    return {
        "plan": plan,
        "kept": kept,
        "added": added,
        "deputy": deputy,
        "removed_title": "จัดอบรมจริยธรรมแบบพบหน้า",
    }


def approve_v2(history, coordinator, executive):
    with at(2026, 4, 10):
        services.plan_submit(actor=coordinator.user, plan=history["plan"])
        return services.plan_approve(actor=executive.user, plan=history["plan"])


class TestVersionInForce:
    def test_while_the_revision_is_open_reports_follow_v1(self, history, owner):
        plan = history["plan"]
        with at(2026, 2, 15):
            context = reports.plan_report_context(plan=plan, period="q2")
        assert context["approved"].number == 1
        rows = by_title(context)
        kept = rows["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"]
        # The approved target, budget and owner, not the draft's.
        assert kept.measure.kpi_target == Decimal("90")
        assert kept.measure.budget == Decimal("15000")
        assert kept.measure.owner == owner.user.display_name
        # The measure removed in the draft is still part of the approved plan.
        assert history["removed_title"] in rows
        assert rows[history["removed_title"]].measure.removal == "pending"
        # The added measure is not reported as approved but listed apart.
        assert "อบรมจริยธรรมออนไลน์" not in rows
        assert [p.measure for p in context["pending"]] == [history["added"]]
        assert context["revision_pending"] == 2
        assert context["budget"] == Decimal("35000")
        assert "ยังไม่ได้รับอนุมัติ" in reports_documents.version_text(context)

    def test_earlier_quarters_follow_v1_later_ones_v2(
        self, history, coordinator, executive, owner
    ):
        plan = approve_v2(history, coordinator, executive)
        with at(2026, 10, 15):
            q1 = reports.plan_report_context(plan=plan, period="q1")
            q2 = reports.plan_report_context(plan=plan, period="q2")
            q3 = reports.plan_report_context(plan=plan, period="q3")
            year = reports.plan_report_context(plan=plan, period="year")
        for early in (q1, q2):
            assert early["approved"].number == 1
            assert early["later_version"].number == 2
            assert early["revision_pending"] is None
            assert early["pending"] == []
            rows = by_title(early)
            assert set(rows) == {
                "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี",
                history["removed_title"],
            }
            kept = rows["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"]
            assert kept.measure.kpi_target == Decimal("90")
            assert kept.measure.owner == owner.user.display_name
            assert rows[history["removed_title"]].measure.removal == "later"
        for late in (q3, year):
            assert late["approved"].number == 2
            assert late["later_version"] is None
            rows = by_title(late)
            assert set(rows) == {
                "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี",
                "อบรมจริยธรรมออนไลน์",
            }
            kept = rows["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"]
            assert kept.measure.kpi_target == Decimal("95")
            assert kept.measure.budget == Decimal("5000")
            assert kept.measure.owner == history["deputy"].user.display_name
            assert late["budget"] == Decimal("8000")
        # The earlier reports say that a later version applies after them.
        assert "ฉบับที่ 2" in reports_documents.version_text(q1)

    def test_progress_comes_from_the_live_records(
        self, history, coordinator, executive, owner
    ):
        plan = approve_v2(history, coordinator, executive)
        kept = history["kept"]
        case = CaseFactory(organization=plan.organization, reference="C2569-0042")
        with at(2026, 7, 2):
            services_case_links.measure_link_cases(
                actor=coordinator.user, measure=kept, cases=[case]
            )
            services_measures.progress_record(
                actor=owner.user,
                measure=kept,
                reported_on=datetime.date(2026, 7, 1),
                status="in_progress",
                percent_done=80,
                kpi_value=Decimal("93"),
                narrative="ไตรมาสสี่",
            )
        with at(2026, 10, 15):
            q1 = by_title(reports.plan_report_context(plan=plan, period="q1"))
            q4 = by_title(reports.plan_report_context(plan=plan, period="q4"))
        # Q1 follows v1's target and the progress known at the end of Q1.
        row = q1["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"]
        assert row.percent == 40
        assert row.kpi_value == Decimal("87.50")
        assert [u.narrative for u in row.updates] == ["เผยแพร่แผนการใช้จ่ายบนเว็บไซต์แล้ว"]
        assert row.case_references == ["C2569-0042"]
        row = q4["เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี"]
        assert row.percent == 80
        assert row.kpi_value == Decimal("93")
        assert [u.narrative for u in row.updates] == ["ไตรมาสสี่"]
        # A removed measure has no live records and is reported as not started.
        assert q1[history["removed_title"]].percent == 0
        assert q1[history["removed_title"]].case_count == 0

    def test_unapproved_changes_never_show_as_approved_targets(
        self, history, coordinator, executive
    ):
        plan = approve_v2(history, coordinator, executive)
        with at(2026, 8, 1):
            plan = services.plan_revise(
                actor=coordinator.user, plan=plan, reason="เพิ่มเป้าหมาย"
            )
            services_measures.measure_update(
                actor=coordinator.user,
                measure=history["kept"],
                data={"kpi_target": Decimal("99"), "title": "เผยแพร่แผนฉบับปรับปรุง"},
            )
            services.plan_submit(actor=coordinator.user, plan=plan)
            contexts = [
                reports.plan_report_context(plan=plan, period=period)
                for period in reports.PERIODS
            ]
        for context in contexts:
            targets = [r.measure.kpi_target for r in context["rows"]]
            titles = [r.measure.title for r in context["rows"]]
            assert Decimal("99") not in targets
            assert "เผยแพร่แผนฉบับปรับปรุง" not in titles
        q4 = contexts[reports.PERIODS.index("q4")]
        assert q4["approved"].number == 2
        assert q4["revision_pending"] == 3
        assert q4["pending"] == []  # nothing added, only changed

    def test_period_before_the_first_approval_follows_the_first_version(
        self, organization, coordinator, executive
    ):
        with at(2026, 2, 1):
            plan = services.plan_create(
                actor=coordinator.user,
                organization=organization,
                fiscal_year=2569,
                kind=Plan.Kind.INTEGRITY,
                title="แผนที่อนุมัติช้า",
            )
            services_measures.measure_create(
                actor=coordinator.user, plan=plan, data={**measure_values(None)}
            )
            services.plan_submit(actor=coordinator.user, plan=plan)
            services.plan_approve(actor=executive.user, plan=plan)
            context = reports.plan_report_context(plan=plan, period="q1")
        assert context["approved"].number == 1
        assert context["approved_after_period"] is True
        assert "หลังสิ้นสุด" in reports_documents.version_text(context)

    def test_a_plan_never_approved_has_no_report(self, organization, coordinator):
        plan = services.plan_create(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2569,
            kind=Plan.Kind.INTEGRITY,
            title="ร่างแผน",
        )
        assert (
            selectors.plan_version_get_in_force(
                plan=plan, on=datetime.date(2026, 9, 30)
            )
            is None
        )
        with pytest.raises(DomainError):
            reports.plan_report_context(plan=plan, period="q1")


class TestOldSnapshots:
    def test_missing_keys_are_tolerated(self, organization):
        plan = PlanFactory(organization=organization, status=Plan.Status.APPROVED)
        PlanVersion.objects.filter(plan=plan).update(
            approved_at=datetime.datetime(2025, 10, 20, tzinfo=BANGKOK),
            approved_by_name="ประเสริฐ ศรีสุข",
            snapshot={"measures": [{"title": "มาตรการเดิม", "budget": "1000"}]},
        )
        context = reports.plan_report_context(
            plan=plan, period="q1", today=datetime.date(2026, 1, 5)
        )
        (row,) = context["rows"]
        assert row.measure.number == 1
        assert row.measure.start_date == datetime.date(2025, 10, 1)
        assert row.measure.due_date == datetime.date(2026, 9, 30)
        assert row.measure.kpi_target is None
        assert row.measure.live is None  # no id: no live records to follow
        assert row.measure.removal_note == ""
        assert context["plan_title"] == plan.title
        content, _name, _type = reports_documents.plan_report_file(
            plan=plan, period="q1", file_format="docx", today=datetime.date(2026, 1, 5)
        )
        assert content[:2] == b"PK"


class TestDocuments:
    def test_docx_states_the_version_and_its_targets(
        self, history, coordinator, executive
    ):
        import docx

        plan = approve_v2(history, coordinator, executive)
        with at(2026, 10, 15):
            early, _n, _t = reports_documents.plan_report_file(
                plan=plan, period="q1", file_format="docx"
            )
            late, _n, _t = reports_documents.plan_report_file(
                plan=plan, period="q4", file_format="docx"
            )

        def text(content):
            document = docx.Document(io.BytesIO(content))
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)

        early, late = text(early), text(late)
        assert "ฉบับที่ 1" in early
        assert "≥ 90.00 คะแนน" in early
        assert history["removed_title"] in early
        assert "อบรมจริยธรรมออนไลน์" not in early
        assert "ฉบับที่ 2" in late
        # The person signing a progress report is its reporter (ผู้รายงาน),
        # not the person who reports a complaint (ผู้แจ้ง).
        assert "ผู้รายงาน" in early
        assert "ผู้แจ้ง" not in early
        assert "≥ 95.00 คะแนน" in late
        assert history["removed_title"] not in late
        assert "อบรมจริยธรรมออนไลน์" in late


class TestReportAccess:
    def test_other_organisation_gets_404_and_plain_staff_403(
        self, client, history, other_organization, member
    ):
        plan = history["plan"]
        path = reverse(
            "plans-staff:plan-report",
            kwargs={"org": plan.organization.slug, "pk": plan.pk},
        )
        outsider = MembershipFactory(
            organization=other_organization, roles=["ita_coordinator"]
        )
        client.force_login(outsider.user)
        assert client.get(path, {"period": "q1", "format": "pdf"}).status_code == 404
        client.force_login(member.user)
        assert client.get(path, {"period": "q1", "format": "pdf"}).status_code == 403


class TestWording:
    def test_ambiguous_words_read_right_in_each_place(self):
        from django.utils import translation

        from prongsai.complaints.forms import CaseFilterForm
        from prongsai.plans.models_participation import Proposal

        with translation.override("th"):
            assert str(Proposal.Status.OPEN.label) == "รอพิจารณา"
            assert str(Plan._meta.get_field("title").verbose_name) == "ชื่อเรื่อง"
            assert "ค้างดำเนินการ" in str(CaseFilterForm().fields["status"].choices)
            assert "รอพิจารณา" not in str(CaseFilterForm().fields["status"].choices)
