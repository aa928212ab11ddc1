"""Public URLs of "งบประมาณของเรา" (included by urls_public)."""

from django.urls import path

from . import views_public_budget as v
from .urls_staff_results import _Extension, _ReportKind  # noqa: F401 (converters)

urlpatterns = [
    path("", v.budget_index, name="index"),
    path("<int:fiscal_year>/", v.budget_year, name="year"),
    path(
        "<int:fiscal_year>/datapackage.json", v.budget_datapackage, name="datapackage"
    ),
    path(
        "<int:fiscal_year>/reports/<results_kind:kind>.<results_extension:extension>",
        v.budget_report,
        name="report",
    ),
    path(
        "<int:fiscal_year>/operation-plan.pdf",
        v.budget_operation_plan,
        name="operation-plan",
    ),
    path(
        "<int:fiscal_year>/six-month-report.pdf",
        v.budget_six_month_report,
        name="six-month-report",
    ),
    path("projects/<int:pk>/", v.budget_project, name="project"),
]
