"""CKAN-compatible Action API (read-only) over the open-data catalogue.

Served at ``/api/3/action/<name>`` (CKAN harvesters) and ``/api/action/<name>``
(the ckanapi client), for GET with query parameters and POST with a JSON body
or a form, never redirecting. Responses use CKAN's envelope
``{"help", "success", "result"}`` and its error shapes (``api_common``),
because clients map the error ``__type`` strings to exceptions. Protocol
messages stay in CKAN's English wording for the same reason.

The actions: ``api_catalogue`` (status, packages, resources, tags, licences,
organisations, groups), ``api_search`` (``package_search``) and
``api_datastore`` (``datastore_search``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from prongsai.core.params import contains_nul

from . import api_catalogue as catalogue
from .api_common import ActionError, base_url, not_found, text_param
from .api_datastore import datastore_search
from .api_search import package_search
from .services import catalogue_refresh_if_stale


def help_show(request, params: dict):
    """Return the help text of the action named by ``name``."""
    name = text_param(params, "name").strip()
    function = ACTIONS.get(name)
    if function is None:
        raise not_found(f"Action function not found: {name}")
    return " ".join((function.__doc__ or "").split())


ACTIONS: dict[str, Callable] = {
    "status_show": catalogue.status_show,
    "package_list": catalogue.package_list,
    "package_show": catalogue.package_show,
    "package_search": package_search,
    "current_package_list_with_resources": (
        catalogue.current_package_list_with_resources
    ),
    "resource_show": catalogue.resource_show,
    "tag_list": catalogue.tag_list,
    "license_list": catalogue.license_list,
    "organization_list": catalogue.organization_list,
    "organization_show": catalogue.organization_show,
    "group_list": catalogue.group_list,
    "datastore_search": datastore_search,
    "help_show": help_show,
}


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
        "help": base_url(request) + prefix + "help_show?" + urlencode({"name": name}),
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
