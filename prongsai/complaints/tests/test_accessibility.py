"""axe-core finds no WCAG 2.1 A/AA violations on the complaint centre's public
forms and tracking pages, on a phone (issue #17)."""

import pytest
from playwright.sync_api import expect

from prongsai.complaints import services, services_confidential, services_intake
from prongsai.complaints.models import Channel, Kind
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core.tests.test_accessibility import _violations
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def bandong():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    CategoryFactory(organization=organization, name="ไฟฟ้าส่องสว่าง")
    return organization


def phone(page_factory):
    return page_factory(**PHONE, bypass_csp=True)


@pytest.mark.parametrize(
    "path",
    [
        "/bandong/complaints/new/complaint/",
        "/bandong/complaints/report/",
        "/bandong/complaints/track/",
        "/bandong/complaints/report/follow-up/",
    ],
)
def test_forms_on_a_phone(live_server, page_factory, bandong, path):
    page = phone(page_factory)
    page.goto(live_server.url + path)
    assert _violations(page) == []


def test_complaint_form_with_errors_and_a_kept_photo(
    live_server, page_factory, bandong, tmp_path
):
    from PIL import Image

    photo = tmp_path / "หลุม.jpg"
    Image.new("RGB", (80, 60), (10, 120, 200)).save(photo, format="JPEG")
    page = phone(page_factory)
    page.goto(live_server.url + "/bandong/complaints/new/complaint/")
    page.locator("#id_photos").set_input_files(str(photo))
    page.locator("main button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.get_by_text("หลุม.jpg")).to_be_visible()
    assert _violations(page) == []


def test_confidential_form_with_errors(live_server, page_factory, bandong):
    page = phone(page_factory)
    page.goto(live_server.url + "/bandong/complaints/report/")
    page.locator("main button[type=submit]").click()
    expect(page.locator("#form-errors")).to_be_visible()
    assert _violations(page) == []


def test_tracking_page_of_a_merged_case(live_server, page_factory, bandong):
    officer = MembershipFactory(
        organization=bandong, roles=[Role.COMPLAINT_OFFICER.value]
    ).user
    first, second = (
        services_intake.case_submit(
            organization=bandong,
            kind=Kind.COMPLAINT,
            channel=Channel.WEB,
            subject="ไฟดับ",
            description="ไฟถนนหน้าวัดดับ",
        )
        for _ in range(2)
    )
    services.case_merge(actor=officer, case=second, into=first)
    services.case_reply(actor=officer, case=first, text="ช่างจะไปพรุ่งนี้")
    page = phone(page_factory)
    page.goto(live_server.url + f"/bandong/complaints/track/{second.tracking_code}/")
    expect(page.locator("#surviving-progress")).to_be_visible()
    assert _violations(page) == []


def test_confidential_follow_up_page(live_server, page_factory, bandong):
    _case, code = services_confidential.confidential_submit(
        organization=bandong, description="เจ้าหน้าที่เรียกรับเงิน"
    )
    page = phone(page_factory)
    page.goto(live_server.url + "/bandong/complaints/report/follow-up/")
    page.locator("#id_receipt_code").fill(code)
    page.locator("main button[type=submit]").click()
    expect(page.locator("#case-status")).to_be_visible()
    assert _violations(page) == []
