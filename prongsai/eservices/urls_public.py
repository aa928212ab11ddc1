"""Public E-Service URLs, mounted at ``/<org>/eservices/``."""

from django.urls import path

from . import views_public as views

app_name = "eservices-public"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("track/", views.track_lookup, name="track"),
    path("track/<str:code>/", views.track_detail, name="track-detail"),
    path(
        "track/<str:code>/filed/",
        views.track_confirmation,
        name="track-confirmation",
    ),
    path(
        "track/<str:code>/files/<int:attachment_pk>/",
        views.track_attachment,
        name="track-attachment",
    ),
    path(
        "track/<str:code>/line/stop/",
        views.line_updates_stop,
        name="line-updates-stop",
    ),
    path("mine/", views.my_requests, name="my-requests"),
    path("line/login/", views.line_login_start, name="line-login"),
    path("line/callback/", views.line_login_callback, name="line-callback"),
    path("statistics/", views.statistics_public, name="statistics"),
    path("manuals/", views.manuals, name="manuals"),
    path("manuals/all/<str:fmt>/", views.manuals_volume, name="manuals-volume"),
    path(
        "manuals/<slug:source>/<int:pk>/<str:fmt>/",
        views.manual_document,
        name="manual-document",
    ),
    path("<slug:code>/", views.service_detail, name="service-detail"),
    path("<slug:code>/apply/", views.service_apply, name="service-apply"),
]
