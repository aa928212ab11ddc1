"""OIT back-office URLs, mounted at ``/<org>/staff/oit/``."""

from django.urls import path

from . import views_staff

app_name = "oit-staff"

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("appoint/", views_staff.appoint, name="appoint"),
    path("<int:fiscal_year>/", views_staff.checklist, name="checklist"),
    path("<int:fiscal_year>/submit/", views_staff.submit, name="submit"),
    path("<int:fiscal_year>/link-check/", views_staff.link_check, name="link-check"),
    path("<int:fiscal_year>/scores/", views_staff.scores, name="scores"),
    path("<int:fiscal_year>/submitted/", views_staff.submitted, name="submitted"),
    path("copies/<int:pk>/", views_staff.copy_download, name="copy-download"),
    path(
        "<int:fiscal_year>/items.xlsx",
        views_staff.export,
        {"fmt": "xlsx"},
        name="export-xlsx",
    ),
    path(
        "<int:fiscal_year>/items.csv",
        views_staff.export,
        {"fmt": "csv"},
        name="export-csv",
    ),
    path("items/<int:pk>/", views_staff.item_detail, name="item"),
    path("items/<int:pk>/status/", views_staff.item_status, name="item-status"),
    path("items/<int:pk>/release/", views_staff.item_release, name="item-release"),
    path(
        "evidence/<int:pk>/remove/", views_staff.evidence_remove, name="evidence-remove"
    ),
]
