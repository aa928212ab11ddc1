"""Issue #17 end to end: a villager reports on LINE in one go (a photo, a
sentence and a pin), the officer answers and closes the case with a photo
after the fix, the case shows on the public map as resolved, and a 1-star
rating reopens it and tells the executive.

LINE is real-shaped and signed, through the real webhook view; only the
network edge (``channels._open``) is stubbed, and the map's tiles stay off
the internet."""

import io

import pytest
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints.models import Case, CaseAttachment, CaseEntry, Channel, Status
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.complaints.tests.test_webhooks import (
    LINE_SECRET,
    LINE_TOKEN,
    NetworkEdge,
    body_of,
    line_event,
    post_line,
    text,
)
from prongsai.conftest import browser_login
from prongsai.core.tests.offline_maps import offline
from prongsai.notifications.models import Delivery
from prongsai.organizations import channels
from prongsai.organizations.roles import Role
from prongsai.organizations.services_channels import channel_settings_update
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = "ไฟถนนดับหน้าบ้านเลขที่ 12"
PIN = {
    "type": "location",
    "id": "loc-12",
    "title": "หน้าบ้านเลขที่ 12",
    "address": "หมู่ 3 ตำบลบ้านดง",
    "latitude": 16.756149,
    "longitude": 102.618051,
}
PHOTO = {"type": "image", "id": "47110001", "contentProvider": {"type": "line"}}


def jpeg(colour=(30, 160, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return out.getvalue()


def test_line_report_to_the_public_map_and_back(live_server, page_factory, monkeypatch):
    bandong = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    channel_settings_update(
        actor=None,
        organization=bandong,
        line_channel_secret=LINE_SECRET,
        line_access_token=LINE_TOKEN,
    )
    edge = NetworkEdge()
    monkeypatch.setattr(channels, "_open", edge)
    CategoryFactory(organization=bandong, name="ถนน ทางเท้า", keywords="ถนน, หลุม")
    CategoryFactory(
        organization=bandong,
        name="ไฟฟ้าส่องสว่างสาธารณะ",
        keywords="ไฟฟ้า, ไฟถนน, ไฟดับ, เสาไฟ",
        responsible_unit="กองช่าง",
    )
    executive = MembershipFactory(organization=bandong, roles=[Role.EXECUTIVE])
    officer = UserFactory()
    MembershipFactory(
        organization=bandong, user=officer, roles=[Role.COMPLAINT_OFFICER]
    )

    # The villager sends a photo, the sentence and a pin: one case at once.
    events = [
        line_event("01HE2E0000000000000000001", PHOTO, reply_token="t1"),
        line_event("01HE2E0000000000000000002", text(REPORT), reply_token="t2"),
        line_event("01HE2E0000000000000000003", PIN, reply_token="t3"),
    ]
    assert post_line(Client(), bandong, body_of(*events)).status_code == 200
    case = Case.objects.get(organization=bandong)
    assert case.channel == Channel.LINE and case.description == REPORT
    assert case.category.name == "ไฟฟ้าส่องสว่างสาธารณะ"  # guessed from the text
    assert (float(case.latitude), float(case.longitude)) == (16.756149, 102.618051)
    assert case.attachments.filter(kind=CaseAttachment.Kind.REPORT).count() == 1
    receipt = " ".join(edge.texts("/message/reply"))
    assert case.tracking_code in receipt

    # The officer answers (which acknowledges), approves the public text and
    # closes the case with a photo after the fix.
    staff = page_factory()
    browser_login(staff, officer, live_server.url)
    staff.goto(f"{live_server.url}/bandong/staff/complaints/{case.pk}/")
    staff.locator("form[action$='/reply/'] textarea").fill("ช่างจะไปเปลี่ยนหลอดวันนี้")
    staff.locator("#send-reply").click()
    expect(staff.locator("[data-delivery='sent']").last).to_be_visible()
    assert Case.objects.get(pk=case.pk).acknowledged_at is not None
    assert "ช่างจะไปเปลี่ยนหลอดวันนี้" in " ".join(edge.texts("/message/push"))
    staff.locator("#public-text textarea, #public-text input[type='text']").first.fill(
        "ไฟถนนดับ หมู่ 3"
    )
    staff.locator("#approve-public-text").click()
    expect(staff.locator("#public-text-status")).to_contain_text("อนุมัติ")
    status_form = staff.locator("#status-form")
    status_form.locator("select[name='status']").select_option("resolved")
    status_form.locator("textarea[name='text']").fill("เปลี่ยนหลอดไฟแล้ว")
    staff.locator("input[name='after_photo']").set_input_files(
        {"name": "after.jpg", "mimeType": "image/jpeg", "buffer": jpeg((250, 250, 0))}
    )
    staff.locator("#save-status").click()
    expect(staff.locator("#case-status")).to_contain_text("ดำเนินการแล้วเสร็จ")
    assert "ดำเนินการแล้วเสร็จ" in " ".join(edge.texts("/message/push"))

    # The public map shows it as resolved, with the photo after the fix and
    # without the villager's own words.
    visitor = page_factory(width=390, height=844)
    offline(visitor, live_server)
    visitor.goto(f"{live_server.url}/bandong/complaints/map/?status=resolved")
    expect(visitor.locator("#report-map path.leaflet-interactive")).to_have_count(1)
    row = visitor.locator("#report-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("ไฟถนนดับ หมู่ 3")
    expect(row).to_contain_text("ดำเนินการแล้วเสร็จ")
    expect(row.locator("img.report-after-photo")).to_be_visible()
    assert "บ้านเลขที่ 12" not in visitor.content()

    # The villager rates 1 of 5: the case reopens and the executive is told.
    citizen = page_factory(width=390, height=800)
    citizen.goto(f"{live_server.url}/bandong/complaints/track/{case.tracking_code}/")
    expect(citizen.locator(".after-fix-photo img")).to_be_visible()
    citizen.locator("input[name='satisfaction'][value='1']").check()
    citizen.locator("textarea[name='comment']").fill("ยังดับอยู่")
    citizen.get_by_role("button", name="ส่งผลประเมิน").click()
    expect(citizen.locator("#case-reopened")).to_be_visible()
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.entries.filter(type=CaseEntry.Type.REOPEN).exists()
    told = Delivery.objects.filter(
        notification__kind="complaints/reopened", notification__user=executive.user
    )
    assert told.exists() and "ยังดับอยู่" in told.first().notification.body
