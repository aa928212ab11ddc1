"""Province and national views, mounted at ``/region/``."""

from django.urls import path

from . import views_regions

app_name = "region"

urlpatterns = [
    path("", views_regions.home, name="home"),
    path("operator/", views_regions.operator, name="operator"),
    path("<str:province>/", views_regions.province, name="province"),
    path("<str:province>/export.csv", views_regions.province_csv, name="province-csv"),
]
