"""The public pages of each organisation. Reads other apps' selectors only."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core import colours
from prongsai.core.forms import handle_form
from prongsai.core.pagecache import public_page
from prongsai.core.ratelimit import RequestLimit, limit_submissions
from prongsai.core.thai_words import MAX_QUERY
from prongsai.ita.selectors import analysis_report_list_published
from prongsai.oit import selectors as oit_selectors
from prongsai.organizations.selectors import (
    access_organization,
    organization_directory_page,
)
from prongsai.portal.accessibility import CONFORMANCE_TARGET, checks_load
from prongsai.search import selectors as search_selectors
from prongsai.sitecontent import selectors as site
from prongsai.sitecontent.forms import InquiryForm
from prongsai.sitecontent.models import NewsItem, Page
from prongsai.sitecontent.services import inquiry_submit

from .selectors_home import home_content, home_figures


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


@public_page
def home(request, org):
    organization = _organization(request, org)
    content = home_content(organization=organization)
    return render(
        request,
        "portal/home.html",
        {
            "organization": organization,
            **content,
            "figures": home_figures(organization=organization),
            "last_updated": content["last_updated"] or organization.updated_at,
        },
    )


@public_page
def sitemap(request, org):
    """Every public page of the organisation, in the navigation's groups."""
    organization = _organization(request, org)
    return render(request, "portal/sitemap.html", {"organization": organization})


@public_page
def theme_css(request, org):
    """The organisation's colour as CSS custom properties (a file, because the
    site's CSP allows no inline style); AA contrast derived in core.colours."""
    organization = _organization(request, org)
    response = render(
        request,
        "portal/theme.css",
        {"theme": colours.theme(organization.brand_colour)},
        content_type="text/css; charset=utf-8",
    )
    return response


@public_page
def structure(request, org):
    organization = _organization(request, org)
    page = site.page_get(organization=organization, key=Page.Key.STRUCTURE)
    return render(
        request,
        "portal/structure.html",
        {
            "organization": organization,
            "page": page,
            "last_updated": page.updated_at if page else None,
        },
    )


def _listing(request, organization, template: str, name: str, items):
    """A page listing one kind of published record, dated by the newest change."""
    return render(
        request,
        template,
        {
            "organization": organization,
            name: items,
            "last_updated": site.last_updated(items),
        },
    )


@public_page
def executives(request, org):
    organization = _organization(request, org)
    people = site.executive_list(organization=organization)
    return _listing(
        request, organization, "portal/executives.html", "executives", people
    )


# Questions one visitor (one address) may send per ten minutes.
QUESTION_SUBMISSIONS = RequestLimit("portal-question", limit=10, window=600)


@limit_submissions(QUESTION_SUBMISSIONS)
def contacts(request, org):
    organization = _organization(request, org)
    form = InquiryForm(request.POST or None)
    if response := handle_form(
        request,
        form,
        on_valid=lambda data: inquiry_submit(organization=organization, **data),
        success_message=_(
            "Thank you. Your question has been received; the answer will "
            "be published on this page."
        ),
        redirect_to=reverse(
            "portal-public:contacts", kwargs={"org": organization.slug}
        ),
    ):
        return response
    page = site.page_get(organization=organization, key=Page.Key.CONTACTS)
    answered = site.inquiry_list_public(organization=organization)
    return render(
        request,
        "portal/contacts.html",
        {
            "organization": organization,
            "page": page,
            "form": form,
            "answered": answered[:30],
            "last_updated": max(
                d
                for d in (
                    organization.updated_at,
                    page.updated_at if page else None,
                    site.last_updated(answered),
                )
                if d is not None
            ),
        },
    )


@public_page
def news(request, org):
    organization = _organization(request, org)
    category = request.GET.get("category", "")
    if category not in NewsItem.Category.values:
        category = ""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    items = site.news_list(organization=organization, category=category, query=query)
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/news_list.html",
        {
            "organization": organization,
            "page_obj": page,
            "categories": NewsItem.Category.choices,
            "category": category,
            # Not "query": the site-wide search box below stays empty.
            "news_query": query,
            "query_string": urlencode(
                {k: v for k, v in (("category", category), ("q", query)) if v}
            ),
            "last_updated": site.last_updated(items),
        },
    )


@public_page
def news_detail(request, org, pk):
    organization = _organization(request, org)
    item = site.access_news(organization=organization, pk=pk)
    return render(
        request,
        "portal/news_detail.html",
        {"organization": organization, "item": item, "last_updated": item.updated_at},
    )


@public_page
def laws(request, org):
    organization = _organization(request, org)
    items = site.law_list(organization=organization)
    return _listing(request, organization, "portal/laws.html", "laws", items)


def search(request, org):
    """The one public site search: every kind of public record, ranked."""
    organization = _organization(request, org)
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    labels = search_selectors.kind_labels()
    kind = request.GET.get("kind", "")
    if kind not in labels:
        kind = ""
    counts = (
        search_selectors.search_entry_get_kind_counts(
            organization=organization, query=query
        )
        if query
        else {}
    )
    entries = search_selectors.search_entry_list_ranked(
        organization=organization, query=query, kind=kind
    )
    page = search_selectors.bounded_page(entries, request.GET.get("page"))
    results = [
        (
            entry,
            labels.get(entry.kind, ""),
            search_selectors.highlight(entry.summary, query),
            search_selectors.highlight(entry.title, query, width=500),
        )
        for entry in page
    ]
    return render(
        request,
        "portal/search.html",
        {
            "organization": organization,
            "query": query,
            "kind": kind,
            "chips": [
                (key, label, counts[key])
                for key, label in labels.items()
                if key in counts
            ],
            "total": sum(counts.values()),
            "page_obj": page,
            "results": results,
            "query_string": urlencode(
                {"q": query, "kind": kind} if kind else {"q": query}
            ),
        },
    )


def _requested_year(request, fiscal_year):
    """The year asked for, by path or ``?year=`` (``None``: the latest;
    ``""``: something that is no year)."""
    if fiscal_year is not None:
        return fiscal_year
    raw = request.GET.get("year", "").strip()
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) <= 4 else ""


@public_page
def oit(request, org, fiscal_year=None):
    """The ITA/OIT page: the latest year, or any earlier one (``?year=2568``
    or ``/oit/2568/``); a year without a checklist is a 404 that says so."""
    organization = _organization(request, org)
    years = oit_selectors.checklist_list_public_years(organization=organization)
    year = _requested_year(request, fiscal_year)
    context = {
        "organization": organization,
        "years": years,
        "reports": analysis_report_list_published(organization=organization),
    }
    if year is not None and year not in years:
        context["unknown_year"] = year or request.GET.get("year", "")[:20]
        return render(request, "portal/oit.html", context, status=404)
    checklist, rows = oit_selectors.checklist_get_public(
        organization=organization, fiscal_year=year
    )
    return render(
        request,
        "portal/oit.html",
        {
            **context,
            "checklist": checklist,
            "states": rows,
            "last_updated": max((r.item.updated_at for r in rows), default=None),
        },
    )


def oit_evidence(request, org, pk):
    """An uploaded OIT evidence file, served from the organisation's own site."""
    organization = _organization(request, org)
    evidence = oit_selectors.access_public_evidence(organization=organization, pk=pk)
    name = evidence.file.name.rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), filename=name)


def directory(request):
    """The install's home page: the organisations it serves, a page at a
    time, searchable by name, province or district (cached selector)."""
    query = request.GET.get("q", "")[:100].strip()
    page = organization_directory_page(query=query, page=request.GET.get("page"))
    return render(
        request,
        "portal/directory.html",
        {
            "query": query,
            "directory": page,
            "page": page.paginator.get_page(page.number),
            "query_string": urlencode({"q": query}) if query else "",
        },
    )


@public_page
def accessibility(request, org):
    """The organisation's accessibility statement, from the recorded checks."""
    organization = _organization(request, org)
    checks = checks_load()
    report_url = reverse(
        "complaints-public:new-complaint", kwargs={"org": organization.slug}
    )
    return render(
        request,
        "portal/accessibility.html",
        {
            "organization": organization,
            "checks": checks,
            "target": CONFORMANCE_TARGET,
            "report_url": report_url
            + "?"
            + urlencode({"subject": _("Problem using the website")}),
            "last_updated": checks.last_date,
        },
    )
