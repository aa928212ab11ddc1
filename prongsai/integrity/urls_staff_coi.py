"""Back-office URLs of the conflict-of-interest registers, under
``/<org>/staff/integrity/coi/`` (names ``integrity-staff:coi-…``)."""

from django.urls import path

from . import views_staff_coi as views

urlpatterns = [
    path("", views.coi_mine, name="coi-mine"),
    path(
        "declare/yearly/",
        views.coi_declaration_create,
        {"kind": "yearly"},
        name="coi-declare-yearly",
    ),
    path(
        "declare/ad-hoc/",
        views.coi_declaration_create,
        {"kind": "ad_hoc"},
        name="coi-declare-ad-hoc",
    ),
    path("declarations/", views.coi_declaration_list, name="coi-declaration-list"),
    path(
        "declarations/<int:pk>/",
        views.coi_declaration_detail,
        name="coi-declaration",
    ),
    path(
        "declarations/<int:pk>/interests/new/",
        views.coi_interest_create,
        name="coi-interest-create",
    ),
    path(
        "interests/<int:pk>/delete/",
        views.coi_interest_delete,
        name="coi-interest-delete",
    ),
    path("flags/", views.coi_flag_list, name="coi-flag-list"),
    path("flags/<int:pk>/", views.coi_flag_review, name="coi-flag-review"),
    path("committees/", views.coi_committee_index, name="coi-committee-index"),
    path(
        "committees/<int:procurement_pk>/",
        views.coi_committee,
        name="coi-committee",
    ),
    path("summary/", views.coi_summary, name="coi-summary"),
    path(
        "summary/pdf/",
        views.coi_summary_document,
        {"fmt": "pdf"},
        name="coi-summary-pdf",
    ),
    path(
        "summary/docx/",
        views.coi_summary_document,
        {"fmt": "docx"},
        name="coi-summary-docx",
    ),
]
