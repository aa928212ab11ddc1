"""Development plan services: the plan, strategies, programmes, projects with
their planned amount per year, amendments, the audit trail and every Thai
validation (years outside the plan, duplicate numbers, negative or huge
amounts, NUL characters)."""

import datetime
from decimal import Decimal

import pytest

from prongsai.budget import selectors_plan, services_plan, services_plan_projects
from prongsai.budget.models import PlanAmendment, Project, ProjectYear
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent

from .factories import BudgetLineFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("thai")]


@pytest.fixture
def programme(plan, actor):
    strategy = services_plan.strategy_create(
        actor=actor,
        plan=plan,
        number=1,
        name="การพัฒนาด้านโครงสร้างพื้นฐาน",
        goal="ประชาชนมีโครงสร้างพื้นฐานที่ดี",
        indicators="ถนนได้มาตรฐานร้อยละ 80",
    )
    return services_plan.programme_create(
        actor=actor, strategy=strategy, name="แผนงานเคหะและชุมชน"
    )


def add(plan, programme, actor, name="โครงการถนน คสล. หมู่ 1", **extra):
    extra.setdefault("amounts", {2566: Decimal("500000"), 2568: Decimal("200000")})
    return services_plan_projects.project_create(
        actor=actor, plan=plan, programme=programme, name=name, **extra
    )


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# --- the plan ---------------------------------------------------------------------


def test_plan_defaults_to_five_years_and_the_standard_title(plan):
    assert (plan.first_year, plan.last_year) == (2566, 2570)
    assert plan.title == "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)"
    assert plan.years == [2566, 2567, 2568, 2569, 2570]
    assert events("development_plan.create")[0].changes["first_year"] == 2566


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (2566, 2565, "ก่อนปีงบประมาณแรก"),
        (2566, 2571, "ไม่เกิน 5 ปีงบประมาณ"),
        (1999, None, "ระหว่าง 2540 และ 2700"),
        (2566, 2800, "ระหว่าง 2540 และ 2700"),
    ],
)
def test_plan_years_are_checked(organization, actor, first, last, message):
    with pytest.raises(DomainError) as error:
        services_plan.plan_create(
            actor=actor, organization=organization, first_year=first, last_year=last
        )
    assert message in error.value.message


def test_second_plan_starting_the_same_year_is_refused(plan, organization, actor):
    with pytest.raises(DomainError, match="มีแผนพัฒนาท้องถิ่นที่เริ่มปีงบประมาณ 2566"):
        services_plan.plan_create(
            actor=actor, organization=organization, first_year=2566
        )


def test_nul_character_is_refused(organization, actor):
    with pytest.raises(DomainError) as error:
        services_plan.plan_create(
            actor=actor, organization=organization, first_year=2571, vision="a\x00b"
        )
    assert error.value.field == "vision"


def test_plan_update_is_audited_and_cannot_drop_a_budgeted_year(plan, programme, actor):
    add(plan, programme, actor, amounts={2570: Decimal("1")})
    services_plan.plan_update(
        actor=actor, plan=plan, first_year=2566, vision="ตำบลน่าอยู่"
    )
    assert events("development_plan.update")[0].changes["vision"] == {
        "old": "",
        "new": "ตำบลน่าอยู่",
    }
    with pytest.raises(DomainError, match="2570"):
        services_plan.plan_update(
            actor=actor, plan=plan, first_year=2566, last_year=2569
        )


# --- strategies and programmes ------------------------------------------------------


def test_duplicate_strategy_number_is_refused(plan, programme, actor):
    with pytest.raises(DomainError, match="ยุทธศาสตร์ที่ 1 อยู่แล้ว") as error:
        services_plan.strategy_create(actor=actor, plan=plan, number=1, name="ซ้ำ")
    assert error.value.field == "number"


def test_strategy_update_keeps_the_old_values_in_the_audit(plan, programme, actor):
    strategy = programme.strategy
    services_plan.strategy_update(
        actor=actor,
        strategy=strategy,
        number=1,
        name=strategy.name,
        goal="เป้าใหม่",
        indicators=strategy.indicators,
    )
    change = events("strategy.update")[0].changes["goal"]
    assert change == {"old": "ประชาชนมีโครงสร้างพื้นฐานที่ดี", "new": "เป้าใหม่"}


def test_strategy_name_is_required(plan, actor):
    with pytest.raises(DomainError) as error:
        services_plan.strategy_create(actor=actor, plan=plan, number=2, name="  ")
    assert error.value.field == "name"


def test_duplicate_programme_in_a_strategy_is_refused(programme, actor):
    with pytest.raises(DomainError, match="แผนงานเคหะและชุมชน"):
        services_plan.programme_create(
            actor=actor, strategy=programme.strategy, name=" แผนงานเคหะและชุมชน "
        )


def test_programme_cannot_move_to_another_plans_strategy(
    programme, organization, actor
):
    other = services_plan.plan_create(
        actor=actor, organization=organization, first_year=2571
    )
    strategy = services_plan.strategy_create(
        actor=actor, plan=other, number=1, name="x"
    )
    with pytest.raises(DomainError):
        services_plan.programme_update(
            actor=actor, programme=programme, strategy=strategy, name="y"
        )


# --- projects ---------------------------------------------------------------------


def test_project_with_its_years(plan, programme, actor):
    project = add(plan, programme, actor)
    assert project.number == 1
    years = {
        y.fiscal_year: y.planned_amount
        for y in ProjectYear.objects.filter(organization=plan.organization).order_by(
            "fiscal_year"
        )
    }
    assert years == {2566: Decimal("500000.00"), 2568: Decimal("200000.00")}
    event = events("development_project.create")[0]
    assert event.changes["planned_amounts"] == {
        "2566": "500000.00",
        "2568": "200000.00",
    }
    assert add(plan, programme, actor, name="ที่สอง").number == 2


def test_none_amount_means_no_budget_that_year(plan, programme, actor):
    project = add(plan, programme, actor, amounts={2566: None, 2567: Decimal("5")})
    years = ProjectYear.objects.filter(organization=plan.organization, project=project)
    assert list(
        years.order_by("fiscal_year").values_list("fiscal_year", flat=True)
    ) == [2567]


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ({2565: Decimal("1")}, "2565 อยู่นอกแผน (2566–2570)"),
        ({2571: Decimal("1")}, "2571 อยู่นอกแผน"),
        ({2566: Decimal("-1")}, "ติดลบ"),
        ({2566: Decimal("10000000000")}, "10,000,000,000"),
        ({2566: Decimal("1.005")}, "ทศนิยม 2 ตำแหน่ง"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_written(
    plan, programme, actor, amounts, message
):
    with pytest.raises(DomainError) as error:
        add(plan, programme, actor, amounts=amounts)
    assert message in error.value.message
    assert not Project.objects.filter(organization=plan.organization).exists()


def test_duplicate_project_number_is_refused(plan, programme, actor):
    add(plan, programme, actor, number=7)
    with pytest.raises(DomainError, match=r"7 .*โครงการถนน") as error:
        add(plan, programme, actor, number=7, name="อื่น")
    assert error.value.field == "number"


def test_project_nul_and_empty_name(plan, programme, actor):
    with pytest.raises(DomainError) as error:
        add(plan, programme, actor, objective="x\x00")
    assert error.value.field == "objective"
    with pytest.raises(DomainError) as error:
        add(plan, programme, actor, name="")
    assert error.value.field == "name"


def test_project_programme_must_be_of_the_plan(plan, programme, organization, actor):
    other = services_plan.plan_create(
        actor=actor, organization=organization, first_year=2571
    )
    with pytest.raises(DomainError) as error:
        add(other, programme, actor, amounts={})
    assert error.value.field == "programme"


def test_change_by_amendment_points_to_it_and_keeps_old_figures(plan, programme, actor):
    project = add(plan, programme, actor)
    amendment = services_plan.amendment_create(
        actor=actor,
        plan=plan,
        kind=PlanAmendment.Kind.CHANGE,
        approved_on=datetime.date(2024, 6, 1),
    )
    assert amendment.number == 1
    services_plan_projects.project_update(
        actor=actor,
        project=project,
        programme=programme,
        name=project.name,
        amounts={2566: Decimal("500000"), 2569: Decimal("900000")},
        amendment=amendment,
    )
    project.refresh_from_db()
    assert project.amendment == amendment
    change = events("development_project.update")[0].changes
    assert change["planned_amounts"] == {
        "old": {"2566": "500000.00", "2568": "200000.00"},
        "new": {"2566": "500000.00", "2569": "900000.00"},
    }
    assert change["amendment"]["old"] is None
    tree = selectors_plan.plan_tree(plan=plan)
    row = tree["strategies"][0]["programmes"][0]["projects"][0]
    assert row.amounts == [Decimal("500000.00"), None, None, Decimal("900000.00"), None]
    assert row.amendment_label == "แผนพัฒนาเปลี่ยนแปลง ครั้งที่ 1"


def test_year_with_a_result_keeps_its_row_when_its_budget_is_removed(
    plan, programme, actor
):
    project = add(plan, programme, actor)
    ProjectYear.objects.filter(organization=plan.organization, fiscal_year=2566).update(
        status=Project.Status.COMPLETED
    )
    services_plan_projects.project_update(
        actor=actor, project=project, programme=programme, name="x", amounts={}
    )
    row = ProjectYear.objects.get(organization=plan.organization, fiscal_year=2566)
    assert (row.planned_amount, row.status) == (0, Project.Status.COMPLETED)


def test_amendment_rules(plan, actor):
    first = services_plan.amendment_create(
        actor=actor,
        plan=plan,
        kind=PlanAmendment.Kind.ADDITION,
        approved_on=datetime.date(2023, 1, 5),
        title="เพิ่มเติม ครั้งที่ 1",
    )
    assert events("plan_amendment.create")[0].changes["number"] == 1
    with pytest.raises(DomainError, match="ครั้งที่ 1 อยู่แล้ว") as error:
        services_plan.amendment_create(
            actor=actor,
            plan=plan,
            kind=PlanAmendment.Kind.ADDITION,
            number=first.number,
            approved_on=datetime.date(2023, 2, 1),
        )
    assert error.value.field == "number"
    with pytest.raises(DomainError) as error:
        services_plan.amendment_create(
            actor=actor,
            plan=plan,
            kind=PlanAmendment.Kind.ADDITION,
            approved_on=datetime.date(2020, 1, 1),
        )
    assert error.value.field == "approved_on"
    second = services_plan.amendment_create(
        actor=actor,
        plan=plan,
        kind=PlanAmendment.Kind.ADDITION,
        approved_on=datetime.date(2024, 1, 5),
    )
    assert second.number == 2


def test_project_delete_is_audited_but_not_a_funded_one(plan, programme, actor):
    project = add(plan, programme, actor)
    funded = add(plan, programme, actor, name="มีงบ")
    BudgetLineFactory(budget__organization=plan.organization, project=funded)
    services_plan_projects.project_delete(actor=actor, project=project)
    assert events("development_project.delete")[0].changes["planned_amounts"]
    with pytest.raises(DomainError):
        services_plan_projects.project_delete(actor=actor, project=funded)


def test_tree_totals_per_programme_strategy_and_year(plan, programme, actor):
    add(plan, programme, actor)
    add(plan, programme, actor, name="b", amounts={2566: Decimal("1.50")})
    other = services_plan.programme_create(
        actor=actor, strategy=programme.strategy, name="แผนงานการศึกษา"
    )
    add(plan, other, actor, name="c", amounts={2570: Decimal("10")})
    tree = selectors_plan.plan_tree(plan=plan)
    strategy = tree["strategies"][0]
    assert strategy["totals"] == [
        Decimal("500001.50"),
        0,
        Decimal("200000"),
        0,
        Decimal("10"),
    ]
    assert strategy["counts"] == [2, 0, 1, 0, 1]
    assert tree["total"] == Decimal("700011.50")
    assert tree["project_count"] == 3
    snapshot = selectors_plan.plan_snapshot(plan=plan)
    assert snapshot["strategies"][0]["programmes"][1]["total"] == "10.00"
    assert selectors_plan.plan_snapshot_problems(snapshot) == []


def test_snapshot_problems_name_what_is_missing(plan, actor):
    services_plan.strategy_create(actor=actor, plan=plan, number=3, name="x")
    problems = selectors_plan.plan_snapshot_problems(
        selectors_plan.plan_snapshot(plan=plan)
    )
    assert "ยุทธศาสตร์ที่ 3 ยังไม่มีเป้าประสงค์และตัวชี้วัด" in problems[0]
    assert "ยังไม่มีโครงการ" in problems[-1]
