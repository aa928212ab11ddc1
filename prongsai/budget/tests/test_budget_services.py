"""Services of the annual budget: the budget and its lines, plan projects,
transfers and supplementary budgets, procurement committed against lines,
disbursements and the operation plan."""

import datetime
from decimal import Decimal

import pytest

from prongsai.budget import (
    selectors,
    selectors_budget,
    services_budget,
    services_commitments,
    services_operation,
)
from prongsai.budget.models import BudgetChange, BudgetLine, Project
from prongsai.budget.models_spending import Commitment, Disbursement, OperationItem
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.procurement.tests.factories import ProcurementFactory
from prongsai.procurement.vocab import BudgetCategory, FundSource

from .factories import (
    BudgetFactory,
    BudgetLineFactory,
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectYearFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2569
D = Decimal


@pytest.fixture
def plan(organization):
    return DevelopmentPlanFactory(organization=organization, first_year=2566)


@pytest.fixture
def project(plan):
    programme = ProgrammeFactory(
        strategy=StrategyFactory(plan=plan, number=1, name="ด้านโครงสร้างพื้นฐาน"),
        name="แผนงานเคหะและชุมชน",
    )
    return ProjectFactory(
        programme=programme,
        number=7,
        name="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านโนนสูง",
    )


@pytest.fixture
def budget(organization):
    return BudgetFactory(organization=organization, fiscal_year=YEAR)


def line(budget, **kwargs):
    kwargs.setdefault("amount", D("500000"))
    return BudgetLineFactory(budget=budget, **kwargs)


def money(budget, line, until=None):
    return selectors.budget_money(
        organization=budget.organization, budget=budget, until=until
    ).of(line)


def transfer(actor, budget, source, target, amount, **extra):
    """A transfer of ``amount`` from ``source`` to ``target`` (1 February 2026
    unless ``approved_on`` is given)."""
    extra.setdefault("approved_on", datetime.date(2026, 2, 1))
    return services_budget.budget_transfer_create(
        actor=actor,
        budget=budget,
        from_line=source,
        to_line=target,
        amount=amount,
        **extra,
    )


def actions(organization):
    return list(
        AuditEvent.objects.filter(organization=organization).values_list(
            "action", flat=True
        )
    )


class TestBudget:
    def test_create_writes_a_title_and_audits(self, organization, actor):
        budget = services_budget.budget_create(
            actor=actor, organization=organization, fiscal_year=2570
        )
        assert "2570" in budget.title
        assert "budget.create" in actions(organization)

    def test_one_budget_per_year(self, organization, actor, budget):
        with pytest.raises(DomainError, match="2569"):
            services_budget.budget_create(
                actor=actor, organization=organization, fiscal_year=YEAR
            )

    def test_update(self, organization, actor, budget):
        services_budget.budget_update(
            actor=actor, budget=budget, estimated_revenue=D("1000000")
        )
        budget.refresh_from_db()
        assert budget.estimated_revenue == D("1000000")
        assert "budget.update" in actions(organization)


class TestLines:
    def test_create_with_plan_project(self, organization, actor, budget, project):
        created = services_budget.budget_line_create(
            actor=actor,
            budget=budget,
            programme="แผนงานเคหะและชุมชน",
            category=BudgetCategory.INVESTMENT,
            item="โครงการก่อสร้างถนน คสล. หมู่ที่ 3",
            amount=D("480000"),
            project=project,
        )
        assert created.project == project
        assert created.position >= 1
        assert "budget_line.create" in actions(organization)

    def test_project_of_a_plan_not_covering_the_year_is_refused(
        self, organization, actor, budget
    ):
        old_plan = DevelopmentPlanFactory(organization=organization, first_year=2561)
        old = ProjectFactory(
            programme=ProgrammeFactory(strategy=StrategyFactory(plan=old_plan))
        )
        with pytest.raises(DomainError, match=r"แผนพัฒนา|development plan"):
            services_budget.budget_line_create(
                actor=actor,
                budget=budget,
                programme="แผนงาน",
                category=BudgetCategory.INVESTMENT,
                item="ถนน",
                project=old,
            )

    def test_readiness_lists_investment_lines_without_project(
        self, organization, budget, project
    ):
        linked = line(budget, project=project)
        bare = line(budget)
        line(budget, category=BudgetCategory.OPERATING, item="ค่าวัสดุสำนักงาน")
        missing = selectors_budget.lines_without_project(
            organization=organization, budget=budget
        )
        assert missing == [bare]
        assert linked not in missing

    def test_project_suggestions_by_name(self, budget, project):
        bare = line(budget, item="ก่อสร้างถนน คสล. ม.3 บ้านโนนสูง")
        ProjectFactory(programme=project.programme, name="โครงการจัดซื้อรถบรรทุกน้ำ")
        suggestions = services_budget.project_suggestions(line=bare)
        assert suggestions[0][0] == project

    def test_set_project_audits(self, organization, actor, budget, project):
        bare = line(budget)
        services_budget.budget_line_set_project(actor=actor, line=bare, project=project)
        assert BudgetLine.objects.get(pk=bare.pk).project == project
        assert "budget_line.project" in actions(organization)

    def test_amount_cannot_go_below_what_is_used(self, actor, budget):
        target = line(budget, amount=D("100000"))
        services_commitments.disbursements_save(
            actor=actor, line=target, amounts={3: D("60000")}
        )
        with pytest.raises(DomainError, match=r"60,000\.00"):
            services_budget.budget_line_update(
                actor=actor, line=target, amount=D("50000")
            )

    def test_delete_refused_with_spending(self, actor, budget):
        target = line(budget)
        services_commitments.disbursements_save(
            actor=actor, line=target, amounts={1: D("1")}
        )
        with pytest.raises(DomainError):
            services_budget.budget_line_delete(actor=actor, line=target)

    def test_delete(self, organization, actor, budget):
        target = line(budget)
        services_budget.budget_line_delete(actor=actor, line=target)
        assert not BudgetLine.objects.filter(pk=target.pk).exists()
        assert "budget_line.delete" in actions(organization)


class TestTransfers:
    def test_transfer_moves_money(self, organization, actor, budget):
        source, target = line(budget), line(budget, amount=D("0"))
        transfer(
            actor,
            budget,
            source,
            target,
            D("120000"),
            approved_on=datetime.date(2026, 2, 10),
            number="1/2569",
        )
        assert money(budget, source).in_force == D("380000")
        assert money(budget, target).in_force == D("120000")
        assert "budget_change.transfer" in actions(organization)

    def test_transfer_to_a_new_line(self, actor, budget):
        source = line(budget)
        change = services_budget.budget_transfer_create(
            actor=actor,
            budget=budget,
            from_line=source,
            new_line={
                "programme": "แผนงานการศึกษา",
                "work": "งานระดับก่อนวัยเรียน",
                "category": BudgetCategory.INVESTMENT,
                "expense_class": "ค่าครุภัณฑ์",
                "expense_type": "ครุภัณฑ์สำนักงาน",
                "item": "จัดซื้อเครื่องปรับอากาศ ศพด.",
            },
            amount=D("45000"),
            approved_on=datetime.date(2026, 4, 1),
        )
        created = change.to_line
        assert created.amount == 0
        assert created.item == "จัดซื้อเครื่องปรับอากาศ ศพด."
        assert money(budget, created).in_force == D("45000")

    def test_over_transfer_is_refused(self, actor, budget):
        source, target = line(budget, amount=D("100000")), line(budget)
        procurement = ProcurementFactory(
            organization=budget.organization, fiscal_year=YEAR, agreed_price=D("70000")
        )
        services_commitments.commitment_link(
            actor=actor, procurement=procurement, line=source
        )
        with pytest.raises(DomainError, match=r"30,000\.00") as error:
            transfer(actor, budget, source, target, D("30000.01"))
        assert error.value.field == "amount"
        assert not BudgetChange.objects.exists()
        transfer(actor, budget, source, target, D("30000"))
        assert money(budget, source).remaining == 0

    def test_over_transfer_counts_disbursements(self, actor, budget):
        source, target = line(budget, amount=D("100000")), line(budget)
        services_commitments.disbursements_save(
            actor=actor, line=source, amounts={1: D("90000")}
        )
        with pytest.raises(DomainError):
            transfer(actor, budget, source, target, D("10001"))

    @pytest.mark.parametrize(
        "kwargs,field",
        [
            ({"approved_on": datetime.date(2026, 10, 1)}, "approved_on"),
            ({"approved_on": datetime.date(2025, 9, 30)}, "approved_on"),
            ({"amount": D("0")}, "amount"),
            ({"amount": D("-5")}, "amount"),
            ({"to_line": "self"}, "to_line"),
            ({"to_line": None}, "to_line"),
            (
                {"new_line": {"programme": "x", "category": "investment", "item": "y"}},
                "to_line",
            ),
        ],
    )
    def test_refusals(self, actor, budget, kwargs, field):
        source, target = line(budget), line(budget)
        args = {
            "actor": actor,
            "budget": budget,
            "from_line": source,
            "to_line": target,
            "amount": D("10"),
            "approved_on": datetime.date(2026, 1, 5),
        }
        if kwargs.get("to_line") == "self":
            kwargs = {"to_line": source}
        args.update(kwargs)
        with pytest.raises(DomainError) as error:
            services_budget.budget_transfer_create(**args)
        assert error.value.field == field

    def test_line_of_another_budget_is_refused(self, organization, actor, budget):
        other = BudgetFactory(organization=organization, fiscal_year=2568)
        with pytest.raises(DomainError):
            transfer(
                actor,
                budget,
                line(other),
                line(budget),
                D("1"),
                approved_on=datetime.date(2026, 1, 5),
            )

    def test_supplementary_adds(self, organization, actor, budget):
        target = line(budget)
        services_budget.budget_supplementary_create(
            actor=actor,
            budget=budget,
            to_line=target,
            amount=D("250000"),
            approved_on=datetime.date(2026, 6, 20),
            number="งบเพิ่มเติม ฉบับที่ 1",
        )
        assert money(budget, target).in_force == D("750000")
        assert money(budget, target).supplementary == D("250000")
        assert "budget_change.supplementary" in actions(organization)

    def test_supplementary_new_line(self, actor, budget):
        change = services_budget.budget_supplementary_create(
            actor=actor,
            budget=budget,
            new_line={
                "programme": "แผนงานเคหะและชุมชน",
                "category": BudgetCategory.INVESTMENT,
                "item": "ก่อสร้างรางระบายน้ำ หมู่ที่ 5",
            },
            amount=D("300000"),
            approved_on=datetime.date(2026, 6, 20),
        )
        assert change.from_line is None
        assert money(budget, change.to_line).in_force == D("300000")

    def test_delete_change_refused_when_spent(self, actor, budget):
        source, target = line(budget), line(budget, amount=D("0"))
        change = transfer(actor, budget, source, target, D("1000"))
        services_commitments.disbursements_save(
            actor=actor, line=target, amounts={6: D("500")}
        )
        with pytest.raises(DomainError):
            services_budget.budget_change_delete(actor=actor, change=change)
        services_commitments.disbursements_save(
            actor=actor, line=target, amounts={6: None}
        )
        services_budget.budget_change_delete(actor=actor, change=change)
        assert money(budget, source).in_force == D("500000")

    def test_until_leaves_out_later_changes(self, actor, budget):
        source, target = line(budget), line(budget)
        transfer(
            actor,
            budget,
            source,
            target,
            D("1000"),
            approved_on=datetime.date(2026, 5, 1),
        )
        assert money(budget, target, until=datetime.date(2026, 3, 31)).in_force == D(
            "500000"
        )
        assert money(budget, target).in_force == D("501000")


@pytest.fixture
def road(budget, project):
    return line(
        budget,
        programme="แผนงานเคหะและชุมชน",
        work="งานก่อสร้างโครงสร้างพื้นฐาน",
        expense_type="ค่าก่อสร้างสิ่งสาธารณูปโภค",
        item="โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง",
        project=project,
    )


def procure(organization, **kwargs):
    defaults = {
        "organization": organization,
        "fiscal_year": YEAR,
        "procured_on": datetime.date(2026, 1, 20),
        "budget_category": BudgetCategory.INVESTMENT,
        "title": "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านโนนสูง",
        "budget_plan": "แผนงานเคหะและชุมชน",
        "budget_amount": D("480000"),
    }
    return ProcurementFactory(**{**defaults, **kwargs})


class TestCommitments:
    def test_saving_a_procurement_suggests_its_line(
        self, organization, budget, road, django_capture_on_commit_callbacks
    ):
        line(budget, item="โครงการก่อสร้างถนน คสล. หมู่ที่ 9 บ้านหนองแวง")
        with django_capture_on_commit_callbacks(execute=True):
            procurement = procure(organization)
        [suggestion] = Commitment.objects.filter(procurement=procurement)
        assert suggestion.line == road
        assert suggestion.state == Commitment.State.SUGGESTED
        assert suggestion.amount == D("480000")
        assert suggestion.reason
        # Suggestions do not count until confirmed.
        assert money(budget, road).committed == 0

    def test_confirmed_commitment_counts_and_follows_agreed_price(
        self, organization, actor, budget, road, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            procurement = procure(organization)
        suggestion = Commitment.objects.get(procurement=procurement)
        services_commitments.commitment_confirm(actor=actor, commitment=suggestion)
        assert money(budget, road).committed == D("480000")
        assert money(budget, road).remaining == D("20000")
        procurement.agreed_price = D("455000")
        procurement.contract_date = datetime.date(2026, 2, 2)
        with django_capture_on_commit_callbacks(execute=True):
            procurement.save()
        assert money(budget, road).committed == D("455000")
        assert "budget_commitment.confirm" in actions(organization)

    def test_confirming_one_rejects_the_other_suggestions(
        self, organization, actor, budget, road
    ):
        twin = line(budget, item="โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง (ระยะที่ 2)")
        procurement = procure(organization)
        suggestions = services_commitments.commitment_suggest(procurement=procurement)
        assert {s.line for s in suggestions} == {road, twin}
        chosen = next(s for s in suggestions if s.line == road)
        services_commitments.commitment_confirm(actor=actor, commitment=chosen)
        states = dict(
            Commitment.objects.filter(procurement=procurement).values_list(
                "line_id", "state"
            )
        )
        assert states == {road.pk: "confirmed", twin.pk: "rejected"}

    def test_rejected_line_is_not_suggested_again(
        self, organization, actor, budget, road
    ):
        procurement = procure(organization)
        [suggestion] = services_commitments.commitment_suggest(procurement=procurement)
        services_commitments.commitment_reject(actor=actor, commitment=suggestion)
        assert services_commitments.commitment_suggest(procurement=procurement) == []

    def test_cancelled_procurement_drops_out(
        self, organization, actor, budget, road, django_capture_on_commit_callbacks
    ):
        procurement = procure(organization)
        services_commitments.commitment_link(
            actor=actor, procurement=procurement, line=road
        )
        assert money(budget, road).committed == D("480000")
        procurement.cancelled = True
        with django_capture_on_commit_callbacks(execute=True):
            procurement.save()
        assert money(budget, road).committed == 0
        assert procurement not in selectors_budget.procurement_without_line(
            organization=organization, fiscal_year=YEAR
        )
        with pytest.raises(DomainError):
            services_commitments.commitment_confirm(
                actor=actor, commitment=Commitment.objects.get(procurement=procurement)
            )

    def test_cancelled_procurement_loses_its_suggestions(
        self, organization, budget, road
    ):
        procurement = procure(organization)
        services_commitments.commitment_suggest(procurement=procurement)
        procurement.cancelled = True
        services_commitments.commitment_suggest(procurement=procurement)
        assert not Commitment.objects.filter(procurement=procurement).exists()

    def test_cancelled_project_gets_no_suggestion(
        self, organization, budget, road, project
    ):
        ProjectYearFactory(
            project=project, fiscal_year=YEAR, status=Project.Status.CANCELLED
        )
        assert (
            services_commitments.commitment_suggest(procurement=procure(organization))
            == []
        )

    def test_other_fund_sources_get_no_suggestion(self, organization, budget, road):
        procurement = procure(organization, fund_source=FundSource.ACCUMULATED)
        assert services_commitments.commitment_suggest(procurement=procurement) == []

    def test_no_budget_no_suggestion(self, organization, road):
        assert (
            services_commitments.commitment_suggest(
                procurement=procure(organization, fiscal_year=2570)
            )
            == []
        )

    def test_link_by_hand(self, organization, actor, budget):
        target = line(budget, category=BudgetCategory.OPERATING, item="ค่าวัสดุสำนักงาน")
        procurement = procure(
            organization, title="ซื้อกระดาษ", budget_category=BudgetCategory.OPERATING
        )
        commitment = services_commitments.commitment_link(
            actor=actor, procurement=procurement, line=target
        )
        assert commitment.state == Commitment.State.CONFIRMED
        assert commitment.decided_by == actor
        with pytest.raises(DomainError):
            services_commitments.commitment_link(
                actor=actor, procurement=procurement, line=target
            )

    def test_link_to_another_year_is_refused(self, organization, actor, budget):
        other = BudgetFactory(organization=organization, fiscal_year=2568)
        with pytest.raises(DomainError):
            services_commitments.commitment_link(
                actor=actor, procurement=procure(organization), line=line(other)
            )

    def test_suggest_for_the_year(self, organization, actor, budget, road):
        procure(organization)
        procure(
            organization,
            title="จัดซื้อวัสดุสำนักงาน",
            budget_category=BudgetCategory.OPERATING,
        )
        Commitment.objects.all().delete()
        count = services_commitments.commitments_suggest_for_year(
            actor=actor, organization=organization, budget=budget
        )
        assert count == 1
        assert "budget_commitment.suggest_year" in actions(organization)

    def test_unlinked_list(self, organization, actor, budget, road):
        linked, loose = procure(organization), procure(organization, title="ซื้อวัสดุ")
        services_commitments.commitment_link(actor=actor, procurement=linked, line=road)
        unlinked = selectors_budget.procurement_without_line(
            organization=organization, fiscal_year=YEAR
        )
        assert loose in unlinked and linked not in unlinked
        assert (
            selectors_budget.confirmed_line_of(
                organization=organization, procurement=linked
            )
            == road
        )


class TestDisbursements:
    def test_grid_sets_changes_and_removes_months(self, organization, actor, budget):
        target = line(budget)
        assert (
            services_commitments.disbursements_save(
                actor=actor, line=target, amounts={1: D("1000"), 4: D("2500.50")}
            )
            == 2
        )
        assert Disbursement.objects.get(
            line=target, month=datetime.date(2025, 10, 1)
        ).amount == D("1000")
        assert Disbursement.objects.get(line=target, month=datetime.date(2026, 1, 1))
        assert (
            services_commitments.disbursements_save(
                actor=actor, line=target, amounts={1: None, 4: D("3000"), 12: D("0")}
            )
            == 2
        )
        result = money(budget, target)
        assert result.disbursed == D("3000")
        assert result.monthly == {4: D("3000")}
        assert "budget_disbursement.save" in actions(organization)

    def test_negative_refused(self, actor, budget):
        with pytest.raises(DomainError):
            services_commitments.disbursements_save(
                actor=actor, line=line(budget), amounts={2: D("-1")}
            )

    def test_unknown_month_refused(self, actor, budget):
        with pytest.raises(DomainError):
            services_commitments.disbursements_save(
                actor=actor, line=line(budget), amounts={13: D("1")}
            )


class TestOperationPlan:
    def test_generate_from_investment_and_project_lines(
        self, organization, actor, budget, road, project
    ):
        bare = line(budget, item="จัดซื้อเครื่องพิมพ์", category=BudgetCategory.INVESTMENT)
        line(budget, item="ค่าวัสดุสำนักงาน", category=BudgetCategory.OPERATING)
        event = line(
            budget,
            item="โครงการจัดงานประเพณีลอยกระทง",
            category=BudgetCategory.OPERATING,
            project=ProjectFactory(
                programme=project.programme, name="โครงการจัดงานประเพณีลอยกระทง"
            ),
        )
        assert (
            services_operation.operation_plan_generate(
                actor=actor, organization=organization, budget=budget
            )
            == 3
        )
        items = {i.budget_line_id: i for i in OperationItem.objects.all()}
        assert set(items) == {road.pk, bare.pk, event.pk}
        assert items[road.pk].title == project.name
        assert items[road.pk].months == list(range(1, 13))
        # Months edited by the officer survive a second run; amounts follow the budget.
        services_operation.operation_item_update(
            actor=actor, item=items[road.pk], months=[5, 6, 7]
        )
        services_budget.budget_supplementary_create(
            actor=actor,
            budget=budget,
            to_line=road,
            amount=D("1000"),
            approved_on=datetime.date(2026, 3, 1),
        )
        assert (
            services_operation.operation_plan_generate(
                actor=actor, organization=organization, budget=budget
            )
            == 0
        )
        item = OperationItem.objects.get(budget_line=road)
        assert item.months == [5, 6, 7]
        assert item.amount == D("501000")

    def test_snapshot_groups_by_strategy_and_programme(
        self, organization, actor, budget, road
    ):
        line(budget, programme="แผนงานการศึกษา", item="จัดซื้อโต๊ะ")
        services_operation.operation_plan_generate(
            actor=actor, organization=organization, budget=budget
        )
        s = selectors_budget.operation_plan_snapshot(
            organization=organization, budget=budget
        )
        assert [st["name"] for st in s["strategies"]] == [
            "1. ด้านโครงสร้างพื้นฐาน",
            selectors_budget.NO_STRATEGY,
        ]
        assert s["strategies"][1]["programmes"][0]["name"] == "แผนงานการศึกษา"
        assert s["item_count"] == 2
        assert s["months"][0] == "ต.ค." and s["months"][-1] == "ก.ย."

    @pytest.mark.parametrize("months", [[], [0], [13], ["x"]])
    def test_bad_months_refused(self, organization, actor, months):
        with pytest.raises(DomainError):
            services_operation.operation_item_create(
                actor=actor,
                organization=organization,
                fiscal_year=YEAR,
                title="กิจกรรม",
                months=months,
            )

    def test_create_and_delete_item(self, organization, actor):
        item = services_operation.operation_item_create(
            actor=actor,
            organization=organization,
            fiscal_year=YEAR,
            title="กิจกรรมรณรงค์",
            months=[3, 1, 3],
            amount=D("5000"),
        )
        assert item.months == [1, 3]
        services_operation.operation_item_delete(actor=actor, item=item)
        assert {"operation_item.create", "operation_item.delete"} <= set(
            actions(organization)
        )


class TestReport:
    def test_six_month_report_counts_until_march(
        self, organization, actor, budget, road
    ):
        services_commitments.disbursements_save(
            actor=actor, line=road, amounts={2: D("100000"), 7: D("200000")}
        )
        services_operation.operation_plan_generate(
            actor=actor, organization=organization, budget=budget
        )
        half = selectors_budget.spending_report_snapshot(
            organization=organization, budget=budget, period="six_month"
        )
        assert half["total"]["disbursed"] == "100000.00"
        assert half["quarter_count"] == 2
        assert half["spent_quarters"] == ["100000.00", "0.00"]
        assert half["until"] == "2026-03-31"
        year = selectors_budget.spending_report_snapshot(
            organization=organization, budget=budget, period="annual"
        )
        assert year["total"]["disbursed"] == "300000.00"
        assert year["spent_quarters"][2] == "200000.00"
        assert sum(D(q) for q in year["planned_quarters"]) == D("500000")
        assert year["strategies"][0]["name"] == "1. ด้านโครงสร้างพื้นฐาน"
