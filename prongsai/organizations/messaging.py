"""Notifying people of an organisation by e-mail and by LINE, from any app.

Apps of any layer call :func:`line_push` (a citizen or staff member's LINE
user id) or :func:`member_notify` (a member, by e-mail and, where they linked
LINE, by LINE push). Pushes go through the organisation's LINE Messaging API
channel (:class:`~prongsai.organizations.models.ChannelSettings`) and the one
client in :mod:`prongsai.organizations.channels`.

LINE user ids and message texts are never logged.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass

from django.core.mail import send_mail

from . import channels

logger = logging.getLogger(__name__)

# A stable namespace for retry keys derived from our own identifiers.
RETRY_NAMESPACE = uuid.UUID("5b0f3c8e-2a41-4f57-9a0e-6b3f1c2d7e90")


class LinePushError(Exception):
    """LINE refused the push or could not be reached (``status`` 0: network)."""

    def __init__(self, status: int = 0) -> None:
        super().__init__(f"LINE push failed with status {status}")
        self.status = status


def retry_key_for(*parts) -> str:
    """A UUID for LINE's ``X-Line-Retry-Key``, the same for the same parts.

    A task retried after a timeout pushes with the same key, and LINE accepts
    the message once.
    """
    return str(uuid.uuid5(RETRY_NAMESPACE, ":".join(str(p) for p in parts)))


def line_push(
    organization, line_user_id: str, text: str, *, retry_key: str = ""
) -> bool:
    """Push ``text`` to a LINE user through the organisation's Official Account.

    False (nothing sent) when the organisation has not configured LINE or
    there is no user id or text. ``retry_key`` (a UUID) makes a repeated call
    a no-op at LINE. Raises :class:`LinePushError` when LINE refused the
    message.
    """
    from .selectors import channel_settings_get

    if not line_user_id or not text:
        return False
    row = channel_settings_get(organization=organization)
    if not row.line_configured:
        return False
    try:
        channels.line_push(
            token=row.line_access_token,
            to=line_user_id,
            messages=channels.text_messages(text),
            retry_key=retry_key or str(uuid.uuid4()),
        )
    except channels.MessagingError as error:
        raise LinePushError(error.status) from None
    return True


class MessengerSendError(Exception):
    """Messenger refused the message or could not be reached (0: network)."""

    def __init__(self, status: int = 0) -> None:
        super().__init__(f"Messenger send failed with status {status}")
        self.status = status


def messenger_send(organization, psid: str, text: str) -> bool:
    """Send ``text`` to a Messenger user through the organisation's page.

    False (nothing sent) when the page is not configured or there is no id or
    text. Messenger accepts a standard message only within 24 hours of the
    user's last message: the caller decides whether it is still inside that
    window. Raises :class:`MessengerSendError` when Messenger refused it.
    """
    from .selectors import channel_settings_get

    if not psid or not text:
        return False
    row = channel_settings_get(organization=organization)
    if not row.facebook_page_token:
        return False
    try:
        channels.messenger_send(token=row.facebook_page_token, psid=psid, text=text)
    except channels.MessagingError as error:
        raise MessengerSendError(error.status) from None
    return True


def line_push_quietly(
    organization, line_user_id: str, text: str, *, retry_key: str = ""
) -> bool:
    """:func:`line_push` that logs a failure (status only) instead of raising."""
    try:
        return line_push(organization, line_user_id, text, retry_key=retry_key)
    except LinePushError as error:
        logger.warning("LINE push failed with status %s", error.status)
        return False


@dataclass(frozen=True)
class Notified:
    email: bool = False
    line: bool = False


def member_line_push(membership, text: str, *, retry_key: str = "") -> bool:
    """Push ``text`` to a member who linked LINE; False when not linked."""
    if (
        membership is None
        or not membership.is_active
        or not membership.user.is_active
        or not membership.line_user_id
    ):
        return False
    return line_push_quietly(
        membership.organization,
        membership.line_user_id,
        text,
        retry_key=retry_key,
    )


def member_notify(
    membership,
    *,
    subject: str,
    body: str,
    line_text: str = "",
    retry_key: str = "",
) -> Notified:
    """E-mail a member and, where they linked LINE, push ``line_text`` too.

    The LINE text defaults to the subject; it should be short and carry no
    confidential content (a title and a link). A LINE failure never stops the
    e-mail.
    """
    if membership is None or not membership.is_active or not membership.user.is_active:
        return Notified()
    emailed = False
    if membership.user.email:
        send_mail(
            subject=subject,
            message=body,
            from_email=None,
            recipient_list=[membership.user.email],
        )
        emailed = True
    pushed = member_line_push(membership, line_text or subject, retry_key=retry_key)
    return Notified(email=emailed, line=pushed)


# --- Linking a member's LINE account -------------------------------------------------

LINK_CODE_DIGITS = 6
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_LINK_MESSAGE = re.compile(
    r"^\s*(?:เชื่อมต่อ|เชื่อม|link)\s*[:：\-]?\s*([0-9๐-๙]{3})\s?([0-9๐-๙]{3})\s*$",
    re.IGNORECASE,
)


def parse_link_message(text: str) -> str | None:
    """The code in a LINE message such as ``เชื่อม 123456``, else None.

    Thai digits and a space in the middle of the code are accepted; a bare
    number is not, so that a phone number typed in the complaint chat is never
    taken for a code.
    """
    match = _LINK_MESSAGE.match(text or "")
    if match is None:
        return None
    return (match.group(1) + match.group(2)).translate(_THAI_DIGITS)
