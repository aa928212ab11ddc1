"""Public catalogue pages, downloads and DCAT."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from prongsai.core import documents
from prongsai.organizations.selectors import access_organization

from . import ckan, dcat, exports
from .forms import CatalogueSearchForm
from .selectors import (
    access_dataset_public,
    dataset_fields,
    dataset_list_public,
    dataset_preview,
    dataset_rows,
)
from .services import (
    dataset_sync_if_stale,
)

PAGE_SIZE = 20
JSONLD = "application/ld+json"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _public_organization(request, org: str):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def _public_dataset(org: str, name: str):
    """A published dataset of the organisation ``org`` by name, or 404."""
    organization = access_organization(slug=org)
    return access_dataset_public(organization=organization, name=name)


def _file_fields(dataset) -> list[dict]:
    """Column titles of downloads are Thai whatever the page language."""
    with translation.override("th"):
        return dataset_fields(dataset)


def _filename(dataset, suffix: str) -> str:
    return f"{dataset.name}.{suffix}"


# --- public -----------------------------------------------------------------------


@require_safe
def catalogue(request, org):
    organization = _public_organization(request, org)
    dataset_sync_if_stale(organization=organization)
    form = CatalogueSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    datasets = dataset_list_public(organization=organization, q=q)
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "opendata/catalogue.html",
        {
            "organization": organization,
            "form": form,
            "q": q,
            "query_string": urlencode({"q": q}) if q else "",
            "page_obj": page,
            "datasets": page.object_list,
        },
    )


@require_safe
def dataset_detail(request, org, name):
    organization = _public_organization(request, org)
    dataset = access_dataset_public(organization=organization, name=name)
    fields = dataset_fields(dataset)
    preview = dataset_preview(dataset)
    preview_rows = [
        [
            (f["title"], exports.display_value(row.get(f["key"]), f["type"]))
            for f in fields
        ]
        for row in preview
    ]
    return render(
        request,
        "opendata/dataset_detail.html",
        {
            "organization": organization,
            "dataset": dataset,
            "gdc": ckan.thai_gdc_fields(dataset),
            "fields": fields,
            "preview_rows": preview_rows,
            "api_url": _base_url(request)
            + "/api/3/action/package_show?id="
            + dataset.name,
        },
    )


@require_safe
def dataset_csv(request, org, name):
    dataset = _public_dataset(org, name)
    return documents.csv_response(
        _filename(dataset, "csv"),
        *exports.csv_table(_file_fields(dataset), dataset_rows(dataset)),
    )


@require_safe
def dataset_xlsx(request, org, name):
    dataset = _public_dataset(org, name)
    content = exports.xlsx_bytes(
        _file_fields(dataset), dataset_rows(dataset), title=str(dataset.fiscal_year)
    )
    return documents.file_response(
        content,
        filename=_filename(dataset, "xlsx"),
        content_type=documents.CONTENT_TYPE_XLSX,
    )


@require_safe
def dataset_json(request, org, name):
    dataset = _public_dataset(org, name)
    meta = {
        "id": str(dataset.pk),
        "name": dataset.name,
        "title": dataset.title,
        "organization": dataset.organization.name,
        "fiscal_year": dataset.fiscal_year,
        "license_id": dataset.license_id,
        "license_url": dataset.license_url,
        "url": _base_url(request) + dataset.get_absolute_url(),
        "metadata_modified": ckan.ckan_datetime(dataset.modified_at),
        "generated_at": ckan.ckan_datetime(timezone.now()),
    }
    response = StreamingHttpResponse(
        (
            chunk.encode("utf-8")
            for chunk in exports.json_chunks(
                meta, _file_fields(dataset), dataset_rows(dataset)
            )
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _jsonld_response(data: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=f"{JSONLD}; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def dataset_jsonld(request, org, name):
    dataset = _public_dataset(org, name)
    return _jsonld_response(dcat.dataset_jsonld(dataset, base_url=_base_url(request)))


@require_safe
def catalogue_jsonld(request, org):
    organization = access_organization(slug=org)
    datasets = list(dataset_list_public(organization=organization))
    return _jsonld_response(
        dcat.catalog_jsonld(organization, datasets, base_url=_base_url(request))
    )
