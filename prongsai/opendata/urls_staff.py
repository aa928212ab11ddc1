"""Back-office URLs of the catalogue, mounted at ``/<org>/staff/open-data/``."""

from django.urls import path

from . import views_staff

app_name = "opendata-staff"

urlpatterns = [
    path("", views_staff.staff_dataset_list, name="dataset-list"),
    path("sync/", views_staff.staff_dataset_sync, name="dataset-sync"),
    path("settings/", views_staff.staff_catalogue_settings, name="settings"),
    path("<uuid:pk>/edit/", views_staff.staff_dataset_edit, name="dataset-edit"),
]
