"""axe-core finds no WCAG 2.1 A/AA violations on the catalogue's pages."""

import pytest

from prongsai.conftest import browser_login
from prongsai.opendata.tests.providers import TEST_KEY
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {v['help']} (e.g. {v['nodes'][0]['html'][:120]})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/bandong/open-data/",
        "/bandong/open-data/?q=ไม่มีคำนี้",
        f"/bandong/open-data/bandong-{TEST_KEY}-2568/",
    ],
)
def test_public_pages(live_server, page_factory, published, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []


def test_back_office_pages(live_server, page_factory, published, organization):
    from prongsai.opendata.models import Dataset

    officer = MembershipFactory(
        organization=organization, roles=[Role.DATA_OFFICER.value]
    ).user
    dataset = Dataset.objects.get(name=f"bandong-{TEST_KEY}-2568")
    page = page_factory(bypass_csp=True)
    browser_login(page, officer, live_server.url)
    for path in (
        "/bandong/staff/open-data/",
        "/bandong/staff/open-data/settings/",
        f"/bandong/staff/open-data/{dataset.pk}/edit/",
    ):
        page.goto(live_server.url + path)
        assert "/accounts/login/" not in page.url
        assert _violations(page) == [], path
