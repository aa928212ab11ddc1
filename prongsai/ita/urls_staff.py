"""ITA back-office URLs, mounted at ``/<org>/staff/ita/``."""

from django.urls import path

from . import views_staff, views_staff_rules, views_staff_years

app_name = "ita-staff"


def _per_format(route: str, view, name: str, *formats: str) -> list:
    """One route per file format: ``report.pdf`` named ``report-pdf``, ..."""
    return [
        path(route.format(fmt=fmt), view, {"fmt": fmt}, name=f"{name}-{fmt}")
        for fmt in formats
    ]


urlpatterns = [
    path("", views_staff.index, name="index"),
    path("results/new/", views_staff.result_create, name="result-create"),
    path(
        "results/<int:fiscal_year>/edit/", views_staff.result_edit, name="result-edit"
    ),
    path("import/", views_staff.result_import, name="result-import"),
    *_per_format(
        "template.{fmt}", views_staff.result_template, "result-template", "xlsx", "csv"
    ),
    path("peers/", views_staff.peers, name="peers"),
    path("peers/<int:pk>/delete/", views_staff.peer_delete, name="peer-delete"),
    path("settings/", views_staff.ita_settings, name="settings"),
    path("frameworks/", views_staff_years.frameworks, name="frameworks"),
    path(
        "frameworks/start/", views_staff_years.framework_start, name="framework-start"
    ),
    path(
        "frameworks/confirm/",
        views_staff_years.framework_confirm,
        name="framework-confirm",
    ),
    path("surveys/", views_staff_years.surveys, name="surveys"),
    path("rules/", views_staff_rules.rules, name="rules"),
    path("rules/new/", views_staff_rules.rule_create, name="rule-create"),
    path("rules/<int:pk>/edit/", views_staff_rules.rule_edit, name="rule-edit"),
    path("rules/<int:pk>/delete/", views_staff_rules.rule_delete, name="rule-delete"),
    *[
        path(
            f"rules/defaults/{action}/",
            views_staff_rules.default_rule_action,
            {"action": action},
            name=f"default-rule-{action}",
        )
        for action in ("switch-off", "switch-on", "adapt")
    ],
    path("<int:fiscal_year>/", views_staff.analysis, name="analysis"),
    path("<int:fiscal_year>/report/", views_staff.report_edit, name="report-edit"),
    *_per_format(
        "<int:fiscal_year>/report.{fmt}",
        views_staff.report_download,
        "report",
        "pdf",
        "docx",
    ),
    path(
        "<int:fiscal_year>/report/publish/",
        views_staff.report_publish,
        name="report-publish",
    ),
    path(
        "<int:fiscal_year>/report/preview/",
        views_staff.report_preview,
        name="report-preview",
    ),
    path(
        "<int:fiscal_year>/report/publications/<int:pk>.pdf",
        views_staff.publication_pdf,
        name="publication-pdf",
    ),
    path(
        "<int:fiscal_year>/report/unpublish/",
        views_staff.report_unpublish,
        name="report-unpublish",
    ),
]
