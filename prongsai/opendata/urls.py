"""Public catalogue URLs of an organisation, mounted at ``/<org>/open-data/``.

A dataset's URLs are permanent: ``<name>/`` (page) and ``<name>.csv``,
``<name>.xlsx``, ``<name>.json``, ``<name>.jsonld`` (data and DCAT).
"""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("catalog.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:name>/", views.dataset_detail, name="dataset-detail"),
    path("<slug:name>.csv", views.dataset_csv, name="dataset-csv"),
    path("<slug:name>.xlsx", views.dataset_xlsx, name="dataset-xlsx"),
    path("<slug:name>.json", views.dataset_json, name="dataset-json"),
    path("<slug:name>.jsonld", views.dataset_jsonld, name="dataset-jsonld"),
]
