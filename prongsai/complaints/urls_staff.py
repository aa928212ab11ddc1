"""Back-office URLs, mounted at ``/<org>/staff/complaints/``."""

from django.urls import path

from . import views_staff as views

app_name = "complaints_staff"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_new, name="case-new"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/status/", views.case_status, name="case-status"),
    path("<int:pk>/assign/", views.case_assign, name="case-assign"),
    path("<int:pk>/note/", views.case_note, name="case-note"),
    path("<int:pk>/reply/", views.case_reply, name="case-reply"),
    path("<int:pk>/merge/", views.case_merge, name="case-merge"),
    path("<int:pk>/public-text/", views.case_public_text, name="case-public-text"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("categories/", views.category_list, name="category-list"),
    path("categories/new/", views.category_edit, name="category-new"),
    path("categories/<int:pk>/", views.category_edit, name="category-edit"),
    path("settings/", views.settings_edit, name="settings"),
    path("requests/", views.subject_request_list, name="subject-request-list"),
    path(
        "requests/<int:pk>/",
        views.subject_request_answer,
        name="subject-request-answer",
    ),
    path("confidential/", views.confidential_list, name="confidential-list"),
    path(
        "confidential/<int:pk>/",
        views.confidential_detail,
        name="confidential-case",
    ),
    path(
        "confidential/<int:pk>/status/",
        views.confidential_status,
        name="confidential-status",
    ),
    path(
        "confidential/<int:pk>/reply/",
        views.confidential_reply,
        name="confidential-reply",
    ),
    path(
        "confidential/<int:pk>/note/",
        views.confidential_note,
        name="confidential-note",
    ),
    path(
        "confidential/attachments/<int:pk>/",
        views.confidential_attachment,
        name="confidential-attachment",
    ),
]
