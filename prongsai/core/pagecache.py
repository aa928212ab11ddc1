"""Whole-page cache for the public pages anonymous visitors read.

A public page (home, the ITA/OIT page, news ...) is rendered once and then
served from the cache to every anonymous visitor until the organisation
changes something public or ``PUBLIC_PAGE_CACHE_SECONDS`` pass.

Two parts, one mechanism:

- :func:`public_page` marks a view as cacheable: its answer is the same for
  every anonymous visitor. It notes the organisation and the organisation's
  cache generation (read before the page is rendered) on the response.
- :class:`PageCacheMiddleware`, placed right after ``WhiteNoiseMiddleware``
  and ``OrganizationHostMiddleware`` (``config/settings/base.py``), answers a
  hit before the session, language, CSRF, authentication and axes
  middleware run: no database query, no session read. On a miss it lets the
  request through and keeps the answer as the full pass left it, with every
  header the inner middleware added (CSP, X-Frame-Options, Content-Language,
  Vary), so a hit carries exactly the headers of a full pass.

Invalidation: every audited write (:func:`prongsai.core.audit.audit_log`)
that changes something public calls :func:`organization_changed` once its
transaction commits, which moves the organisation to a new generation; the
pages kept under the old one are never served again. A write declared
``public=False`` (a citizen's filing, a staff note) leaves the cache alone.
The time limit bounds what changes without a write (a news item whose
publication date arrives, "as of today" figures).

Who gets a cached page: GET and HEAD requests without a session cookie, a
messages cookie or an HTMX header, and without ``?lang=`` that changes the
visitor's language cookie (that answer sets a cookie). A request with a
session cookie always gets a freshly rendered page: whether the session
belongs to a signed-in member (who sees their name and the staff menu) or
holds a flash message can only be known by reading the session (a database
or Redis round trip, and the session middleware's own work), so the cache
never guesses; anonymous visitors have no session cookie. The key holds the
host (organisations on their own host names), the path and query, and the
language as :class:`~prongsai.core.middleware.LanguageMiddleware` chooses it
(``?lang=``, the language cookie, else Thai).

Only complete 200 answers that set no cookie and used no CSRF token are
kept: use :func:`public_page` only on pages without POST forms or anything
specific to one visitor.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

VERSION_PREFIX = "pagecache:gen:"
# The version names the layout of a kept entry (a new layout never reads an old one).
PAGE_PREFIX = "pagecache:page:v2:"
HEADER = "X-Page-Cache"
# Set on a response by ``public_page``: (organisation slug, generation).
MARK = "_page_cache_mark"


def _timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60))


def _generation_key(slug: str) -> str:
    return VERSION_PREFIX + slug


def _fresh_generation() -> int:
    """A generation no earlier copy can carry, even if the counter was
    evicted from the cache and started again."""
    return time.time_ns() // 1000


def generation(slug: str) -> int:
    """The organisation's current cache generation."""
    key = _generation_key(slug)
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh_generation(), None)
        value = cache.get(key)
    return int(value) if value is not None else 0


def organization_changed(slug: str) -> None:
    """Forget every cached page of the organisation (by moving on a generation)."""
    key = _generation_key(slug)
    try:
        cache.incr(key)
    except ValueError:  # not in the cache yet (or evicted): start a new generation
        cache.set(key, _fresh_generation(), None)


def _language(request) -> str | None:
    """The language LanguageMiddleware will choose, or ``None`` when the
    answer would set the language cookie (``?lang=`` changing it)."""
    languages = dict(settings.LANGUAGES)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    asked = request.GET.get("lang", "") if "lang" in request.GET else ""
    asked = asked if asked in languages else ""
    if asked and asked != cookie:
        return None
    return asked or (cookie if cookie in languages else settings.LANGUAGE_CODE)


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or _timeout() <= 0:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if request.headers.get("HX-Request"):
        return False
    # The full pass answers these with the "null character" 400 page.
    return "\x00" not in request.path_info and not any(
        "\x00" in key or "\x00" in value for key, value in cookies.items()
    )


def _slug_of(request) -> str:
    """The organisation segment of the (host-routed) path: ``/<org>/...``."""
    return request.path_info.split("/", 2)[1] if request.path_info != "/" else ""


def _page_key(request, language: str) -> str:
    raw = "|".join((request.get_host(), request.get_full_path(), language))
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


# Pages this process served lately, by page key. A copy is used only while
# the organisation's generation, read from the shared cache on every request,
# is the one it was kept under, so a change shows at once in every process;
# the copy spares fetching and unpickling the whole page from Redis.
_LOCAL: dict[str, tuple] = {}
LOCAL_PAGES = 256


def _remember(page_key: str, entry: tuple) -> None:
    if len(_LOCAL) >= LOCAL_PAGES:
        _LOCAL.clear()
    _LOCAL[page_key] = entry


def _expired(entry: tuple) -> bool:
    return time.time() - entry[2] >= _timeout()


def _response(entry) -> HttpResponse:
    _slug, _generation, _kept, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers[HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serve cached public pages before the session and everything after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        language = _language(request)
        slug = _slug_of(request)
        if language is None or not slug:
            return self.get_response(request)
        page_key = _page_key(request, language)
        # No generation: nothing of this organisation (or path) was kept.
        current = cache.get(_generation_key(slug))
        entry = _LOCAL.get(page_key) if current is not None else None
        if current is not None and (
            entry is None or entry[1] != current or _expired(entry)
        ):
            entry = cache.get(page_key)
            if entry is not None:
                _remember(page_key, entry)
        if entry is not None and entry[:2] == (slug, current):
            return _response(entry)
        response = self.get_response(request)
        self._keep(request, response, page_key, slug)
        return response

    @staticmethod
    def _keep(request, response, page_key: str, slug: str) -> None:
        mark = getattr(response, MARK, None)
        if (
            mark is None
            or mark[0] != slug
            or response.status_code != 200
            or response.streaming
            or response.cookies
            # The page used a CSRF token or the session: it is this visitor's.
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or getattr(getattr(request, "session", None), "modified", False)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        ):
            return
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        entry = (
            slug,
            mark[1],
            time.time(),
            response.status_code,
            headers,
            response.content,
        )
        cache.set(page_key, entry, _timeout())
        _remember(page_key, entry)
        response.headers[HEADER] = "miss"


def public_page(view):
    """Mark an organisation's public page as the same for every anonymous
    visitor, so that :class:`PageCacheMiddleware` may keep it.

    The view takes the organisation slug as its ``org`` keyword argument.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        slug = kwargs.get("org", "")
        # Read before rendering: a change committed meanwhile moves the
        # generation on, and this copy is then never served.
        current = generation(slug) if slug and _timeout() > 0 else None
        response = view(request, *args, **kwargs)
        if current is not None:
            setattr(response, MARK, (slug, current))
        return response

    wrapper.public_page = True  # type: ignore[attr-defined]
    return wrapper
