"""axe-core finds no WCAG 2.1 A/AA violations on the public site's pages."""

import pytest

from prongsai.core.tests.test_accessibility import _violations
from prongsai.ita.services import framework_load_files
from prongsai.oit.services import checklist_open
from prongsai.organizations.tests.factories import OrganizationFactory

from .content import publish_sample_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_site():
    framework_load_files()
    organization = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", phone="043-000-111"
    )
    publish_sample_content(organization)
    checklist_open(actor=None, organization=organization, fiscal_year=2569)
    return organization


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/bandong/",
        "/bandong/structure/",
        "/bandong/executives/",
        "/bandong/contact/",
        "/bandong/news/",
        "/bandong/laws/",
        "/bandong/oit/",
        "/bandong/search/?q=รับสมัคร",
    ],
)
def test_public_site_pages(live_server, page_factory, public_site, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []
