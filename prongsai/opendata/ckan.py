"""CKAN-shaped dictionaries of our datasets, and the small query language
(``fq``, ``sort``) that CKAN clients and harvesters send to ``package_search``.

Field names and value shapes follow CKAN 2.10's default schema plus the Thai
GDC (``ckanext-thai_gdc``) dataset fields, so that ckanapi, the CKAN harvester
and Thai government catalogues can read them.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from django.db.models import Q
from django.utils.translation import override

from .models import AccessLevel, Dataset, Language, License

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


class SearchQueryError(ValueError):
    """The ``q``, ``fq`` or ``sort`` parameter cannot be understood."""


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
    with override("th"):
        license_title = _label(License.choices, dataset.license_id)
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
        "license_title": license_title,
        "license_url": dataset.license_url,
        "owner_org": organization_id(organization),
        "organization": organization_dict(organization, base_url=base_url),
        "metadata_created": ckan_datetime(dataset.created_at),
        "metadata_modified": ckan_datetime(dataset.modified_at),
        "tags": [
            {
                "id": str(uuid.uuid5(NAMESPACE, f"tag:{tag}")),
                "name": tag,
                "display_name": tag,
                "state": "active",
                "vocabulary_id": None,
            }
            for tag in dataset.tags
        ],
        "num_tags": len(dataset.tags),
        "groups": [],
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "resources": resources,
        "num_resources": len(resources),
        "extras": [{"key": key, "value": value} for key, value in gdc.items()],
        **gdc,
    }


# --- package_search query language -----------------------------------------------

_CLAUSE = re.compile(
    r"""\s*(?P<sign>[+-]?)(?P<field>[A-Za-z_]+):
        (?P<value>"[^"]*"|\[[^\]]*\]|\{[^}]*\}|[^\s]+)\s*""",
    re.VERBOSE,
)
_RANGE = re.compile(r"^[\[{]\s*(?P<low>\S+)\s+TO\s+(?P<high>\S+)\s*[\]}]$")
_ALL = Q()
_NONE = Q(pk__in=[])
FORMAT_NAMES = {fmt for fmt, _m, _s in FORMATS}


def _parse_time(value: str) -> datetime | None:
    if value == "*":
        return None
    text = value.strip('"')
    if text.upper().startswith("NOW"):
        raise SearchQueryError(f"date maths is not supported: {value}")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise SearchQueryError(f"not a date: {value}") from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _range_q(field: str, value: str) -> Q:
    match = _RANGE.match(value)
    if not match:
        raise SearchQueryError(
            f"{field} needs a range such as [2024-01-01T00:00:00Z TO *]"
        )
    low, high = _parse_time(match["low"]), _parse_time(match["high"])
    q = Q()
    if low is not None:
        q &= Q(**{f"{field}__gte": low})
    if high is not None:
        q &= Q(**{f"{field}__lte": high})
    return q


def _organization_q(value: str) -> Q:
    try:
        uuid.UUID(value)
    except ValueError:
        return Q(organization__slug=value)
    # Organisation ids are derived from primary keys; resolve by comparison.
    from prongsai.organizations.models import Organization

    pks = [
        o.pk
        for o in Organization.objects.filter(datasets__isnull=False).distinct()
        if organization_id(o) == value
    ]
    return Q(organization__pk__in=pks)


def _clause_q(field: str, value: str) -> Q:
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        value = value[1:-1]
    if value == "*" and field not in {"metadata_modified", "metadata_created"}:
        return _ALL
    if field in {"organization", "owner_org"}:
        return _organization_q(value)
    if field == "name":
        return Q(name=value)
    if field == "id":
        try:
            return Q(pk=uuid.UUID(value))
        except ValueError:
            return _NONE
    if field == "tags":
        return Q(tag_index__contains=f"\n{value}\n")
    if field == "res_format":
        return _ALL if value.upper() in FORMAT_NAMES else _NONE
    if field in {"dataset_type", "type"}:
        return _ALL if value == "dataset" else _NONE
    if field == "capacity":
        return _ALL if value == "public" else _NONE
    if field == "state":
        return _ALL if value == "active" else _NONE
    if field == "license_id":
        return Q(license_id=value)
    if field == "fiscal_year":
        return Q(fiscal_year=int(value)) if value.isdigit() else _NONE
    if field == "groups":
        return _NONE
    if field == "metadata_modified":
        return _range_q("modified_at", value)
    if field == "metadata_created":
        return _range_q("created_at", value)
    raise SearchQueryError(f"unknown field: {field}")


def parse_fq(fq: str) -> Q:
    """Turn a simple Solr filter query into a ``Q`` on ``Dataset``.

    Clauses ``[+|-]field:value`` are joined with AND (``AND`` between them is
    allowed); values may be quoted or ranges ``[low TO high]``.
    """
    q = Q()
    text = (fq or "").strip()
    text = re.sub(r"\s+AND\s+", " ", text)
    position = 0
    while position < len(text):
        match = _CLAUSE.match(text, position)
        if match is None:
            raise SearchQueryError(f"cannot read the filter at: {text[position:]!r}")
        clause = _clause_q(match["field"], match["value"])
        q &= ~clause if match["sign"] == "-" else clause
        position = match.end()
    return q


def looks_like_fielded(q: str) -> bool:
    return bool(re.match(r"^\s*[+-]?[A-Za-z_]+:", q or ""))


SORT_FIELDS = {
    "score": None,
    "id": "id",
    "name": "name",
    "title_string": "title",
    "title": "title",
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
}


def parse_sort(sort: str) -> list[str]:
    """``"metadata_modified desc, name asc"`` -> ORM ``order_by`` arguments."""
    order: list[str] = []
    for part in (sort or "").split(","):
        part = part.strip()
        if not part:
            continue
        pieces = part.split()
        field = pieces[0]
        direction = pieces[1].lower() if len(pieces) > 1 else "asc"
        if (
            field not in SORT_FIELDS
            or direction not in {"asc", "desc"}
            or len(pieces) > 2
        ):
            raise SearchQueryError(f"cannot sort by {part!r}")
        column = SORT_FIELDS[field]
        if column is None:
            continue
        order.append(("-" if direction == "desc" else "") + column)
    return order
