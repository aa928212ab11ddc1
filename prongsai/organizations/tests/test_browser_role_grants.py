"""In a real browser: an administrator ticks the integrity-officer role, it
waits; the mayor confirms it on the access page (issue #17)."""

import re

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.models import Membership
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.browser import sign_in_with_code
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_asks_mayor_confirms(live_server, page_factory, tmp_path):
    import os

    shots = os.environ.get("PRONGSAI_SHOTS") or str(tmp_path)
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    admin = UserFactory(email="admin@bandong.example", full_name="สมชาย ใจดี", totp=True)
    MembershipFactory(organization=organization, user=admin, roles=[Role.ORG_ADMIN])
    mayor = UserFactory(
        email="mayor@bandong.example", full_name="ประเสริฐ ศรีสุข", totp=True
    )
    MembershipFactory(organization=organization, user=mayor, roles=[Role.EXECUTIVE])
    clerk = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต"),
        roles=[Role.STAFF],
    )

    page = page_factory()
    sign_in_with_code(page, live_server, "admin@bandong.example")
    page.wait_for_url(re.compile(r"/bandong/staff/$"))
    page.goto(f"{live_server.url}/bandong/staff/members/{clerk.pk}/edit/")
    page.get_by_label(str(Role.INTEGRITY_OFFICER.label)).check()
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url(re.compile(r"/bandong/staff/members/$"))
    expect(page.get_by_text("รอให้ผู้บริหารยืนยัน")).to_be_visible()
    pending = page.locator("#pending-grant-table")
    expect(pending.get_by_text("วีระพงษ์ สุจริต")).to_be_visible()
    # the admin asked: they may cancel but not confirm
    expect(pending.get_by_role("button", name="ยืนยัน")).to_have_count(0)
    page.screenshot(path=f"{shots}/members.png", full_page=True)
    clerk.refresh_from_db()
    assert Role.INTEGRITY_OFFICER not in clerk.roles

    page = page_factory(width=390, height=844)
    sign_in_with_code(page, live_server, "mayor@bandong.example")
    page.goto(f"{live_server.url}/bandong/staff/members/confidential-access/")
    page.screenshot(path=f"{shots}/access_phone.png", full_page=True)
    page.locator("#pending-grant-table").get_by_role("button", name="ยืนยัน").click()
    expect(page.get_by_text("อ่านเรื่องแจ้งเบาะแสได้แล้ว")).to_be_visible()
    readers = page.locator("#confidential-reader-table")
    expect(readers.get_by_text("วีระพงษ์ สุจริต")).to_be_visible()
    expect(readers.get_by_text("ประเสริฐ ศรีสุข")).to_be_visible()
    page.screenshot(path=f"{shots}/access_after.png", full_page=True)
    assert Role.INTEGRITY_OFFICER in Membership.objects.get(pk=clerk.pk).roles
