"""The chat's network side, after the commit: replies, pushes and photos.

Photos a citizen sent on LINE are fetched through the content API
(``channels.line_content``), on Messenger from the URL Meta hosts; both are
stored privately like web photos (``services_intake.case_add_photos``).
Failures are logged with their status only: never a text or a user id.
"""

from __future__ import annotations

import logging
import uuid

from django.utils import translation

from prongsai.organizations import channels
from prongsai.organizations.messaging import line_push_quietly
from prongsai.organizations.selectors import channel_settings_get

from . import chat
from .models import Case, Channel
from .services_chat import ChatOutcome, chat_draft_file_idle
from .services_intake import case_add_photos

logger = logging.getLogger(__name__)


def _quick_replies(buttons: list[chat.Button]) -> list[channels.QuickReply]:
    return [channels.QuickReply(b.label, b.data, b.kind) for b in buttons]


def reply_line(
    *, token: str, reply_token: str, replies: list[str], buttons: list[chat.Button]
) -> None:
    if not (replies and reply_token and token):
        return
    try:
        channels.line_reply(
            token=token,
            reply_token=reply_token,
            messages=channels.text_messages(
                *replies, quick_replies=_quick_replies(buttons)
            ),
        )
    except channels.MessagingError as error:
        logger.warning("LINE reply failed with status %s", error.status)


def send_messenger(
    *, token: str, psid: str, replies: list[str], buttons: list[chat.Button]
) -> bool:
    if not (replies and psid and token):
        return False
    try:
        channels.messenger_send(
            token=token,
            psid=psid,
            text="\n\n".join(replies),
            quick_replies=_quick_replies(buttons),
        )
    except channels.MessagingError as error:
        logger.warning("Messenger send failed with status %s", error.status)
        return False
    return True


def _download(channel: str, token: str, photo: str) -> bytes | None:
    try:
        if channel == Channel.LINE:
            if not token:
                return None
            return channels.line_content(token=token, message_id=photo)
        return channels.fetch_url(photo)
    except channels.MessagingError as error:
        logger.warning("chat photo download failed with status %s", error.status)
        return None


def photos_attach(outcome: ChatOutcome, channel: str, token: str) -> int:
    """Fetch the photos of ``outcome`` and attach them to its case."""
    if outcome.photos_case is None or not outcome.photos:
        return 0
    blobs = [
        blob for blob in (_download(channel, token, p) for p in outcome.photos) if blob
    ]
    return case_add_photos(case=outcome.photos_case, photos=blobs) if blobs else 0


def _push(case: Case, text: str) -> bool:
    """Tell the citizen ``text`` where they wrote from (no reply token here)."""
    if case.channel == Channel.LINE:
        # The same key for the same case: a retried task pushes once.
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai:chat-receipt:{case.pk}")
        return line_push_quietly(
            case.organization, case.line_user_id, text, retry_key=str(key)
        )
    row = channel_settings_get(organization=case.organization)
    return send_messenger(
        token=row.facebook_page_token,
        psid=case.facebook_psid,
        replies=[text],
        buttons=[],
    )


def idle_draft_file(session_id: int) -> Case | None:
    """File a draft left idle, fetch its photos, and push the case number."""
    from .intake import receipt_text

    with translation.override("th"):
        outcome = chat_draft_file_idle(session_id=session_id)
        if outcome is None or outcome.case is None:
            return None
        case = outcome.case
        token = ""
        if case.channel == Channel.LINE:
            token = channel_settings_get(
                organization=case.organization
            ).line_access_token
        photos_attach(outcome, case.channel, token)
        _push(case, receipt_text(case))
    return case
