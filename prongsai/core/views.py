"""Site-wide pages: health check, robots.txt, error pages."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from . import health
from .errors import BadInput
from .middleware import remember_language


@never_cache
def healthz(request):
    """Each dependency's state, for load balancers and monitoring.

    HTTP 200 while the database answers (the site can serve, perhaps
    ``degraded``: without its cache, or with tasks waiting for the broker),
    503 when it does not. See :mod:`prongsai.core.health`.
    """
    report = health.health_report()
    status = 503 if report["status"] == health.FAIL else 200
    return JsonResponse(report, status=status)


@never_cache
def language_switch(request, language):
    """Choose the interface language (a link, so pages carry no CSRF token).

    Public pages are cached for anonymous visitors and must not hold
    anything specific to one visitor; a language link has no token, unlike
    Django's POST-only ``set_language``.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    remember_language(response, language)
    return response


def robots_txt(request):
    return HttpResponse(
        "User-agent: *\nDisallow: /accounts/\nDisallow: /*/staff/\n",
        content_type="text/plain",
    )


@requires_csrf_token
def error_400(request, exception=None):
    reason = exception.args[0] if isinstance(exception, BadInput) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


@requires_csrf_token
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


#: What a request meets while the database cannot be reached (stopped,
#: restarting, failing over, out of connections): the request may simply be
#: sent again a little later, so the visitor gets a 503 saying so.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def error_500(request):
    # No context processors: the failure may lie in one of them (or in the
    # database they read).
    from django.template import loader

    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request, reason=""):
    """A Thai page for a rejected form, instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)
