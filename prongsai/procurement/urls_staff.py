"""Back-office URLs, mounted at ``/<org>/staff/procurement/``."""

from django.urls import path

from . import views_feed, views_staff

app_name = "procurement-staff"

urlpatterns = [
    path("", views_staff.procurement_list, name="list"),
    path("new/", views_staff.procurement_create, name="create"),
    path("<int:pk>/", views_staff.procurement_detail, name="detail"),
    path("<int:pk>/edit/", views_staff.procurement_edit, name="edit"),
    path("<int:pk>/delete/", views_staff.procurement_delete, name="delete"),
    path(
        "documents/<int:pk>/delete/",
        views_staff.document_delete,
        name="document-delete",
    ),
    path("plan/", views_staff.plan, name="plan"),
    path("plan/<int:pk>/edit/", views_staff.plan_item_edit, name="plan-item-edit"),
    path(
        "plan/<int:pk>/delete/", views_staff.plan_item_delete, name="plan-item-delete"
    ),
    path("no-procurement/", views_staff.no_month_declare, name="no-month-declare"),
    path(
        "no-procurement/<int:pk>/withdraw/",
        views_staff.no_month_withdraw,
        name="no-month-withdraw",
    ),
    path("import/", views_staff.import_upload, name="import"),
    path("import/<int:pk>/", views_staff.import_preview, name="import-preview"),
    path("settings/", views_feed.settings_page, name="settings"),
    path("settings/fetch/", views_feed.fetch_now, name="egp-fetch"),
    path(
        "settings/indicators/",
        views_feed.public_indicators,
        name="public-indicators",
    ),
    path("report-notes/", views_staff.report_notes, name="report-notes"),
    path("export/<slug:fmt>/", views_staff.export, name="export"),
]
