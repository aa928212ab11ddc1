"""What the Ban Dong demo publishes: the plan, the operation plans, the
six-month reports and the closed years' reports."""

from __future__ import annotations

import random

from prongsai.organizations.models import Membership

from .demo import (
    ORG,
    WORKS_PREFIXES,
)
from .models import (
    Budget,
)
from .models_documents import ResultsReport
from .models_spending import OperationItem
from .services_budget_publish import operation_plan_publish, six_month_report_publish
from .services_operation import operation_plan_generate
from .services_plan_publish import plan_publish
from .services_results import results_report_publish, results_report_save

REPORT_TEXT = {
    "summary": (
        "องค์การบริหารส่วนตำบลบ้านดงดำเนินโครงการตามแผนพัฒนาท้องถิ่นและข้อบัญญัติ"
        "งบประมาณรายจ่ายประจำปี โดยเน้นโครงสร้างพื้นฐาน คุณภาพชีวิต และการศึกษา"
    ),
    "problems": (
        "1. งบประมาณมีจำกัดเมื่อเทียบกับความต้องการของประชาชน\n"
        "2. ฝนตกต่อเนื่องทำให้งานก่อสร้างบางโครงการล่าช้า\n"
        "3. ราคาวัสดุก่อสร้างสูงขึ้นจนต้องโอนงบประมาณเพิ่ม"
    ),
    "recommendations": (
        "1. จัดลำดับความสำคัญของโครงการร่วมกับประชาคมหมู่บ้าน\n"
        "2. เร่งจัดซื้อจัดจ้างงานก่อสร้างให้เสร็จภายในไตรมาสที่ 2\n"
        "3. ติดตามผลการดำเนินงานทุกไตรมาสและรายงานผู้บริหาร"
    ),
}


def _officer(organization, local: str):
    member = (
        Membership.objects.filter(
            organization=organization, user__email__startswith=f"{local}@"
        )
        .select_related("user")
        .first()
    )
    return member.user if member else None


def _operation_months(organization, fiscal_year: int, rng: random.Random) -> None:
    """Works run a quarter from the second quarter; other projects a month or two."""
    for item in OperationItem.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ):
        if item.title.startswith(WORKS_PREFIXES):
            first = rng.randint(4, 8)
            item.months = list(range(first, first + 3))
        else:
            first = rng.randint(1, 11)
            item.months = [first] if rng.random() < 0.5 else [first, first + 1]
        item.save(update_fields=["months", "updated_at"])


def publish_demo(organization, plan, current: int) -> None:
    """What Ban Dong has published: the plan, the operation plans, the
    six-month reports and the reports of the closed years."""
    planner = _officer(organization, "planning")
    plan_publish(actor=planner, plan=plan)
    rng = random.Random(f"{ORG}-operation")  # noqa: S311 - demo data
    for budget in Budget.objects.filter(organization=organization).order_by(
        "fiscal_year"
    ):
        operation_plan_generate(actor=planner, organization=organization, budget=budget)
        _operation_months(organization, budget.fiscal_year, rng)
        operation_plan_publish(actor=planner, budget=budget)
        if budget.fiscal_year < current:
            six_month_report_publish(actor=planner, budget=budget)
            for kind in (ResultsReport.Kind.ANNUAL, ResultsReport.Kind.FOLLOW_UP):
                results_report_save(
                    actor=planner,
                    organization=organization,
                    kind=kind,
                    fiscal_year=budget.fiscal_year,
                    reported_by_name=planner.display_name if planner else "",
                    reported_by_position="นักวิเคราะห์นโยบายและแผน",
                    **REPORT_TEXT,
                )
                results_report_publish(
                    actor=planner,
                    organization=organization,
                    kind=kind,
                    fiscal_year=budget.fiscal_year,
                )
