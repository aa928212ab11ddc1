"""Reads of the development plan and the budget, always scoped to one
organisation. The money of every line (in force, committed, disbursed) is
computed here once (:func:`budget_money`); pages, reports, the OIT evidence
and the open datasets all read it from here."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, Sum
from django.http import Http404

from . import figures
from .figures import LineMoney
from .models import (
    Budget,
    BudgetChange,
    BudgetLine,
    DevelopmentPlan,
    Programme,
    Project,
    ProjectYear,
    Strategy,
)
from .models_spending import Commitment, Disbursement

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

_M = TypeVar("_M")


def _access(model: type[_M], organization: Organization, pk: Any) -> _M:
    try:
        return model._default_manager.get(organization=organization, pk=pk)  # type: ignore[attr-defined]
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_plan(*, organization: Organization, pk: Any) -> DevelopmentPlan:
    return _access(DevelopmentPlan, organization, pk)


def access_strategy(*, organization: Organization, pk: Any) -> Strategy:
    return _access(Strategy, organization, pk)


def access_programme(*, organization: Organization, pk: Any) -> Programme:
    return _access(Programme, organization, pk)


def access_project(*, organization: Organization, pk: Any) -> Project:
    return _access(Project, organization, pk)


def access_budget(*, organization: Organization, pk: Any) -> Budget:
    return _access(Budget, organization, pk)


def access_budget_line(*, organization: Organization, pk: Any) -> BudgetLine:
    return _access(BudgetLine, organization, pk)


def access_commitment(*, organization: Organization, pk: Any) -> Commitment:
    return _access(Commitment, organization, pk)


# --- plans ---------------------------------------------------------------------------


def plan_list(*, organization: Organization) -> list[DevelopmentPlan]:
    return list(
        DevelopmentPlan.objects.filter(organization=organization).select_related(
            "organization"
        )
    )


def plan_for_year(
    *, organization: Organization, fiscal_year: int
) -> DevelopmentPlan | None:
    """The development plan covering ``fiscal_year`` (the latest starting one)."""
    return (
        DevelopmentPlan.objects.filter(
            organization=organization,
            first_year__lte=fiscal_year,
            last_year__gte=fiscal_year,
        )
        .order_by("-first_year")
        .first()
    )


def budget_for_year(*, organization: Organization, fiscal_year: int) -> Budget | None:
    return Budget.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def budget_years(*, organization: Organization) -> list[int]:
    return list(
        Budget.objects.filter(organization=organization)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )


# --- money ------------------------------------------------------------------------


@dataclass
class BudgetMoney:
    """The money of every line of one budget, and roll-ups of it."""

    budget: Budget
    lines: list[BudgetLine]
    by_line: dict[int, LineMoney]

    @property
    def total(self) -> LineMoney:
        return figures.total(self.by_line.values())

    def of(self, line: BudgetLine) -> LineMoney:
        return self.by_line.get(line.pk, LineMoney())

    def grouped(self, key) -> dict[Any, LineMoney]:
        """Totals per ``key(line)`` (e.g. the programme, the category, the
        project id), in the order the keys first appear."""
        out: dict[Any, LineMoney] = {}
        for line in self.lines:
            group = key(line)
            out[group] = out.get(group, LineMoney()).add(self.of(line))
        return out

    def by_project(self) -> dict[int, LineMoney]:
        return {
            pk: money
            for pk, money in self.grouped(lambda line: line.project_id).items()
            if pk is not None
        }


def _sum(value) -> Decimal:
    """A database sum as baht and satang (SQLite sums decimals as floats)."""
    return Decimal(value or 0).quantize(figures.SATANG)


def budget_money(
    *,
    organization: Organization,
    budget: Budget,
    until: datetime.date | None = None,
    project: Project | None = None,
) -> BudgetMoney:
    """Every line of ``budget`` with its money, in five queries.

    A cancelled procurement commits nothing. ``until`` (a report's last day)
    leaves out changes approved, contracts made and months paid after it.
    With ``project``, only the lines funding it (a project's page).
    """
    only = {"project": project} if project is not None else {}
    line_only = {"line__project": project} if project is not None else {}
    lines = list(
        BudgetLine.objects.filter(organization=organization, budget=budget, **only)
        .select_related("project")
        .order_by("position", "id")
    )
    by_line: dict[int, LineMoney] = {
        line.pk: LineMoney(original=line.amount) for line in lines
    }
    changes = BudgetChange.objects.filter(organization=organization, budget=budget)
    commitments = Commitment.objects.filter(
        organization=organization,
        line__budget=budget,
        state=Commitment.State.CONFIRMED,
        procurement__cancelled=False,
        **line_only,
    )
    disbursements = Disbursement.objects.filter(
        organization=organization, line__budget=budget, **line_only
    )
    if until is not None:
        changes = changes.filter(approved_on__lte=until)
        commitments = commitments.filter(
            Q(procurement__contract_date__lte=until)
            | Q(
                procurement__contract_date__isnull=True,
                procurement__procured_on__lte=until,
            )
        )
        disbursements = disbursements.filter(month__lte=until)
    changes_in = (
        changes.filter(to_line__project=project) if project is not None else changes
    )
    for row in changes_in.values("kind", "to_line_id").annotate(sum=Sum("amount")):
        money = by_line.get(row["to_line_id"])
        if money is None:
            continue
        if row["kind"] == BudgetChange.Kind.TRANSFER:
            money.transferred_in += _sum(row["sum"])
        else:
            money.supplementary += _sum(row["sum"])
    changes_out = (
        changes.filter(from_line__project=project) if project is not None else changes
    )
    for row in (
        changes_out.filter(kind=BudgetChange.Kind.TRANSFER)
        .values("from_line_id")
        .annotate(sum=Sum("amount"))
    ):
        money = by_line.get(row["from_line_id"])
        if money is not None:
            money.transferred_out += _sum(row["sum"])
    for row in commitments.values("line_id").annotate(sum=Sum("amount")):
        by_line[row["line_id"]].committed += _sum(row["sum"])
    for row in disbursements.values("line_id", "month").annotate(sum=Sum("amount")):
        money = by_line[row["line_id"]]
        money.disbursed += _sum(row["sum"])
        month = figures.fiscal_month(row["month"])
        money.monthly[month] = money.monthly.get(month, figures.ZERO) + _sum(row["sum"])
    return BudgetMoney(budget=budget, lines=lines, by_line=by_line)


def project_money(
    *, organization: Organization, project: Project
) -> dict[int, LineMoney]:
    """The money of ``project`` per fiscal year, over every budget that funds it."""
    out: dict[int, LineMoney] = defaultdict(LineMoney)
    lines = BudgetLine.objects.filter(
        organization=organization, project=project
    ).select_related("budget")
    for budget in {line.budget for line in lines}:
        money = budget_money(organization=organization, budget=budget, project=project)
        out[budget.fiscal_year] = out[budget.fiscal_year].add(money.total)
    return dict(out)


def project_years(
    *, organization: Organization, plan: DevelopmentPlan
) -> dict[int, dict[int, ProjectYear]]:
    """project id -> fiscal year -> its ProjectYear, for every project of ``plan``."""
    out: dict[int, dict[int, ProjectYear]] = defaultdict(dict)
    for year in ProjectYear.objects.filter(
        organization=organization, project__plan=plan
    ):
        out[year.project_id][year.fiscal_year] = year
    return dict(out)
