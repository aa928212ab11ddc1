"""A fiscal year of Ban Dong for the results tests: a plan with two
strategies and three projects, the 2569 budget (a supplementary budget, an
unlinked salary line), a road contract committed against its line, a
suggested (unconfirmed) link, and disbursements."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget.models import BudgetLine, Project
from prongsai.budget.models_spending import Commitment
from prongsai.budget.tests.factories import (
    BudgetChangeFactory,
    BudgetFactory,
    BudgetLineFactory,
    CommitmentFactory,
    DevelopmentPlanFactory,
    DisbursementFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectYearFactory,
    StrategyFactory,
)
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.procurement.tests.factories import ProcurementFactory, SupplierFactory
from prongsai.procurement.vocab import BudgetCategory, Method

YEAR = 2569


@dataclass
class Year:
    organization: object
    plan: object
    road: Project
    water: Project
    elderly: Project
    road_line: BudgetLine
    salary_line: BudgetLine
    contract: object
    suggested: Commitment


def member(organization, role, name="สมศรี วางแผน", **extra):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name=name, **extra),
        roles=[role.value],
        position="นักวิเคราะห์นโยบายและแผน",
    )


def build_year(organization) -> Year:
    plan = DevelopmentPlanFactory(organization=organization)
    roads = StrategyFactory(plan=plan, number=1, name="ด้านโครงสร้างพื้นฐาน")
    life = StrategyFactory(plan=plan, number=2, name="ด้านคุณภาพชีวิต")
    housing = ProgrammeFactory(strategy=roads, name="แผนงานเคหะและชุมชน")
    welfare = ProgrammeFactory(strategy=life, name="แผนงานสังคมสงเคราะห์")
    road = ProjectFactory(
        programme=housing,
        number=1,
        name="โครงการก่อสร้างถนน คสล. สายบ้านดง-หนองบัว หมู่ที่ 3",
        location="หมู่ที่ 3 บ้านดง",
        latitude=Decimal("16.432100"),
        longitude=Decimal("102.823400"),
    )
    water = ProjectFactory(
        programme=housing, number=2, name="โครงการขยายเขตประปาหมู่บ้าน หมู่ที่ 5"
    )
    elderly = ProjectFactory(
        programme=welfare, number=3, name="โครงการส่งเสริมสุขภาพผู้สูงอายุ"
    )
    ProjectYearFactory(project=road, fiscal_year=YEAR, planned_amount=Decimal("500000"))
    ProjectYearFactory(
        project=water, fiscal_year=YEAR, planned_amount=Decimal("300000")
    )
    ProjectYearFactory(
        project=elderly, fiscal_year=YEAR, planned_amount=Decimal("50000")
    )
    ProjectYearFactory(
        project=road, fiscal_year=YEAR + 1, planned_amount=Decimal("800000")
    )
    budget = BudgetFactory(organization=organization, fiscal_year=YEAR)
    road_line = BudgetLineFactory(
        budget=budget, project=road, item=road.name, amount=Decimal("500000")
    )
    water_line = BudgetLineFactory(
        budget=budget, project=water, item=water.name, amount=Decimal("300000")
    )
    salary_line = BudgetLineFactory(
        budget=budget,
        programme="แผนงานบริหารงานทั่วไป",
        work="งานบริหารทั่วไป",
        category=BudgetCategory.PERSONNEL,
        expense_class="เงินเดือน (ฝ่ายประจำ)",
        expense_type="เงินเดือนพนักงาน",
        item="เงินเดือนพนักงาน",
        amount=Decimal("1000000"),
    )
    BudgetChangeFactory(to_line=road_line, amount=Decimal("100000"))
    supplier = SupplierFactory(organization=organization, name="ห้างหุ้นส่วนจำกัด ดงก่อสร้าง")
    contract = ProcurementFactory(
        organization=organization,
        fiscal_year=YEAR,
        procured_on=datetime.date(2025, 12, 1),
        budget_category=BudgetCategory.INVESTMENT,
        title="จ้างก่อสร้างถนน คสล. สายบ้านดง-หนองบัว",
        method=Method.E_BIDDING,
        budget_amount=Decimal("600000"),
        supplier=supplier,
        agreed_price=Decimal("560000"),
        contract_number="ก.12/2569",
        contract_date=datetime.date(2025, 12, 20),
        contract_end=datetime.date(2026, 4, 18),
    )
    CommitmentFactory(line=road_line, procurement=contract, amount=Decimal("560000"))
    suggested = CommitmentFactory(
        line=water_line,
        procurement=ProcurementFactory(
            organization=organization,
            fiscal_year=YEAR,
            title="จัดซื้อท่อ PVC (ยังไม่ยืนยัน)",
        ),
        amount=Decimal("90000"),
        state=Commitment.State.SUGGESTED,
    )
    DisbursementFactory(
        line=road_line, month=datetime.date(2026, 1, 1), amount=Decimal("200000")
    )
    DisbursementFactory(
        line=road_line, month=datetime.date(2026, 3, 1), amount=Decimal("150000")
    )
    DisbursementFactory(
        line=salary_line, month=datetime.date(2025, 10, 1), amount=Decimal("80000")
    )
    return Year(
        organization=organization,
        plan=plan,
        road=road,
        water=water,
        elderly=elderly,
        road_line=road_line,
        salary_line=salary_line,
        contract=contract,
        suggested=suggested,
    )
