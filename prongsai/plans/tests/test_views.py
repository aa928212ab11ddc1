import datetime
import io
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
    recommendation_rules_load,
)
from prongsai.notifications.models import SentKey
from prongsai.plans import services, services_case_links, services_measures
from prongsai.plans.models import Plan, ProgressUpdate
from prongsai.plans.tests.factories import (
    PlanFactory,
    approved_improvement_plan,
    due_in,
)

pytestmark = pytest.mark.django_db


def url(name, organization, **kwargs):
    return reverse(f"plans-staff:{name}", kwargs={"org": organization.slug, **kwargs})


@pytest.fixture
def plan(organization, coordinator, owner):
    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=2569,
        kind=Plan.Kind.INTEGRITY,
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2569",
    )
    services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={
            "title": "จัดทำทะเบียนการยืมพัสดุ",
            "responsible_unit": "กองคลัง",
            "owner": owner,
            "budget": Decimal("12000"),
            "kpi_name": "ทะเบียนเผยแพร่ทุกเดือน",
            "kpi_unit": "เดือน",
            "kpi_baseline": Decimal(0),
            "kpi_target": Decimal(12),
        },
    )
    return plan


@pytest.fixture
def approved(plan, coordinator, executive):
    services.plan_submit(actor=coordinator.user, plan=plan)
    return services.plan_approve(actor=executive.user, plan=plan)


class TestPermissions:
    def test_every_member_sees_plans(self, client, member, plan):
        client.force_login(member.user)
        assert client.get(url("plan-list", plan.organization)).status_code == 200
        response = client.get(url("plan-detail", plan.organization, pk=plan.pk))
        assert response.status_code == 200
        assert "จัดทำทะเบียนการยืมพัสดุ" in response.content.decode()

    @pytest.mark.parametrize(
        "name", ["plan-create", "plan-settings", "plan-draft-from-analysis"]
    )
    def test_plain_staff_cannot_edit(self, client, member, organization, name):
        client.force_login(member.user)
        assert client.get(url(name, organization)).status_code == 403

    def test_plain_staff_cannot_open_the_dashboard(self, client, member, plan):
        client.force_login(member.user)
        response = client.get(url("plan-dashboard", plan.organization, pk=plan.pk))
        assert response.status_code == 403

    def test_coordinator_cannot_approve(self, client, coordinator, plan):
        services.plan_submit(actor=coordinator.user, plan=plan)
        client.force_login(coordinator.user)
        response = client.post(url("plan-approve", plan.organization, pk=plan.pk))
        assert response.status_code == 403
        plan.refresh_from_db()
        assert plan.status == Plan.Status.SUBMITTED

    def test_only_the_owner_reports_progress(self, client, member, owner, approved):
        measure = approved.measures.get()
        client.force_login(member.user)
        target = url("progress-create", approved.organization, pk=measure.pk)
        assert client.get(target).status_code == 403
        client.force_login(owner.user)
        assert client.get(target).status_code == 200

    def test_other_organisations_plan_is_404(
        self, client, other_organization, organization
    ):
        from prongsai.organizations.tests.factories import MembershipFactory

        outsider = MembershipFactory(
            organization=other_organization, roles=["ita_coordinator"]
        )
        foreign = PlanFactory(organization=organization)
        client.force_login(outsider.user)
        response = client.get(url("plan-detail", other_organization, pk=foreign.pk))
        assert response.status_code == 404


class TestPaths:
    def test_coordinator_creates_a_plan_and_keeps_input_on_error(
        self, client, coordinator, organization
    ):
        client.force_login(coordinator.user)
        response = client.post(
            url("plan-create", organization),
            {"fiscal_year": "2569", "kind": "integrity", "title": ""},
        )
        assert response.status_code == 200
        assert 'id="form-errors"' in response.content.decode()
        response = client.post(
            url("plan-create", organization),
            {"fiscal_year": "2569", "kind": "anti_corruption", "title": "แผนปฏิบัติการ"},
        )
        plan = Plan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == plan.get_staff_url()
        assert plan.kind == "anti_corruption"

    def test_measure_form_reports_dates_in_the_wrong_order(
        self, client, coordinator, plan
    ):
        client.force_login(coordinator.user)
        response = client.post(
            url("measure-create", plan.organization, pk=plan.pk),
            {
                "title": "มาตรการใหม่",
                "start_date": "2026-05-01",
                "due_date": "2026-04-01",
                "budget": "0",
                "kpi_direction": "at_least",
            },
        )
        assert response.status_code == 200
        assert "มาตรการใหม่" in response.content.decode()
        assert plan.measures.count() == 1

    def test_submit_approve_publish_and_read_publicly(
        self, client, coordinator, executive, plan
    ):
        client.force_login(coordinator.user)
        client.post(url("plan-submit", plan.organization, pk=plan.pk))
        client.force_login(executive.user)
        client.post(
            url("plan-approve", plan.organization, pk=plan.pk), {"comment": "อนุมัติ"}
        )
        plan.refresh_from_db()
        assert plan.status == Plan.Status.APPROVED
        public = reverse(
            "plans-public:plan-detail",
            kwargs={"org": plan.organization.slug, "pk": plan.pk},
        )
        client.logout()
        assert client.get(public).status_code == 404
        client.force_login(coordinator.user)
        client.post(url("plan-publish", plan.organization, pk=plan.pk))
        client.logout()
        response = client.get(public)
        assert response.status_code == 200
        page = response.content.decode()
        assert "จัดทำทะเบียนการยืมพัสดุ" in page
        assert executive.user.display_name in page
        report = client.get(
            reverse(
                "plans-public:plan-annual-report",
                kwargs={"org": plan.organization.slug, "pk": plan.pk},
            )
        )
        assert report.status_code == 200
        assert report.content.startswith(b"%PDF")
        listing = client.get(
            reverse("plans-public:plan-list", kwargs={"org": plan.organization.slug})
        )
        assert plan.title in listing.content.decode()

    def test_executive_returns_with_a_comment(
        self, client, coordinator, executive, plan
    ):
        services.plan_submit(actor=coordinator.user, plan=plan)
        client.force_login(executive.user)
        target = url("plan-return", plan.organization, pk=plan.pk)
        response = client.post(target, {"comment": ""})
        assert response.status_code == 200
        client.post(target, {"comment": "เพิ่มงบประมาณกิจกรรม"})
        plan.refresh_from_db()
        assert plan.status == Plan.Status.RETURNED
        client.force_login(coordinator.user)
        page = client.get(plan.get_staff_url()).content.decode()
        assert "เพิ่มงบประมาณกิจกรรม" in page

    def test_owner_reports_progress_with_evidence(self, client, owner, approved):
        measure = approved.measures.get()
        client.force_login(owner.user)
        response = client.post(
            url("progress-create", approved.organization, pk=measure.pk),
            {
                "reported_on": "2026-01-10",
                "status": "in_progress",
                "percent_done": "25",
                "kpi_value": "3",
                "narrative": "เผยแพร่ทะเบียนการยืมเดือนตุลาคมถึงธันวาคม",
                "evidence_url": "https://bandong.example/loans",
                "evidence_file": SimpleUploadedFile(
                    "ทะเบียน.pdf", b"%PDF-1.4", content_type="application/pdf"
                ),
            },
        )
        assert response.status_code == 302
        update = ProgressUpdate.objects.get()
        assert update.evidence_file
        page = client.get(measure.get_staff_url()).content.decode()
        assert "เผยแพร่ทะเบียนการยืมเดือนตุลาคมถึงธันวาคม" in page

    def test_participation(self, client, member, owner, coordinator, plan):
        client.force_login(member.user)
        client.post(
            url("proposal-create", plan.organization, pk=plan.pk),
            {"title": "ตั้งกล่องรับความคิดเห็น", "description": "ให้ประชาชนเสนอแนะได้"},
        )
        proposal = plan.proposals.get()
        client.force_login(owner.user)
        client.post(url("proposal-support", plan.organization, pk=proposal.pk))
        client.post(
            url("proposal-comment", plan.organization, pk=proposal.pk),
            {"body": "เห็นด้วย"},
        )
        client.force_login(coordinator.user)
        client.post(url("proposal-adopt", plan.organization, pk=proposal.pk))
        assert plan.measures.filter(title="ตั้งกล่องรับความคิดเห็น").exists()
        page = client.get(plan.get_staff_url()).content.decode()
        assert 'id="participant-table"' in page
        assert member.user.display_name in page

    def test_dashboard_shows_the_gantt(self, client, coordinator, approved):
        client.force_login(coordinator.user)
        response = client.get(
            url("plan-dashboard", approved.organization, pk=approved.pk)
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "<svg" in page
        assert 'id="state-table"' in page

    def test_draft_from_analysis(self, client, coordinator, organization):
        framework_load_files()
        recommendation_rules_load()
        values = ["92.4", "86.15", "90.8", "82.05", "88.95", "91.3", "86.2", "88.05"]
        ita_result_record(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2568,
            indicators=dict(
                zip(range(1, 11), [*values, "76.19", "68.75"], strict=True)
            ),
        )
        client.force_login(coordinator.user)
        form = client.get(
            url("plan-draft-from-analysis", organization), {"ita_fiscal_year": "2568"}
        )
        assert 'value="2569"' in form.content.decode()
        response = client.post(
            url("plan-draft-from-analysis", organization),
            {"ita_fiscal_year": "2568", "fiscal_year": "2569"},
        )
        plan = Plan.objects.get()
        assert response.status_code == 302
        assert plan.ita_fiscal_year == 2568
        codes = set(plan.measures.values_list("ita_code", flat=True))
        assert {"4", "9", "10"} <= codes
        four = plan.measures.get(ita_code="4")
        assert four.ita_score == Decimal("82.05")
        assert four.title  # from the recommendation rule of indicator 4


def pdf_text(content: bytes) -> str:
    """The PDF's text with all white space removed (cells wrap lines)."""
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return norm(text)


def norm(text: str) -> str:
    """pdftotext reads Sarabun's sara am as sara aa; compare without spaces."""
    return "".join(text.split()).replace("\u0e4d", "").replace("\u0e33", "\u0e32")


class TestReports:
    @pytest.mark.parametrize("period", ["q1", "h1", "year"])
    def test_pdf_report(self, client, coordinator, owner, approved, period):
        measure = approved.measures.get()
        services_measures.progress_record(
            actor=owner.user,
            measure=measure,
            reported_on=datetime.date(2025, 12, 15),
            status="in_progress",
            percent_done=30,
            kpi_value=Decimal(3),
            narrative="เผยแพร่ทะเบียนไตรมาสแรกครบ",
        )
        client.force_login(coordinator.user)
        response = client.get(
            url("plan-report", approved.organization, pk=approved.pk),
            {"period": period, "format": "pdf"},
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert norm("จัดทำทะเบียนการยืมพัสดุ") in text
        assert norm("เผยแพร่ทะเบียนไตรมาสแรกครบ") in text
        assert "30%" in text

    def test_docx_report(self, client, coordinator, approved):
        import docx

        client.force_login(coordinator.user)
        response = client.get(
            url("plan-report", approved.organization, pk=approved.pk),
            {"period": "q2", "format": "docx"},
        )
        assert response.status_code == 200
        document = docx.Document(io.BytesIO(response.content))
        # Dates and years are glued with no-break spaces in documents.
        text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
        assert approved.title in text
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        assert any("จัดทำทะเบียนการยืมพัสดุ" in c for c in cells)

    def test_docx_report_lists_linked_complaints(self, client, coordinator, approved):
        import docx

        from prongsai.complaints.tests.factories import CaseFactory

        measure = approved.measures.get()
        case = CaseFactory(
            organization=approved.organization,
            reference="C2569-0777",
            complainant_name="สมชาย ใจดี",
        )
        services_case_links.measure_link_cases(
            actor=coordinator.user, measure=measure, cases=[case]
        )
        client.force_login(coordinator.user)
        response = client.get(
            url("plan-report", approved.organization, pk=approved.pk),
            {"period": "year", "format": "docx"},
        )
        document = docx.Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "C2569-0777" in text
        assert "สมชาย" not in text
        pdf = client.get(
            url("plan-report", approved.organization, pk=approved.pk),
            {"period": "year", "format": "pdf"},
        )
        assert "C2569-0777" in pdf_text(pdf.content)

    def test_report_needs_an_approved_plan(self, client, coordinator, plan):
        client.force_login(coordinator.user)
        response = client.get(
            url("plan-report", plan.organization, pk=plan.pk),
            {"period": "q1", "format": "pdf"},
        )
        assert response.status_code == 302

    def test_command_writes_the_report(self, approved, tmp_path):
        from django.core.management import call_command

        output = tmp_path / "q1.docx"
        call_command(
            "plan_report",
            "--org",
            approved.organization.slug,
            "--plan",
            str(approved.pk),
            "--period",
            "q1",
            "--format",
            "docx",
            "--output",
            str(output),
        )
        assert output.read_bytes()[:2] == b"PK"

    @pytest.mark.parametrize(
        "arguments",
        [
            ["--org", "nowhere", "--plan", "1", "--period", "q1"],
            ["--org", "bandong", "--plan", "999", "--period", "q1"],
            ["--org", "bandong", "--plan", "PLAN", "--period", "q5"],
        ],
    )
    def test_command_refuses_bad_arguments(self, organization, tmp_path, arguments):
        from django.core.management import CommandError, call_command

        with pytest.raises(CommandError):
            call_command("plan_report", *arguments, "--output", str(tmp_path / "x"))


class TestReminders:
    def test_owner_is_reminded_once(
        self,
        organization,
        coordinator,
        owner,
        executive,
        django_capture_on_commit_callbacks,
    ):

        from prongsai.plans.tasks import plans_remind_owners

        soon, _late = approved_improvement_plan(
            organization,
            coordinator,
            executive,
            due_in(3, title="ใกล้ครบกำหนด", owner=owner),
            due_in(-1, title="ไม่มีผู้รับผิดชอบ"),
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert plans_remind_owners() == 1
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [owner.user.email]
        assert "ใกล้ครบกำหนด" in message.subject
        assert soon.get_staff_url() in message.body
        with django_capture_on_commit_callbacks(execute=True):
            assert plans_remind_owners() == 0
        assert len(mail.outbox) == 1
        # (the executive's notice of the submitted plan has its own key)
        assert (
            SentKey.objects.exclude(key__startswith="plans.submitted:")
            .get()
            .key.startswith(f"plans.reminder:{soon.pk}:due_soon:")
        )

    def test_reminders_can_be_switched_off(
        self, organization, coordinator, owner, executive
    ):

        from prongsai.plans.tasks import plans_remind_owners

        services.plan_settings_update(
            actor=coordinator.user,
            organization=organization,
            data={"reminders_enabled": False},
        )
        approved_improvement_plan(
            organization,
            coordinator,
            executive,
            due_in(-1, title="เลยกำหนด", owner=owner),
        )
        assert plans_remind_owners() == 0
        assert mail.outbox == []
