"""Back-office E-Service URLs, mounted at ``/<org>/staff/eservices/``."""

from django.urls import path

from . import views_staff as views

app_name = "eservices-staff"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("requests/<int:pk>/", views.request_detail, name="request-detail"),
    path(
        "requests/<int:pk>/status/",
        views.request_transition,
        name="request-transition",
    ),
    path("requests/<int:pk>/assign/", views.request_assign, name="request-assign"),
    path("requests/<int:pk>/note/", views.request_note, name="request-note"),
    path(
        "requests/<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("reopen/<int:pk>/", views.reopen_decide, name="reopen-decide"),
    path("services/", views.service_list, name="service-list"),
    path("services/adopt/", views.service_adopt, name="service-adopt"),
    path("services/new/", views.service_new, name="service-new"),
    path("services/<int:pk>/", views.service_edit, name="service-edit"),
    path("services/<int:pk>/form/", views.service_form, name="service-form"),
    path(
        "services/<int:pk>/procedure/",
        views.service_procedure,
        name="service-procedure",
    ),
    path("services/<int:pk>/file/", views.request_new, name="request-new"),
    path("statistics/", views.statistics, name="statistics"),
    path("settings/", views.settings_edit, name="settings"),
]
