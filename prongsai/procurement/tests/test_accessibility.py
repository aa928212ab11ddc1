"""axe-core finds no WCAG 2.1 A/AA violations on the procurement pages."""

import datetime
from decimal import Decimal

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

from .factories import BidFactory, DocumentFactory, ProcurementFactory, SupplierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = UserFactory()
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.PROCUREMENT_OFFICER]
    )
    supplier = SupplierFactory(organization=organization)
    procurement = ProcurementFactory(
        pk=7,
        organization=organization,
        supplier=supplier,
        agreed_price=Decimal("19500"),
        contract_date=datetime.date(2024, 11, 20),
    )
    BidFactory(procurement=procurement, supplier=supplier)
    DocumentFactory(procurement=procurement)
    return organization, officer


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "path",
    [
        "/bandong/procurement/",
        "/bandong/procurement/?q=วัสดุ",
        "/bandong/procurement/7/",
        "/bandong/procurement/monthly/?year=2568",
        "/bandong/procurement/annual/2568/",
    ],
)
def test_public_pages(live_server, page_factory, site, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/bandong/staff/procurement/",
        "/bandong/staff/procurement/new/",
        "/bandong/staff/procurement/7/",
        "/bandong/staff/procurement/plan/",
        "/bandong/staff/procurement/import/",
        "/bandong/staff/procurement/report-notes/",
    ],
)
def test_back_office_pages(live_server, page_factory, site, path):
    page = page_factory(bypass_csp=True)
    browser_login(page, site[1], live_server.url)
    page.goto(live_server.url + path)
    assert _violations(page) == []
