"""Route object builders of the plan part (gathered by tenancy)."""

import itertools

from prongsai.budget.models_documents import PlanImport
from prongsai.budget.selectors_plan import plan_snapshot
from prongsai.core import publications

from .factories import (
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    StrategyFactory,
)

_first_years = itertools.count(2600, 5)


def _plan(organization):
    return DevelopmentPlanFactory(
        organization=organization, first_year=next(_first_years)
    )


def _plan_pk(organization):
    return {"pk": _plan(organization).pk}


def _plan_pk_param(organization):
    return {"plan_pk": _plan(organization).pk}


def _strategy(organization):
    return {"pk": StrategyFactory(plan=_plan(organization)).pk}


def _programme(organization):
    strategy = StrategyFactory(plan=_plan(organization))
    return {"pk": ProgrammeFactory(strategy=strategy).pk}


def _project(organization):
    strategy = StrategyFactory(plan=_plan(organization))
    return {"pk": ProjectFactory(programme=ProgrammeFactory(strategy=strategy)).pk}


def _import(organization):
    batch = PlanImport.objects.create(
        organization=organization,
        plan=_plan(organization),
        filename="p02.xlsx",
        sha256="0" * 64,
        rows=[],
        problems=[{"row": None, "column": "", "message": "x"}],
    )
    return {"pk": batch.pk}


def _document(organization):
    return {"pk": _plan(organization).pk, "document": "p01", "extension": "docx"}


def _published(organization):
    plan = _plan(organization)
    publications.publication_publish(
        actor=None,
        subject=plan,
        snapshot=plan_snapshot(plan=plan),
        pdf=b"%PDF-1.4 test",
        filename="plan.pdf",
    )
    return plan


def _published_year(organization):
    return {"first_year": _published(organization).first_year}


def _published_download(organization):
    return {
        "first_year": _published(organization).first_year,
        "document": "p02",
        "extension": "pdf",
    }


ROUTE_OBJECTS: dict = {
    "budget-staff:plan-detail": _plan_pk,
    "budget-staff:plan-edit": _plan_pk,
    "budget-staff:plan-strategy-create": _plan_pk_param,
    "budget-staff:plan-strategy-edit": _strategy,
    "budget-staff:plan-programme-create": _plan_pk_param,
    "budget-staff:plan-programme-edit": _programme,
    "budget-staff:plan-project-create": _plan_pk_param,
    "budget-staff:plan-project-edit": _project,
    "budget-staff:plan-project-delete": _project,
    "budget-staff:plan-amendment-create": _plan_pk_param,
    "budget-staff:plan-import": _plan_pk_param,
    "budget-staff:plan-import-preview": _import,
    "budget-staff:plan-document": _document,
    "budget-staff:plan-publish": _plan_pk,
    "budget-public:plan-year": _published_year,
    "budget-public:plan-download": _published_download,
}
