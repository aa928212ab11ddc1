"""The one navigation of an organisation's public site: the sections of the
menu bar, the groups of the sitemap page and the breadcrumb of any public
page, all from the lists below (a new public page is added here once)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str


#: The menu bar, in order: (link, the URL namespaces the section covers).
SECTIONS: tuple[tuple[Link, tuple[str, ...]], ...] = (
    (Link("portal-public:home", _("Home")), ()),
    (Link("portal-public:structure", _("About us")), ()),
    (Link("portal-public:news", _("News")), ()),
    (Link("eservices-public:catalogue", _("E-Service")), ("eservices-public",)),
    (Link("complaints-public:home", _("Complaints")), ("complaints-public",)),
    (Link("portal-public:oit", "ITA/OIT"), ("ita-public", "integrity-public")),
    (Link("procurement-public:list", _("Procurement")), ("procurement-public",)),
    (Link("budget-public:index", _("Budget")), ("budget-public",)),
    (Link("plans-public:plan-list", _("Plans")), ("plans-public", "risks-public")),
    (Link("opendata-public:catalogue", _("Open data")), ("opendata-public",)),
    (Link("portal-public:contacts", _("Contact")), ()),
)

#: Pages of the portal itself that belong to a section of the menu.
PORTAL_SECTION = {
    "structure": "portal-public:structure",
    "executives": "portal-public:structure",
    "laws": "portal-public:structure",
    "news": "portal-public:news",
    "news-detail": "portal-public:news",
    "oit": "portal-public:oit",
    "oit-year": "portal-public:oit",
    "contacts": "portal-public:contacts",
}

#: The sitemap page: every public page without an id in its address.
SITEMAP: tuple[tuple[str, tuple[Link, ...]], ...] = (
    (
        _("About us"),
        (
            Link("portal-public:home", _("Home")),
            Link("portal-public:structure", _("Structure and duties")),
            Link("portal-public:executives", _("Executives")),
            Link("portal-public:laws", _("Laws and regulations")),
            Link("portal-public:news", _("News and announcements")),
            Link("portal-public:contacts", _("Contact and questions")),
        ),
    ),
    (
        _("Services for citizens"),
        (
            Link("eservices-public:catalogue", _("Request a service online")),
            Link("eservices-public:track", _("Track a request")),
            Link("eservices-public:manuals", _("Citizen manuals")),
            Link("eservices-public:statistics", _("Service statistics")),
            Link("complaints-public:home", _("Report a problem")),
            Link("complaints-public:track-lookup", _("Track a complaint")),
            Link("complaints-public:map", _("Map of complaints")),
            Link("complaints-public:statistics", _("Complaint statistics")),
            Link("complaints-public:report", _("Report corruption confidentially")),
            Link("complaints-public:privacy", _("Privacy notice")),
        ),
    ),
    (
        _("Transparency"),
        (
            Link("portal-public:oit", _("ITA/OIT information disclosure")),
            Link("ita-public:list", _("ITA analysis reports")),
            Link("plans-public:plan-list", _("Plans and integrity measures")),
            Link("plans-public:participation", _("Public participation")),
            Link("integrity-public:no-gift", _("No Gift Policy")),
            Link("integrity-public:ethics", _("Ethics")),
            Link("integrity-public:assets", _("Borrowing assets")),
            Link("budget-public:index", _("Our budget")),
            Link("budget-public:plan", _("Local development plan")),
            Link("procurement-public:list", _("Procurement")),
            Link("procurement-public:plan", _("Procurement plan")),
            Link("procurement-public:monthly", _("Monthly procurement summary")),
            Link("opendata-public:catalogue", _("Open data")),
        ),
    ),
    (
        _("This site"),
        (
            Link("portal-public:search", _("Search this site")),
            Link("portal-public:sitemap", _("Sitemap")),
        ),
    ),
)


def _url(name: str, slug: str) -> str | None:
    try:
        return reverse(name, kwargs={"org": slug})
    except NoReverseMatch:  # an app left out of this install's URLconf
        return None


def section_of(match) -> str | None:
    """The menu section (its URL name) that the resolved page belongs to."""
    if match is None:
        return None
    namespace = match.namespace
    if namespace == "portal-public":
        return PORTAL_SECTION.get(match.url_name)
    for link, namespaces in SECTIONS:
        if namespace in namespaces:
            return link.url_name
    return None


def menu(*, slug: str, match) -> list[dict]:
    """The menu bar's links, the current section marked."""
    current = section_of(match)
    here = f"{match.namespace}:{match.url_name}" if match else ""
    items = []
    for link, _namespaces in SECTIONS:
        url = _url(link.url_name, slug)
        if url is None:
            continue
        items.append(
            {
                "label": link.label,
                "url": url,
                "current": link.url_name in (current, here),
                "page": link.url_name == here,
            }
        )
    return items


def breadcrumb(*, slug: str, match) -> list[dict]:
    """Home, then the section of the page when it is not the home page."""
    home = {"label": _("Home"), "url": _url("portal-public:home", slug)}
    if match is None or f"{match.namespace}:{match.url_name}" == "portal-public:home":
        return []
    crumbs = [home]
    current = section_of(match)
    if current and current != "portal-public:home":
        label = next(link.label for link, _n in SECTIONS if link.url_name == current)
        crumbs.append({"label": label, "url": _url(current, slug)})
    return crumbs


def sitemap(*, slug: str) -> list[tuple[str, list[dict]]]:
    groups = []
    for title, links in SITEMAP:
        rows = [
            {"label": link.label, "url": url}
            for link in links
            if (url := _url(link.url_name, slug)) is not None
        ]
        groups.append((title, rows))
    return groups
