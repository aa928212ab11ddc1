"""Ban Dong's demo plan and budgets load and follow the money end to end."""

import datetime

import pytest

from prongsai.budget import selectors
from prongsai.budget.demo import load_budget_demo
from prongsai.budget.models import (
    Budget,
    BudgetChange,
    DevelopmentPlan,
    Project,
    ProjectYear,
)
from prongsai.budget.models_spending import Commitment
from prongsai.core import thai_dates
from prongsai.procurement.demo import load_procurement_demo
from prongsai.procurement.models import Procurement
from prongsai.procurement.vocab import BudgetCategory

pytestmark = pytest.mark.django_db


def test_demo_plan_budgets_and_links(organization):
    load_procurement_demo([organization])
    load_budget_demo([organization])
    current = thai_dates.fiscal_year(datetime.date.today())

    plan = DevelopmentPlan.objects.get(organization=organization)
    assert (plan.first_year, plan.last_year) == (current - 4, current)
    projects = Project.objects.filter(organization=organization)
    assert 55 <= projects.count() <= 90
    assert projects.filter(latitude__isnull=False).count() >= 30
    assert projects.filter(amendment__isnull=False).exists()
    assert set(
        Budget.objects.filter(organization=organization).values_list(
            "fiscal_year", flat=True
        )
    ) == {current - 2, current - 1, current}

    # Every procurement that is not cancelled is tied to a line of its year.
    open_procurement = Procurement.objects.filter(
        organization=organization, cancelled=False
    )
    linked = Commitment.objects.filter(organization=organization)
    assert set(linked.values_list("procurement_id", flat=True)) == set(
        open_procurement.values_list("pk", flat=True)
    )
    for commitment in linked.select_related("line__budget", "procurement"):
        assert commitment.line.budget.fiscal_year == commitment.procurement.fiscal_year
    # Investment lines name their plan project.
    for budget in Budget.objects.filter(organization=organization):
        money = selectors.budget_money(organization=organization, budget=budget)
        investment = [
            line for line in money.lines if line.category == BudgetCategory.INVESTMENT
        ]
        assert investment and all(line.project_id for line in investment)
        assert money.total.in_force > money.total.original  # a supplement
        for line in money.lines:
            assert money.of(line).in_force >= 0
        assert BudgetChange.objects.filter(
            organization=organization, budget=budget, kind=BudgetChange.Kind.TRANSFER
        ).exists()
    closed = selectors.budget_money(
        organization=organization,
        budget=Budget.objects.get(organization=organization, fiscal_year=current - 2),
    )
    assert closed.total.disbursed > closed.total.in_force / 2
    statuses = set(
        ProjectYear.objects.filter(
            organization=organization, fiscal_year=current - 2
        ).values_list("status", flat=True)
    )
    assert {Project.Status.COMPLETED, Project.Status.CANCELLED} <= statuses


def test_demo_is_repeatable(organization):
    load_procurement_demo([organization])
    load_budget_demo([organization])
    count = Project.objects.filter(organization=organization).count()
    load_budget_demo([organization])
    assert Project.objects.filter(organization=organization).count() == count


def test_demo_makes_the_plan_and_money_items_ready(organization):
    from prongsai.budget.oit_evidence_budget import annual_plan_evidence
    from prongsai.budget.oit_evidence_plan import development_plan_evidence
    from prongsai.budget.oit_evidence_results import annual_report_evidence

    load_procurement_demo([organization])
    load_budget_demo([organization])
    current = thai_dates.fiscal_year(datetime.date.today())
    for provider in (
        development_plan_evidence,
        annual_plan_evidence,
        annual_report_evidence,
    ):
        for fiscal_year in (current - 1, current):
            evidence = provider(organization, fiscal_year)
            assert evidence.passed, [c.message_th for c in evidence.checks]
