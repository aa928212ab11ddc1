"""Serve an organisation at the root of its own host name."""

from django.conf import settings

from .selectors import organization_get_slug_for_host

GLOBAL_PREFIXES = (
    "/static/",
    "/media/",
    "/accounts/",
    "/i18n/",
    "/invitations/",
    "/api/",
    "/healthz",
)


class OrganizationHostMiddleware:
    """Map ``https://www.bandong.go.th/x`` to the organisation's ``/bandong/x``.

    When the request's host is an organisation's own host name, the path is
    routed as if it started with the organisation's slug, so every
    organisation page works at the root of that host. Paths that already carry
    the slug, and site-wide paths (static files, accounts, APIs), are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PRONGSAI_ALLOW_ORGANIZATION_HOSTS:
            self._route(request)
        return self.get_response(request)

    def _route(self, request) -> None:
        slug = organization_get_slug_for_host(request.get_host())
        if slug is None:
            return
        request.host_organization_slug = slug
        path = request.path_info
        admin_prefix = "/" + settings.ADMIN_URL.lstrip("/")
        if path.startswith((*GLOBAL_PREFIXES, admin_prefix)):
            return
        if path == f"/{slug}" or path.startswith(f"/{slug}/"):
            return
        request.path_info = f"/{slug}{path}"
