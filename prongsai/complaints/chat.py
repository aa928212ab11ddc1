"""The chat on LINE and Messenger as a pure state machine: report in one go.

The citizen's first message (a text, a photo or a shared location) starts a
draft report; further photos, a location and more text are added to it, in
any order. The bot then asks only for what is missing: a description (the
one thing required), a category it could not guess, and a place (share,
type, or skip). When nothing is missing the case is filed at once.

``advance`` takes the current state and data, one incoming message, the
organisation's categories and the time (seconds), and says what to store,
what to answer and whether the case is complete. No database, no network.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.core.thai_dates import to_arabic_digits

from .category_guess import CategoryChoice, guess_category

IDLE = ""
DESCRIBE = "describe"  # a draft without description: "what is the problem?"
CATEGORY = "category"  # asked for the category
LOCATION = "location"  # asked where it is
DRAFT_STATES = (DESCRIBE, CATEGORY, LOCATION)

MAX_CHAT_PHOTOS = 3
MAX_DESCRIPTION = 4000
MAX_PLACE = 300
MAX_CATEGORY_BUTTONS = 10  # LINE and Messenger show at most 13 quick replies
ATTACH_SECONDS = 10 * 60  # photos this soon after filing join the filed case
IDLE_SECONDS = 30 * 60  # a draft left this long is filed (tasks)

# Postback data of the buttons (LINE postback data, Messenger payloads).
POSTBACK = "chat:"
SEND = "send"
SKIP = "skip"
CANCEL = "cancel"
STATUS = "status"
CATEGORY_PREFIX = "cat:"

__all__ = ["CategoryChoice"]


@dataclass
class Incoming:
    kind: str  # text | image | location | postback | follow | unfollow | other
    text: str = ""
    message_id: str = ""  # LINE message id, or an image URL on Messenger
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""
    data: str = ""  # postback data
    event_key: str = ""  # names the draft this message starts


@dataclass(frozen=True)
class Button:
    """A quick reply: a postback with ``data``, or LINE's share-location."""

    label: str
    data: str = ""
    kind: str = "postback"  # postback | location


@dataclass
class Step:
    state: str
    data: dict
    replies: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    complete: bool = False
    status_query: bool = False
    # Photos for the case filed a moment ago (``data["filed"]``).
    attach_photos: list[str] = field(default_factory=list)
    end_session: bool = False


# --- Words and buttons ----------------------------------------------------------------
def _words(*msgids: str, extra: tuple[str, ...] = ()) -> set[str]:
    return {w.lower() for w in (*msgids, *extra)}


def _command_of_text(text: str) -> str:
    word = " ".join(to_arabic_digits(text).split()).lower()
    if word in _words(pgettext("chat button", "Cancel"), extra=("cancel", "ยกเลิก")):
        return CANCEL
    if word in _words(
        pgettext("chat button", "Send now"), extra=("send", "ส่ง", "ส่งเลย")
    ):
        return SEND
    if word in _words(
        pgettext("chat button", "Skip"), pgettext("chat button", "Not sure")
    ) | {"skip", "ข้าม", "ไม่แน่ใจ"}:
        return SKIP
    if word in _words(_("Status"), extra=("status", "สถานะ", "ติดตาม")):
        return STATUS
    return ""


def _command(incoming: Incoming) -> str:
    if incoming.kind == "postback":
        data = incoming.data
        return data[len(POSTBACK) :] if data.startswith(POSTBACK) else ""
    if incoming.kind == "text":
        return _command_of_text(incoming.text)
    return ""


_GREETINGS = {
    "สวัสดี",
    "สวัสดีครับ",
    "สวัสดีค่ะ",
    "สวัสดีคะ",
    "หวัดดี",
    "hello",
    "hi",
}


def greeting() -> str:
    return _(
        "Hello. To report a problem, send a photo, share the location and "
        "write one sentence about what is wrong; we file it as a case and tell "
        "you its number. Type “Status” to follow your cases. Your LINE or "
        "Facebook name is not shown to the public."
    )


def _cancel_button() -> Button:
    return Button(pgettext("chat button", "Cancel"), POSTBACK + CANCEL)


def _send_button() -> Button:
    return Button(pgettext("chat button", "Send now"), POSTBACK + SEND)


def _label(name: str) -> str:
    return name if len(name) <= 20 else name[:19] + "…"


# --- Questions ------------------------------------------------------------------------
def _has_location(data: dict) -> bool:
    return data.get("latitude") is not None or bool(data.get("location_text"))


def _ask(data: dict, categories: list[CategoryChoice], notice: str = "") -> Step:
    """Ask for the first thing missing, or complete the draft."""
    replies = [notice] if notice else []
    if not data.get("description"):
        replies.append(_("What is the problem? Please describe it in a short message."))
        return Step(DESCRIBE, data, replies, [_cancel_button()])
    if categories and data.get("category_id") is None and not data.get("no_category"):
        lines = [_("Which kind of matter is it? Tap one, or reply with its number.")]
        lines += [f"{i}. {c.name}" for i, c in enumerate(categories, start=1)]
        buttons = [
            Button(_label(c.name), f"{POSTBACK}{CATEGORY_PREFIX}{c.pk}")
            for c in categories[:MAX_CATEGORY_BUTTONS]
        ]
        buttons += [
            Button(pgettext("chat button", "Not sure"), POSTBACK + SKIP),
            _send_button(),
            _cancel_button(),
        ]
        return Step(CATEGORY, data, [*replies, "\n".join(lines)], buttons)
    if not _has_location(data) and not data.get("no_location"):
        replies.append(
            _("Where is it? Share the location, type the place, or tap “Skip”.")
        )
        buttons = [
            Button(pgettext("chat button", "Send location"), kind="location"),
            Button(pgettext("chat button", "Skip"), POSTBACK + SKIP),
            _cancel_button(),
        ]
        return Step(LOCATION, data, replies, buttons)
    return Step(IDLE, data, complete=True)


# --- Adding to a draft ----------------------------------------------------------------
def _add_text(data: dict, text: str, categories: list[CategoryChoice]) -> None:
    text = text.strip()
    if not text:
        return
    old = data.get("description", "")
    data["description"] = (f"{old}\n{text}" if old else text)[:MAX_DESCRIPTION]
    if data.get("category_id") is None and not data.get("no_category"):
        data["category_id"] = guess_category(data["description"], categories)


def _add_photo(data: dict, message_id: str) -> str:
    """Keep the photo; a notice when there are already as many as kept."""
    photos = data.setdefault("photos", [])
    if len(photos) >= MAX_CHAT_PHOTOS:
        return _("We keep at most %(n)s photos; this one was not kept.") % {
            "n": MAX_CHAT_PHOTOS
        }
    if message_id:
        photos.append(message_id)
    return ""


def _add_location(data: dict, incoming: Incoming) -> None:
    data["latitude"] = incoming.latitude
    data["longitude"] = incoming.longitude
    data["location_text"] = incoming.address.strip()[:MAX_PLACE]


def _add(data: dict, incoming: Incoming, categories: list[CategoryChoice]) -> str:
    if incoming.kind == "text":
        _add_text(data, incoming.text, categories)
    elif incoming.kind == "image":
        return _add_photo(data, incoming.message_id)
    elif incoming.kind == "location":
        _add_location(data, incoming)
    return ""


def _pick_category(text: str, categories: list[CategoryChoice]) -> int | None:
    """A category chosen by its number or its exact name."""
    digits = to_arabic_digits(text.strip())
    if digits.isdigit() and 1 <= int(digits) <= len(categories):
        return categories[int(digits) - 1].pk
    for choice in categories:
        if text.strip().lower() == choice.name.lower():
            return choice.pk
    return None


# --- The machine ----------------------------------------------------------------------
def advance(
    state: str,
    data: dict,
    incoming: Incoming,
    categories: list[CategoryChoice],
    now: float = 0.0,
) -> Step:
    """The next step of the conversation after ``incoming``."""
    data = copy.deepcopy(data) if isinstance(data, dict) else {}
    if incoming.kind == "unfollow":
        return Step(IDLE, {}, end_session=True)
    if incoming.kind == "follow":
        return Step(IDLE, {}, [greeting()])
    command = _command(incoming)
    in_draft = state in DRAFT_STATES
    if command == CANCEL:
        return Step(
            IDLE,
            {},
            [
                _("Cancelled; nothing was sent.")
                if in_draft
                else _("There is no report in progress.")
            ],
        )
    if command == STATUS:
        step = _ask(data, categories) if in_draft else Step(IDLE, data)
        step.status_query = True
        return step
    if not in_draft:
        return _from_idle(data, incoming, command, categories, now)
    return _in_draft(state, data, incoming, command, categories)


def _from_idle(
    data: dict,
    incoming: Incoming,
    command: str,
    categories: list[CategoryChoice],
    now: float,
) -> Step:
    filed = data.get("filed") if isinstance(data.get("filed"), dict) else None
    recent = filed is not None and 0 <= now - filed.get("at", 0) <= ATTACH_SECONDS
    if incoming.kind == "image" and recent:
        return _attach_to_filed(filed, incoming)
    kept = {"filed": filed} if recent else {}
    if incoming.kind == "postback" and not command:
        return Step(IDLE, kept, [greeting()])  # e.g. Messenger's "Get started"
    if command or incoming.kind not in ("text", "image", "location"):
        if command:
            reply = _(
                "There is no report in progress. Send a photo, the location "
                "and a sentence to report a problem."
            )
        else:
            reply = _(
                "Thank you! To report a problem, send a photo, share the "
                "location and write one sentence about what is wrong."
            )
        return Step(IDLE, kept, [reply])
    if incoming.kind == "text" and incoming.text.strip().lower() in _GREETINGS:
        return Step(IDLE, kept, [greeting()])
    draft: dict = {"key": incoming.event_key, "started_at": now, "photos": []}
    notice = _add(draft, incoming, categories)
    return _ask(draft, categories, notice)


def _attach_to_filed(filed: dict, incoming: Incoming) -> Step:
    filed = dict(filed)
    reference = filed.get("reference", "")
    if filed.get("photos", 0) >= MAX_CHAT_PHOTOS or not incoming.message_id:
        return Step(
            IDLE,
            {"filed": filed},
            [
                _("Case %(reference)s already has the photos we can keep.")
                % {"reference": reference}
            ],
        )
    filed["photos"] = filed.get("photos", 0) + 1
    return Step(
        IDLE,
        {"filed": filed},
        [_("The photo was added to case %(reference)s.") % {"reference": reference}],
        attach_photos=[incoming.message_id],
    )


def _in_draft(
    state: str,
    data: dict,
    incoming: Incoming,
    command: str,
    categories: list[CategoryChoice],
) -> Step:
    if command == SEND:
        if data.get("description"):
            return Step(IDLE, data, complete=True)
        return _ask(data, categories, _("Please tell us first what the problem is."))
    if command == SKIP:
        if state == CATEGORY:
            data["no_category"] = True
        elif state == LOCATION:
            data["no_location"] = True
        return _ask(data, categories)
    if command.startswith(CATEGORY_PREFIX):
        picked = command[len(CATEGORY_PREFIX) :]
        if picked in {str(c.pk) for c in categories}:
            data["category_id"] = int(picked)
        return _ask(data, categories)
    if command or incoming.kind not in ("text", "image", "location"):
        return _ask(
            data, categories, _("Thank you! We could not use that for the report.")
        )
    if incoming.kind == "text" and state == CATEGORY:
        picked_pk = _pick_category(incoming.text, categories)
        if picked_pk is not None:
            data["category_id"] = picked_pk
            return _ask(data, categories)
    if incoming.kind == "text" and state == LOCATION:
        data["location_text"] = incoming.text.strip()[:MAX_PLACE]
        return _ask(data, categories)
    return _ask(data, categories, _add(data, incoming, categories))


def filed_memory(*, case_id: int, reference: str, photos: int, now: float) -> dict:
    """The session's data after filing: photos sent right after join the case."""
    return {
        "filed": {
            "case_id": case_id,
            "reference": reference,
            "photos": photos,
            "at": now,
        }
    }
