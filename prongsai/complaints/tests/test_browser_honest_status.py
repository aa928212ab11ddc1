"""Issue #17 in a real browser: the officer answers a case that came with a
photo, resolves it with a photo after the fix, and the unhappy citizen's
rating reopens it and tells the executive."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.models import Case, CaseEntry, Channel, Status
from prongsai.complaints.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CategoryFactory,
)
from prongsai.conftest import browser_login
from prongsai.notifications.models import Delivery
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.organizations.tests.line_edge import configure_line

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USER = "U4af4980629d0aa1e2b5c1d2e3f4a5b6c"


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 160, 30)).save(out, format="JPEG")
    return out.getvalue()


def test_officer_resolves_with_a_photo_and_an_unhappy_rating_reopens(
    live_server, page_factory, monkeypatch
):
    bandong = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    line = configure_line(monkeypatch, bandong)
    category = CategoryFactory(
        organization=bandong, name="ไฟฟ้าส่องสว่าง", responsible_unit="กองช่าง"
    )
    case = CaseFactory(
        organization=bandong,
        category=category,
        channel=Channel.LINE,
        line_user_id=USER,
        subject="ไฟถนนหน้าวัดดับ",
    )
    AttachmentFactory(case=case, file__data=jpeg())
    executive = MembershipFactory(organization=bandong, roles=[Role.EXECUTIVE])
    officer = UserFactory()
    MembershipFactory(
        organization=bandong, user=officer, roles=[Role.COMPLAINT_OFFICER]
    )

    staff = page_factory()
    browser_login(staff, officer, live_server.url)
    staff.goto(f"{live_server.url}/bandong/staff/complaints/{case.pk}/")
    reply_form = staff.locator("form[action$='/reply/']")
    reply_form.locator("textarea").fill("ช่างจะไปเปลี่ยนหลอดไฟวันพรุ่งนี้")
    staff.locator("#send-reply").click()
    # Sent only once LINE answered; the case is acknowledged by the reply.
    expect(staff.locator("[data-delivery='sent']").last).to_be_visible()
    assert line.pushes and "ช่างจะไปเปลี่ยนหลอดไฟ" in line.pushes[-1].text
    assert Case.objects.get(pk=case.pk).acknowledged_at is not None

    # Resolving without a photo after the fix is refused; the text stays.
    status_form = staff.locator("#status-form")
    expect(staff.locator("#after-fix")).to_be_hidden()
    status_form.locator("select[name='status']").select_option("resolved")
    expect(staff.locator("#after-fix")).to_be_visible()
    status_form.locator("textarea[name='text']").fill("เปลี่ยนหลอดไฟครบสามต้นแล้ว")
    staff.locator("#save-status").click()
    expect(staff.locator("#form-errors")).to_be_visible()
    expect(staff.locator("#after-fix")).to_contain_text("โปรดแนบภาพหลังการแก้ไข")
    expect(staff.locator("#status-form textarea[name='text']")).to_have_value(
        "เปลี่ยนหลอดไฟครบสามต้นแล้ว"
    )
    staff.locator("input[name='after_photo']").set_input_files(
        {"name": "after.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}
    )
    expect(staff.locator("input[name='after_photo_public']")).to_be_checked()
    staff.locator("#save-status").click()
    expect(staff.locator("#case-status")).to_contain_text("ดำเนินการแล้วเสร็จ")

    # The citizen sees the photo after the fix with the closure, and rates.
    citizen = page_factory(width=390, height=800)
    citizen.goto(f"{live_server.url}/bandong/complaints/track/{case.tracking_code}/")
    photo = citizen.locator(".after-fix-photo img")
    expect(photo).to_be_visible()
    citizen.wait_for_function(
        "() => document.querySelector('.after-fix-photo img').naturalWidth > 0"
    )
    citizen.locator("input[name='satisfaction'][value='1']").check()
    citizen.locator("textarea[name='comment']").fill("ยังดับอยู่หนึ่งต้น")
    citizen.get_by_role("button", name="ส่งผลประเมิน").click()
    expect(citizen.locator("#case-reopened")).to_be_visible()

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.entries.filter(type=CaseEntry.Type.REOPEN).exists()
    # The executive (no head of กองช่าง) was told, by the notifications.
    told = Delivery.objects.filter(
        notification__kind="complaints/reopened",
        notification__user=executive.user,
    )
    assert told.exists()
    assert "ยังดับอยู่หนึ่งต้น" in told.first().notification.body
