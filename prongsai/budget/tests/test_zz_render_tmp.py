import datetime
from decimal import Decimal as D

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget import documents_budget, selectors_budget, services_budget
from prongsai.budget.tests.factories import *  # noqa
from prongsai.procurement.tests.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def test_render(organization):
    actor = UserFactory()
    plan = DevelopmentPlanFactory(organization=organization, first_year=2566)
    budget = BudgetFactory(organization=organization, fiscal_year=2569)
    s1 = StrategyFactory(plan=plan, number=1, name="การพัฒนาด้านโครงสร้างพื้นฐาน")
    s2 = StrategyFactory(plan=plan, number=2, name="การพัฒนาด้านการศึกษา ศาสนา และวัฒนธรรม")
    p1 = ProgrammeFactory(strategy=s1, name="แผนงานเคหะและชุมชน")
    p2 = ProgrammeFactory(strategy=s2, name="แผนงานการศึกษา")
    for i, (prog, name, amount) in enumerate([
        (p1, "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านโนนสูง สายทางไปวัดป่า", "480000"),
        (p1, "โครงการก่อสร้างรางระบายน้ำ คสล. หมู่ที่ 5", "350000"),
        (p2, "โครงการจัดงานประเพณีลอยกระทง", "80000"),
    ]):
        project = ProjectFactory(programme=prog, number=i + 1, name=name, location="หมู่ที่ 3")
        line = BudgetLineFactory(budget=budget, item=name, amount=D(amount), project=project,
                                 programme=prog.name, category="investment" if i < 2 else "operating")
        services_budget.disbursements_save(actor=actor, line=line, amounts={2: D(amount) / 4, 5: D(amount) / 5, 8: D(amount) / 3})
    BudgetLineFactory(budget=budget, item="จัดซื้อเครื่องคอมพิวเตอร์", amount=D("30000"), programme="แผนงานบริหารงานทั่วไป")
    services_budget.operation_plan_generate(actor=actor, organization=organization, budget=budget)
    from prongsai.budget.models import OperationItem
    for n, item in enumerate(OperationItem.objects.all()):
        services_budget.operation_item_update(actor=actor, item=item, months=[3 + n, 4 + n, 5 + n])
    s = selectors_budget.operation_plan_snapshot(organization=organization, budget=budget)
    open("/tmp/bud_op.pdf", "wb").write(documents_budget.operation_plan_pdf(s))
    open("/tmp/bud_op.docx", "wb").write(documents_budget.operation_plan_docx(s))
    r = selectors_budget.spending_report_snapshot(organization=organization, budget=budget, period="annual")
    open("/tmp/bud_rep.pdf", "wb").write(documents_budget.spending_report_pdf(r))
    open("/tmp/bud_rep.docx", "wb").write(documents_budget.spending_report_docx(r))
