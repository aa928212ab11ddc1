"""The name and address of this install, from the settings.

``PRONGSAI_SITE_NAME`` and the host of ``PRONGSAI_BASE_URL`` are what e-mails
(allauth's password reset) and links show. :func:`site_sync` writes them into
the ``django.contrib.sites`` row after every ``migrate``, so that nothing
shows the default ``example.com`` or ``localhost``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


@dataclass(frozen=True)
class SiteInfo:
    """What a message needs to name the site: ``name``, ``domain``, ``url``."""

    name: str
    domain: str
    url: str


def current_site() -> SiteInfo:
    url = settings.PRONGSAI_BASE_URL.rstrip("/")
    return SiteInfo(
        name=settings.PRONGSAI_SITE_NAME,
        domain=urlsplit(url).netloc or url,
        url=url,
    )


def site_sync(*, using: str = "default", **kwargs) -> None:
    """Give the Site row of ``SITE_ID`` the configured name and domain."""
    from django.contrib.sites.models import Site

    site = current_site()
    values = {"name": site.name[:50], "domain": site.domain[:100]}
    sites = Site.objects.using(using)
    if sites.filter(domain=values["domain"]).exclude(pk=settings.SITE_ID).exists():
        del values["domain"]  # another Site row has it (domains are unique)
    sites.update_or_create(pk=settings.SITE_ID, defaults=values)
    Site.objects.clear_cache()
