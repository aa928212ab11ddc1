"""CKAN's ``datastore_search`` over a dataset's rows (``resource_id`` is a
resource's id or, as before, the dataset's id or name)."""

from __future__ import annotations

import json

from django.utils.translation import override

from prongsai.core.thai_words import normalize, query_words

from . import exports
from .api_common import (
    dataset_for_resource,
    int_param,
    not_found,
    text_param,
    validation_error,
)
from .selectors import dataset_fields, dataset_rows

DATASTORE_TYPES = {
    "text": "text",
    "integer": "int",
    "number": "numeric",
    "date": "date",
}
DATASTORE_MAX_LIMIT = 32000


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
    sort = text_param(params, "sort").strip()
    sort_key, _sep, direction = sort.partition(" ")
    direction = direction.strip().lower()
    if sort and (sort_key not in keys or direction not in {"", "asc", "desc"}):
        raise validation_error(sort=[f"Cannot sort by {sort!r}"])
    return sort_key, direction


def datastore_search(request, params: dict):
    """Return a dataset's rows: ``resource_id``, ``limit``, ``offset``, ``q``,
    ``filters`` (column: value), ``fields``, ``sort`` ("column asc|desc")."""
    resource = (
        text_param(params, "resource_id").strip() or text_param(params, "id").strip()
    )
    if not resource:
        raise validation_error(resource_id=["Missing value"])
    dataset, _fmt = dataset_for_resource(resource)
    if dataset is None:
        raise not_found(f'Resource "{resource}" was not found.')
    limit = int_param(params, "limit", 100, low=0, high=DATASTORE_MAX_LIMIT)
    offset = int_param(params, "offset", 0, low=0)
    with override("th"):
        fields = dataset_fields(dataset)
    keys = [f["key"] for f in fields]
    filters, wanted = _datastore_filters(params, keys), _datastore_fields(params, keys)
    sort_key, direction = _datastore_sort(params, keys)
    terms = query_words(text_param(params, "q"))
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
