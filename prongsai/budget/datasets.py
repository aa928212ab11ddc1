"""The budget, the plan projects and the monthly spending as datasets of the
open-data catalogue (CSV, XLSX, JSON and the CKAN API). Money comes from
``selectors.budget_money``; only public records and aggregates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from prongsai.opendata.registry import DatasetProvider

from . import figures, selectors, selectors_results
from .models import Budget, BudgetChange, BudgetLine, Project, ProjectYear
from .models_spending import Commitment, Disbursement

BUDGET_LINE_FIELDS = (
    ("code", "รหัสรายการ", "text"),
    ("programme", "แผนงาน", "text"),
    ("work", "งาน", "text"),
    ("category", "งบ", "text"),
    ("expense_class", "หมวด", "text"),
    ("expense_type", "ประเภท", "text"),
    ("item", "รายการ", "text"),
    ("unit", "หน่วยงานรับผิดชอบ", "text"),
    ("strategy", "ยุทธศาสตร์", "text"),
    ("project", "โครงการตามแผนพัฒนา", "text"),
    ("original", "งบประมาณตามข้อบัญญัติ (บาท)", "number"),
    ("in_force", "งบประมาณหลังโอน/เพิ่มเติม (บาท)", "number"),
    ("committed", "ก่อหนี้ผูกพัน (บาท)", "number"),
    ("disbursed", "เบิกจ่าย (บาท)", "number"),
)
PROJECT_FIELDS = (
    ("plan", "แผนพัฒนาท้องถิ่น", "text"),
    ("strategy", "ยุทธศาสตร์", "text"),
    ("programme", "แผนงาน", "text"),
    ("number", "ลำดับ", "integer"),
    ("project", "โครงการ", "text"),
    ("target", "เป้าหมาย (ผลผลิต)", "text"),
    ("unit", "หน่วยงานรับผิดชอบ", "text"),
    ("planned", "งบประมาณตามแผน (บาท)", "number"),
    ("in_force", "งบประมาณตามข้อบัญญัติหลังโอน/เพิ่มเติม (บาท)", "number"),
    ("disbursed", "เบิกจ่าย (บาท)", "number"),
    ("status", "สถานะ", "text"),
    ("output", "ผลผลิต", "text"),
    ("result", "ผลลัพธ์", "text"),
    ("latitude", "ละติจูด", "number"),
    ("longitude", "ลองจิจูด", "number"),
)
MONTH_FIELDS = (
    ("month", "เดือน", "date"),
    ("programme", "แผนงาน", "text"),
    ("category", "งบ", "text"),
    ("disbursed", "เบิกจ่าย (บาท)", "number"),
    ("cumulative", "เบิกจ่ายสะสมของแผนงาน (บาท)", "number"),
)

STATUS_TH = {
    Project.Status.NOT_STARTED: "ยังไม่ดำเนินการ",
    Project.Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Project.Status.COMPLETED: "ดำเนินการแล้วเสร็จ",
    Project.Status.CANCELLED: "ยกเลิก",
}


def _budget_years(*, organization) -> list[int]:
    return selectors.budget_years(organization=organization)


def _latest(*querysets) -> datetime | None:
    stamps = [qs.aggregate(latest=Max("updated_at"))["latest"] for qs in querysets]
    stamps = [s for s in stamps if s is not None]
    return max(stamps) if stamps else None


def _budget_modified(*, organization, fiscal_year: int) -> datetime | None:
    return _latest(
        Budget.objects.filter(organization=organization, fiscal_year=fiscal_year),
        BudgetLine.objects.filter(
            organization=organization, budget__fiscal_year=fiscal_year
        ),
        BudgetChange.objects.filter(
            organization=organization, budget__fiscal_year=fiscal_year
        ),
        Commitment.objects.filter(
            organization=organization, line__budget__fiscal_year=fiscal_year
        ),
        Disbursement.objects.filter(
            organization=organization, line__budget__fiscal_year=fiscal_year
        ),
    )


def budget_line_rows(*, organization, fiscal_year: int) -> Iterator[dict]:
    results = selectors_results.year_results(
        organization=organization, fiscal_year=fiscal_year
    )
    if results.money is None:
        return
    projects = {row.project.pk: row for row in results.rows}
    for line in results.money.lines:
        money = results.money.of(line)
        row = projects.get(line.project_id) if line.project_id else None
        yield {
            "code": line.code,
            "programme": line.programme,
            "work": line.work,
            "category": line.get_category_display(),
            "expense_class": line.expense_class,
            "expense_type": line.expense_type,
            "item": line.item,
            "unit": line.unit,
            "strategy": str(row.strategy) if row else "",
            "project": row.project.name if row else "",
            "original": money.original,
            "in_force": money.in_force,
            "committed": money.committed,
            "disbursed": money.disbursed,
        }


def _project_years(*, organization) -> list[int]:
    return sorted(
        ProjectYear.objects.filter(organization=organization)
        .order_by()
        .values_list("fiscal_year", flat=True)
        .distinct(),
        reverse=True,
    )


def project_rows(*, organization, fiscal_year: int) -> Iterator[dict]:
    results = selectors_results.year_results(
        organization=organization, fiscal_year=fiscal_year
    )
    plans = {}
    for row in results.rows:
        project = row.project
        if project.plan_id not in plans:
            plans[project.plan_id] = project.plan.title
        yield {
            "plan": plans[project.plan_id],
            "strategy": str(row.strategy),
            "programme": project.programme.name,
            "number": project.number,
            "project": project.name,
            "target": project.target,
            "unit": project.responsible_unit,
            "planned": row.planned,
            "in_force": row.money.in_force,
            "disbursed": row.money.disbursed,
            "status": STATUS_TH[Project.Status(row.status)],
            "output": row.year.output if row.year else "",
            "result": row.year.result if row.year else "",
            "latitude": project.latitude,
            "longitude": project.longitude,
        }


def _project_modified(*, organization, fiscal_year: int) -> datetime | None:
    return _latest(
        ProjectYear.objects.filter(organization=organization, fiscal_year=fiscal_year),
        Project.objects.filter(
            organization=organization, years__fiscal_year=fiscal_year
        ),
    )


def monthly_rows(*, organization, fiscal_year: int) -> Iterator[dict]:
    """What was paid each month, per programme and budget category."""
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if budget is None:
        return
    money = selectors.budget_money(organization=organization, budget=budget)
    groups = money.grouped(lambda line: (line.programme, line.get_category_display()))
    for (programme, category), total in groups.items():
        running = figures.cumulative(total.monthly)
        for month in range(1, figures.FISCAL_MONTHS + 1):
            paid = total.monthly.get(month)
            if paid is None:
                continue
            yield {
                "month": figures.month_start(fiscal_year, month),
                "programme": programme,
                "category": category,
                "disbursed": paid,
                "cumulative": running[month - 1],
            }


def _monthly_years(*, organization) -> list[int]:
    return sorted(
        Budget.objects.filter(
            organization=organization, lines__disbursements__isnull=False
        )
        .order_by()
        .values_list("fiscal_year", flat=True)
        .distinct(),
        reverse=True,
    )


def _monthly_modified(*, organization, fiscal_year: int) -> datetime | None:
    return _latest(
        Disbursement.objects.filter(
            organization=organization, line__budget__fiscal_year=fiscal_year
        )
    )


BUDGET_LINES = DatasetProvider(
    key="budget-lines",
    title=_("Annual budget by line"),
    description=_(
        "Every line of the budget ordinance of the fiscal year (programme, work, "
        "category, class, type, item) with the amount in the ordinance, the amount "
        "in force after transfers and supplementary budgets, what is committed by "
        "procurement contracts and what is disbursed; and the development-plan "
        "project it funds."
    ),
    fields=BUDGET_LINE_FIELDS,
    years=_budget_years,
    rows=budget_line_rows,
    last_modified=_budget_modified,
    category="การเงินการคลัง",
    tags=("งบประมาณ", "ข้อบัญญัติงบประมาณ", "ITA"),
    data_type="record",
    update_frequency="month",
)
PLAN_PROJECTS = DatasetProvider(
    key="plan-projects",
    title=_("Development plan projects and their results"),
    description=_(
        "The projects of the local development plan in the fiscal year: strategy, "
        "programme, target, the budget the plan sets, the budget in force and "
        "disbursed, and the status, output and result of the year."
    ),
    fields=PROJECT_FIELDS,
    years=_project_years,
    rows=project_rows,
    last_modified=_project_modified,
    category="การเงินการคลัง",
    tags=("แผนพัฒนาท้องถิ่น", "โครงการ", "ผลการดำเนินงาน"),
    data_type="record",
    update_frequency="month",
)
MONTHLY_SPENDING = DatasetProvider(
    key="budget-spending-monthly",
    title=_("Budget spending per month"),
    description=_(
        "What was disbursed from the budget each month of the fiscal year, per "
        "programme and budget category, with the running total."
    ),
    fields=MONTH_FIELDS,
    years=_monthly_years,
    rows=monthly_rows,
    last_modified=_monthly_modified,
    category="การเงินการคลัง",
    tags=("งบประมาณ", "การเบิกจ่าย"),
    data_type="statistic",
    update_frequency="month",
)

# Found by prongsai.opendata.registry (every app's datasets.py declares its own).
DATASETS = (BUDGET_LINES, PLAN_PROJECTS, MONTHLY_SPENDING)
