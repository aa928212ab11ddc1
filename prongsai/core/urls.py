"""Absolute addresses for links sent out of the platform (e-mail, LINE, files)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path_or_url: str, *, organization=None) -> str:
    """``path_or_url`` as an address people can open from outside.

    An address that already has a scheme is returned unchanged. A path is put
    on the organisation's own host name when ``organization`` has a verified
    one (and own hosts are served), else on ``PRONGSAI_BASE_URL``. Paths keep
    the organisation's slug: the own host serves ``/<slug>/...`` too.
    """
    value = str(path_or_url or "")
    if urlsplit(value).scheme:
        return value
    if not value.startswith("/"):
        value = "/" + value
    base = settings.PRONGSAI_BASE_URL.rstrip("/")
    host = getattr(organization, "host_name", "") if organization else ""
    if (
        host
        and getattr(organization, "host_verified_at", None)
        and getattr(settings, "PRONGSAI_ALLOW_ORGANIZATION_HOSTS", False)
    ):
        scheme = urlsplit(base).scheme or "https"
        base = scheme + "://" + host
    return base + value
