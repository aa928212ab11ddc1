"""axe-core finds no WCAG 2.1 A/AA violations on the foundation's pages."""

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
}


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_AA)
    found = []
    for violation in results.response["violations"]:
        example = violation["nodes"][0]["html"][:120]
        found.append(f"{violation['id']}: {violation['help']} (e.g. {example})")
    return found


@pytest.fixture
def site():
    organization = OrganizationFactory(
        slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง", phone="043-000-111"
    )
    admin = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=admin, roles=[Role.ORG_ADMIN])
    MembershipFactory(organization=organization, roles=[Role.STAFF])
    return organization, admin


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path", ["/", "/bandong/", "/accounts/login/", "/no-such-page/"]
)
def test_public_pages(live_server, page_factory, site, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/bandong/staff/",
        "/bandong/staff/members/",
        "/bandong/staff/members/invite/",
        "/bandong/staff/settings/",
        "/bandong/staff/audit/",
        "/bandong/staff/me/line/",
    ],
)
def test_back_office_pages(live_server, page_factory, site, path):
    _organization, admin = site
    page = page_factory(bypass_csp=True)
    browser_login(page, admin, live_server.url)
    page.goto(live_server.url + path)
    assert "/accounts/login/" not in page.url
    assert _violations(page) == []


def test_line_link_code_page(live_server, page_factory, site):
    """The one-time code and its Thai instructions, after "Link LINE"."""
    _organization, admin = site
    page = page_factory(bypass_csp=True)
    browser_login(page, admin, live_server.url)
    page.goto(live_server.url + "/bandong/staff/me/line/")
    page.locator("button[value=code]").click()
    page.wait_for_load_state()
    assert page.locator("#line-link-code").inner_text().strip().isdigit()
    assert _violations(page) == []


def test_form_with_errors(live_server, page_factory, site):
    _organization, admin = site
    page = page_factory(bypass_csp=True)
    browser_login(page, admin, live_server.url)
    page.goto(live_server.url + "/bandong/staff/members/invite/")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    assert _violations(page) == []


def test_pending_host_and_external_address_pages(live_server, page_factory, site):
    """The verification steps for a host name and the two-person address page."""
    from prongsai.complaints.services_external import external_address_propose
    from prongsai.organizations.services_hosts import organization_host_request

    organization, admin = site
    organization_host_request(
        actor=admin, organization=organization, host_name="www.bandong.go.th"
    )
    external_address_propose(
        actor=admin, organization=organization, email="intake@body.example"
    )
    page = page_factory(bypass_csp=True)
    browser_login(page, admin, live_server.url)
    page.goto(live_server.url + "/bandong/staff/settings/")
    expect(page.locator("#host-pending")).to_be_visible()
    assert _violations(page) == []
    page.goto(live_server.url + "/bandong/staff/complaints/settings/external-address/")
    assert "intake@body.example" in page.locator("main").inner_text()
    assert _violations(page) == []
