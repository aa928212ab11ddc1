"""axe-core finds no WCAG 2.1 A/AA violations on the No Gift pages."""

import datetime
from decimal import Decimal

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.integrity import services
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    coordinator = MembershipFactory(
        organization=organization,
        user=UserFactory(),
        roles=[Role.ITA_COORDINATOR.value],
    )
    actor = {"actor": coordinator.user, "organization": organization}
    announcement = services.no_gift_announcement_create(
        **actor,
        fiscal_year=2569,
        announced_on=datetime.date(2025, 10, 15),
        executive_name="นายประเสริฐ ศรีสุข",
        executive_position="นายกองค์การบริหารส่วนตำบลบ้านดง",
        body="ประกาศเจตนารมณ์ No Gift Policy",
    )
    services.no_gift_announcement_publish(
        actor=coordinator.user, announcement=announcement
    )
    services.no_gift_activity_create(
        **actor,
        held_on=datetime.date(2025, 11, 14),
        title="อบรมหลักเกณฑ์การรับทรัพย์สินโดยธรรมจรรยา",
        kind="training",
        participants=30,
    )
    services.gift_report_create(
        **actor,
        reporter=coordinator,
        received_on=datetime.date(2026, 1, 2),
        giver="ผู้ประกอบการ",
        description="กระเช้าปีใหม่",
        value=Decimal("4500"),
        action="kept",
    )
    return coordinator


@pytest.mark.parametrize(
    ("width", "staff", "paths"),
    [
        (
            1280,
            True,
            (
                "/bandong/staff/integrity/no-gift/?year=2569",
                "/bandong/staff/integrity/no-gift/?year=2570",
                "/bandong/staff/integrity/no-gift/announcement/new/?year=2570",
                "/bandong/staff/integrity/no-gift/activities/new/",
                "/bandong/staff/integrity/no-gift/gifts/new/",
            ),
        ),
        *(
            (
                width,
                False,
                ("/bandong/integrity/no-gift/2569/", "/bandong/integrity/no-gift/"),
            )
            for width in (390, 1280)
        ),
    ],
)
def test_pages(live_server, page_factory, coordinator, width, staff, paths):
    page = page_factory(width=width, bypass_csp=True)
    if staff:
        browser_login(page, coordinator.user, live_server.url)
    for path in paths:
        page.goto(live_server.url + path)
        assert "/accounts/login/" not in page.url
        assert (path, _violations(page)) == (path, [])
