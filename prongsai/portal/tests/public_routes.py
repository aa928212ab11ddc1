"""Every public page of an organisation, derived from the URLconf.

The accessibility, keyboard, budget and English checks walk the same list:
each named route under ``/<org>/`` that is not a back-office route, with the
objects its parameters need built by the apps' ``tests/tenancy.py``
``ROUTE_OBJECTS`` (the same builders the tenancy walk uses), so a new public
route is covered as soon as it exists. A route whose answer is not an HTML
page (a PDF, a spreadsheet, JSON), a redirect (LINE Login, the survey token
link) or a POST-only endpoint is left out and listed with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.test import Client
from django.urls import reverse

from prongsai.core.testing import (
    org_scoped_routes,
    route_object_builders,
    staff_route_names,
)


@dataclass
class PublicPages:
    pages: dict[str, str] = field(default_factory=dict)  # route name -> path
    skipped: dict[str, str] = field(default_factory=dict)  # route name -> why
    html: dict[str, str] = field(default_factory=dict)  # route name -> page


def public_route_names() -> list[str]:
    staff = staff_route_names()
    return [r.name for r in org_scoped_routes() if r.name not in staff]


def public_pages(organization, *, client: Client | None = None) -> PublicPages:
    """The HTML pages among the public routes of ``organization``.

    Each route is asked for once through the test client (in the language
    of its cookie, Thai by default; the pages are kept in ``html``); a server
    error fails at once. A 403/404 (a file only its sender's session may
    open) is listed among the skipped routes, which the tests print.
    """
    client = client or Client()
    builders = route_object_builders()
    staff = staff_route_names()
    found = PublicPages()
    for route in org_scoped_routes():
        if route.name in staff:
            continue
        kwargs = {"org": organization.slug}
        if route.params:
            kwargs.update(builders[route.name](organization))
        path = reverse(route.name, kwargs=kwargs)
        response = client.get(path)
        kind = response.get("Content-Type", "")
        if response.status_code == 405:
            found.skipped[route.name] = "POST only"
        elif response.status_code in (301, 302, 303):
            found.skipped[route.name] = "redirect to " + response["Location"][:60]
        elif response.status_code in (403, 404):
            found.skipped[route.name] = f"{response.status_code} for a visitor"
        elif response.status_code != 200:
            raise AssertionError(f"{route.name} {path}: {response.status_code}")
        elif not kind.startswith("text/html"):
            found.skipped[route.name] = "download: " + kind.split(";")[0]
        else:
            found.pages[route.name] = path
            found.html[route.name] = response.content.decode()
    return found
