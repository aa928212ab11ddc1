"""Public catalogue URLs of an organisation, mounted at ``/<org>/open-data/``.

A dataset's URLs are permanent: ``<name>/`` (page) and ``<name>.csv``,
``<name>.xlsx``, ``<name>.json``, ``<name>.jsonld`` (data and DCAT).
"""

from django.urls import path

from . import views_public

app_name = "opendata-public"

urlpatterns = [
    path("", views_public.catalogue, name="catalogue"),
    path("catalog.jsonld", views_public.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:name>/", views_public.dataset_detail, name="dataset-detail"),
    path("<slug:name>.csv", views_public.dataset_csv, name="dataset-csv"),
    path("<slug:name>.xlsx", views_public.dataset_xlsx, name="dataset-xlsx"),
    path("<slug:name>.json", views_public.dataset_json, name="dataset-json"),
    path("<slug:name>.jsonld", views_public.dataset_jsonld, name="dataset-jsonld"),
]
