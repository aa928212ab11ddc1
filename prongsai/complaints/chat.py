"""The guided chat on LINE and Messenger as a pure state machine.

category -> text -> photo -> location -> case. ``advance`` takes the current
state and one incoming message and says what to store, what to answer and
whether the case is complete. No database, no network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

IDLE = ""
CATEGORY = "category"
TEXT = "text"
PHOTO = "photo"
LOCATION = "location"

MAX_CHAT_PHOTOS = 3


@dataclass
class Incoming:
    kind: str  # text | image | location | other
    text: str = ""
    message_id: str = ""  # LINE message id, or an image URL on Messenger
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""


@dataclass
class Step:
    state: str
    data: dict
    replies: list[str] = field(default_factory=list)
    quick_replies: list[str] = field(default_factory=list)
    complete: bool = False
    status_query: bool = False


def _skip_word() -> str:
    return _("Skip")


def _cancel_words() -> set[str]:
    return {_("Cancel").lower(), "cancel", "ยกเลิก"}


def _skip_words() -> set[str]:
    return {_skip_word().lower(), "skip", "ข้าม"}


def _status_words() -> set[str]:
    return {_("Status").lower(), "status", "สถานะ", "ติดตาม"}


def _category_prompt(categories: list[tuple[int, str]]) -> tuple[str, list[str]]:
    lines = [_("Which matter is it about? Reply with the number.")]
    lines += [f"{i}. {name}" for i, (_pk, name) in enumerate(categories, start=1)]
    return "\n".join(lines), [str(i) for i in range(1, len(categories) + 1)]


def _pick_category(text: str, categories: list[tuple[int, str]]) -> int | None:
    text = text.strip()
    from prongsai.core.thai_dates import to_arabic_digits

    digits = to_arabic_digits(text)
    if digits.isdigit() and 1 <= int(digits) <= len(categories):
        return categories[int(digits) - 1][0]
    for pk, name in categories:
        if text and text.lower() == name.lower():
            return pk
    return None


def advance(
    state: str, data: dict, incoming: Incoming, categories: list[tuple[int, str]]
) -> Step:
    """The next step of the conversation after ``incoming``."""
    word = incoming.text.strip().lower() if incoming.kind == "text" else ""
    if word in _cancel_words():
        return Step(IDLE, {}, [_("Cancelled. Send any message to start again.")])
    if state == IDLE and word in _status_words():
        return Step(IDLE, {}, status_query=True)
    step = _STEPS.get(state)
    if step is None:
        return Step(IDLE, {}, [_("Send any message to start again.")])
    return step(dict(data), incoming, word, categories)


def _from_idle(data, incoming, word, categories) -> Step:
    intro = _(
        "Hello. This chat records a complaint or suggestion for the "
        "organisation. Your LINE or Facebook name is not shown to the "
        "public; see the privacy notice on our website. Type “Cancel” at "
        "any time to stop."
    )
    if categories:
        prompt, quick = _category_prompt(categories)
        return Step(CATEGORY, {}, [intro, prompt], quick)
    return Step(TEXT, {}, [intro, _("Please describe the matter in one message.")])


def _from_category(data, incoming, word, categories) -> Step:
    picked = _pick_category(incoming.text, categories) if word else None
    if picked is None:
        prompt, quick = _category_prompt(categories)
        return Step(
            CATEGORY,
            data,
            [_("Please reply with one of the numbers."), prompt],
            quick,
        )
    data["category_id"] = picked
    return Step(TEXT, data, [_("Please describe the matter in one message.")])


def _from_text(data, incoming, word, categories) -> Step:
    if incoming.kind != "text" or not incoming.text.strip():
        return Step(TEXT, data, [_("Please describe the matter in words.")])
    data["description"] = incoming.text.strip()[:4000]
    return Step(
        PHOTO,
        data,
        [_("Send a photo if you have one, or tap “Skip”.")],
        [_skip_word()],
    )


def _from_photo(data, incoming, word, categories) -> Step:
    if incoming.kind == "image":
        photos = [*data.get("photos", []), incoming.message_id]
        data["photos"] = photos[:MAX_CHAT_PHOTOS]
        if len(photos) < MAX_CHAT_PHOTOS:
            return Step(
                PHOTO,
                data,
                [_("Photo received. Send another, or tap “Skip” to go on.")],
                [_skip_word()],
            )
    elif word not in _skip_words():
        return Step(PHOTO, data, [_("Send a photo, or tap “Skip”.")], [_skip_word()])
    return Step(
        LOCATION,
        data,
        [_("Where is it? Share the location, type the place, or tap “Skip”.")],
        [_skip_word()],
    )


def _from_location(data, incoming, word, categories) -> Step:
    if incoming.kind == "location":
        data["latitude"] = incoming.latitude
        data["longitude"] = incoming.longitude
        data["location_text"] = incoming.address[:300]
    elif incoming.kind == "text" and word not in _skip_words():
        data["location_text"] = incoming.text.strip()[:300]
    elif incoming.kind not in ("text", "location"):
        return Step(
            LOCATION,
            data,
            [_("Share the location, type the place, or tap “Skip”.")],
            [_skip_word()],
        )
    return Step(IDLE, data, complete=True)


# What each state does with the next message.
_STEPS = {
    IDLE: _from_idle,
    CATEGORY: _from_category,
    TEXT: _from_text,
    PHOTO: _from_photo,
    LOCATION: _from_location,
}
