"""Back-office URLs of the catalogue, mounted at ``/<org>/staff/open-data/``."""

from django.urls import path

from . import views

app_name = "opendata-staff"

urlpatterns = [
    path("", views.staff_dataset_list, name="dataset-list"),
    path("sync/", views.staff_dataset_sync, name="dataset-sync"),
    path("settings/", views.staff_catalogue_settings, name="settings"),
    path("<uuid:pk>/edit/", views.staff_dataset_edit, name="dataset-edit"),
]
