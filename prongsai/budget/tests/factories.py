import datetime
from decimal import Decimal

import factory

from prongsai.budget.models import (
    Budget,
    BudgetChange,
    BudgetLine,
    DevelopmentPlan,
    PlanAmendment,
    Programme,
    Project,
    ProjectYear,
    Strategy,
)
from prongsai.budget.models_spending import Commitment, Disbursement, OperationItem
from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement.vocab import BudgetCategory


class DevelopmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan
        django_get_or_create = ("organization", "first_year")

    organization = factory.SubFactory(OrganizationFactory)
    first_year = 2566
    last_year = factory.LazyAttribute(lambda o: o.first_year + 4)
    title = factory.LazyAttribute(
        lambda o: f"แผนพัฒนาท้องถิ่น (พ.ศ. {o.first_year} - {o.last_year})"
    )
    approved_on = datetime.date(2021, 10, 25)


class PlanAmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAmendment

    plan = factory.SubFactory(DevelopmentPlanFactory)
    organization = factory.SelfAttribute("plan.organization")
    kind = PlanAmendment.Kind.ADDITION
    number = factory.Sequence(lambda n: n + 1)
    approved_on = datetime.date(2025, 6, 1)


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    plan = factory.SubFactory(DevelopmentPlanFactory)
    organization = factory.SelfAttribute("plan.organization")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"ยุทธศาสตร์การพัฒนาด้านที่ {n + 1}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    strategy = factory.SubFactory(StrategyFactory)
    organization = factory.SelfAttribute("strategy.organization")
    name = factory.Sequence(lambda n: f"แผนงานเคหะและชุมชน {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    programme = factory.SubFactory(ProgrammeFactory)
    plan = factory.SelfAttribute("programme.strategy.plan")
    organization = factory.SelfAttribute("programme.organization")
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {n}")
    objective = "เพื่อให้ประชาชนสัญจรไปมาได้สะดวก"
    target = "ถนน คสล. กว้าง 4 เมตร ยาว 200 เมตร"
    kpi = "ประชาชนได้รับความสะดวกร้อยละ 80"
    expected_result = "ประชาชนสัญจรได้สะดวกและปลอดภัย"
    responsible_unit = "กองช่าง"


class ProjectYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectYear

    project = factory.SubFactory(ProjectFactory)
    organization = factory.SelfAttribute("project.organization")
    fiscal_year = 2569
    planned_amount = Decimal("500000.00")


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ("organization", "fiscal_year")

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2569
    title = factory.LazyAttribute(
        lambda o: f"ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {o.fiscal_year}"
    )
    enacted_on = datetime.date(2025, 9, 15)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    organization = factory.SelfAttribute("budget.organization")
    programme = "แผนงานเคหะและชุมชน"
    work = "งานก่อสร้างโครงสร้างพื้นฐาน"
    category = BudgetCategory.INVESTMENT
    expense_class = "ค่าที่ดินและสิ่งก่อสร้าง"
    expense_type = "ค่าก่อสร้างสิ่งสาธารณูปโภค"
    item = factory.Sequence(lambda n: f"โครงการก่อสร้างถนน คสล. หมู่ที่ {n}")
    amount = Decimal("500000.00")
    unit = "กองช่าง"
    position = factory.Sequence(lambda n: n)


class BudgetChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetChange

    to_line = factory.SubFactory(BudgetLineFactory)
    budget = factory.SelfAttribute("to_line.budget")
    organization = factory.SelfAttribute("to_line.organization")
    kind = BudgetChange.Kind.SUPPLEMENTARY
    approved_on = datetime.date(2026, 3, 1)
    amount = Decimal("100000.00")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    line = factory.SubFactory(BudgetLineFactory)
    organization = factory.SelfAttribute("line.organization")
    procurement = factory.SubFactory(
        "prongsai.procurement.tests.factories.ProcurementFactory",
        organization=factory.SelfAttribute("..organization"),
    )
    amount = Decimal("450000.00")
    state = Commitment.State.CONFIRMED


class DisbursementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disbursement

    line = factory.SubFactory(BudgetLineFactory)
    organization = factory.SelfAttribute("line.organization")
    month = datetime.date(2026, 1, 1)
    amount = Decimal("100000.00")


class OperationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperationItem

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2569
    title = factory.Sequence(lambda n: f"โครงการที่ {n}")
    amount = Decimal("100000.00")
    months = [4, 5, 6]
