"""In a browser: a member acknowledges the code of ethics, the integrity
officer records an activity and publishes the year, and the public page
shows it (without the names of the participants); axe-core finds nothing
to fix on either page."""

import datetime

import pytest
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.integrity import services_ethics as services
from prongsai.integrity.models import EthicsAcknowledgement, EthicsDocument
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="วีระพงษ์ สุจริต", totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
        position="นิติกร",
    )
    staff = MembershipFactory(
        organization=organization,
        user=UserFactory(full_name="กาญจนา ศรีวงศ์"),
        roles=[Role.STAFF.value],
        position="เจ้าพนักงานธุรการ",
    )
    services.ethics_document_create(
        actor=officer.user,
        organization=organization,
        kind=EthicsDocument.Kind.CODE,
        title="ประมวลจริยธรรมของพนักงานส่วนตำบล",
        version_label="ฉบับที่ 2",
        effective_from=datetime.date(2025, 10, 1),
        text="ข้อ 1 ซื่อสัตย์สุจริต",
    )
    return organization, officer, staff


def test_acknowledge_record_publish_and_read(live_server, page_factory, people):
    organization, officer, staff = people
    base = live_server.url
    staff_page = f"{base}/{organization.slug}/staff/integrity/ethics/"

    page = page_factory(width=1280)
    browser_login(page, staff.user, base)
    page.goto(staff_page)
    assert page.locator("#ethics-stats").count() == 0  # members see only their own
    page.get_by_role("button", name="ข้าพเจ้าได้อ่านและรับทราบ").click()
    page.wait_for_load_state()
    expect(page.locator("#my-acknowledgement .alert-success")).to_be_visible()
    assert EthicsAcknowledgement.objects.filter(membership=staff).count() == 1

    officer_page = page_factory(width=1280)
    browser_login(officer_page, officer.user, base)
    officer_page.goto(staff_page + "?year=2569")
    assert "1 ใน 2" in officer_page.locator("#ethics-stats").inner_text()
    officer_page.get_by_role("link", name="เพิ่มกิจกรรม").click()
    officer_page.locator("#id_held_on").fill("10/03/2569")
    officer_page.locator("#id_title").fill("อบรมเชิงปฏิบัติการ Dos & Don'ts")
    officer_page.locator("#id_kind").select_option("training")
    officer_page.locator("#id_participant_members").select_option(str(staff.pk))
    officer_page.get_by_role("button", name="บันทึก", exact=True).click()
    officer_page.wait_for_load_state()
    assert "อบรมเชิงปฏิบัติการ Dos & Don'ts" in officer_page.inner_text("main")
    officer_page.get_by_role("button", name="เผยแพร่หน้าจริยธรรมประจำปี").click()
    officer_page.wait_for_load_state()
    assert "เผยแพร่หน้าจริยธรรมประจำปีบนเว็บไซต์สาธารณะแล้ว" in officer_page.content()

    visitor = page_factory(width=390)
    visitor.goto(f"{base}/{organization.slug}/integrity/ethics/2569/")
    text = visitor.inner_text("main")
    assert "อบรมเชิงปฏิบัติการ Dos & Don'ts" in text
    assert "ประมวลจริยธรรมของพนักงานส่วนตำบล" in text
    assert "กาญจนา ศรีวงศ์" not in text
    # axe-core: no WCAG 2.1 A/AA violations on the staff and public pages.
    assert _violations(visitor) == []
    officer_page.goto(staff_page + "?year=2569")
    assert _violations(officer_page) == []
