"""Published means frozen: a published plan, its progress and its public
reports stay as published until the plan is published again; reports carry
the narrative sections staff write; due dates are checked against the plan's
fiscal year."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.core.publications import publication_list
from prongsai.plans import (
    reports_documents,
    selectors_publication,
    services,
    services_measures,
    services_publication,
)
from prongsai.plans.models import Plan, PlanReport, PlanVersion
from prongsai.plans.tests.test_services import add_measure, make_plan

pytestmark = pytest.mark.django_db

OUTSIDE = "วันที่ครบกำหนดอยู่นอกปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569) — ระบุเหตุผล"


@pytest.fixture
def plan(organization, coordinator, executive, owner):
    plan = make_plan(organization, coordinator)
    add_measure(plan, coordinator, owner, title="จัดทำทะเบียนการยืมพัสดุ")
    services.plan_submit(actor=coordinator.user, plan=plan)
    return services.plan_approve(actor=executive.user, plan=plan)


def staff_url(name, plan, **kwargs):
    return reverse(
        f"plans-staff:{name}",
        kwargs={"org": plan.organization.slug, "pk": plan.pk, **kwargs},
    )


def public_url(name, plan):
    return reverse(
        f"plans-public:{name}", kwargs={"org": plan.organization.slug, "pk": plan.pk}
    )


def report_progress(owner, measure, narrative, percent=40):
    """A report within fiscal year 2569, later for a higher percentage."""
    return services_measures.progress_record(
        actor=owner.user,
        measure=measure,
        reported_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=2 * percent),
        status="in_progress",
        percent_done=percent,
        kpi_value=None,
        narrative=narrative,
    )


def revise_and_approve(plan, coordinator, executive, **changes):
    plan = services.plan_revise(
        actor=coordinator.user, plan=plan, reason="งบประมาณถูกปรับลด"
    )
    measure = plan.measures.get()
    services_measures.measure_update(
        actor=coordinator.user, measure=measure, data=changes
    )
    services.plan_submit(actor=coordinator.user, plan=plan)
    return services.plan_approve(actor=executive.user, plan=plan)


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    """The PDF's text without white space (pdftotext reads sara am as sara aa)."""
    executable = shutil.which("pdftotext")
    if executable is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(  # noqa: S603 (a fixed program on our own PDF)
        [executable, "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return norm(text)


def norm(text: str) -> str:
    return "".join(text.split()).replace("\u0e4d", "").replace("\u0e33", "\u0e32")


class TestPublish:
    def test_publication_records_who_when_and_what(self, plan, coordinator, owner):
        report_progress(owner, plan.measures.get(), "เริ่มจัดทำทะเบียน")
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
        [stored] = publication_list(plan)
        assert stored.number == 1
        publication = selectors_publication.publication_get_latest(plan)
        assert publication.published_at == plan.published_at
        assert publication.published_by == coordinator.user
        assert publication.published_by_name == coordinator.user.display_name
        assert publication.version.number == 1
        snapshot = publication.snapshot
        assert snapshot["content"]["measures"][0]["title"] == "จัดทำทะเบียนการยืมพัสดุ"
        measure = plan.measures.get()
        assert snapshot["progress"][str(measure.pk)]["percent_done"] == 40
        assert set(snapshot["reports"]) == {"h1", "year"}
        assert snapshot["reports"]["year"]["rows"][0]["percent"] == 40
        event = AuditEvent.objects.filter(action="plan.publish").get()
        assert event.changes["version"] == 1

    def test_only_an_approved_plan_is_published(self, organization, coordinator):
        draft = make_plan(organization, coordinator)
        with pytest.raises(DomainError):
            services.plan_publish(actor=coordinator.user, plan=draft)
        assert publication_list(draft) == []

    def test_publishing_again_keeps_the_earlier_publication(
        self, plan, coordinator, owner
    ):
        services.plan_publish(actor=coordinator.user, plan=plan)
        report_progress(owner, plan.measures.get(), "ความคืบหน้าใหม่", percent=70)
        services.plan_publish(actor=coordinator.user, plan=plan)
        assert [p.number for p in publication_list(plan)] == [2, 1]
        latest = selectors_publication.publication_get_latest(plan)
        assert next(iter(latest.snapshot["progress"].values()))["percent_done"] == 70

    def test_unpublish_keeps_the_record(self, plan, coordinator, client):
        services.plan_publish(actor=coordinator.user, plan=plan)
        services_publication.plan_unpublish(actor=coordinator.user, plan=plan)
        assert publication_list(plan)
        assert client.get(public_url("plan-detail", plan)).status_code == 404


class TestPublicPageIsFrozen:
    def test_states_when_and_by_whom(self, plan, coordinator, client):
        services.plan_publish(actor=coordinator.user, plan=plan)
        page = client.get(public_url("plan-detail", plan)).content.decode()
        publication = selectors_publication.publication_get_latest(plan)
        from prongsai.core.thai_dates import format_datetime

        assert "เผยแพร่เมื่อ" in page
        assert format_datetime(publication.published_at) in page
        assert "สุภาพร แก้วมณี" in page

    def test_later_edits_wait_for_the_next_publication(
        self, plan, coordinator, executive, owner, client
    ):
        report_progress(owner, plan.measures.get(), "เริ่มจัดทำทะเบียน", percent=40)
        services.plan_publish(actor=coordinator.user, plan=plan)
        report_progress(owner, plan.measures.get(), "เกือบเสร็จ", percent=90)
        plan = revise_and_approve(
            plan,
            coordinator,
            executive,
            title="ทะเบียนการยืมพัสดุออนไลน์",
            kpi_target=Decimal("11"),
        )
        page = client.get(public_url("plan-detail", plan)).content.decode()
        assert "จัดทำทะเบียนการยืมพัสดุ" in page
        assert "ทะเบียนการยืมพัสดุออนไลน์" not in page
        assert "≥ 90.00" in page  # the published target
        assert "40%" in page and "90%" not in page
        listing = client.get(
            reverse("plans-public:plan-list", kwargs={"org": plan.organization.slug})
        ).content.decode()
        assert "ทะเบียนการยืมพัสดุออนไลน์" not in listing

        services.plan_publish(actor=coordinator.user, plan=plan)
        page = client.get(public_url("plan-detail", plan)).content.decode()
        assert "ทะเบียนการยืมพัสดุออนไลน์" in page
        assert "≥ 11.00" in page
        assert "90%" in page

    def test_public_report_is_the_published_one(self, plan, coordinator, owner, client):
        report_progress(owner, plan.measures.get(), "ส่งทะเบียนฉบับแรกแล้ว")
        services.plan_publish(actor=coordinator.user, plan=plan)
        report_progress(owner, plan.measures.get(), "ข้อความหลังเผยแพร่", percent=80)
        response = client.get(public_url("plan-annual-report-docx", plan))
        assert response.status_code == 200
        text = docx_text(response.content)
        assert "ส่งทะเบียนฉบับแรกแล้ว" in text
        assert "ข้อความหลังเผยแพร่" not in text
        # The staff's report is the live one.
        client.force_login(coordinator.user)
        live = client.get(
            staff_url("plan-report", plan), {"period": "year", "format": "docx"}
        )
        assert "ข้อความหลังเผยแพร่" in docx_text(live.content)

    def test_public_pdf_is_the_published_one(self, plan, coordinator, owner, client):
        report_progress(owner, plan.measures.get(), "ส่งทะเบียนฉบับแรกแล้ว")
        services.plan_publish(actor=coordinator.user, plan=plan)
        report_progress(owner, plan.measures.get(), "ข้อความหลังเผยแพร่", percent=80)
        response = client.get(public_url("plan-annual-report", plan))
        assert response["Content-Type"] == "application/pdf"
        text = pdf_text(response.content)
        assert norm("ส่งทะเบียนฉบับแรกแล้ว") in text
        assert norm("ข้อความหลังเผยแพร่") not in text

    def test_public_report_is_kept_and_made_again_when_published_again(
        self, plan, coordinator, owner, client, django_capture_on_commit_callbacks
    ):
        report_progress(owner, plan.measures.get(), "ส่งทะเบียนฉบับแรกแล้ว")
        services.plan_publish(actor=coordinator.user, plan=plan)
        first = client.get(public_url("plan-annual-report-docx", plan))
        assert first["X-Public-Document"] == "made"
        again = client.get(public_url("plan-annual-report-docx", plan))
        assert again["X-Public-Document"] == "stored"
        assert "ส่งทะเบียนฉบับแรกแล้ว" in docx_text(b"".join(again.streaming_content))
        report_progress(owner, plan.measures.get(), "ข้อความรอบสอง", percent=80)
        with django_capture_on_commit_callbacks(execute=True):
            services.plan_publish(actor=coordinator.user, plan=plan)
        latest = client.get(public_url("plan-annual-report-docx", plan))
        body = (
            b"".join(latest.streaming_content) if latest.streaming else latest.content
        )
        assert "ข้อความรอบสอง" in docx_text(body)

    def test_plan_published_before_publications_were_kept(self, plan, client):
        Plan.objects.filter(pk=plan.pk).update(published_at=timezone.now())
        response = client.get(public_url("plan-detail", plan))
        assert response.status_code == 200
        assert "จัดทำทะเบียนการยืมพัสดุ" in response.content.decode()
        assert client.get(public_url("plan-six-month-report", plan)).status_code == 200


class TestUnpublishedChanges:
    def test_nothing_changed_right_after_publishing(self, plan, coordinator):
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
        assert plan.published_at is not None
        assert selectors_publication.plan_publication_changes(plan) == []

    def test_progress_narrative_and_new_version_are_listed(
        self, plan, coordinator, executive, owner, client
    ):
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
        report_progress(owner, plan.measures.get(), "ความคืบหน้าใหม่")
        changes = selectors_publication.plan_publication_changes(plan)
        assert changes == ["มีการรายงานความคืบหน้าหลังจากเผยแพร่แผน"]
        services_publication.plan_report_narrative_update(
            actor=coordinator.user, plan=plan, period="year", problems="งบไม่พอ"
        )
        assert len(selectors_publication.plan_publication_changes(plan)) == 2
        plan = services.plan_revise(actor=coordinator.user, plan=plan, reason="ปรับ")
        services_measures.measure_update(
            actor=coordinator.user,
            measure=plan.measures.get(),
            data={"title": "ชื่อใหม่"},
        )
        changes = selectors_publication.plan_publication_changes(plan)
        assert any("แก้ไขแผน" in c for c in changes)
        services.plan_submit(actor=coordinator.user, plan=plan)
        services.plan_approve(actor=executive.user, plan=plan)
        changes = selectors_publication.plan_publication_changes(plan)
        assert any("ฉบับที่ 2" in c for c in changes)

        client.force_login(coordinator.user)
        page = client.get(plan.get_staff_url()).content.decode()
        assert "มีการแก้ไขที่ยังไม่ได้เผยแพร่" in page
        assert "เผยแพร่อีกครั้ง" in page

    def test_staff_page_without_changes(self, plan, coordinator, client):
        plan = services.plan_publish(actor=coordinator.user, plan=plan)
        client.force_login(coordinator.user)
        page = client.get(plan.get_staff_url()).content.decode()
        assert 'id="publication-status"' in page
        assert "มีการแก้ไขที่ยังไม่ได้เผยแพร่" not in page


class TestNarrative:
    TEXTS = {
        "problems": "เจ้าหน้าที่พัสดุย้ายกลางปี",
        "obstacles": "ระบบอินเทอร์เน็ตขัดข้องบ่อย",
        "suggestions": "ควรจัดอบรมผู้ปฏิบัติงานแทน",
    }

    def test_service_writes_and_audits(self, plan, coordinator):
        report = services_publication.plan_report_narrative_update(
            actor=coordinator.user, plan=plan, period="h1", **self.TEXTS
        )
        assert report.problems == self.TEXTS["problems"]
        report = services_publication.plan_report_narrative_update(
            actor=coordinator.user,
            plan=plan,
            period="h1",
            **{**self.TEXTS, "obstacles": "  อื่น ๆ  "},
        )
        assert PlanReport.objects.filter(plan=plan).count() == 1
        assert report.obstacles == "อื่น ๆ"
        assert AuditEvent.objects.filter(action="plan.report_narrative").count() == 2

    def test_unknown_period_is_refused(self, plan, coordinator):
        with pytest.raises(DomainError) as error:
            services_publication.plan_report_narrative_update(
                actor=coordinator.user, plan=plan, period="q9"
            )
        assert error.value.field == "period"

    def test_in_docx_pdf_and_snapshot(self, plan, coordinator):
        services_publication.plan_report_narrative_update(
            actor=coordinator.user, plan=plan, period="year", **self.TEXTS
        )
        content, _name, _type = reports_documents.plan_report_file(
            plan=plan, period="year", file_format="docx"
        )
        text = docx_text(content)
        assert "ปัญหา" in text and "อุปสรรค" in text and "ข้อเสนอแนะ" in text
        for value in self.TEXTS.values():
            assert value in text
        pdf, _name, _type = reports_documents.plan_report_file(
            plan=plan, period="year", file_format="pdf"
        )
        pdf_plain = pdf_text(pdf)
        for value in self.TEXTS.values():
            assert norm(value) in pdf_plain
        services.plan_publish(actor=coordinator.user, plan=plan)
        snapshot = selectors_publication.publication_get_latest(plan).snapshot
        assert snapshot["reports"]["year"]["narrative"] == self.TEXTS
        assert snapshot["narratives"]["year"] == self.TEXTS

    def test_staff_form(self, plan, coordinator, client):
        client.force_login(coordinator.user)
        address = staff_url("plan-report-narrative", plan, period="q1")
        assert client.get(address).status_code == 200
        response = client.post(address, self.TEXTS)
        assert response.status_code == 302
        assert (
            PlanReport.objects.get(plan=plan, period="q1").suggestions
            == (self.TEXTS["suggestions"])
        )
        assert (
            client.get(
                staff_url("plan-report-narrative", plan, period="q9")
            ).status_code
            == 404
        )

    def test_plain_staff_cannot_write(self, plan, member, client):
        client.force_login(member.user)
        address = staff_url("plan-report-narrative", plan, period="q1")
        assert client.post(address, self.TEXTS).status_code == 403


def test_draft_version_reads_not_approved_yet(plan, coordinator, client):
    services.plan_revise(actor=coordinator.user, plan=plan, reason="ปรับแผน")
    client.force_login(coordinator.user)
    page = client.get(plan.get_staff_url()).content.decode()
    table = page[page.index('id="version-table"') :]
    table = table[: table.index("</table>")]
    assert "ยังไม่ได้อนุมัติ" in table
    assert PlanVersion.objects.filter(plan=plan, approved_at__isnull=True).exists()


class TestDueDateInFiscalYear:
    def test_outside_without_reason_is_refused(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(DomainError) as error:
            add_measure(plan, coordinator, due_date=datetime.date(2026, 10, 15))
        assert error.value.field == "due_date"
        assert error.value.message == OUTSIDE
        assert not plan.measures.exists()

    def test_before_the_year_is_refused_too(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        with pytest.raises(DomainError):
            add_measure(
                plan,
                coordinator,
                start_date=datetime.date(2025, 9, 1),
                due_date=datetime.date(2025, 9, 30),
            )

    def test_bounds_are_inside(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        measure = add_measure(
            plan,
            coordinator,
            start_date=datetime.date(2025, 10, 1),
            due_date=datetime.date(2025, 10, 1),
        )
        services_measures.measure_update(
            actor=coordinator.user,
            measure=measure,
            data={"due_date": datetime.date(2026, 9, 30)},
        )

    def test_outside_with_reason_is_kept(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        measure = add_measure(
            plan,
            coordinator,
            due_date=datetime.date(2026, 11, 30),
            due_date_reason="รอผลการจัดซื้อที่ผูกพันข้ามปี",
        )
        assert measure.due_date_reason == "รอผลการจัดซื้อที่ผูกพันข้ามปี"

    def test_update_checks_the_date_and_the_reason(self, organization, coordinator):
        plan = make_plan(organization, coordinator)
        measure = add_measure(plan, coordinator)
        with pytest.raises(DomainError) as error:
            services_measures.measure_update(
                actor=coordinator.user,
                measure=measure,
                data={"due_date": datetime.date(2026, 12, 1)},
            )
        assert error.value.field == "due_date"
        outside = add_measure(
            plan,
            coordinator,
            due_date=datetime.date(2026, 11, 30),
            due_date_reason="ผูกพันข้ามปี",
        )
        with pytest.raises(DomainError):
            services_measures.measure_update(
                actor=coordinator.user, measure=outside, data={"due_date_reason": ""}
            )

    def test_form_shows_the_error_and_keeps_the_input(
        self, organization, coordinator, client
    ):
        plan = make_plan(organization, coordinator)
        client.force_login(coordinator.user)
        values = {
            "title": "มาตรการข้ามปี",
            "responsible_unit": "กองช่าง",
            "start_date": "01/10/2568",
            "due_date": "15/10/2569",
            "budget": "5000",
            "kpi_direction": "at_least",
        }
        response = client.post(staff_url("measure-create", plan), values)
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["due_date"] == [OUTSIDE]
        page = response.content.decode()
        assert OUTSIDE in page
        assert "มาตรการข้ามปี" in page and "กองช่าง" in page
        assert "15/10/2569" in page
        assert not plan.measures.exists()
        response = client.post(
            staff_url("measure-create", plan),
            {**values, "due_date_reason": "ผูกพันงบประมาณข้ามปี"},
        )
        assert response.status_code == 302
        assert plan.measures.get().due_date_reason == "ผูกพันงบประมาณข้ามปี"


def test_site_search_indexes_the_published_plan_not_the_draft(
    plan, coordinator, executive
):
    from prongsai.plans.search import plan_document

    assert plan_document(plan) is None  # approved, not published yet
    services.plan_publish(actor=coordinator.user, plan=plan)
    plan = revise_and_approve(
        plan, coordinator, executive, title="ทะเบียนการยืมพัสดุออนไลน์"
    )
    document = plan_document(plan)
    assert "จัดทำทะเบียนการยืมพัสดุ" in document.text
    assert "ทะเบียนการยืมพัสดุออนไลน์" not in document.text
    services.plan_publish(actor=coordinator.user, plan=plan)
    assert "ทะเบียนการยืมพัสดุออนไลน์" in plan_document(plan).text
