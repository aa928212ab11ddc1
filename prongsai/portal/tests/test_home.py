"""The organisation's public home page, navigation, sitemap and colour (#22)."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from prongsai.complaints.choices import Status
from prongsai.complaints.tests.factories import CaseFactory
from prongsai.core import colours, thai_dates
from prongsai.organizations.services import organization_update
from prongsai.portal.selectors_home import home_figures
from prongsai.procurement.tests.factories import ProcurementFactory
from prongsai.sitecontent.models import NewsItem
from prongsai.sitecontent.services import news_create

pytestmark = pytest.mark.django_db


def _png(size=(2000, 1000)) -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(out, "PNG")
    return ContentFile(out.getvalue(), name="office.png")


def _home(client, organization):
    return client.get(reverse("portal-public:home", kwargs={"org": organization.slug}))


def test_figures_count_this_fiscal_year_only(organization):
    today = datetime.date(2026, 12, 7)  # fiscal year 2570 began on 1 October 2026
    year = thai_dates.fiscal_year(today)
    assert year == 2570
    ProcurementFactory.create_batch(3, organization=organization, fiscal_year=2570)
    ProcurementFactory(organization=organization, fiscal_year=2569)
    in_year = timezone.make_aware(datetime.datetime(2026, 11, 2, 10))
    before = timezone.make_aware(datetime.datetime(2026, 9, 30, 10))
    CaseFactory(organization=organization, received_at=in_year, status=Status.RESOLVED)
    CaseFactory(organization=organization, received_at=in_year)
    CaseFactory(organization=organization, received_at=before, status=Status.RESOLVED)

    figures = home_figures(organization=organization, today=today)

    assert figures.fiscal_year == 2570
    assert figures.procurement.done == 3
    assert (figures.complaints.done, figures.complaints.total) == (1, 2)
    assert figures.complaints.percent == 50
    assert figures.requests.total == 0 and figures.requests.percent is None
    assert figures.budget is None  # no budget of 2570 yet


def test_home_has_the_four_tasks_hotline_line_and_events(client, organization):
    organization_update(
        actor=None,
        organization=organization,
        data={"line_id": "@bandong", "hotline": "1132", "line_qr": _png((300, 300))},
    )
    now = timezone.now()
    for title, when in (("ประชุมประชาคม", 3), ("งานที่ผ่านไปแล้ว", -3)):
        news_create(
            actor=None,
            organization=organization,
            title=title,
            body="x",
            category=NewsItem.Category.ACTIVITY,
            event_at=now + datetime.timedelta(days=when),
            status=NewsItem.Status.PUBLISHED,
        )
    html = _home(client, organization).content.decode()
    slug = organization.slug
    for name, url in (
        (
            "task-report",
            reverse("complaints-public:new-complaint", kwargs={"org": slug}),
        ),
        ("task-service", reverse("eservices-public:catalogue", kwargs={"org": slug})),
        ("task-track", reverse("eservices-public:track", kwargs={"org": slug})),
        ("task-oit", reverse("portal-public:oit", kwargs={"org": slug})),
    ):
        assert re.search(rf'id="{name}" href="{re.escape(url)}"', html), name
    assert "แจ้งเรื่องร้องเรียน" in html and "ขอรับบริการออนไลน์" in html
    assert 'href="tel:1132"' in html
    assert 'href="https://line.me/R/ti/p/@bandong"' in html
    qr = re.search(r'<img src="([^"]+)"[^>]*id="line-qr"', html)
    assert qr and qr.group(1).endswith(".webp")
    assert 'width="112" height="112"' in html
    events = html[html.index('id="upcoming-events"') :]
    assert "ประชุมประชาคม" in events
    assert "งานที่ผ่านไปแล้ว" not in events


def test_every_public_page_has_the_one_navigation(client, organization):
    slug = organization.slug
    search = reverse("portal-public:search", kwargs={"org": slug})
    opendata = reverse("opendata-public:catalogue", kwargs={"org": slug})
    sitemap = reverse("portal-public:sitemap", kwargs={"org": slug})
    for name in (
        "portal-public:home",
        "procurement-public:list",
        "complaints-public:home",
        "eservices-public:catalogue",
        "budget-public:index",
        "opendata-public:catalogue",
    ):
        html = client.get(reverse(name, kwargs={"org": slug})).content.decode()
        nav = html[html.index('class="public-nav"') : html.index("</header>")]
        assert f'href="{search}"' in nav, name
        assert f'href="{opendata}"' in nav, name
        assert f'href="{sitemap}"' in html, name  # in the footer
        assert 'aria-current="page"' in nav or "aria-current" in nav, name


def test_a_section_page_has_a_breadcrumb_home_first(client, organization):
    url = reverse("procurement-public:list", kwargs={"org": organization.slug})
    html = client.get(url).content.decode()
    crumb = html[html.index('class="site-breadcrumb"') :]
    crumb = crumb[: crumb.index("</nav>")]
    assert crumb.index(organization.get_absolute_url()) < crumb.index(url)


def test_every_sitemap_link_opens(client, organization):
    url = reverse("portal-public:sitemap", kwargs={"org": organization.slug})
    html = client.get(url).content.decode()
    listed = html[html.index('id="sitemap"') :]
    links = re.findall(r'<li><a href="([^"]+)">', listed)
    assert len(links) >= 25
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_organisation_colour_is_applied_readably(client, organization):
    html = _home(client, organization).content.decode()
    assert "theme.css" not in html  # no colour set: the site's own
    organization_update(
        actor=None, organization=organization, data={"brand_colour": "#FFCC00"}
    )
    html = _home(client, organization).content.decode()
    css_url = re.search(r'href="([^"]*theme\.css\?v=FFCC00)"', html).group(1)
    css = client.get(css_url.replace("&amp;", "&"))
    assert css["Content-Type"].startswith("text/css")
    primary = re.search(r"--site-primary: (#[0-9a-f]{6});", css.content.decode())
    assert colours.contrast(primary.group(1), "#ffffff") >= 4.5


def test_a_bad_colour_is_refused_with_a_thai_message(client, admin_user, organization):
    client.force_login(admin_user)
    url = reverse("organizations-staff:settings", kwargs={"org": organization.slug})
    page = client.get(url)
    assert page.status_code == 200
    assert "สีประจำเว็บไซต์" in page.content.decode()
    from prongsai.organizations.forms import OrganizationForm

    form = OrganizationForm(data={"brand_colour": "blue"}, instance=organization)
    assert not form.is_valid()
    assert "เลขฐานสิบหก" in str(form.errors["brand_colour"])


def test_uploaded_banner_is_stored_as_webp_of_its_size(organization):
    organization_update(actor=None, organization=organization, data={"banner": _png()})
    organization.refresh_from_db()
    assert organization.banner.name.endswith(".webp")
    with Image.open(organization.banner.open("rb")) as stored:
        assert stored.format == "WEBP"
        assert stored.size == (1440, 540)


def test_design_system_page_is_for_members_only(client, organization, admin_user):
    url = reverse("sitecontent-staff:design-system", kwargs={"org": organization.slug})
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(admin_user)
    html = client.get(url).content.decode()
    assert "ds-palette" in html and "<svg" in html
