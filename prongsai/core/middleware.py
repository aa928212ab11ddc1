"""Request middleware: refusing request data no database can store, before
any view sees it, and choosing the language (Thai unless chosen)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .errors import BadInput

NUL = "\x00"


def _has_nul(data) -> bool:
    return any(
        NUL in key or any(NUL in value for value in data.getlist(key)) for key in data
    )


class NulCharacterMiddleware:
    """Answer 400 (the Thai error page) when a request carries a NUL character.

    PostgreSQL text cannot hold ``\\x00``; a NUL in a query string, form
    field, cookie or path would otherwise end as a database error
    (a 500) in whichever view used it. Django's form fields already refuse
    NULs; this covers values views read directly. JSON bodies are checked by
    the views that parse them (webhooks, CKAN API).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._refused(request):
            message = _(
                "The request contains a null character (\\0), which is not "
                "allowed. Remove it and try again."
            )
            if request.path_info.startswith("/api/"):
                # Machine clients get JSON, in the CKAN error envelope.
                return JsonResponse(
                    {
                        "success": False,
                        "error": {"__type": "Bad Request", "message": message},
                    },
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            raise BadInput(message)
        return self.get_response(request)

    @staticmethod
    def _refused(request) -> bool:
        if NUL in request.path_info or _has_nul(request.GET):
            return True
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            return True
        if request.method != "POST" or request.content_type not in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return False
        # Django's multipart parser already replaces NULs in file names.
        return _has_nul(request.POST)


class LanguageMiddleware:
    """Thai unless the visitor chose another language on this site.

    Replaces Django's ``LocaleMiddleware``, which follows the browser's
    Accept-Language: a visitor whose browser is set to English would get
    English public pages although the organisation publishes in Thai. The
    language comes from, in order: ``?lang=`` on the URL (remembered in the
    language cookie), the language cookie (set by the header's language links
    and Django's ``set_language``), else ``settings.LANGUAGE_CODE`` (Thai).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        languages = dict(settings.LANGUAGES)
        asked = request.GET.get("lang", "")
        asked = asked if asked in languages else ""
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = asked or (cookie if cookie in languages else settings.LANGUAGE_CODE)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if asked and asked != cookie:
            remember_language(response, asked)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def remember_language(response: HttpResponseBase, language: str) -> None:
    """Keep the visitor's choice of ``language`` in the language cookie."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        # The setting is typed str; Django itself passes it through unchanged.
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
