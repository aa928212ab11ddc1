"""Development plan pages: who may see and change what, the forms (nothing
typed is lost), the import upload/preview/commit, the ผ.01/ผ.02 documents,
publishing (frozen until published again), the public page and the O5
evidence."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget import (
    documents_plan,
    selectors_plan,
    services_plan,
    services_plan_projects,
)
from prongsai.budget import oit_evidence_plan as evidence
from prongsai.budget import services_plan_publish as publish
from prongsai.budget.models import Project
from prongsai.budget.models_documents import PlanImport
from prongsai.core.errors import DomainError
from prongsai.core.testing import fetch_document
from prongsai.oit.registry import provider_get
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans.tests.test_publication import pdf_text

from . import plan_samples as samples

pytestmark = pytest.mark.django_db


def member(organization, role):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=[role.value])
    return user


@pytest.fixture
def planner(organization):
    return member(organization, Role.PLANNING_OFFICER)


@pytest.fixture
def finance(organization):
    return member(organization, Role.FINANCE_OFFICER)


@pytest.fixture
def plan(organization, planner):
    plan = services_plan.plan_create(
        actor=planner,
        organization=organization,
        first_year=2566,
        approved_on=datetime.date(2021, 10, 25),
        vision="ตำบลน่าอยู่",
    )
    strategy = services_plan.strategy_create(
        actor=planner,
        plan=plan,
        number=1,
        name="การพัฒนาด้านโครงสร้างพื้นฐาน",
        goal="ประชาชนมีถนนที่ดี",
        indicators="ถนนได้มาตรฐานร้อยละ 80",
    )
    programme = services_plan.programme_create(
        actor=planner, strategy=strategy, name="แผนงานเคหะและชุมชน"
    )
    services_plan_projects.project_create(
        actor=planner,
        plan=plan,
        programme=programme,
        name="โครงการก่อสร้างถนน คสล. หมู่ที่ 1",
        target="ยาว 200 เมตร",
        responsible_unit="กองช่าง",
        amounts={2566: Decimal("1234567.50"), 2569: Decimal("500000")},
    )
    return plan


def url(name, organization, **kwargs):
    return reverse(f"budget-staff:{name}", kwargs={"org": organization.slug, **kwargs})


# --- access ------------------------------------------------------------------------


def test_viewers_see_but_only_planners_change(client, organization, plan, finance):
    client.force_login(finance)
    page = client.get(url("plan-detail", organization, pk=plan.pk))
    assert page.status_code == 200
    assert "โครงการก่อสร้างถนน คสล. หมู่ที่ 1" in page.content.decode()
    assert "1,234,567.50" in page.content.decode()
    assert client.get(url("plan-create", organization)).status_code == 403
    assert client.post(url("plan-publish", organization, pk=plan.pk)).status_code == 403
    staff = member(organization, Role.STAFF)
    client.force_login(staff)
    assert client.get(url("plan-list", organization)).status_code == 403


def test_menu_link_for_viewers_only(client, organization, plan, finance):
    client.force_login(finance)
    home = client.get(url("plan-list", organization)).content.decode()
    assert url("plan-list", organization) in home
    client.force_login(member(organization, Role.STAFF))
    other = client.get(
        reverse("organizations-staff:my-line", kwargs={"org": organization.slug})
    )
    assert url("plan-list", organization) not in other.content.decode()


# --- forms -------------------------------------------------------------------------


def test_create_a_plan_then_its_parts(client, organization, planner):
    client.force_login(planner)
    response = client.post(
        url("plan-create", organization),
        {"first_year": "2571", "approved_on": "25/10/2569", "title": ""},
    )
    plan = organization.development_plans.get(first_year=2571)
    assert response.status_code == 302
    assert plan.last_year == 2575
    assert plan.approved_on == datetime.date(2026, 10, 25)
    client.post(
        url("plan-strategy-create", organization, plan_pk=plan.pk),
        {"number": "1", "name": "ด้านเศรษฐกิจ", "goal": "", "indicators": ""},
    )
    strategy = plan.strategies.get(organization=organization)
    client.post(
        url("plan-programme-create", organization, plan_pk=plan.pk),
        {"strategy": strategy.pk, "name": "แผนงานการเกษตร"},
    )
    programme = strategy.programmes.get(organization=organization)
    response = client.post(
        url("plan-project-create", organization, plan_pk=plan.pk),
        {
            "programme": programme.pk,
            "name": "โครงการส่งเสริมอาชีพ",
            "year_2571": "๑๐๐,๐๐๐",
            "year_2572": "-",
            "year_2573": "50,000.50",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(organization=organization, plan=plan)
    tree = selectors_plan.plan_tree(plan=plan)
    assert tree["totals"][:3] == [Decimal("100000"), 0, Decimal("50000.50")]
    assert project.number == 1


def test_bad_amount_keeps_what_was_typed(client, organization, plan, planner):
    client.force_login(planner)
    programme = selectors_plan.programme_list(plan=plan)[0]
    response = client.post(
        url("plan-project-create", organization, plan_pk=plan.pk),
        {
            "programme": programme.pk,
            "name": "โครงการที่พิมพ์ไว้",
            "year_2566": "abc",
            "year_2567": "-5",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "โครงการที่พิมพ์ไว้" in content
    assert "ไม่ใช่จำนวนเงินบาท" in content
    assert "จำนวนเงินติดลบไม่ได้" in content


def test_duplicate_number_is_a_field_error(client, organization, plan, planner):
    client.force_login(planner)
    programme = selectors_plan.programme_list(plan=plan)[0]
    response = client.post(
        url("plan-project-create", organization, plan_pk=plan.pk),
        {"programme": programme.pk, "name": "ซ้ำ", "number": "1"},
    )
    assert "ลำดับโครงการ 1 ใช้แล้ว" in response.content.decode()


def test_edit_a_project_shows_its_amounts_and_records_the_change(
    client, organization, plan, planner
):
    client.force_login(planner)
    project = Project.objects.filter(organization=organization).order_by("pk").get()
    edit = url("plan-project-edit", organization, pk=project.pk)
    assert 'value="1,234,567.50"' in client.get(edit).content.decode()
    amendment = services_plan.amendment_create(
        actor=planner,
        plan=plan,
        kind="change",
        approved_on=datetime.date(2024, 5, 1),
    )
    client.post(
        edit,
        {
            "programme": project.programme_id,
            "number": "1",
            "name": project.name,
            "year_2566": "1,000",
            "amendment": amendment.pk,
        },
    )
    project.refresh_from_db()
    assert project.amendment == amendment
    detail = client.get(url("plan-detail", organization, pk=plan.pk)).content.decode()
    assert "แผนพัฒนาเปลี่ยนแปลง ครั้งที่ 1" in detail


def test_amendment_form(client, organization, plan, planner):
    client.force_login(planner)
    response = client.post(
        url("plan-amendment-create", organization, plan_pk=plan.pk),
        {"kind": "addition", "approved_on": "01/06/2566", "number": ""},
    )
    assert response.status_code == 302
    response = client.post(
        url("plan-amendment-create", organization, plan_pk=plan.pk),
        {"kind": "addition", "approved_on": "01/06/2560", "number": ""},
    )
    assert "ก่อนแผนพัฒนาท้องถิ่น" in response.content.decode()


# --- import ------------------------------------------------------------------------


def upload(content, name="p02.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_import_upload_preview_and_commit(client, organization, planner):
    client.force_login(planner)
    plan = services_plan.plan_create(
        actor=planner, organization=organization, first_year=2566
    )
    response = client.post(
        url("plan-import", organization, plan_pk=plan.pk),
        {"file": upload(samples.p02_xlsx())},
    )
    batch = PlanImport.objects.get(organization=organization)
    assert response.url == url("plan-import-preview", organization, pk=batch.pk)
    preview = client.get(response.url).content.decode()
    assert "โครงการป้องกันโรคไข้เลือดออก" in preview
    assert "1,200,000.00" in preview
    response = client.post(url("plan-import-preview", organization, pk=batch.pk))
    assert response.url == url("plan-detail", organization, pk=plan.pk)
    assert Project.objects.filter(organization=organization).count() == 4


def test_import_preview_lists_problems(client, organization, plan, planner):
    client.force_login(planner)
    rows = samples.p02_rows()
    rows[7][6] = "หนึ่งแสน"
    client.post(
        url("plan-import", organization, plan_pk=plan.pk),
        {"file": upload(samples.p02_xlsx(rows))},
    )
    batch = PlanImport.objects.get(organization=organization)
    page = client.get(url("plan-import-preview", organization, pk=batch.pk))
    content = page.content.decode()
    assert "แถวที่ 8" in content and "G (2566)" in content
    assert "“หนึ่งแสน” ไม่ใช่จำนวนเงินบาท" in content
    retry = url("plan-import", organization, plan_pk=plan.pk)
    assert f'href="{retry}"' in content  # upload a corrected file
    client.post(url("plan-import-preview", organization, pk=batch.pk))
    assert Project.objects.filter(organization=organization).count() == 1


def test_import_as_amendment_needs_its_date(client, organization, plan, planner):
    client.force_login(planner)
    response = client.post(
        url("plan-import", organization, plan_pk=plan.pk),
        {"file": upload(samples.p02_xlsx()), "amendment_kind": "addition"},
    )
    assert response.status_code == 200
    assert "กรุณาระบุวันที่อนุมัติแผนเพิ่มเติม" in response.content.decode()


def test_import_refuses_other_files(client, organization, plan, planner):
    client.force_login(planner)
    response = client.post(
        url("plan-import", organization, plan_pk=plan.pk),
        {"file": upload(b"hello", "p02.pdf")},
    )
    assert ".xlsx หรือ .csv" in response.content.decode()


# --- documents ---------------------------------------------------------------------


def test_p02_and_p01_pdfs_have_thai_digits_and_the_figures(plan):
    with translation.override("th"):
        snapshot = selectors_plan.plan_snapshot(plan=plan)
        p02 = pdf_text(documents_plan.p02_pdf(snapshot))
        p01 = pdf_text(documents_plan.p01_pdf(snapshot))
    assert "รายละเอียดโครงการพัฒนา" in p02
    assert "ผ.๐๒" in p02
    assert "๑,๒๓๔,๕๖๗.๕๐" in p02
    assert "ยุทธศาสตร์ที่๑การพัฒนาด้านโครงสร้างพื้นฐาน" in p02
    assert "บัญชีสรุปโครงการพัฒนา" in p01
    assert "๑,๗๓๔,๕๖๗.๕๐" in p01  # the plan's total


def test_docx_documents(client, organization, plan, finance):
    client.force_login(finance)
    for document in ("p01", "p02"):
        response = fetch_document(
            client,
            url(
                "plan-document",
                organization,
                pk=plan.pk,
                document=document,
                extension="docx",
            ),
        )
        assert response.status_code == 200
        xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml")
        assert "๑,๒๓๔,๕๖๗.๕๐".encode() in xml
    response = fetch_document(
        client,
        url("plan-document", organization, pk=plan.pk, document="p02", extension="pdf"),
    )
    assert response.content.startswith(b"%PDF")


# --- publishing, the public page and O5 ---------------------------------------------


def public(organization, first_year=None):
    if first_year is None:
        return reverse("budget-public:plan", kwargs={"org": organization.slug})
    return reverse(
        "budget-public:plan-year",
        kwargs={"org": organization.slug, "first_year": first_year},
    )


def test_public_page_shows_only_what_was_published(client, organization, plan, planner):
    assert "ยังไม่ได้เผยแพร่" in client.get(public(organization)).content.decode()
    assert client.get(public(organization, 2566)).status_code == 404
    client.force_login(planner)
    client.post(url("plan-publish", organization, pk=plan.pk))
    client.logout()
    page = client.get(public(organization, 2566)).content.decode()
    assert "ประชาชนมีถนนที่ดี" in page  # goal
    assert "ถนนได้มาตรฐานร้อยละ 80" in page  # indicators
    assert "โครงการก่อสร้างถนน คสล. หมู่ที่ 1" in page
    strategy = selectors_plan.strategy_list(plan=plan)[0]
    services_plan.strategy_update(
        actor=planner,
        strategy=strategy,
        number=1,
        name="ชื่อใหม่ยังไม่เผยแพร่",
        goal=strategy.goal,
        indicators=strategy.indicators,
    )
    page = client.get(public(organization)).content.decode()
    assert "ชื่อใหม่ยังไม่เผยแพร่" not in page
    pdf = fetch_document(
        client,
        reverse(
            "budget-public:plan-download",
            kwargs={
                "org": organization.slug,
                "first_year": 2566,
                "document": "p02",
                "extension": "pdf",
            },
        ),
    )
    assert pdf.content.startswith(b"%PDF")
    assert "ชื่อใหม่" not in pdf_text(pdf.content)
    p01 = reverse(
        "budget-public:plan-download",
        kwargs={
            "org": organization.slug,
            "first_year": 2566,
            "document": "p01",
            "extension": "docx",
        },
    )
    made = client.get(p01)
    assert made["X-Public-Document"] == "made" and made.content[:2] == b"PK"
    kept = client.get(p01)  # kept in storage (core.public_documents)
    assert kept["X-Public-Document"] == "stored"
    assert b"".join(kept.streaming_content) == made.content


def test_publish_refuses_a_plan_without_goals_or_approval(organization, planner):
    with translation.override("th"):
        plan = services_plan.plan_create(
            actor=planner, organization=organization, first_year=2571
        )
        services_plan.strategy_create(actor=planner, plan=plan, number=1, name="x")
        with pytest.raises(DomainError, match="ยังไม่มีเป้าประสงค์และตัวชี้วัด"):
            publish.plan_publish(actor=planner, plan=plan)


def test_withdraw(
    client, organization, plan, planner, django_capture_on_commit_callbacks
):
    publish.plan_publish(actor=planner, plan=plan)
    client.force_login(planner)
    p01 = reverse(
        "budget-public:plan-download",
        kwargs={
            "org": organization.slug,
            "first_year": 2566,
            "document": "p01",
            "extension": "pdf",
        },
    )
    assert client.get(p01).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("plan-publish", organization, pk=plan.pk), {"withdraw": "1"})
    assert client.get(public(organization, 2566)).status_code == 404
    assert client.get(p01).status_code == 404  # the kept copy is not served


def test_o5_evidence(organization, plan, planner):
    provider = provider_get("budget.development_plan")
    missing = provider.evidence(organization, 2569)
    assert missing.placeholder and not missing.passed
    assert "ยังไม่ได้เผยแพร่แผนพัฒนาท้องถิ่นที่ครอบคลุมปีงบประมาณ พ.ศ. 2569" in (
        missing.checks[0].message_th
    )
    publish.plan_publish(actor=planner, plan=plan)
    result = evidence.development_plan_evidence(organization, 2569)
    assert result.passed and not result.placeholder
    assert result.url == public(organization, 2566)
    assert len(result.checks) == 1
    old = evidence.development_plan_evidence(organization, 2568)
    assert [c.requirement_index for c in old.checks] == [0, 1]
    assert old.passed
    assert not evidence.development_plan_evidence(organization, 2571).passed


def test_o5_names_what_is_missing(organization, plan, planner):
    publish.plan_publish(actor=planner, plan=plan)
    strategy = services_plan.strategy_create(
        actor=planner, plan=plan, number=2, name="ด้านสังคม", goal="มีเป้า"
    )
    # The published snapshot is what counts: still passing until published again.
    assert evidence.development_plan_evidence(organization, 2568).passed
    from prongsai.core import publications

    snapshot = selectors_plan.plan_snapshot(plan=plan)
    publications.publication_publish(actor=planner, subject=plan, snapshot=snapshot)
    result = evidence.development_plan_evidence(organization, 2568)
    assert [c.passed for c in result.checks] == [True, False]
    assert "ตัวชี้วัดของยุทธศาสตร์ที่ 2" in result.checks[1].message_th
    assert strategy.number == 2
