"""CSRF protection for pages that send no Referer at all.

A page served with ``Referrer-Policy: no-referrer`` makes the browser send
``Origin: null`` and no Referer with its own form posts, which Django's
middleware refuses (bad origin; over HTTPS also "no Referer"). The
confidential reporting pages need that policy: with it, neither the proxy
nor another site learns which page a visitor came from.

``csrf_protect_no_referrer`` keeps Django's check of the CSRF cookie against
the form's token (the part that stops another site from posting) and accepts
a missing Referer or an ``Origin: null``; a present, foreign Origin or Referer
is still refused.
"""

from __future__ import annotations

from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.csrf import csrf_exempt


class _NoReferrerCsrfMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request):
        if request.META.get("HTTP_ORIGIN") == "null":
            return True  # the token check still runs
        return super()._origin_verified(request)  # type: ignore[misc]  # private, not in django-stubs

    def _check_referer(self, request):
        if not request.META.get("HTTP_REFERER"):
            return  # the token check still runs
        super()._check_referer(request)  # type: ignore[misc]  # private, not in django-stubs


_protect = decorator_from_middleware(_NoReferrerCsrfMiddleware)


def csrf_protect_no_referrer(view):
    """Protect ``view`` with the cookie/token check only (see module doc)."""
    return csrf_exempt(_protect(view))


def no_referrer(response):
    """Mark ``response`` so that the browser sends no Referer from the page."""
    response["Referrer-Policy"] = "no-referrer"
    return response
