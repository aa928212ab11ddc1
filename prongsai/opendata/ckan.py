"""CKAN-shaped dictionaries of our datasets, organisations, tags and licences
(the query language of ``package_search`` is in ``ckan_query``).

Field names and value shapes follow CKAN 2.10's default schema plus the Thai
GDC (``ckanext-thai_gdc``) dataset fields, so that ckanapi, the CKAN harvester
and Thai government catalogues can read them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.utils.translation import override

from .models import LICENSE_URLS, AccessLevel, Dataset, Language, License

CKAN_VERSION = "2.10.5"
NAMESPACE = uuid.UUID("0d3f7a52-7c1e-5e9a-9c6b-5b0a5e0c2d11")
FORMATS = (
    # (format, mimetype, URL suffix)
    ("CSV", "text/csv", "csv"),
    (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    ("JSON", "application/json", "json"),
)


def ckan_datetime(value: datetime | None) -> str | None:
    """CKAN's timestamp form: UTC, ISO 8601, microseconds, no zone suffix."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def organization_id(organization) -> str:
    return str(uuid.uuid5(NAMESPACE, f"organization:{organization.pk}"))


def resource_id(dataset: Dataset, fmt: str) -> str:
    return str(uuid.uuid5(dataset.pk, fmt.lower()))


def organization_dict(organization, *, base_url: str, package_count=None) -> dict:
    image = ""
    if organization.logo:
        image = base_url + organization.logo.url
    result = {
        "id": organization_id(organization),
        "name": organization.slug,
        "title": organization.name,
        "display_name": organization.name,
        "description": " ".join(
            p
            for p in (
                str(organization.get_kind_display()),
                organization.district,
                organization.province,
            )
            if p
        ),
        "image_url": image,
        "image_display_url": image,
        "created": ckan_datetime(organization.created_at),
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def tag_dict(tag: str) -> dict:
    """A free tag (no vocabulary) as CKAN shows it."""
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"tag:{tag}")),
        "name": tag,
        "display_name": tag,
        "state": "active",
        "vocabulary_id": None,
    }


# Open Definition conformance of the licences datasets may carry.
_OD_APPROVED = {License.CC_BY, License.CC_BY_SA, License.CC_ZERO}


def license_title(license_id: str) -> str:
    """The licence's Thai title (CKAN's ``license_title``)."""
    with override("th"):
        return _label(License.choices, license_id)


def license_dicts() -> list[dict]:
    """The site's licences in CKAN's ``license_list`` shape."""
    return [
        {
            "id": value,
            "title": license_title(value),
            "url": LICENSE_URLS.get(value, ""),
            "status": "active",
            "maintainer": "",
            "family": "",
            "domain_content": False,
            "domain_data": True,
            "domain_software": False,
            "is_generic": False,
            "is_okd_compliant": True,
            "is_osi_compliant": False,
            "od_conformance": "approved" if value in _OD_APPROVED else "not reviewed",
            "osd_conformance": "not reviewed",
        }
        for value in License.values
    ]


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value))


def thai_gdc_fields(dataset: Dataset) -> dict[str, str]:
    """The Thai GDC dataset fields, valued as the Thai catalogue writes them."""
    with override("th"):
        return {
            "data_type": dataset.get_data_type_display(),
            "objective": dataset.get_objective_display(),
            "update_frequency_unit": dataset.get_update_frequency_unit_display(),
            "update_frequency_interval": str(dataset.update_frequency_interval),
            "geo_coverage": dataset.get_geo_coverage_display(),
            "data_source": dataset.data_source,
            "data_format": ", ".join(fmt for fmt, _m, _s in FORMATS),
            "data_category": dataset.get_data_category_display(),
            "data_classification": "เปิดเผย"
            if dataset.access_level == AccessLevel.OPEN
            else dataset.get_access_level_display(),
            "data_language": _label(Language.choices, dataset.language),
            "accessible_condition": dataset.accessible_condition,
            "allow_harvest": "True" if dataset.allow_harvest else "False",
            "owner_unit": dataset.owner_unit,
            "category": dataset.category,
            "fiscal_year": str(dataset.fiscal_year),
            "temporal_coverage_start": dataset.temporal_start.isoformat()
            if dataset.temporal_start
            else "",
            "temporal_coverage_end": dataset.temporal_end.isoformat()
            if dataset.temporal_end
            else "",
            "created_date": dataset.created_at.date().isoformat(),
            "last_updated_date": dataset.modified_at.date().isoformat(),
        }


def package_dict(dataset: Dataset, *, base_url: str) -> dict:
    """The CKAN package dict of a dataset, complete (as search results must be)."""
    organization = dataset.organization
    landing = base_url + dataset.get_absolute_url()
    data_modified = ckan_datetime(dataset.data_modified_at or dataset.modified_at)
    resources = [
        {
            "id": resource_id(dataset, fmt),
            "package_id": str(dataset.pk),
            "name": f"{dataset.title} ({fmt})",
            "description": "",
            "format": fmt,
            "mimetype": mimetype,
            "url": base_url + dataset.download_url(suffix),
            "url_type": None,
            "created": ckan_datetime(dataset.created_at),
            "last_modified": data_modified,
            "metadata_modified": ckan_datetime(dataset.modified_at),
            "position": position,
            "size": None,
            "state": "active",
            "datastore_active": True,
        }
        for position, (fmt, mimetype, suffix) in enumerate(FORMATS)
    ]
    gdc = thai_gdc_fields(dataset)
    return {
        "id": str(dataset.pk),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "isopen": True,
        "url": landing,
        "version": None,
        "author": organization.name,
        "author_email": organization.email,
        "maintainer": dataset.maintainer,
        "maintainer_email": dataset.maintainer_email,
        "license_id": dataset.license_id,
        "license_title": license_title(dataset.license_id),
        "license_url": dataset.license_url,
        "owner_org": organization_id(organization),
        "organization": organization_dict(organization, base_url=base_url),
        "metadata_created": ckan_datetime(dataset.created_at),
        "metadata_modified": ckan_datetime(dataset.modified_at),
        "tags": [tag_dict(tag) for tag in dataset.tags],
        "num_tags": len(dataset.tags),
        "groups": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "resources": resources,
        "num_resources": len(resources),
        "extras": [{"key": key, "value": value} for key, value in gdc.items()],
        **gdc,
    }


FORMAT_NAMES = {fmt for fmt, _m, _s in FORMATS}
