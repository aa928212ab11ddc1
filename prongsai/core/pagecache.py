"""Whole-page cache for the public pages anonymous visitors read.

A public page (home, the ITA/OIT page, news ...) is rendered once and then
served from the cache to every anonymous visitor until the organisation
changes something or ``PUBLIC_PAGE_CACHE_SECONDS`` pass. Every write in
Prongsai records an audit event (:func:`prongsai.core.audit.audit_log`),
which calls :func:`organization_changed` once the transaction commits: that
moves the organisation to a new cache generation, so the next visitor sees
the change at once. The time limit bounds what changes without a write (a
news item whose publication date arrives, "as of today" figures).

Visitors with a session (signed-in staff, a citizen who just submitted a
form and has a message waiting) always get a freshly rendered page, as do
requests other than GET and HEAD. Cached pages must not contain a CSRF
token or anything else specific to one visitor: use it only on pages
without POST forms.
"""

from __future__ import annotations

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_PREFIX = "pagecache:gen:"
PAGE_PREFIX = "pagecache:page:"


def _timeout() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 60))


def _generation_key(slug: str) -> str:
    return VERSION_PREFIX + slug


def generation(slug: str) -> int:
    """The organisation's current cache generation (1 when never changed)."""
    value = cache.get(_generation_key(slug))
    if value is None:
        value = 1
        cache.add(_generation_key(slug), value, None)
    return int(value)


def organization_changed(slug: str) -> None:
    """Forget every cached page of the organisation (by moving on a generation)."""
    key = _generation_key(slug)
    try:
        cache.incr(key)
    except ValueError:  # not in the cache yet (or evicted): start a new generation
        cache.set(key, 2, None)


def _personal(request) -> bool:
    """True when the page may differ for this visitor."""
    if request.method not in ("GET", "HEAD"):
        return True
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or getattr(request, "htmx", False)
    )


def _page_key(request, slug: str) -> str:
    raw = "|".join(
        (
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
            str(generation(slug)),
        )
    )
    return PAGE_PREFIX + slug + ":" + hashlib.sha256(raw.encode()).hexdigest()


def public_page(view):
    """Cache an organisation's public page for anonymous visitors.

    The view takes the organisation slug as its ``org`` keyword argument.
    Only complete 200 answers without cookies are kept.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        slug = kwargs.get("org", "")
        if not slug or _personal(request) or _timeout() <= 0:
            return view(request, *args, **kwargs)
        key = _page_key(request, slug)
        cached = cache.get(key)
        if cached is not None:
            response = cached
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # The page used a CSRF token or the session: it is this visitor's.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(getattr(request, "session", None), "modified", False)
        ):
            # The language comes from a cookie, never Accept-Language.
            patch_vary_headers(response, ("Cookie",))
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, _timeout())
        return response

    return wrapper
