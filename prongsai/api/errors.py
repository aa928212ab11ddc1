"""Every error of the JSON API as ``{"detail": <Thai text>, ...}``.

Installed on the API by :func:`install`: ninja's validation errors (422),
authentication (401), unknown records (404), refused business rules
(``DomainError``, model validation: 400) and rate limits (429, with
``Retry-After``). The text follows the request's language (Thai unless the
client chose English), like the rest of the site.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from prongsai.core.errors import DomainError


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
        {"detail": detail, "field": fields[0] if fields else None, "errors": errors},
        status=422,
    )


def _domain(api, request, exc: DomainError):
    return api.create_response(
        request, {"detail": str(exc.message), "field": exc.field}, status=400
    )


def _model_validation(api, request, exc: DjangoValidationError):
    field: str | None = None
    detail = exc.messages[0]
    if hasattr(exc, "error_dict"):
        name, messages = next(iter(exc.message_dict.items()))
        field = None if name == "__all__" else name
        detail = messages[0]
    return api.create_response(request, {"detail": detail, "field": field}, status=400)


def _not_found(api, request, exc):
    return api.create_response(
        request, {"detail": _("Not found: no such organisation or record.")}, status=404
    )


def _authentication(api, request, exc):
    response = api.create_response(
        request,
        {
            "detail": _(
                "A valid API token is needed: send the header "
                "“Authorization: Bearer <token>”."
            )
        },
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
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _rate_limited(api, request, exc: RateLimited):
    response = api.create_response(
        request,
        {
            "detail": _("Too many requests. Try again in %(seconds)s seconds.")
            % {"seconds": exc.retry_after}
        },
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
    }
    for exception, handler in handlers.items():
        api.add_exception_handler(
            exception,
            lambda request, exc, handler=handler: handler(api, request, exc),
        )
