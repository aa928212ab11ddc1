"""LINE and Messenger webhooks, with the platforms stubbed only at the network edge."""

import io
import json
import threading

import pytest
from django.db import connection
from PIL import Image

from prongsai.complaints import services, services_chat, services_intake
from prongsai.complaints.models import (
    Case,
    CaseEntry,
    Channel,
    ChatSession,
    InboundEvent,
    Status,
)
from prongsai.complaints.signatures import line_signature, meta_signature
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.organizations import channels
from prongsai.organizations import services_channels as org_services
from prongsai.organizations.models import ChannelSettings

LINE_SECRET = "0123456789abcdef0123456789abcdef"
LINE_TOKEN = "line-access-token-for-tests"
FB_SECRET = "facebook-app-secret-for-tests"
FB_VERIFY = "verify-me-please"
FB_TOKEN = "facebook-page-token"
USER = "U4af4980629d0aa1e2b5c1d2e3f4a5b6c"


class NetworkEdge:
    """Stands in for ``channels._open``: records calls, answers 200."""

    def __init__(self):
        self.calls = []
        self.status = 200
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            body = json.loads(request.data.decode("utf-8")) if request.data else None
            self.calls.append(
                {
                    "url": request.full_url,
                    "body": body,
                    "headers": dict(request.header_items()),
                }
            )
        if request.full_url.endswith("/content"):
            image = Image.new("RGB", (10, 10), (0, 0, 255))
            out = io.BytesIO()
            image.save(out, format="JPEG")
            return channels.Response(200, out.getvalue())
        return channels.Response(self.status, b"{}")

    def texts(self, endswith):
        found = []
        for call in self.calls:
            if call["url"].endswith(endswith):
                found += [m.get("text", "") for m in call["body"]["messages"]]
        return found


def line_event(event_id, message, *, reply_token="r-1", user=USER, **extra):  # noqa: S107
    return {
        "type": "message",
        "mode": "active",
        "timestamp": 1764547200000,
        "webhookEventId": event_id,
        "deliveryContext": {"isRedelivery": False},
        "source": {"type": "user", "userId": user},
        "replyToken": reply_token,
        "message": message,
        **extra,
    }


def text(t, mid="m1"):
    return {"type": "text", "id": mid, "text": t}


def body_of(*events):
    return json.dumps(
        {"destination": "U" + "0" * 32, "events": list(events)}, ensure_ascii=False
    ).encode("utf-8")


def post_line(client, org, body, *, secret=LINE_SECRET, signature=None):
    return client.post(
        f"/api/line/{org.slug}/webhook",
        data=body,
        content_type="application/json",
        headers={"X-Line-Signature": signature or line_signature(secret, body)},
    )


@pytest.mark.django_db
class TestLineSignature:
    def test_correctly_signed_thai_payload_is_stored(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        body = body_of(line_event("01HTHAI0000000000000000001", text("ไฟถนนดับ")))
        with django_capture_on_commit_callbacks(execute=True):
            response = post_line(client, configured, body)
        assert response.status_code == 200
        event = InboundEvent.objects.get()
        assert event.payload["message"]["text"] == "ไฟถนนดับ"
        assert event.processed_at is not None

    def test_wrong_secret_is_refused_without_writes(self, client, configured, edge):
        body = body_of(line_event("01HWRONG00000000000000001", text("ไฟถนนดับ")))
        response = post_line(client, configured, body, secret="another-secret")
        assert response.status_code == 403
        assert not InboundEvent.objects.exists()
        assert edge.calls == []

    def test_tampered_thai_body_is_refused(self, client, configured, edge):
        body = body_of(line_event("01HTAMPER0000000000000001", text("ไฟถนนดับ")))
        signature = line_signature(LINE_SECRET, body)
        tampered = body.replace("ไฟถนนดับ".encode(), "ถนนพังมาก".encode())
        response = post_line(client, configured, tampered, signature=signature)
        assert response.status_code == 403
        assert not InboundEvent.objects.exists()

    def test_reencoded_json_fails_the_signature(self, client, configured, edge):
        """The signature covers the raw bytes: escaping Thai changes them."""
        event = line_event("01HESCAPE0000000000000001", text("ไฟถนนดับ"))
        raw = body_of(event)
        escaped = json.dumps(
            {"destination": "U" + "0" * 32, "events": [event]}
        ).encode()
        response = post_line(
            client, configured, escaped, signature=line_signature(LINE_SECRET, raw)
        )
        assert response.status_code == 403

    def test_missing_signature(self, client, configured):
        response = client.post(
            f"/api/line/{configured.slug}/webhook",
            data=body_of(),
            content_type="application/json",
        )
        assert response.status_code == 403

    def test_empty_events_answer_200(self, client, configured, edge):
        response = post_line(client, configured, body_of())
        assert response.status_code == 200
        assert not InboundEvent.objects.exists()

    def test_unconfigured_organization_is_404(self, client, organization):
        body = body_of()
        response = post_line(client, organization, body)
        assert response.status_code == 404

    def test_other_organizations_secret_does_not_open_this_one(
        self, client, configured, other_organization
    ):
        org_services.channel_settings_update(
            actor=None,
            organization=other_organization,
            line_channel_secret="other-secret",
            line_access_token="t",
        )
        body = body_of(line_event("01HCROSS00000000000000001", text("x")))
        response = post_line(client, configured, body, secret="other-secret")
        assert response.status_code == 403

    def test_get_is_not_allowed(self, client, configured):
        assert client.get(f"/api/line/{configured.slug}/webhook").status_code == 405

    def test_unknown_event_type_is_stored_and_does_not_crash(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        event = {
            "type": "somethingNew",
            "webhookEventId": "01HNEW0000000000000000001",
            "source": {"type": "user", "userId": USER},
            "newField": {"nested": True},
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert post_line(client, configured, body_of(event)).status_code == 200
        assert InboundEvent.objects.get().processed_at is not None


@pytest.mark.django_db
class TestLineOnce:
    def test_redelivery_is_processed_once(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        event = line_event("01HREDELIVER000000000001", text("สวัสดี"))
        with django_capture_on_commit_callbacks(execute=True):
            post_line(client, configured, body_of(event))
        event["deliveryContext"]["isRedelivery"] = True
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = post_line(client, configured, body_of(event))
        assert response.status_code == 200
        assert callbacks == []  # nothing queued the second time
        assert InboundEvent.objects.count() == 1
        assert len([c for c in edge.calls if c["url"].endswith("/reply")]) == 1

    def test_same_event_twice_in_one_body(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        event = line_event("01HTWICE0000000000000001", text("สวัสดี"))
        with django_capture_on_commit_callbacks(execute=True):
            post_line(client, configured, body_of(event, event))
        assert InboundEvent.objects.count() == 1

    def test_processing_twice_is_a_no_op(self, configured, edge):
        from prongsai.complaints.intake import line_event_process

        stored = services_chat.inbound_event_store(
            organization=configured,
            source="line",
            event_id="01HDOUBLE000000000000001",
            payload=line_event("01HDOUBLE000000000000001", text("สวัสดี")),
        )
        assert line_event_process(stored.pk) is True
        assert line_event_process(stored.pk) is False
        assert len(edge.calls) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_are_stored_and_processed_once(
    configured, edge, settings
):
    """Eight threads post the same signed event at once: one row, one reply."""
    from django.test import Client

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("needs a file database shared between threads")
    body = body_of(line_event("01HCONCURRENT00000000001", text("สวัสดี")))
    statuses = []
    barrier = threading.Barrier(8)

    def send():
        try:
            barrier.wait(timeout=10)
            response = post_line(Client(), configured, body)
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [200] * 8
    assert InboundEvent.objects.count() == 1
    assert len([c for c in edge.calls if c["url"].endswith("/reply")]) == 1


@pytest.mark.django_db
class TestLineChat:
    def chat(self, client, org, messages, captured):
        for n, message in enumerate(messages):
            event = line_event(f"01HCHAT{n:019d}", message, reply_token=f"tok{n}")
            with captured(execute=True):
                assert post_line(client, org, body_of(event)).status_code == 200

    def test_guided_chat_files_a_case_and_pushes_updates(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        category = CategoryFactory(
            organization=configured, name="ไฟฟ้าส่องสว่าง", keywords="ไฟถนน, ไฟดับ"
        )
        self.chat(
            client,
            configured,
            [
                text("ไฟถนนหน้าวัดดับทั้งซอย"),
                {"type": "image", "id": "photo-1", "contentProvider": {"type": "line"}},
                {
                    "type": "location",
                    "id": "loc",
                    "title": "วัดบ้านดง",
                    "address": "ตำบลบ้านดง",
                    "latitude": 16.4321,
                    "longitude": 102.8123,
                },
            ],
            django_capture_on_commit_callbacks,
        )
        case = Case.objects.get()
        assert case.channel == Channel.LINE
        assert case.category == category
        assert case.line_user_id == USER
        assert case.description == "ไฟถนนหน้าวัดดับทั้งซอย"
        assert str(case.latitude) == "16.432100"
        assert case.attachments.count() == 1
        replies = edge.texts("/reply")
        assert case.tracking_code in replies[-1]
        assert ChatSession.objects.get().state == ""
        # A status change is pushed with a retry key.
        officer = None
        with django_capture_on_commit_callbacks(execute=True):
            services.case_change_status(
                actor=officer, case=case, status=Status.IN_PROGRESS, text="กำลังซ่อม"
            )
        push = [c for c in edge.calls if c["url"].endswith("/push")][-1]
        assert push["body"]["to"] == USER
        assert "กำลังซ่อม" in push["body"]["messages"][0]["text"]
        entry = case.entries.get(type=CaseEntry.Type.STATUS)
        # Sent through the notifications: one retry key per delivery.
        from prongsai.notifications.models import Delivery
        from prongsai.organizations.messaging import retry_key_for

        delivery = Delivery.objects.get(
            notification__source=f"complaints.entry:{entry.pk}"
        )
        assert push["headers"]["X-line-retry-key"] == retry_key_for(
            "notification", delivery.pk
        )
        assert entry.delivery == CaseEntry.Delivery.SENT

    def test_status_command_lists_cases(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        services_intake.case_submit(
            organization=configured,
            kind="complaint",
            channel=Channel.LINE,
            subject="x",
            description="ขยะล้น",
            line_user_id=USER,
        )
        self.chat(
            client, configured, [text("สถานะ")], django_capture_on_commit_callbacks
        )
        assert "C25" in edge.texts("/reply")[-1]

    def test_cancel(self, client, configured, edge, django_capture_on_commit_callbacks):
        self.chat(
            client,
            configured,
            [text("แจ้ง"), text("ยกเลิก")],
            django_capture_on_commit_callbacks,
        )
        assert ChatSession.objects.get().state == ""
        assert not Case.objects.exists()

    def test_push_failure_is_recorded(
        self, configured, edge, django_capture_on_commit_callbacks
    ):
        case = services_intake.case_submit(
            organization=configured,
            kind="complaint",
            channel=Channel.LINE,
            subject="x",
            description="y",
            line_user_id=USER,
        )
        edge.status = 500
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=None, case=case, text="ตอบ")
        entry.refresh_from_db()
        # Not sent, and not given up: the notifications try again later.
        assert entry.delivery == CaseEntry.Delivery.PENDING
        from prongsai.notifications.models import Delivery

        delivery = Delivery.objects.get(
            notification__source=f"complaints.entry:{entry.pk}"
        )
        assert (delivery.attempts, delivery.last_error) == (1, "LinePushError 500")

    def test_line_push_service_for_other_apps(self, configured, organization, edge):
        from prongsai.organizations.messaging import line_push

        assert line_push(configured, USER, "แจ้งเตือน") is True
        assert edge.calls[-1]["body"]["messages"][0]["text"] == "แจ้งเตือน"
        ChannelSettings.objects.filter(organization=configured).update(
            line_access_token=""
        )
        assert line_push(configured, USER, "x") is False


def fb_body(mid, message_text, psid="6543210987654321"):
    payload = {
        "object": "page",
        "entry": [
            {
                "id": "PAGE",
                "time": 1,
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": "PAGE"},
                        "timestamp": 1,
                        "message": {"mid": mid, "text": message_text},
                    }
                ],
            }
        ],
    }
    # Meta escapes non-ASCII as \\uXXXX; the signature is over these bytes.
    return json.dumps(payload).encode("ascii")


def post_fb(client, org, body, *, secret=FB_SECRET, signature=None):
    return client.post(
        f"/api/facebook/{org.slug}/webhook",
        data=body,
        content_type="application/json",
        headers={"X-Hub-Signature-256": signature or meta_signature(secret, body)},
    )


@pytest.mark.django_db
class TestMessenger:
    def test_verify_handshake(self, client, configured):
        url = f"/api/facebook/{configured.slug}/webhook"
        ok = client.get(
            url,
            {
                "hub.mode": "subscribe",
                "hub.verify_token": FB_VERIFY,
                "hub.challenge": "42",
            },
        )
        assert ok.status_code == 200 and ok.content == b"42"
        bad = client.get(
            url,
            {
                "hub.mode": "subscribe",
                "hub.verify_token": "nope",
                "hub.challenge": "42",
            },
        )
        assert bad.status_code == 403

    def test_signed_thai_message_starts_the_chat(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = post_fb(client, configured, fb_body("m.1", "ถนนพัง"))
        assert response.status_code == 200
        assert InboundEvent.objects.get().event_id == "m.1"
        sent = [c for c in edge.calls if c["url"].endswith("/me/messages")]
        assert sent and sent[0]["body"]["recipient"]["id"] == "6543210987654321"

    def test_wrong_and_tampered_signatures(self, client, configured, edge):
        body = fb_body("m.2", "ถนนพัง")
        assert post_fb(client, configured, body, secret="wrong").status_code == 403
        tampered = body.replace(b"m.2", b"m.3")
        signature = meta_signature(FB_SECRET, body)
        assert (
            post_fb(client, configured, tampered, signature=signature).status_code
            == 403
        )
        assert not InboundEvent.objects.exists()

    def test_duplicate_mid_once(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        body = fb_body("m.dup", "สวัสดี")
        with django_capture_on_commit_callbacks(execute=True):
            post_fb(client, configured, body)
            post_fb(client, configured, body)
        assert InboundEvent.objects.count() == 1
        assert len(edge.calls) == 1

    def test_full_chat_and_reply_window(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        for n, message in enumerate(["น้ำประปาไม่ไหลสามวัน", "หมู่ 4"]):
            with django_capture_on_commit_callbacks(execute=True):
                post_fb(client, configured, fb_body(f"m.{n}", message))
        case = Case.objects.get()
        assert case.channel == Channel.FACEBOOK
        assert case.location_text == "หมู่ 4"
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=None, case=case, text="ส่งช่างแล้ว")
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT
        # After 24 hours without a message from the citizen: tracking page only.
        import datetime

        from django.utils import timezone

        Case.objects.filter(pk=case.pk).update(
            facebook_last_message_at=timezone.now() - datetime.timedelta(hours=25)
        )
        case.refresh_from_db()
        before = len(edge.calls)
        with django_capture_on_commit_callbacks(execute=True):
            late = services.case_reply(actor=None, case=case, text="ซ่อมเสร็จ")
        late.refresh_from_db()
        assert late.delivery == CaseEntry.Delivery.PAGE_ONLY
        assert len(edge.calls) == before


@pytest.mark.django_db
def test_stale_unprocessed_events_are_queued_again(configured, edge):
    import datetime

    from django.utils import timezone

    from prongsai.complaints.tasks import inbound_events_requeue

    stored = services_chat.inbound_event_store(
        organization=configured,
        source="line",
        event_id="01HSTALE00000000000000001",
        payload=line_event("01HSTALE00000000000000001", text("สวัสดี")),
    )
    assert inbound_events_requeue() == 0  # too fresh: its task may still run
    InboundEvent.objects.filter(pk=stored.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert inbound_events_requeue() == 1  # eager: processed right away
    stored.refresh_from_db()
    assert stored.processed_at is not None and stored.attempts == 1
    assert inbound_events_requeue() == 0


@pytest.mark.django_db
def test_resolution_push_asks_for_rating_once(
    configured, edge, django_capture_on_commit_callbacks
):
    case = services_intake.case_submit(
        organization=configured,
        kind="complaint",
        channel=Channel.LINE,
        subject="x",
        description="y",
        line_user_id=USER,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.case_change_status(actor=None, case=case, status=Status.RESOLVED)
    text = edge.calls[-1]["body"]["messages"][0]["text"]
    assert f"/track/{case.tracking_code}/" in text


@pytest.mark.django_db
def test_overdue_reminders_reach_officers_on_line(
    configured, edge, django_capture_on_commit_callbacks
):
    import datetime

    from django.core import mail
    from django.utils import timezone

    from prongsai.complaints.tasks import complaints_send_reminders
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    officer_line = "U" + "1" * 32
    MembershipFactory(
        organization=configured,
        roles=[Role.COMPLAINT_OFFICER.value],
        line_user_id=officer_line,
    )
    case = services_intake.case_submit(
        organization=configured,
        kind="complaint",
        channel=Channel.WEB,
        subject="ไฟถนนดับ",
        description="ไฟถนนหน้าโรงเรียนดับ",
        received_at=timezone.now() - datetime.timedelta(days=30),
    )
    edge.calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert complaints_send_reminders() == 1
    pushes = [c for c in edge.calls if c["url"].endswith("/message/push")]
    assert [p["body"]["to"] for p in pushes] == [officer_line]
    text = pushes[0]["body"]["messages"][0]["text"]
    assert case.reference in text
    assert "เกินกำหนด" in text
    assert "ไฟถนน" not in text
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        complaints_send_reminders()
    assert len([c for c in edge.calls if c["url"].endswith("/message/push")]) == 1


@pytest.mark.django_db
def test_new_case_notice_reaches_officers_inbox_email_and_line(
    configured, edge, django_capture_on_commit_callbacks
):
    from django.core import mail

    from prongsai.notifications.models import Notification
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    officer_line = "U" + "2" * 32
    officer = MembershipFactory(
        organization=configured,
        roles=[Role.COMPLAINT_OFFICER.value],
        line_user_id=officer_line,
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = services_intake.case_submit(
            organization=configured,
            kind="complaint",
            channel=Channel.WEB,
            subject="ถนนชำรุด",
            description="หลุมใหญ่หน้าวัด",
        )
    notice = Notification.objects.get(user=officer.user)
    assert notice.subject == f"เรื่องใหม่ {case.reference}"
    assert notice.in_inbox
    assert [m.to for m in mail.outbox] == [[officer.user.email]]
    pushes = [c for c in edge.calls if c["url"].endswith("/message/push")]
    assert [p["body"]["to"] for p in pushes] == [officer_line]
    assert "หลุมใหญ่" not in pushes[0]["body"]["messages"][0]["text"]
