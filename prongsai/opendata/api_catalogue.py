"""CKAN actions that read the catalogue: status, datasets, resources, tags,
licences, organisations and groups (``package_search`` is in ``api_search``)."""

from __future__ import annotations

from prongsai.organizations.models import Organization

from . import ckan
from .api_common import (
    base_url,
    bool_param,
    dataset_for_resource,
    int_param,
    not_found,
    required_id,
    text_param,
    validation_error,
)
from .selectors import (
    catalogue_tag_list,
    dataset_catalogue,
    dataset_get_published,
    organization_list_with_datasets,
)

MAX_ROWS = 1000
DEFAULT_ROWS = 10
DEFAULT_LIST_LIMIT = 1000


def status_show(request, params: dict):
    """Return the site's title, description, URL and CKAN API version."""
    return {
        "site_title": "Prongsai",
        "site_description": "Open data of Thai local administrative organisations",
        "site_url": base_url(request),
        "ckan_version": ckan.CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "th",
        "extensions": ["prongsai", "thai_gdc_fields", "dcat_jsonld"],
    }


def package_list(request, params: dict):
    """Return the names of the published datasets (``limit``, ``offset``)."""
    limit = int_param(params, "limit", DEFAULT_LIST_LIMIT, low=0)
    offset = int_param(params, "offset", 0, low=0)
    names = dataset_catalogue().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit])


def package_show(request, params: dict):
    """Return one dataset by ``id`` (its UUID) or its name."""
    identifier = text_param(params, "id").strip() or text_param(params, "name").strip()
    if not identifier:
        raise validation_error(id=["Missing value"])
    dataset = dataset_get_published(id_or_name=identifier)
    if dataset is None:
        raise not_found()
    return ckan.package_dict(dataset, base_url=base_url(request))


def current_package_list_with_resources(request, params: dict):
    """Return recently modified datasets with resources (``limit``, ``offset``)."""
    limit = int_param(params, "limit", DEFAULT_ROWS, low=0, high=MAX_ROWS)
    offset = int_param(params, "offset", 0, low=0)
    base = base_url(request)
    return [
        ckan.package_dict(d, base_url=base)
        for d in dataset_catalogue().order_by("-modified_at", "name")[
            offset : offset + limit
        ]
    ]


def resource_show(request, params: dict):
    """Return one resource (a CSV, XLSX or JSON download) by its ``id``."""
    identifier = required_id(params)
    dataset, fmt = dataset_for_resource(identifier, by_dataset=False)
    if dataset is None:
        raise not_found()
    package = ckan.package_dict(dataset, base_url=base_url(request))
    for resource in package["resources"]:
        if resource["format"] == fmt:
            return resource
    raise not_found("Resource was not found.")


def tag_list(request, params: dict):
    """Return the keywords of the published datasets; ``query`` (or ``q``)
    keeps those containing it, ``all_fields`` returns tag dictionaries."""
    if text_param(params, "vocabulary_id").strip():
        vocabulary = text_param(params, "vocabulary_id").strip()
        raise not_found(f"could not find vocabulary '{vocabulary}'")
    query = (text_param(params, "query") or text_param(params, "q")).strip()
    tags = catalogue_tag_list(containing=query)
    if bool_param(params, "all_fields"):
        return [ckan.tag_dict(tag) for tag in tags]
    return tags


def license_list(request, params: dict):
    """Return the licences datasets may carry."""
    return ckan.license_dicts()


def organization_list(request, params: dict):
    """Return organisations with published datasets (``all_fields``, ``limit``,
    ``offset``, ``sort`` name or title or package_count, with asc/desc)."""
    all_fields = bool_param(params, "all_fields")
    limit = int_param(params, "limit", DEFAULT_LIST_LIMIT, low=0)
    offset = int_param(params, "offset", 0, low=0)
    sort = text_param(params, "sort", "title asc").strip() or "title asc"
    field, _sep, direction = sort.partition(" ")
    direction = (direction.strip() or "asc").lower()
    keys = {
        "name": lambda o: o.slug,
        "title": lambda o: o.name,
        "package_count": lambda o: o.package_count,
    }
    if field not in keys or direction not in {"asc", "desc"}:
        raise validation_error(sort=[f"Cannot sort by {sort!r}"])
    organizations = sorted(
        organization_list_with_datasets(),
        key=keys[field],
        reverse=direction == "desc",
    )[offset : offset + limit]
    if not all_fields:
        return [o.slug for o in organizations]
    base = base_url(request)
    return [
        ckan.organization_dict(o, base_url=base, package_count=o.package_count)
        for o in organizations
    ]


def organization_show(request, params: dict):
    """Return one organisation by ``id`` or name; ``include_datasets`` adds
    its published datasets."""
    identifier = required_id(params)
    organization = None
    for candidate in organization_list_with_datasets():
        if identifier in (candidate.slug, ckan.organization_id(candidate)):
            organization = candidate
            break
    if organization is None:
        if Organization.objects.active().filter(slug=identifier).exists():
            raise not_found("organization has no published datasets")
        raise not_found()
    base = base_url(request)
    result = ckan.organization_dict(
        organization, base_url=base, package_count=organization.package_count
    )
    result["users"] = []
    result["extras"] = []
    result["tags"] = []
    result["groups"] = []
    if bool_param(params, "include_datasets"):
        result["packages"] = [
            ckan.package_dict(d, base_url=base)
            for d in dataset_catalogue()
            .filter(organization=organization)
            .order_by("name")[:DEFAULT_LIST_LIMIT]
        ]
    return result


def group_list(request, params: dict):
    """Return the catalogue's groups (none: categories are dataset fields)."""
    return []
