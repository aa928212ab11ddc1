"""The personal-data page in a real browser: find a person, erase with a reason."""

import re

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.eservices.models import ServiceRequest
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.models import DataSubjectRequest
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.browser import sign_in_with_code
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_finds_and_erases_a_persons_data(live_server, page_factory):
    organization = OrganizationFactory(slug="bandong", name="อบต.บ้านดง")
    admin = UserFactory(email="admin@bandong.example", totp=True)
    MembershipFactory(organization=organization, user=admin, roles=[Role.ORG_ADMIN])
    request = file_request(ServiceFactory(organization=organization))

    page = page_factory()
    sign_in_with_code(page, live_server, "admin@bandong.example")
    page.wait_for_url(re.compile(r"/bandong/staff/$"))

    page.get_by_role("link", name="คำขอเกี่ยวกับข้อมูลส่วนบุคคล").click()
    page.get_by_role("button", name="ค้นหาข้อมูลของบุคคลนี้").click()
    expect(page.locator("#form-errors")).to_be_visible()  # no identifier given
    page.locator("#person-search input[name=phone]").fill("081-234-5678")
    page.get_by_role("button", name="ค้นหาข้อมูลของบุคคลนี้").click()
    expect(page.get_by_text(request.tracking_code)).to_be_visible()
    page.locator("#person-erase textarea[name=reason]").fill("เจ้าของข้อมูลขอลบ")
    page.get_by_role("button", name="ลบข้อมูล", exact=True).click()
    # Not confirmed: refused, the reason kept.
    expect(page.get_by_text("กรุณาทำเครื่องหมายในช่องเพื่อยืนยันการลบข้อมูล")).to_be_visible()
    assert (
        page.locator("#person-erase textarea[name=reason]").input_value()
        == "เจ้าของข้อมูลขอลบ"
    )
    page.locator("#person-erase input[name=confirm]").check()
    page.get_by_role("button", name="ลบข้อมูล", exact=True).click()
    page.wait_for_url(re.compile(r"/bandong/staff/personal-data/$"))
    register = page.locator("#subject-register")
    expect(register.get_by_text("เจ้าของข้อมูลขอลบ")).to_be_visible()
    assert ServiceRequest.objects.get(pk=request.pk).citizen_phone == ""
    assert DataSubjectRequest.objects.get().kind == "erasure"
