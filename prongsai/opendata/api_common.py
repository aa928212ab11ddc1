"""What every action of the CKAN Action API shares: its error shapes and the
reading of its parameters (``api.py`` dispatches; the actions live in
``api_catalogue``, ``api_search`` and ``api_datastore``).

Errors are CKAN's: ``Validation Error`` (409) with the failing parameter as a
key, ``Not Found Error`` (404), ``Search Query Error`` (400). Protocol
messages stay in CKAN's English wording because clients read them.
"""

from __future__ import annotations

from django.http import HttpRequest

from prongsai.core.params import MAX_QUERY_INT, bounded_int

from . import ckan
from .selectors import dataset_catalogue, dataset_get_published


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


def search_query_error(error: Exception) -> ActionError:
    return ActionError(
        400,
        {
            "__type": "Search Query Error",
            "message": f"Search Query is invalid: {error.args!r}",
        },
    )


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def int_param(params: dict, key: str, default: int, *, low: int = 0, high=None) -> int:
    try:
        value = bounded_int(
            params.get(key), default=default, low=-MAX_QUERY_INT, high=MAX_QUERY_INT
        )
    except ValueError:
        raise validation_error(**{key: ["Invalid integer"]}) from None
    if value < low:
        raise validation_error(**{key: [f"Must be a natural number >= {low}"]})
    return min(value, high) if high is not None else value


def bool_param(params: dict, key: str, default: bool = False) -> bool:
    raw = params.get(key, default)
    if isinstance(raw, bool):
        return raw
    return str(raw).lower() in {"true", "1", "yes", "on"}


def text_param(params: dict, key: str, default: str = "") -> str:
    value = params.get(key, default)
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return "" if value is None else str(value)


def required_id(params: dict, key: str = "id") -> str:
    """The identifier parameter, or CKAN's "Missing value" validation error."""
    identifier = text_param(params, key).strip()
    if not identifier:
        raise validation_error(**{key: ["Missing value"]})
    return identifier


def dataset_for_resource(resource_id: str, *, by_dataset: bool = True):
    """``(dataset, format)`` of a resource id, or ``(None, None)``.

    With ``by_dataset`` a dataset's own id or name also answers (with format
    ``None``), as the datastore has always allowed.
    """
    if by_dataset:
        dataset = dataset_get_published(id_or_name=resource_id)
        if dataset is not None:
            return dataset, None
    for candidate in dataset_catalogue().only("id", "organization"):
        for fmt, _mimetype, _suffix in ckan.FORMATS:
            if ckan.resource_id(candidate, fmt) == resource_id:
                return dataset_get_published(id_or_name=str(candidate.pk)), fmt
    return None, None
