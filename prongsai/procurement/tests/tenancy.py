"""Objects of a given organisation for the procurement routes."""

from .factories import (
    DocumentFactory,
    ImportBatchFactory,
    NoProcurementMonthFactory,
    PlanItemFactory,
    ProcurementFactory,
)


def _procurement(organization):
    return {"pk": ProcurementFactory(organization=organization).pk}


def _document(organization):
    return {
        "pk": DocumentFactory(
            procurement=ProcurementFactory(organization=organization)
        ).pk
    }


def _plan_item(organization):
    return {"pk": PlanItemFactory(organization=organization).pk}


def _no_month(organization):
    return {"pk": NoProcurementMonthFactory(organization=organization).pk}


def _import(organization):
    return {"pk": ImportBatchFactory(organization=organization).pk}


def _export(organization):
    ProcurementFactory(organization=organization)
    return {"fmt": "ocds-release"}


def _annual(organization):
    # The factory's procurement is of FY 2568, which has ended.
    return {"fiscal_year": ProcurementFactory(organization=organization).fiscal_year}


ROUTE_OBJECTS = {
    "procurement-public:annual": _annual,
    "procurement-staff:detail": _procurement,
    "procurement-staff:edit": _procurement,
    "procurement-staff:delete": _procurement,
    "procurement-staff:document-delete": _document,
    "procurement-staff:plan-item-edit": _plan_item,
    "procurement-staff:plan-item-delete": _plan_item,
    "procurement-staff:no-month-withdraw": _no_month,
    "procurement-staff:import-preview": _import,
    "procurement-staff:export": _export,
    "procurement-public:detail": _procurement,
    "procurement-public:download": _export,
}
