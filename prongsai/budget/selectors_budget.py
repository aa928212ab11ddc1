"""Reads of the annual budget and its spending for the staff pages, the
operation plan and the spending reports. Money always comes from
``selectors.budget_money``; snapshots are plain data (text for dates and
amounts) so that a publication freezes them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, Q
from django.http import Http404

from prongsai.core import publications, thai_dates
from prongsai.procurement.models import Procurement
from prongsai.procurement.vocab import BUDGET_CATEGORY_THAI, BudgetCategory

from . import figures, selectors
from .figures import LineMoney
from .models import Budget, BudgetChange, BudgetLine, Project
from .models_documents import BudgetImport, OperationPlan, SixMonthReport
from .models_spending import Commitment, OperationItem
from .selectors import _access

if TYPE_CHECKING:
    from prongsai.core.models import Publication
    from prongsai.organizations.models import Organization

PERIODS = ("six_month", "annual")
PERIOD_MONTHS = {"six_month": 6, "annual": 12}
NO_STRATEGY = "ไม่ระบุยุทธศาสตร์"


def access_budget_import(*, organization: Organization, pk: Any) -> BudgetImport:
    return _access(BudgetImport, organization, pk)


def access_budget_change(*, organization: Organization, pk: Any) -> BudgetChange:
    return _access(BudgetChange, organization, pk)


def access_operation_item(*, organization: Organization, pk: Any) -> OperationItem:
    return _access(OperationItem, organization, pk)


def access_procurement(*, organization: Organization, pk: Any) -> Procurement:
    return _access(Procurement, organization, pk)


def budget_of_year(*, organization: Organization, fiscal_year: int) -> Budget:
    """The budget of ``fiscal_year`` from a URL, else 404."""
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if budget is None:
        raise Http404
    return budget


# --- the year's page --------------------------------------------------------------


@dataclass
class LineRow:
    line: BudgetLine
    money: LineMoney
    commitments: list[Commitment] = field(default_factory=list)
    suggested: int = 0


def budget_overview(*, organization: Organization, budget: Budget) -> dict[str, Any]:
    """Every line with its money, linked procurement and open suggestions;
    the transfers and supplementary budgets; what is not ready yet."""
    money = selectors.budget_money(organization=organization, budget=budget)
    commitments: dict[int, list[Commitment]] = defaultdict(list)
    suggested: dict[int, int] = defaultdict(int)
    for commitment in Commitment.objects.filter(
        organization=organization, line__budget=budget
    ).select_related("procurement"):
        if commitment.state == Commitment.State.CONFIRMED:
            commitments[commitment.line_id].append(commitment)
        elif commitment.state == Commitment.State.SUGGESTED:
            suggested[commitment.line_id] += 1
    rows = [
        LineRow(
            line=line,
            money=money.of(line),
            commitments=commitments[line.pk],
            suggested=suggested[line.pk],
        )
        for line in money.lines
    ]
    return {
        "money": money,
        "rows": rows,
        "total": money.total,
        "changes": list(
            BudgetChange.objects.filter(organization=organization, budget=budget)
            .select_related("from_line", "to_line")
            .order_by("approved_on", "id")
        ),
        "without_project": lines_without_project(
            organization=organization, budget=budget
        ),
        "plan": selectors.plan_for_year(
            organization=organization, fiscal_year=budget.fiscal_year
        ),
    }


def lines_without_project(
    *, organization: Organization, budget: Budget
) -> list[BudgetLine]:
    """The readiness check: investment lines not linked to a plan project."""
    return list(
        BudgetLine.objects.filter(
            organization=organization,
            budget=budget,
            category=BudgetCategory.INVESTMENT,
            project__isnull=True,
        ).order_by("position", "id")
    )


def line_detail(*, organization: Organization, line: BudgetLine) -> dict[str, Any]:
    money = selectors.budget_money(organization=organization, budget=line.budget)
    return {
        "money": money.of(line),
        "commitments": list(
            Commitment.objects.filter(organization=organization, line=line)
            .select_related("procurement", "decided_by")
            .order_by("state", "id")
        ),
        "changes": list(
            BudgetChange.objects.filter(organization=organization, budget=line.budget)
            .filter(Q(from_line=line) | Q(to_line=line))
            .select_related("from_line", "to_line")
        ),
    }


def procurement_without_line(
    *, organization: Organization, fiscal_year: int
) -> list[Procurement]:
    """Procurement of the year (not cancelled, paid from the ordinance) that
    no confirmed link ties to a budget line, with their suggestions in
    ``open_suggestions``."""
    confirmed = Commitment.objects.filter(
        organization=organization,
        procurement__fiscal_year=fiscal_year,
        state=Commitment.State.CONFIRMED,
    ).values("procurement_id")
    procurements = list(
        Procurement.objects.filter(
            organization=organization, fiscal_year=fiscal_year, cancelled=False
        )
        .exclude(pk__in=confirmed)
        .prefetch_related(
            Prefetch(
                "budget_commitments",
                queryset=Commitment.objects.filter(
                    organization=organization, state=Commitment.State.SUGGESTED
                ).select_related("line"),
                to_attr="open_suggestions",
            )
        )
        .order_by("procured_on", "id")
    )
    return procurements


def confirmed_line_of(
    *, organization: Organization, procurement: Procurement
) -> BudgetLine | None:
    commitment = (
        Commitment.objects.filter(
            organization=organization,
            procurement=procurement,
            state=Commitment.State.CONFIRMED,
        )
        .select_related("line__budget")
        .first()
    )
    return commitment.line if commitment else None


def import_list(*, organization: Organization, budget: Budget) -> list[BudgetImport]:
    return list(
        BudgetImport.objects.filter(organization=organization, budget=budget)[:10]
    )


# --- the operation plan ------------------------------------------------------------


def operation_items(
    *, organization: Organization, fiscal_year: int
) -> list[OperationItem]:
    return list(
        OperationItem.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("project__programme__strategy", "budget_line")
        .order_by("position", "id")
    )


def _money_text(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def _place_of(item: OperationItem) -> tuple[tuple[int, str], str]:
    """(strategy order and name, programme name) of an operation item."""
    if item.project is not None:
        strategy = item.project.programme.strategy
        return (strategy.number, str(strategy)), item.project.programme.name
    programme = item.budget_line.programme if item.budget_line else ""
    return (9999, NO_STRATEGY), programme or NO_STRATEGY


def operation_plan_snapshot(
    *, organization: Organization, budget: Budget
) -> dict[str, Any]:
    """The year's operation plan grouped by strategy and programme."""
    items = operation_items(organization=organization, fiscal_year=budget.fiscal_year)
    groups: dict[tuple[int, str], dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for item in items:
        strategy, programme = _place_of(item)
        groups[strategy][programme].append(
            {
                "title": item.title,
                "details": item.details,
                "place": item.place,
                "amount": _money_text(item.amount),
                "unit": item.unit,
                "months": sorted(int(m) for m in item.months),
                "project_number": item.project.number if item.project else None,
            }
        )
    strategies = []
    number = 0
    for (_order, name), programmes in sorted(groups.items()):
        out_programmes: list[dict[str, Any]] = []
        for programme, rows in programmes.items():
            for row in rows:
                number += 1
                row["number"] = number
            out_programmes.append(
                {
                    "name": programme,
                    "items": rows,
                    "amount": _money_text(
                        sum((Decimal(r["amount"]) for r in rows), Decimal(0))
                    ),
                }
            )
        strategies.append(
            {
                "name": name,
                "programmes": out_programmes,
                "count": sum(len(p["items"]) for p in out_programmes),
                "amount": _money_text(
                    sum((Decimal(p["amount"]) for p in out_programmes), Decimal(0))
                ),
            }
        )
    plan = selectors.plan_for_year(
        organization=organization, fiscal_year=budget.fiscal_year
    )
    return {
        "title": f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {budget.fiscal_year}",
        "organization_name": organization.name,
        "fiscal_year": budget.fiscal_year,
        "plan_title": plan.title if plan else "",
        "budget_title": budget.title,
        "months": month_labels(budget.fiscal_year),
        "strategies": strategies,
        "item_count": number,
        "amount": _money_text(sum((i.amount for i in items), Decimal(0))),
        "with_months": sum(1 for i in items if i.months),
    }


def month_labels(fiscal_year: int) -> list[str]:
    """ต.ค. 68 ... ก.ย. 69 for the columns of the plan."""
    labels = []
    for month in range(1, figures.FISCAL_MONTHS + 1):
        day = figures.month_start(fiscal_year, month)
        labels.append(thai_dates.THAI_MONTHS_ABBR[day.month - 1])
    return labels


# --- the spending reports ----------------------------------------------------------


def period_end(fiscal_year: int, period: str) -> datetime.date:
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    if period == "six_month":
        return datetime.date(start.year + 1, 3, 31)
    return end


def _plain_money(money: LineMoney, months: int) -> dict[str, Any]:
    quarters = [
        sum(
            (money.monthly.get(m, figures.ZERO) for m in range(q * 3 + 1, q * 3 + 4)),
            figures.ZERO,
        )
        for q in range(months // 3)
    ]
    return {
        "original": _money_text(money.original),
        "in_force": _money_text(money.in_force),
        "committed": _money_text(money.committed),
        "disbursed": _money_text(money.disbursed),
        "remaining": _money_text(money.in_force - money.disbursed),
        "disbursed_share": str(money.disbursed_share)
        if money.disbursed_share is not None
        else None,
        "quarters": [_money_text(q) for q in quarters],
    }


def _planned_by_quarter(items: list[OperationItem], months: int) -> list[Decimal]:
    """The operation plan's money spread evenly over the months it runs."""
    per_month: dict[int, Decimal] = defaultdict(lambda: figures.ZERO)
    for item in items:
        if not item.months:
            continue
        share = Decimal(item.amount) / len(item.months)
        for month in item.months:
            per_month[int(month)] += share
    return [
        sum((per_month[m] for m in range(q * 3 + 1, q * 3 + 4)), figures.ZERO)
        for q in range(months // 3)
    ]


def spending_report_snapshot(
    *, organization: Organization, budget: Budget, period: str
) -> dict[str, Any]:
    """Planned (in force) vs committed vs disbursed per programme and per
    category, by quarter, up to the end of ``period`` (six_month: 1 Oct - 31
    Mar; annual: the whole year)."""
    months = PERIOD_MONTHS[period]
    end = period_end(budget.fiscal_year, period)
    money = selectors.budget_money(organization=organization, budget=budget, until=end)
    by_programme = money.grouped(lambda line: line.programme)
    by_category = money.grouped(lambda line: line.category)
    strategies: dict[str, LineMoney] = {}
    for line in money.lines:
        name = (
            str(line.project.programme.strategy)
            if line.project_id and line.project
            else NO_STRATEGY
        )
        strategies[name] = strategies.get(name, LineMoney()).add(money.of(line))
    items = operation_items(organization=organization, fiscal_year=budget.fiscal_year)
    planned_quarters = _planned_by_quarter(items, months)
    total = money.total
    spent_quarters = _plain_money(total, months)["quarters"]
    projects = [
        {
            "number": line.project.number if line.project else None,
            "name": line.project.name if line.project else line.item,
            **_plain_money(money.of(line), months),
        }
        for line in money.lines
        if line.project_id
    ]
    return {
        "title": (
            "รายงานผลการดำเนินงานและการใช้จ่ายงบประมาณรอบ 6 เดือน "
            f"(1 ตุลาคม {budget.fiscal_year - 1} - 31 มีนาคม {budget.fiscal_year})"
            if period == "six_month"
            else f"รายงานผลการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. {budget.fiscal_year}"
        ),
        "period": period,
        "organization_name": organization.name,
        "fiscal_year": budget.fiscal_year,
        "budget_title": budget.title,
        "until": end.isoformat(),
        "quarter_count": months // 3,
        "total": _plain_money(total, months),
        "programmes": [
            {"name": name, **_plain_money(m, months)}
            for name, m in by_programme.items()
        ],
        "categories": [
            {
                "name": BUDGET_CATEGORY_THAI.get(key, key),
                **_plain_money(m, months),
            }
            for key, m in by_category.items()
        ],
        "strategies": [
            {"name": name, **_plain_money(m, months)} for name, m in strategies.items()
        ],
        "planned_quarters": [_money_text(q) for q in planned_quarters],
        "spent_quarters": spent_quarters,
        "projects": projects,
        "project_count": len(projects),
        "operation_item_count": len(items),
    }


# --- publications -----------------------------------------------------------------


def operation_plan_subject(budget: Budget) -> OperationPlan:
    return OperationPlan.objects.get(organization=budget.organization, pk=budget.pk)


def six_month_subject(budget: Budget) -> SixMonthReport:
    return SixMonthReport.objects.get(organization=budget.organization, pk=budget.pk)


def published_operation_plan(
    *, organization: Organization, fiscal_year: int
) -> Publication | None:
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if budget is None:
        return None
    return publications.publication_current(operation_plan_subject(budget))


def published_six_month_report(
    *, organization: Organization, fiscal_year: int
) -> Publication | None:
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    if budget is None:
        return None
    return publications.publication_current(six_month_subject(budget))


def plan_projects(*, organization: Organization, budget: Budget) -> list[Project]:
    plan = selectors.plan_for_year(
        organization=organization, fiscal_year=budget.fiscal_year
    )
    if plan is None:
        return []
    return list(
        Project.objects.filter(organization=organization, plan=plan).select_related(
            "programme__strategy"
        )
    )
