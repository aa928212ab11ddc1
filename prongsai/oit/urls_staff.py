"""OIT back-office URLs, mounted at ``/<org>/staff/oit/``."""

from django.urls import path

from . import views

app_name = "oit"

urlpatterns = [
    path("", views.index, name="index"),
    path("appoint/", views.appoint, name="appoint"),
    path("<int:fiscal_year>/", views.checklist, name="checklist"),
    path("<int:fiscal_year>/submit/", views.submit, name="submit"),
    path("<int:fiscal_year>/link-check/", views.link_check, name="link-check"),
    path("<int:fiscal_year>/scores/", views.scores, name="scores"),
    path(
        "<int:fiscal_year>/items.xlsx",
        views.export,
        {"fmt": "xlsx"},
        name="export-xlsx",
    ),
    path(
        "<int:fiscal_year>/items.csv", views.export, {"fmt": "csv"}, name="export-csv"
    ),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/status/", views.item_status, name="item-status"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence-remove"),
]
