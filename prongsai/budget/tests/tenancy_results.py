"""Route object builders of the results part (gathered by tenancy)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.budget.models import ProjectPhoto
from prongsai.budget.tests.factories import (
    BudgetFactory,
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectYearFactory,
    StrategyFactory,
)

YEAR = 2569


def png_file(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_project(organization, **extra):
    plan = DevelopmentPlanFactory(organization=organization)
    strategy = StrategyFactory(plan=plan)
    programme = ProgrammeFactory(strategy=strategy)
    return ProjectFactory(programme=programme, **extra)


def _project_in_year(organization):
    project = make_project(organization)
    ProjectYearFactory(project=project, fiscal_year=YEAR)
    return {"fiscal_year": YEAR, "pk": project.pk}


def _public_project(organization):
    return {"pk": make_project(organization).pk}


def _photo(organization):
    project = make_project(organization)
    photo = ProjectPhoto.objects.create(
        organization=organization, project=project, image=png_file()
    )
    return {"pk": photo.pk}


def _public_year(organization):
    BudgetFactory(organization=organization, fiscal_year=YEAR)
    return {"fiscal_year": YEAR}


def _year(organization):
    """A year the owner has plan projects for (another organisation has none)."""
    _project_in_year(organization)
    return {"fiscal_year": YEAR}


def _report(organization):
    return {**_year(organization), "kind": "annual"}


def _report_file(organization):
    return {**_report(organization), "extension": "docx"}


def _published_report(organization):
    from prongsai.budget import services_results

    project = make_project(organization)
    ProjectYearFactory(project=project, fiscal_year=YEAR, status="completed")
    services_results.results_report_publish(
        actor=None, organization=organization, kind="annual", fiscal_year=YEAR
    )
    return {"fiscal_year": YEAR, "kind": "annual", "extension": "pdf"}


def _datapackage(organization):
    from prongsai.opendata import services as opendata_services

    BudgetFactory(organization=organization, fiscal_year=YEAR)
    opendata_services.dataset_sync(organization=organization)
    return {"fiscal_year": YEAR}


def _published_budget_documents(organization):
    """A year whose operation plan and six-month report are published."""
    from decimal import Decimal

    from prongsai.budget import services_budget_publish, services_operation
    from prongsai.budget.tests.factories import BudgetLineFactory

    budget = BudgetFactory(organization=organization, fiscal_year=YEAR)
    BudgetLineFactory(budget=budget, amount=Decimal("100"))
    services_operation.operation_plan_generate(
        actor=None, organization=organization, budget=budget
    )
    services_budget_publish.operation_plan_publish(actor=None, budget=budget)
    services_budget_publish.six_month_report_publish(actor=None, budget=budget)
    return {"fiscal_year": YEAR}


ROUTE_OBJECTS: dict = {
    "budget-public:operation-plan": _published_budget_documents,
    "budget-public:six-month-report": _published_budget_documents,
    "budget-staff:results-year": _year,
    "budget-staff:results-report": _report,
    "budget-staff:results-report-download": _report_file,
    "budget-staff:results-report-publish": _report,
    "budget-staff:results-report-withdraw": _report,
    "budget-public:report": _published_report,
    "budget-public:datapackage": _datapackage,
    "budget-staff:results-project": _project_in_year,
    "budget-staff:results-status": _project_in_year,
    "budget-staff:results-photo-add": _project_in_year,
    "budget-staff:results-photo-delete": _photo,
    "budget-public:project": _public_project,
    "budget-public:year": _public_year,
}
