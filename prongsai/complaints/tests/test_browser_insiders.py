"""In a real browser: a report about an integrity officer is read by the
mayor, who sends it on to the PACC (issue #17)."""

import os

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints import services_confidential, services_settings
from prongsai.complaints.models import ExternalBody, ExternalRecipient
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.browser import sign_in_with_code
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_mayor_reads_and_forwards_a_report_about_an_officer(
    live_server, page_factory, tmp_path
):
    shots = os.environ.get("PRONGSAI_SHOTS") or str(tmp_path)
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    mayor = UserFactory(
        email="mayor@bandong.example", full_name="ประเสริฐ ศรีสุข", totp=True
    )
    MembershipFactory(organization=organization, user=mayor, roles=[Role.EXECUTIVE])
    listed = ExternalRecipient.objects.create(
        name="ป.ป.ท. เขต 4",
        email="intake@pacc.example",
        kind=ExternalBody.PACC,
        province=organization.province,
    )
    services_settings.complaint_settings_update(
        actor=None,
        organization=organization,
        external_recipient=listed,
        external_body=ExternalBody.PACC,
    )
    case, _code = services_confidential.confidential_submit(
        organization=organization,
        description="นิติกรรับเงินเพื่อปิดเรื่องร้องเรียน",
        concerns_integrity_officer=True,
    )
    page = page_factory(width=390, height=844)
    sign_in_with_code(page, live_server, "mayor@bandong.example")
    page.goto(f"{live_server.url}/bandong/staff/complaints/confidential/")
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_text("นิติกรรับเงินเพื่อปิดเรื่องร้องเรียน")).to_be_visible()
    expect(page.locator("#about-officer")).to_be_visible()
    page.screenshot(path=f"{shots}/officer_report.png", full_page=True)
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#forward-external").click()
    expect(page.get_by_text("ส่งเรื่องไปยังหน่วยงานภายนอกแล้ว")).to_be_visible()
    expect(page.get_by_text("นิติกรรับเงินเพื่อปิดเรื่องร้องเรียน")).to_have_count(0)
    page.screenshot(path=f"{shots}/officer_report_forwarded.png", full_page=True)
