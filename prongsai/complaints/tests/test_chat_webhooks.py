"""Report in one go on LINE and Messenger: signed, real-shaped webhook bodies
through the real webhook views; only the network edge (``channels._open``)
is stubbed."""

import datetime
import json
import logging

import pytest
from django.conf import settings
from django.utils import timezone

from prongsai.complaints import services
from prongsai.complaints.models import Case, CaseEntry, Channel, ChatSession, Status
from prongsai.complaints.tasks import chat_drafts_file_idle
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.complaints.tests.test_webhooks import (
    USER,
    body_of,
    line_event,
    post_fb,
    post_line,
    text,
)

pytestmark = pytest.mark.django_db

PSID = "6543210987654321"
IMAGE = {"type": "image", "id": "4711", "contentProvider": {"type": "line"}}
PLACE = {
    "type": "location",
    "id": "loc-1",
    "title": "วัดบ้านดง",
    "address": "ตำบลบ้านดง อำเภอเมือง",
    "latitude": 16.4321,
    "longitude": 102.8123,
}
STICKER = {
    "type": "sticker",
    "id": "st-1",
    "packageId": "446",
    "stickerId": "1988",
    "stickerResourceType": "STATIC",
}


@pytest.fixture
def lights(configured):
    return CategoryFactory(
        organization=configured,
        name="ไฟฟ้าส่องสว่างสาธารณะ",
        keywords="ไฟฟ้า, ไฟถนน, ไฟดับ, เสาไฟ",
        order=1,
    )


@pytest.fixture
def roads(configured):
    return CategoryFactory(
        organization=configured, name="ถนน ทางเท้า", keywords="ถนน, หลุม, บ่อ", order=0
    )


class Line:
    """A citizen on LINE: each call posts one signed webhook body."""

    def __init__(self, client, org, capture):
        self.client, self.org, self.capture = client, org, capture
        self.n = 0

    def event(self, message=None, **raw):
        self.n += 1
        if message is not None:
            return line_event(
                f"01HFLOW{self.n:019d}", message, reply_token=f"t{self.n}"
            )
        return {
            "mode": "active",
            "timestamp": 1764547200000,
            "webhookEventId": f"01HFLOW{self.n:019d}",
            "deliveryContext": {"isRedelivery": False},
            "source": {"type": "user", "userId": USER},
            **raw,
        }

    def postback(self, data):
        return self.event(type="postback", replyToken="tp", postback={"data": data})

    def send(self, *events):
        with self.capture(execute=True):
            assert post_line(self.client, self.org, body_of(*events)).status_code == 200


@pytest.fixture
def line(client, configured, edge, django_capture_on_commit_callbacks):
    return Line(client, configured, django_capture_on_commit_callbacks)


def replies(edge):
    return [c["body"] for c in edge.calls if c["url"].endswith("/message/reply")]


def last_reply(edge):
    return replies(edge)[-1]["messages"]


def quick_items(edge):
    return [i["action"] for i in last_reply(edge)[-1]["quickReply"]["items"]]


def session():
    return ChatSession.objects.get()


class TestLineOneGo:
    def test_text_photo_and_pin_in_one_body_file_one_case(self, line, edge, lights):
        line.send(
            line.event(text("ไฟถนนหน้าวัดดับทั้งซอย")),
            line.event(IMAGE),
            line.event(PLACE),
        )
        case = Case.objects.get()
        assert case.category == lights
        assert case.description == "ไฟถนนหน้าวัดดับทั้งซอย"
        assert case.location_text == "ตำบลบ้านดง อำเภอเมือง"
        assert str(case.latitude) == "16.432100"
        assert case.attachments.count() == 1
        assert any(c["url"].endswith("/message/4711/content") for c in edge.calls)
        receipt = last_reply(edge)[0]["text"]
        assert case.reference in receipt and case.tracking_code in receipt
        assert "quickReply" not in last_reply(edge)[0]

    def test_photo_and_pin_first_then_the_sentence(self, line, edge, lights):
        line.send(line.event(IMAGE))
        assert session().state == "describe"
        assert "ปัญหา" in last_reply(edge)[-1]["text"]
        assert quick_items(edge) == [
            {
                "type": "postback",
                "label": "ยกเลิก",
                "data": "chat:cancel",
                "displayText": "ยกเลิก",
            }
        ]
        line.send(line.event(PLACE))
        assert not Case.objects.exists()
        line.send(line.event(text("เสาไฟล้มขวางถนนเข้าหมู่บ้าน")))
        case = Case.objects.get()
        # เสาไฟ is the street lights' keyword; ถนน alone would be the roads'.
        assert case.category == lights
        assert case.attachments.count() == 1 and case.latitude is not None

    def test_several_bodies_in_any_order(self, line, edge, lights):
        line.send(line.event(PLACE))
        line.send(line.event(IMAGE), line.event({**IMAGE, "id": "4712"}))
        line.send(line.event(text("ไฟดับทั้งซอย")))
        assert Case.objects.get().attachments.count() == 2

    def test_text_only_asks_category_then_location(self, line, edge, lights, roads):
        line.send(line.event(text("มีปัญหาหน้าบ้านเลขที่ 9")))
        assert session().state == "category"
        question = last_reply(edge)[-1]["text"]
        assert "1. ถนน ทางเท้า" in question and "2. ไฟฟ้าส่องสว่างสาธารณะ" in question
        items = quick_items(edge)
        assert [i["data"] for i in items] == [
            f"chat:cat:{roads.pk}",
            f"chat:cat:{lights.pk}",
            "chat:skip",
            "chat:send",
            "chat:cancel",
        ]
        assert [i["label"] for i in items][2:] == ["ไม่แน่ใจ", "ส่ง", "ยกเลิก"]
        assert all(len(i["label"]) <= 20 for i in items)
        line.send(line.postback(f"chat:cat:{lights.pk}"))
        assert session().state == "location"
        assert quick_items(edge)[0] == {"type": "location", "label": "ส่งตำแหน่ง"}
        assert [i.get("data") for i in quick_items(edge)[1:]] == [
            "chat:skip",
            "chat:cancel",
        ]
        line.send(line.event(text("หน้าบ้านเลขที่ 9 หมู่ 4")))
        case = Case.objects.get()
        assert case.category == lights
        assert case.location_text == "หน้าบ้านเลขที่ 9 หมู่ 4"
        assert case.description == "มีปัญหาหน้าบ้านเลขที่ 9"

    def test_skip_category_and_location(self, line, edge, lights, roads):
        line.send(line.event(text("มีปัญหาหน้าบ้าน")))
        line.send(line.postback("chat:skip"))
        line.send(line.postback("chat:skip"))
        case = Case.objects.get()
        assert case.category is None and case.location_text == ""

    def test_images_after_the_text_and_before_filing_are_attached(
        self, line, edge, lights
    ):
        line.send(line.event(text("ไฟถนนดับ")))
        line.send(line.event(IMAGE))
        line.send(line.event({**IMAGE, "id": "4712"}))
        assert session().data["photos"] == ["4711", "4712"]
        line.send(line.postback("chat:send"))
        case = Case.objects.get()
        assert case.attachments.count() == 2
        assert case.location_text == "" and case.category == lights

    def test_a_photo_right_after_filing_joins_the_case(self, line, edge, lights):
        line.send(line.event(text("ไฟถนนดับ")), line.event(PLACE))
        case = Case.objects.get()
        assert case.attachments.count() == 0
        line.send(line.event(IMAGE))
        assert Case.objects.count() == 1
        assert case.attachments.count() == 1
        assert case.reference in last_reply(edge)[0]["text"]

    def test_cancel_by_button_and_by_word(self, line, edge, lights):
        line.send(line.event(text("มีปัญหา")), line.event(IMAGE))
        line.send(line.postback("chat:cancel"))
        assert session().state == "" and session().data == {}
        line.send(line.event(text("ไฟดับ")))
        line.send(line.event(text("ยกเลิก")))
        assert not Case.objects.exists()
        assert "ยกเลิก" in last_reply(edge)[0]["text"]

    def test_send_without_description_asks_for_it(self, line, edge):
        line.send(line.event(IMAGE))
        line.send(line.postback("chat:send"))
        assert not Case.objects.exists()
        assert session().state == "describe"

    def test_redelivered_event_adds_nothing_twice(self, line, edge):
        line.send(line.event(text("ขยะล้นถัง")))
        photo = line.event(IMAGE)
        line.send(photo)
        photo["deliveryContext"]["isRedelivery"] = True
        line.send(photo)
        assert session().data["photos"] == ["4711"]


class TestLineEventKinds:
    def test_sticker_is_answered_kindly_and_is_not_the_description(self, line, edge):
        line.send(line.event(STICKER))
        assert not ChatSession.objects.exclude(state="").exists()
        assert "ขอบคุณ" in last_reply(edge)[0]["text"]
        line.send(line.event(IMAGE))
        line.send(line.event(STICKER))
        assert session().state == "describe"
        assert "description" not in session().data
        assert "ปัญหา" in last_reply(edge)[-1]["text"]

    def test_follow_greets_with_photo_pin_sentence(self, line, edge):
        line.send(
            line.event(type="follow", replyToken="tf", follow={"isUnblocked": False})
        )
        greeting = last_reply(edge)[0]["text"]
        assert "รูป" in greeting and "ตำแหน่ง" in greeting
        assert not Case.objects.exists()

    def test_unfollow_ends_the_session_without_reply(self, line, edge):
        line.send(line.event(text("ถนนพัง")))
        before = len(edge.calls)
        line.send(line.event(type="unfollow"))
        assert not ChatSession.objects.exists()
        assert len(edge.calls) == before
        assert not Case.objects.exists()

    def test_greeting_word_does_not_start_a_report(self, line, edge):
        line.send(line.event(text("สวัสดีครับ")))
        assert session().state == ""
        assert "รูป" in last_reply(edge)[0]["text"]

    def test_status_query_in_a_draft_keeps_it(self, line, edge, roads):
        line.send(line.event(text("มีปัญหาหน้าบ้าน")))
        state, data = session().state, session().data
        line.send(line.event(text("สถานะ")))
        assert (session().state, session().data) == (state, data)
        summary, question = last_reply(edge)
        assert "quickReply" in question and "quickReply" not in summary

    def test_standby_events_are_ignored(self, line, edge):
        event = line.event(text("ไฟดับ"))
        event["mode"] = "standby"
        line.send(event)
        assert not ChatSession.objects.exists() and replies(edge) == []

    def test_old_style_stale_button_in_idle(self, line, edge):
        line.send(line.postback("chat:skip"))
        assert "ไม่มีเรื่อง" in last_reply(edge)[0]["text"]
        assert not Case.objects.exists()

    def test_status_change_of_a_line_case_is_pushed(
        self, line, edge, lights, django_capture_on_commit_callbacks
    ):
        line.send(line.event(text("ไฟถนนดับ")), line.event(PLACE))
        case = Case.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            services.case_change_status(
                actor=None, case=case, status=Status.IN_PROGRESS, text="ส่งช่างแล้ว"
            )
        push = [c for c in edge.calls if c["url"].endswith("/message/push")][-1]
        assert push["body"]["to"] == USER
        assert case.reference in push["body"]["messages"][0]["text"]
        entry = case.entries.get(type=CaseEntry.Type.STATUS)
        assert entry.delivery == CaseEntry.Delivery.SENT

    def test_nothing_said_or_sent_is_logged(self, line, edge, lights, caplog):
        edge.status = 500  # every reply fails and is logged
        with caplog.at_level(logging.DEBUG):
            line.send(line.event(text("ไฟถนนหน้าบ้านนายสมชายดับ")))
            line.send(line.postback("chat:send"))
        assert "failed with status 500" in caplog.text
        assert USER not in caplog.text and "สมชาย" not in caplog.text


def fb_item(**message_or_postback):
    return {
        "sender": {"id": PSID},
        "recipient": {"id": "PAGE"},
        "timestamp": 1764547200000,
        **message_or_postback,
    }


def fb_post(client, org, capture, *items):
    body = json.dumps(
        {
            "object": "page",
            "entry": [{"id": "PAGE", "time": 1, "messaging": list(items)}],
        }
    ).encode("ascii")
    with capture(execute=True):
        assert post_fb(client, org, body).status_code == 200


def fb_sent(edge):
    return [c["body"] for c in edge.calls if c["url"].endswith("/me/messages")]


class TestMessenger:
    @pytest.fixture
    def fb(self, client, configured, edge, django_capture_on_commit_callbacks):
        return lambda *items: fb_post(
            client, configured, django_capture_on_commit_callbacks, *items
        )

    def test_quick_replies_and_postbacks(self, fb, edge, lights, roads):
        fb(fb_item(message={"mid": "m.1", "text": "มีปัญหาหน้าบ้าน"}))
        sent = fb_sent(edge)[-1]
        assert sent["recipient"]["id"] == PSID
        quick = sent["message"]["quick_replies"]
        assert quick[0] == {
            "content_type": "text",
            "title": "ถนน ทางเท้า",
            "payload": f"chat:cat:{roads.pk}",
        }
        assert [q["payload"] for q in quick][-3:] == [
            "chat:skip",
            "chat:send",
            "chat:cancel",
        ]
        # Tapping a quick reply: a text message carrying its payload.
        fb(
            fb_item(
                message={
                    "mid": "m.2",
                    "text": "ไฟฟ้าส่องสว่างส…",
                    "quick_reply": {"payload": f"chat:cat:{lights.pk}"},
                }
            )
        )
        assert session().data["category_id"] == lights.pk
        location_quick = fb_sent(edge)[-1]["message"]["quick_replies"]
        # Messenger has no share-location button: skip and cancel only.
        assert [q["payload"] for q in location_quick] == ["chat:skip", "chat:cancel"]
        # A postback (messaging_postbacks) files it.
        fb(fb_item(postback={"mid": "m.3", "title": "ส่ง", "payload": "chat:send"}))
        case = Case.objects.get()
        assert case.channel == Channel.FACEBOOK and case.facebook_psid == PSID
        assert case.category == lights
        assert case.tracking_code in fb_sent(edge)[-1]["message"]["text"]

    def test_photos_and_place_then_text(self, fb, edge, lights):
        url = "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo/content"
        fb(
            fb_item(
                message={
                    "mid": "m.4",
                    "attachments": [
                        {"type": "image", "payload": {"url": url}},
                        {"type": "image", "payload": {"url": url + "?2"}},
                    ],
                }
            )
        )
        assert session().data["photos"] == [url, url + "?2"]
        fb(
            fb_item(
                message={
                    "mid": "m.5",
                    "attachments": [
                        {
                            "type": "location",
                            "title": "บ้านดง",
                            "payload": {"coordinates": {"lat": 16.4, "long": 102.8}},
                        }
                    ],
                }
            )
        )
        fb(fb_item(message={"mid": "m.6", "text": "ไฟดับทั้งซอย"}))
        case = Case.objects.get()
        assert case.category == lights and case.location_text == "บ้านดง"

    def test_sticker_and_get_started(self, fb, edge):
        fb(
            fb_item(
                message={
                    "mid": "m.7",
                    "sticker_id": 369239263222822,
                    "attachments": [
                        {
                            "type": "image",
                            "payload": {
                                "url": "https://scontent.xx.fbcdn.net/s.png",
                                "sticker_id": 369239263222822,
                            },
                        }
                    ],
                }
            )
        )
        assert "ขอบคุณ" in fb_sent(edge)[-1]["message"]["text"]
        fb(fb_item(postback={"mid": "m.8", "title": "เริ่ม", "payload": "GET_STARTED"}))
        assert "รูป" in fb_sent(edge)[-1]["message"]["text"]
        assert not Case.objects.exists()
        assert session().state == ""


class TestIdleDrafts:
    def age(self, minutes):
        ChatSession.objects.update(
            updated_at=timezone.now() - datetime.timedelta(minutes=minutes)
        )

    def test_an_idle_draft_with_a_description_is_filed_and_pushed(
        self, line, edge, roads, django_capture_on_commit_callbacks
    ):
        line.send(line.event(text("มีปัญหาหน้าบ้าน")), line.event(IMAGE))
        self.age(20)
        assert chat_drafts_file_idle() == 0
        self.age(31)
        with django_capture_on_commit_callbacks(execute=True):
            assert chat_drafts_file_idle() == 1
        case = Case.objects.get()
        assert case.category is None  # the officer assigns it
        assert case.channel == Channel.LINE and case.line_user_id == USER
        assert case.attachments.count() == 1
        push = [c for c in edge.calls if c["url"].endswith("/message/push")][-1]
        assert push["body"]["to"] == USER
        assert case.tracking_code in push["body"]["messages"][0]["text"]
        assert session().state == ""
        # Run again: nothing more.
        self.age(60)
        assert chat_drafts_file_idle() == 0
        assert Case.objects.count() == 1

    def test_an_idle_draft_without_description_is_dropped_silently(self, line, edge):
        line.send(line.event(IMAGE))
        self.age(31)
        before = len(edge.calls)
        assert chat_drafts_file_idle() == 0
        assert not Case.objects.exists()
        assert session().state == "" and session().data == {}
        assert len(edge.calls) == before

    def test_an_idle_messenger_draft_is_pushed_on_messenger(
        self, client, configured, edge, django_capture_on_commit_callbacks
    ):
        fb_post(
            client,
            configured,
            django_capture_on_commit_callbacks,
            fb_item(message={"mid": "m.9", "text": "ขยะไม่มีคนเก็บ"}),
        )
        self.age(45)
        with django_capture_on_commit_callbacks(execute=True):
            assert chat_drafts_file_idle() == 1
        case = Case.objects.get()
        assert case.facebook_psid == PSID
        assert case.tracking_code in fb_sent(edge)[-1]["message"]["text"]

    def test_the_beat_schedule_runs_it(self):
        tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "prongsai.complaints.tasks.chat_drafts_file_idle" in tasks


def test_officers_edit_the_keywords_in_the_category_form(client, organization):
    from prongsai.complaints.models import Category
    from prongsai.complaints.tests.factories import member
    from prongsai.core.models import AuditEvent
    from prongsai.organizations.roles import Role

    client.force_login(member(organization, Role.COMPLAINT_OFFICER.value))
    url = f"/{organization.slug}/staff/complaints/categories/new/"
    page = client.get(url)
    assert 'name="keywords"' in page.content.decode()
    response = client.post(
        url,
        {
            "name": "ขยะและความสะอาด",
            "responsible_unit": "กองสาธารณสุข",
            "acknowledge_days": 1,
            "resolve_days": 7,
            "deadline_unit": "working_days",
            "keywords": "ขยะ, ถังขยะ เก็บขยะ",
            "is_active": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    category = Category.objects.get()
    assert category.keywords == "ขยะ, ถังขยะ เก็บขยะ"
    assert AuditEvent.objects.filter(action="category.create").exists()
    edit = f"/{organization.slug}/staff/complaints/categories/{category.pk}/"
    assert "ถังขยะ" in client.get(edit).content.decode()
