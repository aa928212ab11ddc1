"""Route object builders of the budget part (gathered by tenancy): each
builds the objects of a route in ``owner`` and returns the URL kwargs."""

from __future__ import annotations

from prongsai.budget.models_documents import BudgetImport

from .factories import (
    BudgetChangeFactory,
    BudgetFactory,
    BudgetLineFactory,
    CommitmentFactory,
    OperationItemFactory,
)

YEAR = 2569


def _year(owner) -> dict:
    BudgetFactory(organization=owner, fiscal_year=YEAR)
    return {"year": YEAR}


def _line(owner) -> dict:
    line = BudgetLineFactory(budget=BudgetFactory(organization=owner, fiscal_year=YEAR))
    return {"year": YEAR, "pk": line.pk}


def _change(owner) -> dict:
    line = BudgetLineFactory(budget=BudgetFactory(organization=owner, fiscal_year=YEAR))
    return {"year": YEAR, "pk": BudgetChangeFactory(to_line=line).pk}


def _import(owner) -> dict:
    budget = BudgetFactory(organization=owner, fiscal_year=YEAR)
    batch = BudgetImport.objects.create(
        organization=owner,
        budget=budget,
        kind=BudgetImport.Kind.LINES,
        filename="lines.xlsx",
        sha256="0" * 64,
        problems=[{"row": 2, "column": "A", "message": "x"}],
    )
    return {"year": YEAR, "pk": batch.pk}


def _commitment(owner) -> dict:
    from prongsai.procurement.tests.factories import ProcurementFactory

    line = BudgetLineFactory(budget=BudgetFactory(organization=owner, fiscal_year=YEAR))
    procurement = ProcurementFactory(organization=owner, fiscal_year=YEAR)
    commitment = CommitmentFactory(
        line=line, procurement=procurement, state="suggested"
    )
    return {"year": YEAR, "pk": commitment.pk, "decision": "confirm"}


def _procurement(owner) -> dict:
    from prongsai.procurement.tests.factories import ProcurementFactory

    BudgetFactory(organization=owner, fiscal_year=YEAR)
    return {
        "year": YEAR,
        "pk": ProcurementFactory(organization=owner, fiscal_year=YEAR).pk,
    }


def _item(owner) -> dict:
    BudgetFactory(organization=owner, fiscal_year=YEAR)
    return {
        "year": YEAR,
        "pk": OperationItemFactory(organization=owner, fiscal_year=YEAR).pk,
    }


ROUTE_OBJECTS: dict = {
    "budget-staff:year": _year,
    "budget-staff:year-edit": _year,
    "budget-staff:line-create": _year,
    "budget-staff:line": _line,
    "budget-staff:line-edit": _line,
    "budget-staff:line-delete": _line,
    "budget-staff:line-project": _line,
    "budget-staff:transfer-create": _year,
    "budget-staff:supplementary-create": _year,
    "budget-staff:change-delete": _change,
    "budget-staff:import": lambda owner: {**_year(owner), "kind": "lines"},
    "budget-staff:import-preview": _import,
    "budget-staff:procurement": _year,
    "budget-staff:procurement-suggest": _year,
    "budget-staff:procurement-link": _procurement,
    "budget-staff:commitment-decide": _commitment,
    "budget-staff:operation-plan": _year,
    "budget-staff:operation-plan-generate": _year,
    "budget-staff:operation-plan-publish": _year,
    "budget-staff:operation-item-create": _year,
    "budget-staff:operation-item-edit": _item,
    "budget-staff:operation-item-delete": _item,
    "budget-staff:operation-plan-document": lambda owner: {
        **_year(owner),
        "extension": "pdf",
    },
    "budget-staff:report": lambda owner: {**_year(owner), "period": "six_month"},
    "budget-staff:report-document": lambda owner: {
        **_year(owner),
        "period": "annual",
        "extension": "docx",
    },
    "budget-staff:report-publish": _year,
}
