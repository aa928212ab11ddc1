"""Every error of the JSON API as ``{"detail": <Thai text>, ...}``.

Installed on the API by :func:`install`: ninja's validation errors (422),
authentication (401), refused permissions (403), unknown records (404),
refused business rules (``DomainError``, model validation: 400), rate limits
(429, with ``Retry-After``) and anything unexpected (500, logged). The URLs
of the API answer a wrong method (405) and a path it does not have (404) the
same way (:func:`json_urls`). Every answer also carries ``code``, a stable
machine-readable name of the error (:data:`CODES`). The text follows the
request's language (Thai unless the client chose English), like the rest of
the site.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from prongsai.core.errors import DomainError

logger = logging.getLogger(__name__)

#: The ``code`` of each status the API answers with.
CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
}


def error_body(status: int, detail, **more) -> dict:
    """The JSON of an error: its Thai ``detail``, its ``code``, and ``more``."""
    return {"detail": str(detail), "code": CODES.get(status, "error"), **more}


class RateLimited(Exception):
    """Too many requests in the window; ``retry_after`` seconds until it ends."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


class Refused(HttpError):
    """A request the API refuses with a status and a translated message."""


def _field_of(location) -> str:
    """The dotted name of a validation error's field (without "body"/"query")."""
    parts = [str(part) for part in location or () if part not in ("body", "query")]
    if parts and parts[0] in ("path", "payload", "data", "params"):
        parts = parts[1:]
    return ".".join(parts)


def _validation(api, request, exc: NinjaValidationError):
    errors = [
        {"field": _field_of(error.get("loc")), "type": error.get("type", "")}
        for error in exc.errors
    ]
    fields = [error["field"] for error in errors if error["field"]]
    detail = _("The request is not valid. Check these fields: %(fields)s.") % {
        "fields": ", ".join(dict.fromkeys(fields)) or _("the request body")
    }
    return api.create_response(
        request,
        error_body(422, detail, field=fields[0] if fields else None, errors=errors),
        status=422,
    )


def _domain(api, request, exc: DomainError):
    return api.create_response(
        request, error_body(400, exc.message, field=exc.field), status=400
    )


def _model_validation(api, request, exc: DjangoValidationError):
    field: str | None = None
    detail = exc.messages[0]
    if hasattr(exc, "error_dict"):
        name, messages = next(iter(exc.message_dict.items()))
        field = None if name == "__all__" else name
        detail = messages[0]
    return api.create_response(
        request, error_body(400, detail, field=field), status=400
    )


def _not_found(api, request, exc):
    return api.create_response(request, error_body(404, not_found_text()), status=404)


def not_found_text() -> str:
    return _("Not found: no such organisation or record.")


def _forbidden(api, request, exc):
    return api.create_response(
        request,
        error_body(403, _("You are not allowed to do this.")),
        status=403,
    )


def _bad_request(api, request, exc):
    return api.create_response(
        request,
        error_body(400, _("The request could not be read; check what was sent.")),
        status=400,
    )


def _server_error(api, request, exc):
    """Anything unexpected: logged with its traceback, answered in Thai."""
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request, error_body(500, server_error_text()), status=500
    )


def server_error_text() -> str:
    return _(
        "Something went wrong on the server. The error was recorded; "
        "please try again later."
    )


def _authentication(api, request, exc):
    response = api.create_response(
        request,
        error_body(
            401,
            _(
                "A valid API token is needed: send the header "
                "“Authorization: Bearer <token>”."
            ),
        ),
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _http_error(api, request, exc: HttpError):
    """Our own refusals carry a translated message; ninja's are English."""
    if isinstance(exc, Refused):
        detail = str(exc)
    elif exc.status_code == 400:
        detail = _("The request body could not be read; send valid JSON.")
    else:
        detail = _("The request cannot be answered (%(status)s).") % {
            "status": exc.status_code
        }
    return api.create_response(
        request, error_body(exc.status_code, detail), status=exc.status_code
    )


def _rate_limited(api, request, exc: RateLimited):
    response = api.create_response(
        request,
        error_body(
            429,
            _("Too many requests. Try again in %(seconds)s seconds.")
            % {"seconds": exc.retry_after},
        ),
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def install(api) -> None:
    """Put the handlers above on ``api`` (a ``NinjaAPI``)."""
    handlers = {
        NinjaValidationError: _validation,
        DomainError: _domain,
        DjangoValidationError: _model_validation,
        Http404: _not_found,
        AuthenticationError: _authentication,
        HttpError: _http_error,
        RateLimited: _rate_limited,
        PermissionDenied: _forbidden,
        SuspiciousOperation: _bad_request,
        BadRequest: _bad_request,
        Exception: _server_error,
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(
            exception,
            lambda request, exc, handler=handler: handler(api, request, exc),
        )


# --- the URLs: a wrong method (405) and an unknown path (404) --------------------


def method_not_allowed(request, allowed) -> JsonResponse:
    """405 in JSON, naming the methods the path takes (also in ``Allow``)."""
    methods = sorted(allowed)
    response = JsonResponse(
        error_body(
            405,
            _("This address does not take the method %(method)s; it takes %(allowed)s.")
            % {"method": request.method, "allowed": ", ".join(methods)},
            allowed=methods,
        ),
        status=405,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
    response["Allow"] = ", ".join(methods)
    return response


def _json_405(view):
    """``view`` with ninja's plain-text 405 answered as :func:`method_not_allowed`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = [m.strip() for m in response["Allow"].split(",") if m.strip()]
            return method_not_allowed(request, allowed)
        return response

    return wrapper


def unknown_path(request, rest: str = "") -> JsonResponse:
    """A path under the API that it does not have: 404 in JSON."""
    return JsonResponse(
        error_body(
            404,
            _(
                "The API has no such address. The list of addresses is at "
                "/api/v1/ and their documentation at /api/docs."
            ),
        ),
        status=404,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


unknown_path.csrf_exempt = True  # type: ignore[attr-defined]


def json_urls(api):
    """``api.urls`` with every error in JSON: 405 of its paths, 404 elsewhere."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_405(pattern.callback)
    return [*patterns, re_path(r"^(?P<rest>.*)$", unknown_path)], app_name, namespace
