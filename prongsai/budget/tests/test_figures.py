import datetime
from decimal import Decimal

import pytest

from prongsai.budget import figures, selectors
from prongsai.budget.models import BudgetChange
from prongsai.budget.models_spending import Commitment

from .factories import (
    BudgetChangeFactory,
    BudgetLineFactory,
    CommitmentFactory,
    DisbursementFactory,
)


def test_fiscal_months_run_october_to_september():
    assert figures.month_start(2569, 1) == datetime.date(2025, 10, 1)
    assert figures.month_start(2569, 4) == datetime.date(2026, 1, 1)
    assert figures.month_start(2569, 12) == datetime.date(2026, 9, 1)
    assert [
        figures.fiscal_month(figures.month_start(2569, m)) for m in range(1, 13)
    ] == list(range(1, 13))
    assert figures.fiscal_quarter(datetime.date(2026, 1, 15)) == 2
    with pytest.raises(ValueError):
        figures.month_start(2569, 13)


def test_share_and_cumulative():
    assert figures.share(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert figures.share(Decimal("5"), Decimal("0")) is None
    assert figures.cumulative({1: Decimal("2"), 3: Decimal("5")})[:4] == [
        Decimal("2"),
        Decimal("2"),
        Decimal("7"),
        Decimal("7"),
    ]


@pytest.mark.django_db
def test_budget_money_follows_transfers_supplements_commitments_and_payments():
    road = BudgetLineFactory(amount=Decimal("500000"))
    org, budget = road.organization, road.budget
    office = BudgetLineFactory(budget=budget, organization=org, amount=Decimal("80000"))
    BudgetChangeFactory(
        budget=budget,
        organization=org,
        kind=BudgetChange.Kind.TRANSFER,
        from_line=office,
        to_line=road,
        amount=Decimal("30000"),
    )
    BudgetChangeFactory(
        budget=budget, organization=org, to_line=road, amount=Decimal("20000")
    )
    CommitmentFactory(line=road, organization=org, amount=Decimal("540000"))
    CommitmentFactory(
        line=road,
        organization=org,
        amount=Decimal("9"),
        state=Commitment.State.REJECTED,
    )
    DisbursementFactory(line=road, organization=org, month=datetime.date(2026, 1, 1))
    DisbursementFactory(
        line=road,
        organization=org,
        month=datetime.date(2026, 2, 1),
        amount=Decimal("50000"),
    )

    money = selectors.budget_money(organization=org, budget=budget)
    assert money.of(road).in_force == Decimal("550000")
    assert money.of(office).in_force == Decimal("50000")
    assert money.of(road).committed == Decimal("540000")
    assert money.of(road).disbursed == Decimal("150000")
    assert money.of(road).monthly == {4: Decimal("100000"), 5: Decimal("50000")}
    assert money.of(road).remaining == Decimal("10000")
    assert money.total.in_force == Decimal("600000")
    assert money.total.original == Decimal("580000")
