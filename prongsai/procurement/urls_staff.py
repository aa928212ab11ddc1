"""Back-office URLs, mounted at ``/<org>/staff/procurement/``."""

from django.urls import path

from . import views

app_name = "procurement_staff"

urlpatterns = [
    path("", views.procurement_list, name="list"),
    path("new/", views.procurement_create, name="create"),
    path("<int:pk>/", views.procurement_detail, name="detail"),
    path("<int:pk>/edit/", views.procurement_edit, name="edit"),
    path("<int:pk>/delete/", views.procurement_delete, name="delete"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document-delete"),
    path("plan/", views.plan, name="plan"),
    path("plan/<int:pk>/edit/", views.plan_item_edit, name="plan-item-edit"),
    path("plan/<int:pk>/delete/", views.plan_item_delete, name="plan-item-delete"),
    path("no-procurement/", views.no_month_declare, name="no-month-declare"),
    path(
        "no-procurement/<int:pk>/withdraw/",
        views.no_month_withdraw,
        name="no-month-withdraw",
    ),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_preview, name="import-preview"),
    path("report-notes/", views.report_notes, name="report-notes"),
    path("export/<slug:fmt>/", views.export, name="export"),
]
