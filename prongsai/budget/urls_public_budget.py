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
    path("projects/<int:pk>/", v.budget_project, name="project"),
]
