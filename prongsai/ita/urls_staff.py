"""ITA back-office URLs, mounted at ``/<org>/staff/ita/``."""

from django.urls import path

from . import views

app_name = "ita"

urlpatterns = [
    path("", views.index, name="index"),
    path("results/new/", views.result_create, name="result-create"),
    path("results/<int:fiscal_year>/edit/", views.result_edit, name="result-edit"),
    path("import/", views.result_import, name="result-import"),
    path(
        "template.xlsx",
        views.result_template,
        {"fmt": "xlsx"},
        name="result-template-xlsx",
    ),
    path(
        "template.csv",
        views.result_template,
        {"fmt": "csv"},
        name="result-template-csv",
    ),
    path("peers/", views.peers, name="peers"),
    path("peers/<int:pk>/delete/", views.peer_delete, name="peer-delete"),
    path("settings/", views.ita_settings, name="settings"),
    path("<int:fiscal_year>/", views.analysis, name="analysis"),
    path("<int:fiscal_year>/report/", views.report_edit, name="report-edit"),
    path(
        "<int:fiscal_year>/report.pdf",
        views.report_download,
        {"fmt": "pdf"},
        name="report-pdf",
    ),
    path(
        "<int:fiscal_year>/report.docx",
        views.report_download,
        {"fmt": "docx"},
        name="report-docx",
    ),
    path(
        "<int:fiscal_year>/report/publish/",
        views.report_publish,
        name="report-publish",
    ),
    path(
        "<int:fiscal_year>/report/unpublish/",
        views.report_unpublish,
        name="report-unpublish",
    ),
]
