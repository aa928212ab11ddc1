"""CKAN-compatible Action API (read-only) over the open-data catalogue.

Served at ``/api/3/action/<name>`` (CKAN harvesters) and ``/api/action/<name>``
(the ckanapi client), for GET with query parameters and POST with a JSON body
or a form, never redirecting. Responses use CKAN's envelope
``{"help", "success", "result"}`` and its error shapes, because clients map
the error ``__type`` strings to exceptions. Protocol messages stay in CKAN's
English wording for the same reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt

from prongsai.core.params import MAX_QUERY_INT, bounded_int, contains_nul
from prongsai.core.thai_words import normalize, query_words
from prongsai.organizations.models import Organization

from . import ckan, exports
from .selectors import (
    dataset_catalogue,
    dataset_fields,
    dataset_get_published,
    dataset_rows,
    organization_list_with_datasets,
    search_datasets,
)
from .services import catalogue_refresh_if_stale

MAX_ROWS = 1000
DEFAULT_ROWS = 10
DEFAULT_LIST_LIMIT = 1000


class ActionError(Exception):
    """An error CKAN reports in its envelope with an HTTP status."""

    def __init__(self, status: int, error: dict) -> None:
        super().__init__(error.get("message", ""))
        self.status = status
        self.error = error


def not_found(message: str = "") -> ActionError:
    text = "Not found" + (f": {message}" if message else "")
    return ActionError(404, {"__type": "Not Found Error", "message": text})


def validation_error(**fields: list[str]) -> ActionError:
    message = "; ".join(f"{key}: {' '.join(v)}" for key, v in fields.items())
    return ActionError(
        409, {"__type": "Validation Error", "message": message, **fields}
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _int(params: dict, key: str, default: int, *, low: int = 0, high=None) -> int:
    try:
        value = bounded_int(
            params.get(key), default=default, low=-MAX_QUERY_INT, high=MAX_QUERY_INT
        )
    except ValueError:
        raise validation_error(**{key: ["Invalid integer"]}) from None
    if value < low:
        raise validation_error(**{key: [f"Must be a natural number >= {low}"]})
    return min(value, high) if high is not None else value


def _bool(params: dict, key: str, default: bool = False) -> bool:
    raw = params.get(key, default)
    if isinstance(raw, bool):
        return raw
    return str(raw).lower() in {"true", "1", "yes", "on"}


def _text(params: dict, key: str, default: str = "") -> str:
    value = params.get(key, default)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return "" if value is None else str(value)


# --- actions ------------------------------------------------------------------


def status_show(request, params: dict):
    """Return the site's title, description, URL and CKAN API version."""
    return {
        "site_title": "Prongsai",
        "site_description": "Open data of Thai local administrative organisations",
        "site_url": _base_url(request),
        "ckan_version": ckan.CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": "th",
        "extensions": ["prongsai", "thai_gdc_fields", "dcat_jsonld"],
    }


def package_list(request, params: dict):
    """Return the names of the published datasets (``limit``, ``offset``)."""
    limit = _int(params, "limit", DEFAULT_LIST_LIMIT, low=0)
    offset = _int(params, "offset", 0, low=0)
    names = dataset_catalogue().order_by("name").values_list("name", flat=True)
    return list(names[offset : offset + limit])


def package_show(request, params: dict):
    """Return one dataset by ``id`` (its UUID) or its name."""
    identifier = _text(params, "id").strip() or _text(params, "name").strip()
    if not identifier:
        raise validation_error(id=["Missing value"])
    dataset = dataset_get_published(id_or_name=identifier)
    if dataset is None:
        raise not_found()
    return ckan.package_dict(dataset, base_url=_base_url(request))


def package_search(request, params: dict):
    """Search datasets: ``q``, ``fq``, ``rows``, ``start``, ``sort``."""
    rows = _int(params, "rows", DEFAULT_ROWS, low=0, high=MAX_ROWS)
    start = _int(params, "start", 0, low=0)
    q = _text(params, "q").strip()
    fq = _text(params, "fq").strip()
    sort = _text(params, "sort", "score desc, metadata_modified desc")
    queryset = dataset_catalogue()
    try:
        if fq:
            queryset = queryset.filter(ckan.parse_fq(fq))
        if q and q != "*:*":
            if ckan.looks_like_fielded(q):
                queryset = queryset.filter(ckan.parse_fq(q))
            else:
                queryset = search_datasets(queryset, q)
        order = ckan.parse_sort(sort)
    except ckan.SearchQueryError as error:
        raise ActionError(
            400,
            {
                "__type": "Search Query Error",
                "message": f"Search Query is invalid: {error.args!r}",
            },
        ) from None
    queryset = queryset.order_by(*order, "-modified_at", "name")
    count = queryset.count()
    base = _base_url(request)
    results = [
        ckan.package_dict(d, base_url=base) for d in queryset[start : start + rows]
    ]
    facets = _facets(queryset, _facet_fields(params), _int(params, "facet.limit", 50))
    return {
        "count": count,
        "results": results,
        "sort": sort,
        "facets": {name: dict(items) for name, items in facets.items()},
        "search_facets": {
            name: {
                "title": name,
                "items": [
                    {"name": value, "display_name": value, "count": number}
                    for value, number in items
                ],
            }
            for name, items in facets.items()
        },
    }


FACETS = {"organization", "tags", "res_format", "license_id", "fiscal_year"}


def _facet_fields(params: dict) -> list[str]:
    raw = params.get("facet.field") or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raw = [raw]
    if not isinstance(raw, list):
        raw = [raw]
    return [str(name) for name in raw if str(name) in FACETS]


def _facets(queryset, names: list[str], limit: int) -> dict[str, list]:
    """Counts per value of the requested facet fields, largest first."""
    if not names:
        return {}
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    rows = queryset.values_list(
        "organization__slug", "tags", "license_id", "fiscal_year"
    )
    for slug, tags, license_id, fiscal_year in rows:
        values = {
            "organization": [slug],
            "tags": tags or [],
            "res_format": [fmt for fmt, _m, _s in ckan.FORMATS],
            "license_id": [license_id],
            "fiscal_year": [str(fiscal_year)],
        }
        for name in names:
            for value in values[name]:
                counts[name][value] = counts[name].get(value, 0) + 1
    return {
        name: sorted(found.items(), key=lambda item: (-item[1], item[0]))[:limit]
        for name, found in counts.items()
    }


def organization_list(request, params: dict):
    """Return organisations with published datasets (``all_fields``, ``limit``,
    ``offset``, ``sort`` name or title or package_count, with asc/desc)."""
    all_fields = _bool(params, "all_fields")
    limit = _int(params, "limit", DEFAULT_LIST_LIMIT, low=0)
    offset = _int(params, "offset", 0, low=0)
    sort = _text(params, "sort", "title asc").strip() or "title asc"
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
    base = _base_url(request)
    return [
        ckan.organization_dict(o, base_url=base, package_count=o.package_count)
        for o in organizations
    ]


def organization_show(request, params: dict):
    """Return one organisation by ``id`` or name; ``include_datasets`` adds
    its published datasets."""
    identifier = _text(params, "id").strip()
    if not identifier:
        raise validation_error(id=["Missing value"])
    organization = None
    for candidate in organization_list_with_datasets():
        if identifier in (candidate.slug, ckan.organization_id(candidate)):
            organization = candidate
            break
    if organization is None:
        if Organization.objects.active().filter(slug=identifier).exists():
            raise not_found("organization has no published datasets")
        raise not_found()
    base = _base_url(request)
    result = ckan.organization_dict(
        organization, base_url=base, package_count=organization.package_count
    )
    result["users"] = []
    result["extras"] = []
    result["tags"] = []
    result["groups"] = []
    if _bool(params, "include_datasets"):
        result["packages"] = [
            ckan.package_dict(d, base_url=base)
            for d in dataset_catalogue()
            .filter(organization=organization)
            .order_by("name")[:DEFAULT_LIST_LIMIT]
        ]
    return result


DATASTORE_TYPES = {
    "text": "text",
    "integer": "int",
    "number": "numeric",
    "date": "date",
}
DATASTORE_MAX_LIMIT = 32000


def _dataset_for_resource(resource_id: str):
    """The published dataset owning a resource id (or named by its id/name)."""
    dataset = dataset_get_published(id_or_name=resource_id)
    if dataset is not None:
        return dataset, None
    for candidate in dataset_catalogue().only("id", "organization"):
        for fmt, _mimetype, _suffix in ckan.FORMATS:
            if ckan.resource_id(candidate, fmt) == resource_id:
                return dataset_get_published(id_or_name=str(candidate.pk)), fmt
    return None, None


def _datastore_filters(params: dict, keys: list[str]) -> dict:
    filters = params.get("filters") or {}
    if isinstance(filters, str):
        try:
            filters = json.loads(filters)
        except (ValueError, RecursionError):
            raise validation_error(filters=["Cannot parse JSON"]) from None
    if not isinstance(filters, dict) or any(k not in keys for k in filters):
        raise validation_error(filters=["Unknown column in filters"])
    return filters


def _datastore_fields(params: dict, keys: list[str]) -> list[str]:
    wanted = params.get("fields") or keys
    if isinstance(wanted, str):
        wanted = [w.strip() for w in wanted.split(",") if w.strip()]
    if not isinstance(wanted, list) or any(
        not isinstance(w, str) or w not in keys for w in wanted
    ):
        raise validation_error(fields=["Unknown column"])
    return wanted


def _datastore_sort(params: dict, keys: list[str]) -> tuple[str, str]:
    """``(column, "asc" | "desc" | "")`` of ``sort``, or ``("", "")``."""
    sort = _text(params, "sort").strip()
    sort_key, _sep, direction = sort.partition(" ")
    direction = direction.strip().lower()
    if sort and (sort_key not in keys or direction not in {"", "asc", "desc"}):
        raise validation_error(sort=[f"Cannot sort by {sort!r}"])
    return sort_key, direction


def datastore_search(request, params: dict):
    """Return a dataset's rows: ``resource_id``, ``limit``, ``offset``, ``q``,
    ``filters`` (column: value), ``fields``, ``sort`` ("column asc|desc")."""
    resource = _text(params, "resource_id").strip() or _text(params, "id").strip()
    if not resource:
        raise validation_error(resource_id=["Missing value"])
    dataset, _fmt = _dataset_for_resource(resource)
    if dataset is None:
        raise not_found(f'Resource "{resource}" was not found.')
    limit = _int(params, "limit", 100, low=0, high=DATASTORE_MAX_LIMIT)
    offset = _int(params, "offset", 0, low=0)
    with override("th"):
        fields = dataset_fields(dataset)
    keys = [f["key"] for f in fields]
    filters, wanted = _datastore_filters(params, keys), _datastore_fields(params, keys)
    sort_key, direction = _datastore_sort(params, keys)
    terms = query_words(_text(params, "q"))
    kinds = {f["key"]: f["type"] for f in fields}
    records = []
    for row in dataset_rows(dataset):
        record = {k: exports.plain_value(row.get(k), kinds[k]) for k in keys}
        if any(str(record[k]) != str(v) for k, v in filters.items()):
            continue
        if terms:
            text = normalize(" ".join(str(v) for v in record.values() if v is not None))
            if not all(t in text for t in terms):
                continue
        records.append(record)
    if sort_key:
        records.sort(
            key=lambda r: (
                r[sort_key] is None,
                r[sort_key] if r[sort_key] is not None else 0,
            ),
            reverse=direction == "desc",
        )
    page = [
        {"_id": offset + n + 1, **{k: r[k] for k in wanted}}
        for n, r in enumerate(records[offset : offset + limit])
    ]
    base = f"/api/3/action/datastore_search?resource_id={resource}"
    return {
        "resource_id": resource,
        "fields": [{"id": "_id", "type": "int"}]
        + [
            {
                "id": f["key"],
                "type": DATASTORE_TYPES[f["type"]],
                "info": {"label": f["title"]},
            }
            for f in fields
            if f["key"] in wanted
        ],
        "records": page,
        "total": len(records),
        "limit": limit,
        "offset": offset,
        "_links": {
            "start": base,
            "next": f"{base}&offset={offset + limit}",
        },
    }


def group_list(request, params: dict):
    """Return the catalogue's groups (none: categories are dataset fields)."""
    return []


def help_show(request, params: dict):
    """Return the help text of the action named by ``name``."""
    name = _text(params, "name").strip()
    function = ACTIONS.get(name)
    if function is None:
        raise not_found(f"Action function not found: {name}")
    return " ".join((function.__doc__ or "").split())


ACTIONS: dict[str, Callable] = {
    "status_show": status_show,
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "current_package_list_with_resources": None,  # filled below
    "organization_list": organization_list,
    "organization_show": organization_show,
    "group_list": group_list,
    "datastore_search": datastore_search,
    "help_show": help_show,
}


def current_package_list_with_resources(request, params: dict):
    """Return recently modified datasets with resources (``limit``, ``offset``)."""
    limit = _int(params, "limit", DEFAULT_ROWS, low=0, high=MAX_ROWS)
    offset = _int(params, "offset", 0, low=0)
    base = _base_url(request)
    return [
        ckan.package_dict(d, base_url=base)
        for d in dataset_catalogue().order_by("-modified_at", "name")[
            offset : offset + limit
        ]
    ]


ACTIONS["current_package_list_with_resources"] = current_package_list_with_resources


def _request_params(request: HttpRequest) -> dict:
    """CKAN's way of reading parameters: JSON body, form or query string."""
    params: dict = {}
    for key in request.GET:
        values = request.GET.getlist(key)
        params[key] = values[0] if len(values) == 1 else values
    if request.method != "POST":
        return params
    content_type = (request.content_type or "").lower()
    if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        form = request.POST
        if len(form) == 1 and next(iter(form.values())) in ("", "1"):
            # Old clients post the JSON object as the only form key.
            params.update(_json_object(next(iter(form.keys()))))
        else:
            for key in form:
                values = form.getlist(key)
                params[key] = values[0] if len(values) == 1 else values
        return params
    body = request.body
    if body and body.strip():
        params.update(_json_object(body.decode("utf-8", errors="replace")))
    return params


def _json_object(text: str) -> dict:
    try:
        data = json.loads(text)
    except RecursionError:
        raise ActionError(
            400,
            {
                "__type": "Bad Request",
                "message": "Bad request - JSON Error: nested too deeply.",
            },
        ) from None
    except ValueError as error:
        raise ActionError(
            400,
            {
                "__type": "Bad Request",
                "message": f"Bad request - JSON Error: Error decoding JSON data. "
                f"Error: {error!r}",
            },
        ) from None
    if not isinstance(data, dict):
        raise ActionError(
            400,
            {
                "__type": "Bad Request",
                "message": "Bad request - JSON Error: Request data JSON decoded to "
                f"{data!r} but it needs to be a dictionary.",
            },
        )
    if contains_nul(data):
        raise ActionError(
            400,
            {
                "__type": "Bad Request",
                "message": "Bad request - JSON Error: null characters (\\u0000) "
                "are not allowed.",
            },
        )
    return data


def _envelope(request, name: str, version: str) -> dict:
    prefix = "/api/3/action/" if version == "3" else "/api/action/"
    return {
        "help": _base_url(request) + prefix + "help_show?" + urlencode({"name": name}),
    }


@csrf_exempt
def action(request: HttpRequest, name: str, version: str = "") -> JsonResponse:
    """Dispatch one Action API call."""
    body = _envelope(request, name, version)
    headers = {"Access-Control-Allow-Origin": "*"}
    if request.method not in {"GET", "POST", "HEAD"}:
        body.update(
            success=False,
            error={"__type": "Bad Request", "message": "Bad request - use GET or POST"},
        )
        response = JsonResponse(body, status=405, headers=headers)
        response["Allow"] = "GET, POST"
        return response
    function = ACTIONS.get(name)
    if function is None:
        body.update(
            success=False,
            error={
                "__type": "Bad Request",
                "message": f"Bad request - Action name not known: {name}",
            },
        )
        return JsonResponse(body, status=400, headers=headers)
    if name != "status_show":
        catalogue_refresh_if_stale()
    try:
        params = _request_params(request)
        params.pop("callback", None)
        result = function(request, params)
    except ActionError as error:
        body.update(success=False, error=error.error)
        return JsonResponse(
            body,
            status=error.status,
            headers=headers,
            json_dumps_params={"ensure_ascii": False},
        )
    body.update(success=True, result=result)
    return JsonResponse(
        body, headers=headers, json_dumps_params={"ensure_ascii": False}
    )
