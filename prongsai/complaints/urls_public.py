"""Public URLs of the complaint centre, mounted at ``/<org>/complaints/``."""

from django.urls import path

from . import views_public as views
from . import views_public_map
from .models import Kind

app_name = "complaints-public"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "new/complaint/",
        views.case_new,
        {"kind": Kind.COMPLAINT},
        name="new-complaint",
    ),
    path(
        "new/suggestion/",
        views.case_new,
        {"kind": Kind.SUGGESTION},
        name="new-suggestion",
    ),
    path("new/praise/", views.case_new, {"kind": Kind.PRAISE}, name="new-praise"),
    path("track/", views.track_lookup, name="track-lookup"),
    path("track/<str:code>/", views.track, name="track"),
    path(
        "track/<str:code>/photos/<int:pk>/",
        views.track_photo,
        name="track-photo",
    ),
    path("after-fix/<int:pk>/", views.after_photo, name="after-photo"),
    path("statistics/", views.statistics, name="statistics"),
    path("map/", views_public_map.report_map, name="map"),
    path("map.geojson", views_public_map.report_map_geojson, name="map-geojson"),
    path("statistics/pdf/", views.statistics_pdf, name="statistics-pdf"),
    path("statistics/xlsx/", views.statistics_xlsx, name="statistics-xlsx"),
    path("report/", views.report_new, name="report"),
    path("report/guideline/", views.report_guideline, name="report-guideline"),
    path("report/follow-up/", views.report_follow_up, name="report-follow-up"),
]
