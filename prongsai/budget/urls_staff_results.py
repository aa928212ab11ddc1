"""Back-office URLs of the results part (included by urls_staff)."""

from django.urls import path, register_converter

from . import views_staff_results as v


class _ReportKind:
    regex = "annual|follow_up"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _Extension(_ReportKind):
    regex = "pdf|docx"


register_converter(_ReportKind, "results_kind")
register_converter(_Extension, "results_extension")

urlpatterns = [
    path("results/", v.results_home, name="results"),
    path("results/<int:fiscal_year>/", v.results_year, name="results-year"),
    path(
        "results/<int:fiscal_year>/projects/<int:pk>/",
        v.results_project,
        name="results-project",
    ),
    path(
        "results/<int:fiscal_year>/projects/<int:pk>/status/",
        v.results_status,
        name="results-status",
    ),
    path(
        "results/<int:fiscal_year>/projects/<int:pk>/photos/",
        v.results_photo_add,
        name="results-photo-add",
    ),
    path(
        "results/photos/<int:pk>/delete/",
        v.results_photo_delete,
        name="results-photo-delete",
    ),
    path(
        "results/<int:fiscal_year>/reports/<results_kind:kind>/",
        v.results_report,
        name="results-report",
    ),
    path(
        "results/<int:fiscal_year>/reports/<results_kind:kind>.<results_extension:extension>",
        v.results_report_download,
        name="results-report-download",
    ),
    path(
        "results/<int:fiscal_year>/reports/<results_kind:kind>/publish/",
        v.results_report_publish,
        name="results-report-publish",
    ),
    path(
        "results/<int:fiscal_year>/reports/<results_kind:kind>/withdraw/",
        v.results_report_withdraw,
        name="results-report-withdraw",
    ),
]
