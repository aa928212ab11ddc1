"""CKAN's ``package_search``: ``q`` and ``fq`` (see ``ckan_query``), ``rows``,
``start``, ``sort``, ``facet.field``, ``facet.limit`` and ``facet``.

Results are ordered by ``sort`` and then by modification and name, so that
paging (the CKAN harvester pages by ``start`` with ``sort=id asc``) returns
every dataset exactly once while the catalogue does not change.
"""

from __future__ import annotations

import json

from . import ckan, ckan_query
from .api_common import (
    ActionError,
    base_url,
    bool_param,
    int_param,
    search_query_error,
    text_param,
    validation_error,
)
from .selectors import dataset_catalogue, search_datasets

MAX_ROWS = 1000
DEFAULT_ROWS = 10
DEFAULT_FACET_LIMIT = 50
DEFAULT_SORT = "score desc, metadata_modified desc"
FACETS = ("organization", "tags", "res_format", "license_id", "fiscal_year")


def _filtered(q: str, fq: str):
    queryset = dataset_catalogue()
    if q in {"", "*", "*:*"}:
        pass
    elif ckan_query.is_plain(q):
        queryset = search_datasets(queryset, q)
    else:
        queryset = queryset.filter(ckan_query.dataset_q(q))
    if fq:
        queryset = queryset.filter(ckan_query.dataset_q(fq))
    return queryset


def package_search(request, params: dict):
    """Search datasets: ``q``, ``fq``, ``rows``, ``start``, ``sort``,
    ``facet.field``, ``facet.limit``."""
    rows = int_param(params, "rows", DEFAULT_ROWS, low=0, high=MAX_ROWS)
    start = int_param(params, "start", 0, low=0)
    q = text_param(params, "q").strip()
    fq = text_param(params, "fq").strip()
    sort = text_param(params, "sort").strip() or DEFAULT_SORT
    if sort == "rank":
        sort = DEFAULT_SORT
    try:
        queryset = _filtered(q, fq)
        order = ckan_query.parse_sort(sort)
    except ckan_query.SearchQueryError as error:
        raise search_query_error(error) from None
    queryset = queryset.order_by(*order, "-modified_at", "name")
    base = base_url(request)
    results = [
        ckan.package_dict(d, base_url=base) for d in queryset[start : start + rows]
    ]
    names = _facet_fields(params) if bool_param(params, "facet", True) else []
    facets = _facets(queryset, names, _facet_limit(params))
    return {
        "count": queryset.count(),
        "facets": {
            name: {item["name"]: item["count"] for item in items}
            for name, items in facets.items()
        },
        "results": results,
        "sort": sort,
        "search_facets": {
            name: {"title": name, "items": items} for name, items in facets.items()
        },
    }


def _facet_fields(params: dict) -> list[str]:
    raw = params.get("facet.field") or []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            raw = [raw]
    if not isinstance(raw, list):
        raw = [raw]
    return [name for name in FACETS if name in {str(n) for n in raw}]


def _facet_limit(params: dict) -> int | None:
    """``facet.limit``; a negative number (CKAN: unlimited) gives ``None``."""
    try:
        limit = int_param(params, "facet.limit", DEFAULT_FACET_LIMIT, low=-(2**31))
    except ActionError:
        raise validation_error(**{"facet.limit": ["Invalid integer"]}) from None
    return None if limit < 0 else limit


def _facets(queryset, names: list[str], limit: int | None) -> dict[str, list]:
    """CKAN's ``search_facets`` items per requested field: the ``limit``
    largest counts, then ordered by display name, last first (as CKAN does)."""
    if not names:
        return {}
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    labels: dict[str, dict[str, str]] = {name: {} for name in names}
    rows = queryset.values_list(
        "organization__slug", "organization__name", "tags", "license_id", "fiscal_year"
    )
    for slug, title, tags, license_id, fiscal_year in rows:
        values = {
            "organization": [(slug, title or slug)],
            "tags": [(t, t) for t in tags or [] if isinstance(t, str)],
            "res_format": [(fmt, fmt) for fmt in sorted(ckan.FORMAT_NAMES)],
            "license_id": [(license_id, ckan.license_title(license_id))],
            "fiscal_year": [(str(fiscal_year), str(fiscal_year))],
        }
        for name in names:
            for value, label in values[name]:
                counts[name][value] = counts[name].get(value, 0) + 1
                labels[name][value] = label
    result = {}
    for name, found in counts.items():
        largest = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        items = [
            {"name": value, "display_name": labels[name][value], "count": number}
            for value, number in largest[:limit]
        ]
        result[name] = sorted(items, key=lambda i: i["display_name"], reverse=True)
    return result
