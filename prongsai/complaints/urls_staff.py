"""Back-office URLs, mounted at ``/<org>/staff/complaints/``."""

from django.urls import path

from . import views_staff as views
from . import views_staff_confidential as confidential
from . import views_staff_settings as settings

app_name = "complaints-staff"

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_new, name="case-new"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/status/", views.case_status, name="case-status"),
    path("<int:pk>/assign/", views.case_assign, name="case-assign"),
    path("<int:pk>/note/", views.case_note, name="case-note"),
    path("<int:pk>/reply/", views.case_reply, name="case-reply"),
    path(
        "<int:pk>/entries/<int:entry>/retry/",
        views.case_entry_retry,
        name="case-entry-retry",
    ),
    path("<int:pk>/merge/", views.case_merge, name="case-merge"),
    path("<int:pk>/public-text/", views.case_public_text, name="case-public-text"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("categories/", views.category_list, name="category-list"),
    path("categories/new/", views.category_edit, name="category-new"),
    path("categories/<int:pk>/", views.category_edit, name="category-edit"),
    path(
        "categories/<int:pk>/procedure/",
        views.category_procedure,
        name="category-procedure",
    ),
    path("settings/", settings.settings_edit, name="settings"),
    path(
        "settings/external-address/",
        settings.external_address,
        name="external-address",
    ),
    path(
        "settings/external-address/<int:pk>/verify/",
        settings.external_address_verify,
        name="external-address-verify",
    ),
    path(
        "settings/external-address/<int:pk>/send-code/",
        settings.external_address_send_code,
        name="external-address-send-code",
    ),
    path(
        "settings/external-address/<int:pk>/confirm/",
        settings.external_address_confirm,
        name="external-address-confirm",
    ),
    path(
        "settings/external-address/<int:pk>/reject/",
        settings.external_address_reject,
        name="external-address-reject",
    ),
    path("confidential/", confidential.confidential_list, name="confidential-list"),
    path(
        "confidential/<int:pk>/",
        confidential.confidential_detail,
        name="confidential-case",
    ),
    path(
        "confidential/<int:pk>/status/",
        confidential.confidential_status,
        name="confidential-status",
    ),
    path(
        "confidential/<int:pk>/reply/",
        confidential.confidential_reply,
        name="confidential-reply",
    ),
    path(
        "confidential/<int:pk>/note/",
        confidential.confidential_note,
        name="confidential-note",
    ),
    path(
        "confidential/<int:pk>/forward/",
        confidential.confidential_forward,
        name="confidential-forward",
    ),
    path(
        "confidential/attachments/<int:pk>/",
        confidential.confidential_attachment,
        name="confidential-attachment",
    ),
]
