"""Staff pages of the annual budget, its documents, publishing and the OIT
evidence of the operation plan."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget import (
    selectors,
    services_budget_publish,
    services_commitments,
    services_operation,
)
from prongsai.budget.models import Budget, BudgetChange, BudgetLine
from prongsai.budget.models_spending import Commitment, OperationItem
from prongsai.core.errors import DomainError
from prongsai.core.testing import fetch_document
from prongsai.oit.registry import provider_get
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.plans.tests.test_publication import norm, pdf_text
from prongsai.procurement.tests.factories import ProcurementFactory

from .factories import (
    BudgetFactory,
    BudgetLineFactory,
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2569
D = Decimal


def member(organization, role):
    return MembershipFactory(
        organization=organization, user=UserFactory(totp=True), roles=[role.value]
    ).user


@pytest.fixture
def planner(organization):
    return member(organization, Role.PLANNING_OFFICER)


@pytest.fixture
def finance(organization):
    return member(organization, Role.FINANCE_OFFICER)


@pytest.fixture
def budget(organization):
    return BudgetFactory(organization=organization, fiscal_year=YEAR)


@pytest.fixture
def project(organization):
    plan = DevelopmentPlanFactory(organization=organization, first_year=2566)
    programme = ProgrammeFactory(
        strategy=StrategyFactory(plan=plan, number=1, name="ด้านโครงสร้างพื้นฐาน"),
        name="แผนงานเคหะและชุมชน",
    )
    return ProjectFactory(
        programme=programme, number=3, name="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"
    )


@pytest.fixture
def road(budget, project):
    return BudgetLineFactory(
        budget=budget,
        item="โครงการก่อสร้างถนน คสล. หมู่ที่ 3",
        amount=D("500000"),
        project=project,
    )


def url(name, organization, **kwargs):
    return reverse(f"budget-staff:{name}", kwargs={"org": organization.slug, **kwargs})


class TestAccess:
    def test_a_plain_staff_member_is_refused(self, client, organization, budget):
        client.force_login(member(organization, Role.STAFF))
        assert client.get(url("years", organization)).status_code == 403
        assert client.get(url("year", organization, year=YEAR)).status_code == 403

    def test_finance_sees_but_cannot_add_lines(
        self, client, organization, finance, budget
    ):
        client.force_login(finance)
        assert client.get(url("year", organization, year=YEAR)).status_code == 200
        assert (
            client.get(url("line-create", organization, year=YEAR)).status_code == 403
        )
        assert (
            client.get(url("import", organization, year=YEAR, kind="lines")).status_code
            == 404
        )
        assert (
            client.get(
                url("import", organization, year=YEAR, kind="disbursements")
            ).status_code
            == 200
        )

    def test_unknown_year_is_404(self, client, organization, planner):
        client.force_login(planner)
        assert client.get(url("year", organization, year=2500)).status_code == 404

    def test_menu_link(self, client, organization, planner):
        client.force_login(planner)
        page = client.get(url("years", organization)).content.decode()
        assert url("years", organization) in page


class TestBudgetPages:
    def test_create_a_budget(self, client, organization, planner):
        client.force_login(planner)
        response = client.post(
            url("years", organization),
            {
                "fiscal_year": "2570",
                "title": "",
                "enacted_on": "15/09/2569",
                "estimated_revenue": "0",
            },
        )
        assert response.status_code == 302
        budget = Budget.objects.get(organization=organization, fiscal_year=2570)
        assert budget.enacted_on == datetime.date(2026, 9, 15)

    def test_year_page_shows_money_readiness_and_procurement(
        self, client, organization, planner, budget, road
    ):
        BudgetLineFactory(budget=budget, item="จัดซื้อเครื่องพิมพ์เลเซอร์")
        procurement = ProcurementFactory(
            organization=organization,
            fiscal_year=YEAR,
            title="จ้างก่อสร้างถนน",
            agreed_price=D("450000"),
        )
        services_commitments.commitment_link(
            actor=planner, procurement=procurement, line=road
        )
        client.force_login(planner)
        page = client.get(url("year", organization, year=YEAR)).content.decode()
        assert "จ้างก่อสร้างถนน" in page
        assert "450,000.00" in page and "50,000.00" in page
        assert "จัดซื้อเครื่องพิมพ์เลเซอร์" in page  # not linked to a project
        line_page = client.get(
            url("line", organization, year=YEAR, pk=road.pk)
        ).content.decode()
        assert "จ้างก่อสร้างถนน" in line_page

    def test_line_create_and_edit(self, client, organization, planner, budget, project):
        client.force_login(planner)
        data = {
            "programme": "แผนงานเคหะและชุมชน",
            "category": "investment",
            "item": "ก่อสร้างถนน",
            "amount": "100000",
            "project": str(project.pk),
        }
        assert (
            client.post(url("line-create", organization, year=YEAR), data).status_code
            == 302
        )
        line = BudgetLine.objects.get(item="ก่อสร้างถนน")
        assert line.project == project
        data.update(amount="120000", project="")
        response = client.post(
            url("line-edit", organization, year=YEAR, pk=line.pk), data
        )
        assert response.status_code == 302
        line.refresh_from_db()
        assert (line.amount, line.project) == (D("120000"), None)

    def test_over_transfer_shows_the_error_and_keeps_the_input(
        self, client, organization, planner, budget, road
    ):
        other = BudgetLineFactory(budget=budget, amount=D("0"))
        client.force_login(planner)
        response = client.post(
            url("transfer-create", organization, year=YEAR),
            {
                "number": "3/2569",
                "approved_on": "10/02/2569",
                "from_line": road.pk,
                "to_line": other.pk,
                "amount": "600000",
                "reason": "เหตุผลที่พิมพ์ไว้",
            },
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "500,000.00" in page and "เหตุผลที่พิมพ์ไว้" in page
        assert not BudgetChange.objects.exists()

    def test_transfer_to_a_new_line(self, client, organization, planner, budget, road):
        client.force_login(planner)
        response = client.post(
            url("transfer-create", organization, year=YEAR),
            {
                "approved_on": "10/02/2569",
                "from_line": road.pk,
                "amount": "1000",
                "new_programme": "แผนงานการศึกษา",
                "new_category": "investment",
                "new_item": "จัดซื้อพัดลม",
            },
        )
        assert response.status_code == 302
        assert BudgetChange.objects.get().to_line.item == "จัดซื้อพัดลม"

    def test_new_line_needs_its_fields(
        self, client, organization, planner, budget, road
    ):
        client.force_login(planner)
        response = client.post(
            url("supplementary-create", organization, year=YEAR),
            {"approved_on": "10/02/2569", "amount": "1000"},
        )
        assert response.status_code == 200
        assert not BudgetChange.objects.exists()

    def test_disbursement_grid(self, client, organization, finance, budget, road):
        client.force_login(finance)
        response = client.post(
            url("line", organization, year=YEAR, pk=road.pk),
            {"month_1": "1000", "month_6": "2,000"},
        )
        # "2,000" is not a number for the form: nothing saved, the page shows it.
        assert response.status_code == 200
        response = client.post(
            url("line", organization, year=YEAR, pk=road.pk),
            {"month_1": "1000", "month_6": "2000.50"},
        )
        assert response.status_code == 302
        money = selectors.budget_money(organization=organization, budget=budget).of(
            road
        )
        assert money.monthly == {1: D("1000"), 6: D("2000.50")}


def xlsx(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "lines.xlsx"
    return buffer


class TestImportPages:
    def test_upload_preview_commit(self, client, organization, planner, budget):
        client.force_login(planner)
        upload = xlsx(
            [
                ["แผนงาน", "งบ", "รายการ", "จำนวนเงิน"],
                ["แผนงานเคหะและชุมชน", "งบลงทุน", "ก่อสร้างถนน", "100,000"],
            ]
        )
        response = client.post(
            url("import", organization, year=YEAR, kind="lines"), {"file": upload}
        )
        assert response.status_code == 302
        preview = client.get(response["Location"]).content.decode()
        assert "ก่อสร้างถนน" in preview
        assert client.post(response["Location"]).status_code == 302
        assert BudgetLine.objects.get(budget=budget).amount == D("100000")

    def test_problems_listed(self, client, organization, planner, budget):
        client.force_login(planner)
        upload = xlsx(
            [["แผนงาน", "งบ", "รายการ", "จำนวนเงิน"], ["ก", "งบลงทุน", "ข", "abc"]]
        )
        response = client.post(
            url("import", organization, year=YEAR, kind="lines"), {"file": upload}
        )
        page = client.get(response["Location"]).content.decode()
        assert "abc" in page and "D (จำนวนเงิน)" in page
        retry = url("import", organization, year=YEAR, kind="lines")
        assert f'href="{retry}"' in page  # upload a corrected file

    def test_unknown_kind_is_404(self, client, organization, planner, budget):
        client.force_login(planner)
        assert (
            client.get(url("import", organization, year=YEAR, kind="x")).status_code
            == 404
        )


class TestProcurementPages:
    def test_confirm_a_suggestion(self, client, organization, planner, budget, road):
        procurement = ProcurementFactory(
            organization=organization,
            fiscal_year=YEAR,
            budget_category="investment",
            title="จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        )
        client.force_login(planner)
        assert (
            client.post(url("procurement-suggest", organization, year=YEAR)).status_code
            == 302
        )
        page = client.get(url("procurement", organization, year=YEAR)).content.decode()
        assert procurement.title in page
        commitment = Commitment.objects.get(procurement=procurement)
        client.post(
            url(
                "commitment-decide",
                organization,
                year=YEAR,
                pk=commitment.pk,
                decision="confirm",
            )
        )
        commitment.refresh_from_db()
        assert commitment.state == Commitment.State.CONFIRMED
        page = client.get(url("procurement", organization, year=YEAR)).content.decode()
        assert procurement.title not in page

    def test_link_by_hand(self, client, organization, planner, budget, road):
        procurement = ProcurementFactory(organization=organization, fiscal_year=YEAR)
        client.force_login(planner)
        response = client.post(
            url("procurement-link", organization, year=YEAR, pk=procurement.pk),
            {"line": road.pk},
        )
        assert response.status_code == 302
        assert Commitment.objects.get(procurement=procurement).state == "confirmed"

    def test_procurement_page_shows_its_budget_line(
        self, client, organization, planner, budget, road
    ):
        procurement = ProcurementFactory(organization=organization, fiscal_year=YEAR)
        detail = reverse(
            "procurement-staff:detail",
            kwargs={"org": organization.slug, "pk": procurement.pk},
        )
        client.force_login(member(organization, Role.PROCUREMENT_OFFICER))
        assert road.item not in client.get(detail).content.decode()
        services_commitments.commitment_link(
            actor=planner, procurement=procurement, line=road
        )
        page = client.get(detail).content.decode()
        assert road.item in page
        assert url("line", organization, year=YEAR, pk=road.pk) in page

    def test_procurement_of_another_year_is_404(
        self, client, organization, planner, budget
    ):
        procurement = ProcurementFactory(organization=organization, fiscal_year=2568)
        client.force_login(planner)
        assert (
            client.get(
                url("procurement-link", organization, year=YEAR, pk=procurement.pk)
            ).status_code
            == 404
        )


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


class TestDocumentsAndPublishing:
    def test_operation_plan_documents_and_publish(
        self, client, organization, planner, budget, road
    ):
        client.force_login(planner)
        client.post(url("operation-plan-generate", organization, year=YEAR))
        page = client.get(
            url("operation-plan", organization, year=YEAR)
        ).content.decode()
        assert "ถนนคอนกรีตเสริมเหล็ก" in page
        pdf = fetch_document(
            client,
            url("operation-plan-document", organization, year=YEAR, extension="pdf"),
        )
        assert pdf["Content-Type"] == "application/pdf"
        text = pdf_text(pdf.content)
        assert norm("แผนการดำเนินงาน") in text and "ต.ค." in text
        docx = fetch_document(
            client,
            url("operation-plan-document", organization, year=YEAR, extension="docx"),
        )
        assert "ถนนคอนกรีตเสริมเหล็ก" in docx_text(docx.content)
        assert (
            client.get(
                url("operation-plan-document", organization, year=YEAR, extension="odt")
            ).status_code
            == 404
        )
        public_pdf = reverse(
            "budget-public:operation-plan",
            kwargs={"org": organization.slug, "fiscal_year": YEAR},
        )
        client.logout()
        assert client.get(public_pdf).status_code == 404  # not published yet
        client.force_login(planner)
        client.post(url("operation-plan-publish", organization, year=YEAR))
        evidence = provider_get("budget.operation_plan").evidence(organization, YEAR)
        assert evidence.passed and not evidence.placeholder
        assert "1 โครงการ" in evidence.checks[0].message_th
        # The OIT evidence is the public, frozen copy, linked from the year page.
        assert evidence.url == public_pdf
        client.logout()
        published = client.get(public_pdf)
        assert published.status_code == 200
        assert published["Content-Type"] == "application/pdf"
        assert norm("แผนการดำเนินงาน") in pdf_text(published.content)
        year_page = client.get(
            reverse(
                "budget-public:year",
                kwargs={"org": organization.slug, "fiscal_year": YEAR},
            )
        ).content.decode()
        assert public_pdf in year_page

    def test_publish_refuses_an_empty_plan(self, planner, budget):
        with pytest.raises(DomainError):
            services_budget_publish.operation_plan_publish(actor=planner, budget=budget)

    def test_reports(self, client, organization, planner, budget, road):
        services_commitments.disbursements_save(
            actor=planner, line=road, amounts={2: D("100000")}
        )
        client.force_login(planner)
        for period in ("six_month", "annual"):
            page = client.get(url("report", organization, year=YEAR, period=period))
            assert page.status_code == 200 and "<svg" in page.content.decode()
        pdf = fetch_document(
            client,
            url(
                "report-document",
                organization,
                year=YEAR,
                period="six_month",
                extension="pdf",
            ),
        )
        text = pdf_text(pdf.content)
        assert "100,000.00" in text and "รอบ6เดือน" in text
        docx = fetch_document(
            client,
            url(
                "report-document",
                organization,
                year=YEAR,
                period="annual",
                extension="docx",
            ),
        )
        assert "100,000.00" in docx_text(docx.content)
        assert (
            client.get(url("report", organization, year=YEAR, period="q5")).status_code
            == 404
        )

    def test_oit_2568_also_needs_the_six_month_report(self, organization, planner):
        budget = BudgetFactory(organization=organization, fiscal_year=2568)
        BudgetLineFactory(budget=budget, amount=D("100"))
        provider = provider_get("budget.operation_plan")
        evidence = provider.evidence(organization, 2568)
        assert not evidence.passed and evidence.placeholder
        assert len(evidence.checks) == 2
        services_operation.operation_plan_generate(
            actor=planner, organization=organization, budget=budget
        )
        services_budget_publish.operation_plan_publish(actor=planner, budget=budget)
        evidence = provider.evidence(organization, 2568)
        assert [c.passed for c in evidence.checks] == [True, False]
        assert "6 เดือน" in evidence.checks[1].message_th
        services_budget_publish.six_month_report_publish(actor=planner, budget=budget)
        assert provider.evidence(organization, 2568).passed
        six_month = Client().get(
            reverse(
                "budget-public:six-month-report",
                kwargs={"org": organization.slug, "fiscal_year": 2568},
            )
        )
        assert six_month.status_code == 200
        assert six_month["Content-Type"] == "application/pdf"
        # Published means frozen: a later change does not reach the evidence.
        BudgetLineFactory(budget=budget, amount=D("999"))
        with pytest.raises(DomainError):
            services_budget_publish.operation_plan_publish(actor=planner, budget=budget)
        services_budget_publish.six_month_report_withdraw(actor=planner, budget=budget)
        assert not provider.evidence(organization, 2568).passed

    def test_oit_plan_without_months_fails(self, organization, planner, budget):
        services_operation.operation_item_create(
            actor=planner,
            organization=organization,
            fiscal_year=YEAR,
            title="ก",
            months=[1],
            amount=D("5"),
        )
        item = OperationItem.objects.get()
        item.months = []
        item.save()
        services_budget_publish.operation_plan_publish(actor=planner, budget=budget)
        evidence = provider_get("budget.operation_plan").evidence(organization, YEAR)
        assert not evidence.passed
        assert "ระยะเวลา" in evidence.checks[0].message_th
