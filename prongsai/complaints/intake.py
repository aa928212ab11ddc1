"""Processing stored webhook events from LINE and Messenger into cases.

Called by tasks with the id of an ``InboundEvent``. An event is processed once:
the row is locked and marked processed in the same transaction that changes
the chat session or creates the case (which is also unique on the event id).
Answers are sent after the commit; their text is never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.core.params import json_list, json_object, json_text
from prongsai.core.urls import absolute_url
from prongsai.organizations.messaging import parse_link_message
from prongsai.organizations.selectors import channel_settings_get
from prongsai.organizations.services_channels import (
    LINE_LINK_EXPIRED,
    LINE_LINK_LIMITED,
    LINE_LINK_LINKED,
    LINE_LINK_USED,
    membership_line_link,
)

from . import chat
from .intake_send import photos_attach, reply_line, send_messenger
from .models import Case, Channel, InboundEvent, Kind, Status
from .services_chat import ChatOutcome, chat_session_advance

logger = logging.getLogger(__name__)


def _tracking_url(case: Case) -> str:
    return absolute_url(
        reverse(
            "complaints-public:track",
            kwargs={"org": case.organization.slug, "code": case.tracking_code},
        ),
        organization=case.organization,
    )


def receipt_text(case: Case) -> str:
    return _(
        "Thank you. Your case number is %(reference)s and the tracking code is "
        "%(code)s. Follow it at %(url)s"
    ) % {
        "reference": case.reference,
        "code": case.tracking_code,
        "url": _tracking_url(case),
    }


def status_text(case: Case) -> str:
    return _("Case %(reference)s: %(status)s") % {
        "reference": case.reference,
        "status": Status(case.status).label,
    }


def _status_summary(organization, channel: str, user_id: str) -> str:
    lookup = (
        {"line_user_id": user_id}
        if channel == Channel.LINE
        else {"facebook_psid": user_id}
    )
    cases = list(
        Case.objects.filter(organization=organization, channel=channel, **lookup)
        .exclude(kind=Kind.CORRUPTION)
        .order_by("-received_at")[:5]
    )
    if not cases:
        return _("We have no case from you yet. Send any message to file one.")
    return "\n".join(status_text(c) for c in cases)


def _staff_link(organization, code: str, user_id: str) -> str:
    """Link a staff member's LINE account; the Thai reply (no case is filed)."""
    result = membership_line_link(
        organization=organization, code=code, line_user_id=user_id
    )
    if result.outcome == LINE_LINK_LINKED:
        return _(
            "Your LINE account is now linked to %(name)s at %(organization)s. "
            "Reminders from the back office will also come here."
        ) % {
            "name": result.membership.user.display_name,
            "organization": organization.name,
        }
    if result.outcome == LINE_LINK_EXPIRED:
        return _(
            "This code has expired. Make a new code on your LINE page in the "
            "back office."
        )
    if result.outcome == LINE_LINK_USED:
        return _(
            "This code has already been used. Make a new code on your LINE page "
            "in the back office."
        )
    if result.outcome == LINE_LINK_LIMITED:
        return _("Too many wrong codes. Please wait 15 minutes and try again.")
    return _(
        "This code is not valid. Check it, or make a new code on your LINE page "
        "in the back office."
    )


@dataclass
class Answer:
    """What to answer one event with, and the photos to fetch after the commit."""

    replies: list[str] = field(default_factory=list)
    buttons: list[chat.Button] = field(default_factory=list)
    outcomes: list[ChatOutcome] = field(default_factory=list)


def _run(
    event: InboundEvent, channel: str, user_id: str, incomings: list[chat.Incoming]
) -> Answer:
    """Each incoming message through the chat; the answer to the last one."""
    answer = Answer()
    for incoming in incomings:
        incoming.event_key = f"{event.source}:{event.event_id}"
        outcome = chat_session_advance(
            organization=event.organization,
            channel=channel,
            user_id=user_id,
            incoming=incoming,
            source_event_id=incoming.event_key,
        )
        answer.outcomes.append(outcome)
        step = outcome.step
        if outcome.case is not None:
            answer.replies, answer.buttons = [receipt_text(outcome.case)], []
        elif step.status_query:
            summary = _status_summary(event.organization, channel, user_id)
            answer.replies, answer.buttons = [summary, *step.replies], step.buttons
        else:
            answer.replies, answer.buttons = step.replies, step.buttons
    return answer


def _line_incoming(payload: dict) -> chat.Incoming | None:
    """What a LINE event says to the chat; None for events it ignores."""
    kind = payload.get("type")
    if kind == "follow":
        return chat.Incoming("follow")
    if kind == "unfollow":
        return chat.Incoming("unfollow")
    if kind == "postback":
        postback = json_object(payload.get("postback"))
        return chat.Incoming("postback", data=json_text(postback.get("data")))
    if kind != "message":
        return None
    message = json_object(payload.get("message"))
    match message.get("type"):
        case "text":
            return chat.Incoming("text", text=json_text(message.get("text")))
        case "image":
            return chat.Incoming("image", message_id=json_text(message.get("id")))
        case "location":
            return chat.Incoming(
                "location",
                latitude=message.get("latitude"),
                longitude=message.get("longitude"),
                address=json_text(message.get("address") or message.get("title")),
            )
    return chat.Incoming("other")  # stickers, videos, audio, files


def _claim(event_id: int) -> InboundEvent | None:
    """The stored event, locked, unless it is gone or was processed already.

    Called by a task with the id only: the event's organisation is not known
    before it is read.
    """
    event = (
        InboundEvent.objects.all_organizations()
        .select_for_update()
        .select_related("organization")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.processed_at is not None:
        return None
    return event


def _done(event: InboundEvent) -> None:
    event.processed_at = timezone.now()
    event.attempts += 1
    event.save(update_fields=["processed_at", "attempts", "updated_at"])


def _line_answer(event: InboundEvent, payload: dict) -> Answer | None:
    source = json_object(payload.get("source"))
    user_id = json_text(source.get("userId"))
    if (
        payload.get("mode", "active") != "active"
        or source.get("type") != "user"
        or not user_id
    ):
        return None
    message = json_object(payload.get("message"))
    if payload.get("type") == "message" and message.get("type") == "text":
        link_code = parse_link_message(json_text(message.get("text")))
        if link_code:
            return Answer([_staff_link(event.organization, link_code, user_id)])
    incoming = _line_incoming(payload)
    if incoming is None:
        return None
    return _run(event, Channel.LINE, user_id, [incoming])


def line_event_process(event_id: int) -> bool:
    """Process one stored LINE event; False when it was already processed."""
    with translation.override("th"):
        with transaction.atomic():
            event = _claim(event_id)
            if event is None:
                return False
            settings_row = channel_settings_get(organization=event.organization)
            payload = json_object(event.payload)
            answer = _line_answer(event, payload)
            _done(event)
        if answer is None:
            return True
        token = settings_row.line_access_token
        for outcome in answer.outcomes:
            photos_attach(outcome, Channel.LINE, token)
        reply_line(
            token=token,
            reply_token=json_text(payload.get("replyToken")),
            replies=answer.replies,
            buttons=answer.buttons,
        )
    return True


def _messenger_incomings(item: dict) -> list[chat.Incoming]:
    """What a Messenger item says: a postback, a quick reply, a text, or each
    attachment (several photos come in one message)."""
    if isinstance(item.get("postback"), dict):
        payload = json_text(item["postback"].get("payload"))
        return [chat.Incoming("postback", data=payload)]
    message = json_object(item.get("message"))
    quick = json_object(message.get("quick_reply"))
    if json_text(quick.get("payload")):
        return [chat.Incoming("postback", data=json_text(quick["payload"]))]
    if json_text(message.get("text")):
        return [chat.Incoming("text", text=json_text(message["text"]))]
    if message.get("sticker_id"):
        return [chat.Incoming("other")]
    incomings = []
    for attachment in json_list(message.get("attachments")):
        attachment = json_object(attachment)
        content = json_object(attachment.get("payload"))
        if attachment.get("type") == "image" and not content.get("sticker_id"):
            url = json_text(content.get("url"))
            incomings.append(chat.Incoming("image", message_id=url))
        elif attachment.get("type") == "location":
            coords = json_object(content.get("coordinates"))
            incomings.append(
                chat.Incoming(
                    "location",
                    latitude=coords.get("lat"),
                    longitude=coords.get("long"),
                    address=json_text(attachment.get("title")),
                )
            )
    return incomings or [chat.Incoming("other")]


def _messenger_answer(event: InboundEvent, payload: dict) -> tuple[Answer | None, str]:
    psid = json_text(json_object(payload.get("sender")).get("id"))
    message = json_object(payload.get("message"))
    if not psid or message.get("is_echo"):
        return None, psid
    if not message and not isinstance(payload.get("postback"), dict):
        return None, psid
    answer = _run(event, Channel.FACEBOOK, psid, _messenger_incomings(payload))
    # The citizen wrote: the 24-hour window opens again.
    Case.objects.filter(
        organization=event.organization, channel=Channel.FACEBOOK, facebook_psid=psid
    ).update(facebook_last_message_at=timezone.now())
    return answer, psid


def messenger_event_process(event_id: int) -> bool:
    """Process one stored Messenger message or postback; False when done before."""
    with translation.override("th"):
        with transaction.atomic():
            event = _claim(event_id)
            if event is None:
                return False
            settings_row = channel_settings_get(organization=event.organization)
            answer, psid = _messenger_answer(event, json_object(event.payload))
            _done(event)
        if answer is None:
            return True
        token = settings_row.facebook_page_token
        for outcome in answer.outcomes:
            photos_attach(outcome, Channel.FACEBOOK, token)
        send_messenger(
            token=token, psid=psid, replies=answer.replies, buttons=answer.buttons
        )
    return True
