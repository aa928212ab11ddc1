"""Back-office URLs of the asset register and loans, at
``/<org>/staff/integrity/assets/`` (names in ``integrity-staff``)."""

from django.urls import path

from . import views_staff_assets as views

urlpatterns = [
    path("", views.loan_list, name="loan-list"),
    path("register/", views.asset_list, name="asset-list"),
    path("register/new/", views.asset_edit, name="asset-create"),
    path("register/<int:pk>/", views.asset_detail, name="asset-detail"),
    path("register/<int:pk>/edit/", views.asset_edit, name="asset-edit"),
    path("loans/new/", views.loan_create, name="loan-create"),
    path("loans/<int:pk>/", views.loan_detail, name="loan-detail"),
    path("loans/<int:pk>/return/", views.loan_return, name="loan-return"),
    path("loans/<int:pk>/<slug:action>/", views.loan_action, name="loan-action"),
    path("rules/", views.loan_rules, name="loan-rules"),
    path("rules/publish/", views.loan_rules_publish, name="loan-rules-publish"),
    path("statistics/", views.loan_statistics, name="loan-statistics"),
    path(
        "statistics/report.pdf",
        views.loan_report,
        {"fmt": "pdf"},
        name="loan-report-pdf",
    ),
    path(
        "statistics/report.docx",
        views.loan_report,
        {"fmt": "docx"},
        name="loan-report-docx",
    ),
]
