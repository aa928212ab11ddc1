"""Processing stored webhook events from LINE and Messenger into cases.

Called by tasks with the id of an ``InboundEvent``. An event is processed once:
the row is locked and marked processed in the same transaction that changes
the chat session or creates the case (which is also unique on the event id).
Answers are sent after the commit; their text is never logged.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.core.params import json_list, json_object, json_text
from prongsai.core.urls import absolute_url
from prongsai.organizations import channels
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
from .models import (
    Case,
    Category,
    Channel,
    ChatSession,
    InboundEvent,
    Kind,
    Status,
)
from .services import case_submit, chat_session_save

logger = logging.getLogger(__name__)


def _tracking_url(case: Case) -> str:
    return absolute_url(
        reverse(
            "complaints-public:track",
            kwargs={"org": case.organization.slug, "code": case.tracking_code},
        ),
        organization=case.organization,
    )


def _categories(organization) -> list[tuple[int, str]]:
    return list(
        Category.objects.filter(organization=organization, is_active=True)
        .order_by("order", "name")
        .values_list("pk", "name")
    )


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError, ValueError):
        return None


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


def _advance(
    *, event: InboundEvent, channel: str, user_id: str, incoming: chat.Incoming
) -> tuple[chat.Step, Case | None, ChatSession]:
    organization = event.organization
    session, _created = ChatSession.objects.get_or_create(
        organization=organization, channel=channel, user_id=user_id
    )
    step = chat.advance(
        session.state, session.data, incoming, _categories(organization)
    )
    case = None
    if step.status_query:
        step.replies = [_status_summary(organization, channel, user_id)]
    if step.complete:
        data = step.data
        category = (
            Category.objects.filter(
                organization=organization, pk=data.get("category_id")
            ).first()
            if data.get("category_id")
            else None
        )
        description = data.get("description", "")
        case = case_submit(
            organization=organization,
            kind=Kind.COMPLAINT,
            channel=channel,
            category=category,
            subject=description[:80],
            description=description,
            location_text=data.get("location_text", ""),
            latitude=_decimal(data.get("latitude")),
            longitude=_decimal(data.get("longitude")),
            line_user_id=user_id if channel == Channel.LINE else "",
            facebook_psid=user_id if channel == Channel.FACEBOOK else "",
            source_event_id=f"{event.source}:{event.event_id}",
            photos=[],
        )
        step.replies = [receipt_text(case)]
        step.data = {"photos": data.get("photos", [])}
    chat_session_save(
        session=session, state=step.state, data={} if step.complete else step.data
    )
    return step, case, session


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


def _line_incoming(message: dict) -> chat.Incoming:
    kind = message.get("type")
    if kind == "text":
        return chat.Incoming("text", text=json_text(message.get("text")))
    if kind == "image":
        return chat.Incoming("image", message_id=json_text(message.get("id")))
    if kind == "location":
        return chat.Incoming(
            "location",
            latitude=message.get("latitude"),
            longitude=message.get("longitude"),
            address=json_text(message.get("address") or message.get("title")),
        )
    return chat.Incoming("other")


def line_event_process(event_id: int) -> bool:
    """Process one stored LINE event; False when it was already processed."""
    with translation.override("th"):
        with transaction.atomic():
            event = (
                InboundEvent.objects.select_for_update()
                .select_related("organization")
                .filter(pk=event_id)
                .first()
            )
            if event is None or event.processed_at is not None:
                return False
            settings_row = channel_settings_get(organization=event.organization)
            payload = json_object(event.payload)
            step = case = None
            source = json_object(payload.get("source"))
            user_id = json_text(source.get("userId"))
            message = json_object(payload.get("message"))
            link_code = (
                parse_link_message(json_text(message.get("text")))
                if message.get("type") == "text"
                else None
            )
            if (
                payload.get("type") == "message"
                and payload.get("mode", "active") == "active"
                and source.get("type") == "user"
                and user_id
                and link_code
            ):
                step = chat.Step(
                    "", {}, [_staff_link(event.organization, link_code, user_id)]
                )
            elif (
                payload.get("type") == "message"
                and payload.get("mode", "active") == "active"
                and source.get("type") == "user"
                and user_id
            ):
                incoming = _line_incoming(message)
                step, case, _session = _advance(
                    event=event,
                    channel=Channel.LINE,
                    user_id=user_id,
                    incoming=incoming,
                )
            elif payload.get("type") == "follow" and user_id:
                step = chat.Step(
                    chat.IDLE,
                    {},
                    [
                        _(
                            "Thank you for adding us. Send any message to file a "
                            "complaint or suggestion, or “Status” to follow one."
                        )
                    ],
                )
            event.processed_at = timezone.now()
            event.attempts += 1
            event.save(update_fields=["processed_at", "attempts", "updated_at"])
        token = settings_row.line_access_token
        if case is not None and token:
            _line_attach_photos(case, token, step.data.get("photos", []))
        reply_token = json_text(payload.get("replyToken"))
        if step and step.replies and reply_token and token:
            try:
                channels.line_reply(
                    token=token,
                    reply_token=reply_token,
                    messages=channels.text_messages(
                        *step.replies, quick_replies=step.quick_replies
                    ),
                )
            except channels.MessagingError as error:
                logger.warning("LINE reply failed with status %s", error.status)
    return True


def _line_attach_photos(case: Case, token: str, message_ids: list[str]) -> None:
    from .services import case_add_photos

    blobs = []
    for message_id in message_ids:
        try:
            blobs.append(channels.line_content(token=token, message_id=message_id))
        except channels.MessagingError as error:
            logger.warning("LINE content download failed with status %s", error.status)
    if blobs:
        case_add_photos(case=case, photos=blobs)


def _messenger_incoming(message: dict) -> chat.Incoming:
    if json_text(message.get("text")):
        return chat.Incoming("text", text=json_text(message["text"]))
    for attachment in json_list(message.get("attachments")):
        attachment = json_object(attachment)
        content = json_object(attachment.get("payload"))
        if attachment.get("type") == "image":
            return chat.Incoming("image", message_id=json_text(content.get("url")))
        if attachment.get("type") == "location":
            coords = json_object(content.get("coordinates"))
            return chat.Incoming(
                "location",
                latitude=coords.get("lat"),
                longitude=coords.get("long"),
                address=json_text(attachment.get("title")),
            )
    return chat.Incoming("other")


def messenger_event_process(event_id: int) -> bool:
    """Process one stored Messenger message; False when already processed."""
    with translation.override("th"):
        with transaction.atomic():
            event = (
                InboundEvent.objects.select_for_update()
                .select_related("organization")
                .filter(pk=event_id)
                .first()
            )
            if event is None or event.processed_at is not None:
                return False
            settings_row = channel_settings_get(organization=event.organization)
            payload = json_object(event.payload)
            psid = json_text(json_object(payload.get("sender")).get("id"))
            message = json_object(payload.get("message"))
            step = case = None
            if psid and message and not message.get("is_echo"):
                step, case, _session = _advance(
                    event=event,
                    channel=Channel.FACEBOOK,
                    user_id=psid,
                    incoming=_messenger_incoming(message),
                )
                # The citizen wrote: the 24-hour window opens again.
                Case.objects.filter(
                    organization=event.organization,
                    channel=Channel.FACEBOOK,
                    facebook_psid=psid,
                ).update(facebook_last_message_at=timezone.now())
            event.processed_at = timezone.now()
            event.attempts += 1
            event.save(update_fields=["processed_at", "attempts", "updated_at"])
        token = settings_row.facebook_page_token
        if case is not None:
            _messenger_attach_photos(case, step.data.get("photos", []))
        if step and step.replies and token:
            try:
                channels.messenger_send(
                    token=token, psid=psid, text="\n\n".join(step.replies)
                )
            except channels.MessagingError as error:
                logger.warning("Messenger send failed with status %s", error.status)
    return True


def _messenger_attach_photos(case: Case, urls: list[str]) -> None:
    from .services import case_add_photos

    blobs = []
    for url in urls:
        try:
            blobs.append(channels.fetch_url(url))
        except channels.MessagingError as error:
            logger.warning(
                "Messenger image download failed with status %s", error.status
            )
    if blobs:
        case_add_photos(case=case, photos=blobs)
