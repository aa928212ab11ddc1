"""HR pages: who sees what, the public pages (only the current publication,
never a name), the frozen publication, the documents and the OIT providers."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.integrity import (
    hr_documents,
    selectors_hr,
    services_hr,
    services_hr_training,
)
from prongsai.integrity import oit_evidence as providers
from prongsai.integrity import services_hr_publish as publish
from prongsai.integrity.models_hr import HRCriterion, TrainingRecord
from prongsai.oit.registry import provider_get
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans.tests.test_publication import norm, pdf_text

from .test_hr import add_project, make_plan

pytestmark = pytest.mark.django_db

YEAR = 2569


def member(organization, role, name, totp=False):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name=name, totp=totp),
        roles=[role.value],
        position="ตำแหน่ง",
    )


@pytest.fixture
def people(organization):
    return {
        "hr": member(organization, Role.HR_OFFICER, "สุดารัตน์ ใจดี"),
        "integrity": member(organization, Role.INTEGRITY_OFFICER, "วีระพงษ์ สุจริต", True),
        "executive": member(organization, Role.EXECUTIVE, "ประเสริฐ ศรีสุข", True),
        "alice": member(organization, Role.STAFF, "กาญจนา ศรีวงศ์"),
        "bob": member(organization, Role.STAFF, "อนุชา มั่นคง"),
    }


def train(organization, actor, who, course, hours="6", ethics=False, **extra):
    return services_hr_training.training_record_create(
        actor=actor,
        organization=organization,
        member=who,
        course=course,
        start_on=extra.pop("start_on", datetime.date(2025, 11, 3)),
        hours=Decimal(hours),
        ethics=ethics,
        **extra,
    )


def criterion(organization, actor, kind="recruitment"):
    return services_hr.hr_criterion_create(
        actor=actor,
        organization=organization,
        kind=kind,
        title=f"หลักเกณฑ์ {kind}",
        effective_from=datetime.date(2023, 1, 1),
        text="ข้อความ",
    )


def full_year(organization, actor, fiscal_year=YEAR, categories=("development",)):
    plan = make_plan(organization, actor, fiscal_year)
    for category in categories:
        project = add_project(plan, actor, f"โครงการ {category}", category)
        services_hr.hr_project_result_update(
            actor=actor,
            project=project,
            status="done",
            output="ทำแล้ว",
            budget_used=Decimal("500"),
        )
    return plan


def staff(name, organization, **kwargs):
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def public(name, organization, **kwargs):
    return reverse(
        f"integrity-public:{name}", kwargs={"org": organization.slug, **kwargs}
    )


class TestPermissions:
    def test_staff_member_sees_only_own_records(self, client, organization, people):
        hr = people["hr"].user
        train(organization, hr, people["alice"], "หลักสูตรของกาญจนา")
        train(organization, hr, people["bob"], "หลักสูตรของอนุชา")
        client.force_login(people["alice"].user)
        page = client.get(staff("hr-training", organization) + f"?year={YEAR}")
        text = page.content.decode()
        assert "หลักสูตรของกาญจนา" in text
        assert "หลักสูตรของอนุชา" not in text
        # Asking for another person's records shows only one's own.
        bob = client.get(
            staff("hr-training", organization)
            + f"?year={YEAR}&person={people['bob'].pk}"
        )
        assert "หลักสูตรของอนุชา" not in bob.content.decode()
        # The plan home sends a member to their own records.
        assert client.get(staff("hr", organization)).status_code == 302
        assert client.get(staff("hr-report", organization)).status_code == 403
        assert client.get(staff("hr-training-create", organization)).status_code == 403
        record = TrainingRecord.objects.get(member=people["bob"])
        edit = staff("hr-training-edit", organization, pk=record.pk)
        assert client.get(edit).status_code == 403

    def test_integrity_officer_reads_everything(self, client, organization, people):
        hr = people["hr"].user
        train(organization, hr, people["alice"], "หลักสูตรของกาญจนา")
        train(organization, hr, people["bob"], "หลักสูตรของอนุชา")
        client.force_login(people["integrity"].user)
        text = client.get(staff("hr-training", organization) + f"?year={YEAR}")
        assert "หลักสูตรของอนุชา" in text.content.decode()
        assert client.get(staff("hr", organization)).status_code == 200
        assert client.get(staff("hr-criterion-create", organization)).status_code == 403

    def test_executive_reads_plan_and_report_not_records(
        self, client, organization, people
    ):
        hr = people["hr"].user
        train(organization, hr, people["bob"], "หลักสูตรของอนุชา")
        full_year(organization, hr)
        client.force_login(people["executive"].user)
        assert (
            client.get(staff("hr", organization) + f"?year={YEAR}").status_code == 200
        )
        report = client.get(staff("hr-report", organization) + f"?year={YEAR}")
        assert report.status_code == 200
        records = client.get(staff("hr-training", organization) + f"?year={YEAR}")
        assert "หลักสูตรของอนุชา" not in records.content.decode()

    def test_hr_officer_manages(self, client, organization, people):
        client.force_login(people["hr"].user)
        response = client.post(
            staff("hr-criterion-create", organization),
            {
                "kind": "recruitment",
                "title": "หลักเกณฑ์การสรรหา",
                "effective_from": "1 ต.ค. 67",
                "text": "ข้อความ",
            },
        )
        assert response.status_code == 302
        assert HRCriterion.objects.get().effective_from == datetime.date(2024, 10, 1)
        response = client.post(
            staff("hr-plan-edit", organization),
            {
                "year": YEAR,
                "title": "",
                "approved_on": "๒๐/๐๙/๒๕๖๘",
                "approved_by_name": "ประเสริฐ ศรีสุข",
                "approved_by_position": "นายก",
            },
        )
        assert response.status_code == 302
        response = client.post(
            staff("hr-project-create", organization) + f"?year={YEAR}",
            {
                "name": "อบรม",
                "category": "development",
                "budget": "1000",
                "start_month": "5",
                "end_month": "2",
            },
        )
        # The service's error is shown on the form, with what was typed.
        assert response.status_code == 200
        assert "เดือนที่สิ้นสุดอยู่ก่อนเดือนที่เริ่ม" in response.content.decode()
        assert 'value="อบรม"' in response.content.decode()
        plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=YEAR)
        project = add_project(plan, people["hr"].user)
        response = client.post(
            staff("hr-project-result", organization, pk=project.pk),
            {"status": "done", "output": "อบรม 30 คน", "budget_used": "900"},
        )
        assert response.status_code == 302
        project.refresh_from_db()
        assert (project.status, project.budget_used) == ("done", Decimal("900"))
        response = client.post(
            staff("hr-report", organization),
            {"year": YEAR, "problems": "งบประมาณจำกัด", "reported_by_name": "ก"},
        )
        assert response.status_code == 302
        report = selectors_hr.hr_report_get(organization=organization, fiscal_year=YEAR)
        assert report.problems == "งบประมาณจำกัด"


class TestPublicPages:
    def test_report_404_until_published_and_no_names(
        self, client, organization, people
    ):
        hr = people["hr"].user
        plan = full_year(organization, hr)
        train(organization, hr, people["alice"], "หลักสูตรลับเฉพาะ", ethics=True)
        train(organization, hr, people["bob"], "ดิจิทัลขั้นสูง", hours="12")
        url = public("hr-report", organization, fiscal_year=YEAR)
        assert client.get(url).status_code == 404
        publish.hr_report_publish(actor=hr, organization=organization, fiscal_year=YEAR)
        text = client.get(url).content.decode()
        assert plan.projects.first().name in text
        assert '<dd class="col-sm-7" id="people-trained">2</dd>' in text
        assert '<dd class="col-sm-7" id="training-hours">18</dd>' in text
        for name in ("กาญจนา", "อนุชา", "หลักสูตรลับเฉพาะ", "ดิจิทัลขั้นสูง"):
            assert name not in text

    def test_plan_page_not_yet_published(self, client, organization, people):
        hr = people["hr"].user
        url = public("hr-year", organization, fiscal_year=YEAR)
        assert client.get(url).status_code == 404
        criterion(organization, hr)
        full_year(organization, hr)
        text = client.get(url).content.decode()
        assert "หลักเกณฑ์ recruitment" in text
        assert "ยังไม่ได้เผยแพร่แผนการบริหารและพัฒนาทรัพยากรบุคคล" in text
        assert "โครงการ development" not in text

    def test_publication_is_frozen(self, client, organization, people):
        hr = people["hr"].user
        plan = full_year(organization, hr)
        publish.hr_plan_publish(actor=hr, organization=organization, fiscal_year=YEAR)
        url = public("hr-year", organization, fiscal_year=YEAR)
        assert "โครงการ development" in client.get(url).content.decode()
        project = plan.projects.get()
        services_hr.hr_project_update(
            actor=hr,
            project=project,
            name="ชื่อใหม่หลังเผยแพร่",
            category="development",
            start_month=1,
            end_month=2,
        )
        text = client.get(url).content.decode()
        assert "ชื่อใหม่หลังเผยแพร่" not in text
        assert "โครงการ development" in text
        publish.hr_plan_publish(actor=hr, organization=organization, fiscal_year=YEAR)
        assert "ชื่อใหม่หลังเผยแพร่" in client.get(url).content.decode()
        publish.hr_plan_withdraw(actor=hr, organization=organization, fiscal_year=YEAR)
        assert "ชื่อใหม่หลังเผยแพร่" not in client.get(url).content.decode()

    def test_downloads_are_the_published_version(self, client, organization, people):
        hr = people["hr"].user
        full_year(organization, hr)
        publish.hr_report_publish(actor=hr, organization=organization, fiscal_year=YEAR)
        pdf = client.get(
            public(
                "hr-download",
                organization,
                fiscal_year=YEAR,
                document="report",
                extension="pdf",
            )
        )
        assert pdf["Content-Type"] == "application/pdf"
        docx = client.get(
            public(
                "hr-download",
                organization,
                fiscal_year=YEAR,
                document="report",
                extension="docx",
            )
        )
        assert docx.content[:2] == b"PK"
        again = client.get(
            public(
                "hr-download",
                organization,
                fiscal_year=YEAR,
                document="report",
                extension="docx",
            )
        )
        assert again["X-Public-Document"] == "stored"
        assert b"".join(again.streaming_content) == docx.content
        missing = public(
            "hr-download",
            organization,
            fiscal_year=2568,
            document="plan",
            extension="pdf",
        )
        assert client.get(missing).status_code == 404


class TestDocuments:
    def test_plan_and_report_pdf_and_docx_hold_thai(self, organization, people):
        hr = people["hr"].user
        criterion(organization, hr, "appraisal")
        plan = full_year(organization, hr, categories=("recruitment", "development"))
        train(organization, hr, people["alice"], "จริยธรรม", ethics=True)
        plan_snapshot = selectors_hr.hr_plan_snapshot(plan=plan)
        report_snapshot = selectors_hr.hr_report_snapshot(
            organization=organization, fiscal_year=YEAR
        )
        for pdf, title in (
            (hr_documents.hr_plan_pdf(plan_snapshot), "แผนการบริหารและพัฒนา"),
            (hr_documents.hr_report_pdf(report_snapshot), "รายงานผลการบริหาร"),
        ):
            assert pdf.startswith(b"%PDF")
            text = pdf_text(pdf)
            assert norm(title) in text
            assert "2569" in text
        for docx, title in (
            (hr_documents.hr_plan_docx(plan_snapshot), "การประเมินผลการปฏิบัติงาน"),
            (hr_documents.hr_report_docx(report_snapshot), "ผู้ได้รับการพัฒนา"),
        ):
            xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
            assert title in xml


class TestProviders:
    def test_registered(self):
        assert provider_get("integrity.hr_plan").item_keys == ("hr.plan",)
        assert provider_get("integrity.hr_report").item_keys == ("hr.annual_report",)

    def test_plan_2569_not_ready(self, organization):
        result = providers.hr_plan_evidence(organization, YEAR)
        assert result.placeholder
        assert result.url == f"/{organization.slug}/integrity/hr/2569/"
        assert [
            (c.requirement_index, c.passed, c.message_th) for c in result.checks
        ] == [
            (
                0,
                False,
                "ยังไม่มีหลักเกณฑ์การบริหารทรัพยากรบุคคลที่ใช้บังคับ (การสรรหาและ"
                "บรรจุแต่งตั้ง การเลื่อนตำแหน่ง การประเมินผลการปฏิบัติงาน "
                "การเลื่อนขั้นเงินเดือน)",
            ),
            (
                1,
                False,
                "ยังไม่ได้เผยแพร่แผนการบริหารและพัฒนาทรัพยากรบุคคล ปีงบประมาณ พ.ศ. 2569",
            ),
            (
                None,
                False,
                "ยังไม่ได้บันทึกการอนุมัติแผนของผู้บริหาร (ชื่อผู้อนุมัติและวันที่)",
            ),
        ]

    def test_plan_2569_ready(self, organization, people):
        hr = people["hr"].user
        criterion(organization, hr, "recruitment")
        criterion(organization, hr, "appraisal")
        full_year(organization, hr)
        publish.hr_plan_publish(actor=hr, organization=organization, fiscal_year=YEAR)
        result = providers.hr_plan_evidence(organization, YEAR)
        assert not result.placeholder and result.passed
        assert [c.message_th for c in result.checks] == [
            "หลักเกณฑ์การบริหารทรัพยากรบุคคลที่ใช้บังคับ 2 ฉบับ: "
            "การสรรหาและบรรจุแต่งตั้ง, การประเมินผลการปฏิบัติงาน",
            "แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2569 "
            "(1 โครงการ/กิจกรรม อนุมัติเมื่อ 20 กันยายน 2568)",
            "ผู้บริหารอนุมัติแล้ว: ประเสริฐ ศรีสุข (นายกองค์การบริหารส่วนตำบลบ้านดง) "
            "เมื่อ 20 กันยายน 2568",
        ]

    def test_plan_2568_needs_the_four_kinds(self, organization, people):
        hr = people["hr"].user
        full_year(organization, hr, 2568, categories=("development", "appraisal"))
        publish.hr_plan_publish(actor=hr, organization=organization, fiscal_year=2568)
        result = providers.hr_plan_evidence(organization, 2568)
        assert not result.passed
        assert result.checks[0].message_th == (
            "แผนที่เผยแพร่ยังไม่มีโครงการด้านการสรรหา การรักษาบุคลากรและการสร้างขวัญกำลังใจ"
        )
        plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=2568)
        add_project(plan, hr, "สรรหา", "recruitment")
        add_project(plan, hr, "ขวัญกำลังใจ", "retention")
        publish.hr_plan_publish(actor=hr, organization=organization, fiscal_year=2568)
        assert providers.hr_plan_evidence(organization, 2568).passed

    def test_report_of_the_previous_year(self, organization, people):
        hr = people["hr"].user
        result = providers.hr_report_evidence(organization, YEAR)
        assert result.placeholder and not result.passed
        assert result.checks[0].message_th == (
            "ยังไม่ได้เผยแพร่รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ปีงบประมาณ พ.ศ. 2568"
        )
        full_year(organization, hr, 2568)
        train(
            organization,
            hr,
            people["alice"],
            "อบรม",
            hours="7.5",
            start_on=datetime.date(2025, 3, 3),
        )
        publish.hr_report_publish(actor=hr, organization=organization, fiscal_year=2568)
        result = providers.hr_report_evidence(organization, YEAR)
        assert result.passed and not result.placeholder
        assert result.url == f"/{organization.slug}/integrity/hr/2568/report/"
        assert result.checks[0].message_th == (
            "รายงานผลปีงบประมาณ พ.ศ. 2568: 1 โครงการ/กิจกรรม "
            "ผู้ผ่านการพัฒนา 1 คน รวม 7.5 ชั่วโมง"
        )


class TestTenancy:
    def test_another_organisations_objects_are_404(
        self, client, organization, other_organization, people
    ):
        theirs = member(other_organization, Role.HR_OFFICER, "คนอื่น")
        record = train(other_organization, theirs.user, None, "ของเขา", person_name="ก")
        plan = full_year(other_organization, theirs.user)
        project = plan.projects.get()
        client.force_login(people["hr"].user)
        for url in (
            staff("hr-training-edit", organization, pk=record.pk),
            staff("hr-project-edit", organization, pk=project.pk),
            staff("hr-project-result", organization, pk=project.pk),
        ):
            assert client.get(url).status_code == 404
        delete = staff("hr-project-delete", organization, pk=project.pk)
        assert client.post(delete).status_code == 404
        assert plan.projects.count() == 1
        publish.hr_plan_publish(
            actor=theirs.user, organization=other_organization, fiscal_year=YEAR
        )
        assert (
            client.get(public("hr-year", organization, fiscal_year=YEAR)).status_code
            == 404
        )
