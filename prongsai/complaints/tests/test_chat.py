"""The chat state machine and the category guess: pure, no database."""

from itertools import permutations

import pytest
from django.utils import translation

from prongsai.complaints import chat
from prongsai.complaints.category_guess import (
    CategoryChoice,
    guess_category,
    keyword_list,
)

ROADS = CategoryChoice(10, "ถนน", "หลุม, บ่อ ทางเท้า")
LIGHTS = CategoryChoice(11, "ไฟฟ้า", "ไฟถนน, ไฟดับ, เสาไฟ")
CATS = [ROADS, LIGHTS]
NOW = 1_000_000.0


def text(t):
    return chat.Incoming("text", text=t)


def postback(data):
    return chat.Incoming("postback", data=data)


IMAGE = chat.Incoming("image", message_id="p9")
PLACE = chat.Incoming("location", latitude=16.4, longitude=102.8, address="วัดดง")
STICKER = chat.Incoming("other")
SEND = postback("chat:send")
SKIP = postback("chat:skip")
CANCEL = postback("chat:cancel")


def run(state, data, incoming, categories=CATS, now=NOW):
    with translation.override("th"):
        return chat.advance(state, data, incoming, categories, now=now)


def described(**extra):
    return {"key": "line:e1", "photos": [], "description": "มีปัญหา", **extra}


# state, data, incoming -> state, complete, and the data keys that must hold.
# fmt: off
TABLE = [
    # Nothing in progress: the first message is the report.
    ("idle text guessed", "", {}, text("ไฟถนนดับ"), chat.LOCATION, False,
     {"description": "ไฟถนนดับ", "category_id": 11}),
    ("idle text unguessed", "", {}, text("มีปัญหาหน้าบ้าน"), chat.CATEGORY, False,
     {"description": "มีปัญหาหน้าบ้าน", "category_id": None}),
    ("idle text ambiguous", "", {}, text("ไฟถนนดับ ถนนเป็นหลุม"), chat.CATEGORY,
     False, {"category_id": None}),
    ("idle image", "", {}, IMAGE, chat.DESCRIBE, False, {"photos": ["p9"]}),
    ("idle location", "", {}, PLACE, chat.DESCRIBE, False,
     {"latitude": 16.4, "location_text": "วัดดง"}),
    ("idle sticker", "", {}, STICKER, chat.IDLE, False, {}),
    ("idle send", "", {}, SEND, chat.IDLE, False, {}),
    ("idle skip typed", "", {}, text("ข้าม"), chat.IDLE, False, {}),
    ("idle unknown postback", "", {}, postback("GET_STARTED"), chat.IDLE, False, {}),
    ("idle greeting", "", {}, text("สวัสดีครับ"), chat.IDLE, False, {}),
    ("idle cancel", "", {}, text("ยกเลิก"), chat.IDLE, False, {}),
    ("old state", "photo", {"photos": ["x"]}, text("ขยะล้น"), chat.CATEGORY, False,
     {"description": "ขยะล้น", "photos": []}),
    # A photo or a place first: the description is asked for.
    ("describe text", chat.DESCRIBE, {"photos": ["p1"]}, text("ไฟดับทั้งซอย"),
     chat.LOCATION, False, {"description": "ไฟดับทั้งซอย", "photos": ["p1"]}),
    ("describe text with place", chat.DESCRIBE, {"latitude": 1.0},
     text("ไฟดับทั้งซอย"), chat.IDLE, True, {"category_id": 11}),
    ("describe image", chat.DESCRIBE, {"photos": ["p1"]}, IMAGE, chat.DESCRIBE,
     False, {"photos": ["p1", "p9"]}),
    ("describe image over max", chat.DESCRIBE, {"photos": ["a", "b", "c"]}, IMAGE,
     chat.DESCRIBE, False, {"photos": ["a", "b", "c"]}),
    ("describe location", chat.DESCRIBE, {"photos": []}, PLACE, chat.DESCRIBE, False,
     {"longitude": 102.8}),
    ("describe sticker", chat.DESCRIBE, {}, STICKER, chat.DESCRIBE, False, {}),
    ("describe send", chat.DESCRIBE, {}, SEND, chat.DESCRIBE, False, {}),
    ("describe skip", chat.DESCRIBE, {}, SKIP, chat.DESCRIBE, False, {}),
    ("describe cancel", chat.DESCRIBE, {"photos": ["p"]}, CANCEL, chat.IDLE, False,
     {}),
    # The category is asked for.
    ("category button", chat.CATEGORY, described(), postback("chat:cat:10"),
     chat.LOCATION, False, {"category_id": 10}),
    ("category unknown button", chat.CATEGORY, described(), postback("chat:cat:99"),
     chat.CATEGORY, False, {}),
    ("category number", chat.CATEGORY, described(), text("2"), chat.LOCATION, False,
     {"category_id": 11}),
    ("category thai number", chat.CATEGORY, described(), text("๑"), chat.LOCATION,
     False, {"category_id": 10}),
    ("category name", chat.CATEGORY, described(), text("ไฟฟ้า"), chat.LOCATION,
     False, {"category_id": 11}),
    ("category more text guessed", chat.CATEGORY, described(), text("ไฟดับทั้งซอย"),
     chat.LOCATION, False,
     {"category_id": 11, "description": "มีปัญหา\nไฟดับทั้งซอย"}),
    ("category more text", chat.CATEGORY, described(), text("ไม่รู้เหมือนกัน"),
     chat.CATEGORY, False, {"description": "มีปัญหา\nไม่รู้เหมือนกัน"}),
    ("category skip", chat.CATEGORY, described(), SKIP, chat.LOCATION, False,
     {"no_category": True}),
    ("category not sure typed", chat.CATEGORY, described(), text("ไม่แน่ใจ"),
     chat.LOCATION, False, {"no_category": True}),
    ("category send", chat.CATEGORY, described(), SEND, chat.IDLE, True, {}),
    ("category typed send", chat.CATEGORY, described(), text("ส่ง"), chat.IDLE, True,
     {}),
    ("category image", chat.CATEGORY, described(), IMAGE, chat.CATEGORY, False,
     {"photos": ["p9"]}),
    ("category location", chat.CATEGORY, described(), PLACE, chat.CATEGORY, False,
     {"latitude": 16.4}),
    ("category with place picked", chat.CATEGORY, described(location_text="หมู่ 4"),
     text("1"), chat.IDLE, True, {"category_id": 10}),
    ("category sticker", chat.CATEGORY, described(), STICKER, chat.CATEGORY, False,
     {"description": "มีปัญหา"}),
    ("category cancel", chat.CATEGORY, described(), text("ยกเลิก"), chat.IDLE, False,
     {}),
    # The place is asked for.
    ("location shared", chat.LOCATION, described(category_id=10), PLACE, chat.IDLE,
     True, {"latitude": 16.4, "location_text": "วัดดง"}),
    ("location typed", chat.LOCATION, described(category_id=10), text("หมู่ 4"),
     chat.IDLE, True, {"location_text": "หมู่ 4"}),
    ("location skip", chat.LOCATION, described(category_id=10), SKIP, chat.IDLE, True,
     {"no_location": True}),
    ("location typed skip", chat.LOCATION, described(category_id=10), text("ข้าม"),
     chat.IDLE, True, {"no_location": True}),
    ("location send", chat.LOCATION, described(no_category=True), SEND, chat.IDLE,
     True, {}),
    ("location image", chat.LOCATION, described(category_id=10), IMAGE,
     chat.LOCATION, False, {"photos": ["p9"]}),
    ("location sticker", chat.LOCATION, described(category_id=10), STICKER,
     chat.LOCATION, False, {}),
    ("location cancel", chat.LOCATION, described(category_id=10), CANCEL, chat.IDLE,
     False, {}),
]
# fmt: on


@pytest.mark.parametrize(
    ("state", "data", "incoming", "to_state", "complete", "holds"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_table(state, data, incoming, to_state, complete, holds):
    step = run(state, data, incoming)
    assert step.state == to_state
    assert step.complete is complete
    for key, value in holds.items():
        assert step.data.get(key) == value, key
    if not complete:
        assert step.replies, "every message is answered"
        assert all("%(" not in r for r in step.replies)
    assert not step.status_query and not step.end_session


def test_data_given_is_not_changed():
    data = described(photos=["p1"])
    run(chat.CATEGORY, data, IMAGE)
    assert data["photos"] == ["p1"]


@pytest.mark.parametrize(
    "order", list(permutations([text("ไฟถนนหน้าวัดดับ"), IMAGE, PLACE]))
)
def test_photo_pin_and_sentence_in_any_order_file_at_once(order):
    """Filed as soon as text, category and place are there; a photo that
    comes after joins the filed case."""
    state, data = chat.IDLE, {}
    filed, photos = None, []
    for incoming in order:
        step = run(state, data, incoming, now=NOW + 1)
        state, data = step.state, step.data
        photos += step.attach_photos
        if step.complete:
            assert filed is None
            filed = dict(step.data)
            photos += filed["photos"]
            data = chat.filed_memory(
                case_id=1, reference="C1", photos=len(filed["photos"]), now=NOW
            )
    assert filed is not None
    assert filed["description"] == "ไฟถนนหน้าวัดดับ"
    assert filed["category_id"] == 11
    assert filed["latitude"] == 16.4
    assert photos == ["p9"]


def test_text_only_asks_category_then_location_then_files():
    step = run(chat.IDLE, {}, text("มีปัญหาหน้าบ้าน"))
    assert step.state == chat.CATEGORY
    assert [b.data for b in step.buttons] == [
        "chat:cat:10",
        "chat:cat:11",
        "chat:skip",
        "chat:send",
        "chat:cancel",
    ]
    assert [b.label for b in step.buttons][2:] == ["ไม่แน่ใจ", "ส่ง", "ยกเลิก"]
    assert "1. ถนน" in step.replies[-1] and "2. ไฟฟ้า" in step.replies[-1]
    step = run(step.state, step.data, postback("chat:cat:11"))
    assert step.state == chat.LOCATION
    assert [(b.kind, b.label) for b in step.buttons] == [
        ("location", "ส่งตำแหน่ง"),
        ("postback", "ข้าม"),
        ("postback", "ยกเลิก"),
    ]
    step = run(step.state, step.data, SKIP)
    assert step.complete and step.data["category_id"] == 11


def test_no_categories_means_no_category_question():
    step = run(chat.IDLE, {}, text("ขยะล้น"), categories=[])
    assert step.state == chat.LOCATION


def test_describe_question_offers_only_cancel():
    step = run(chat.IDLE, {}, IMAGE)
    assert [b.data for b in step.buttons] == ["chat:cancel"]
    assert "ปัญหา" in step.replies[-1]


def test_many_categories_fit_the_quick_reply_limit():
    cats = [CategoryChoice(i, f"หมวดที่มีชื่อยาวมากเกินยี่สิบตัวอักษร {i}") for i in range(15)]
    step = run(chat.IDLE, {}, text("เรื่องอื่น"), categories=cats)
    assert len(step.buttons) == 13
    assert all(len(b.label) <= 20 for b in step.buttons)
    assert "15. " in step.replies[-1]
    assert (
        run(step.state, step.data, text("15"), categories=cats).data["category_id"]
        == 14
    )


def test_status_query_anywhere_keeps_the_draft():
    assert run(chat.IDLE, {}, text("สถานะ")).status_query
    step = run(chat.CATEGORY, described(), text("สถานะ"))
    assert step.status_query and step.state == chat.CATEGORY
    assert step.data["description"] == "มีปัญหา" and step.buttons


def test_follow_greets_and_resets():
    step = run(chat.CATEGORY, described(), chat.Incoming("follow"))
    assert step.state == chat.IDLE and step.data == {}
    assert "รูป" in step.replies[0]


def test_unfollow_ends_the_session_silently():
    step = run(chat.LOCATION, described(), chat.Incoming("unfollow"))
    assert step.end_session and step.replies == [] and step.data == {}


def test_description_is_capped_and_joined():
    step = run(chat.IDLE, {}, text("ก" * 5000), categories=[])
    assert len(step.data["description"]) == chat.MAX_DESCRIPTION


class TestPhotosRightAfterFiling:
    def filed(self, photos=1, at=NOW):
        return chat.filed_memory(
            case_id=5, reference="C2569-0007", photos=photos, now=at
        )

    def test_join_the_filed_case(self):
        step = run(chat.IDLE, self.filed(), IMAGE, now=NOW + 30)
        assert step.attach_photos == ["p9"]
        assert step.data["filed"]["photos"] == 2
        assert "C2569-0007" in step.replies[0]

    def test_not_beyond_the_limit(self):
        step = run(chat.IDLE, self.filed(photos=3), IMAGE, now=NOW + 30)
        assert step.attach_photos == [] and step.state == chat.IDLE

    def test_later_photo_starts_a_new_report(self):
        step = run(chat.IDLE, self.filed(), IMAGE, now=NOW + chat.ATTACH_SECONDS + 1)
        assert step.attach_photos == [] and step.state == chat.DESCRIBE

    def test_text_starts_a_new_report(self):
        step = run(chat.IDLE, self.filed(), text("ขยะล้น"), now=NOW + 30)
        assert step.state == chat.CATEGORY and "filed" not in step.data


class TestGuess:
    def test_keywords_are_split_on_commas_and_spaces(self):
        assert keyword_list("ถนน, หลุม บ่อ,,ถนน ；") == ["ถนน", "หลุม", "บ่อ", "；"]
        assert keyword_list("") == []

    @pytest.mark.parametrize(
        ("said", "expected"),
        [
            ("ไฟถนนหน้าวัดดับทั้งซอย", 11),  # ไฟถนน, not ถนน
            ("ไฟดับบ่อยมาก", 11),  # บ่อย is not บ่อ
            ("ถนนเป็นหลุมเป็นบ่อ", 10),
            ("เสาไฟล้มขวางทาง", 11),
            ("ไฟฟ้า", 11),  # the name
            ("ไฟถนนดับ และถนนเป็นหลุม", None),  # both: ask
            ("หมาจรจัดเห่าทั้งคืน", None),
            ("", None),
            ("   ", None),
        ],
    )
    def test_guess(self, said, expected):
        assert guess_category(said, CATS) == expected

    def test_a_word_inside_a_compound_matches(self):
        water = CategoryChoice(12, "ประปา", "น้ำ, ท่อ")
        assert guess_category("น้ำประปาไม่ไหล", [*CATS, water]) == 12
        assert guess_category("ท่อระบายน้ำอุดตัน", [*CATS, water]) == 12

    def test_numbers_in_a_name_do_not_match(self):
        numbered = CategoryChoice(13, "เรื่องอื่น 1")
        assert guess_category("หมู่ 1", [numbered]) is None
