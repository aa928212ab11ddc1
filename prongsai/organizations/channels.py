"""The one client for the organisation's LINE and Facebook channels.

LINE Messaging API (replies, pushes, content of images), the Messenger Send
API and LINE Login (OAuth 2.1 with OpenID Connect) for citizens. Every app
(complaints, E-Service, ``organizations.messaging``) calls these functions
with the tokens of :class:`~prongsai.organizations.models.ChannelSettings`.

Only :func:`_open` touches the network; tests stub that one function. Tokens,
secrets, codes and user ids are passed in per call and never logged.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.utils.crypto import constant_time_compare

LINE_API = "https://api.line.me/v2/bot"
LINE_DATA_API = "https://api-data.line.me/v2/bot"
GRAPH_API = "https://graph.facebook.com/v21.0"
LOGIN_AUTHORIZE_URL = "https://access.line.me/oauth2/v2.1/authorize"
LOGIN_TOKEN_URL = "https://api.line.me/oauth2/v2.1/token"  # noqa: S105 - an endpoint
LOGIN_VERIFY_URL = "https://api.line.me/oauth2/v2.1/verify"
LOGIN_ISSUER = "https://access.line.me"
TIMEOUT = 10


class MessagingError(Exception):
    """The platform refused the call or could not be reached (status 0)."""

    def __init__(self, status: int, reason: str = "") -> None:
        super().__init__(f"messaging API answered {status}")
        self.status = status
        self.reason = reason


class LineLoginError(Exception):
    """A LINE Login could not be completed; ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Response:
    status: int
    body: bytes


def _open(request: urllib.request.Request) -> Response:
    """The network edge: send one HTTPS request and return status and body."""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read() or b"")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise MessagingError(0, type(error).__name__) from None


def _post_json(url: str, token: str, payload: dict, headers=None) -> Response:
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        method="POST",
        headers={
            "Authorization": "Bearer " + token,
            "Content-Type": "application/json; charset=utf-8",
            **(headers or {}),
        },
    )
    return _open(request)


# --- LINE Messaging API ---------------------------------------------------------------
@dataclass(frozen=True)
class QuickReply:
    """A quick-reply button: a postback carrying ``data`` (shown as ``label``
    when tapped), a plain message, or LINE's "share location"."""

    label: str
    data: str = ""
    kind: str = "postback"  # postback | message | location


def _line_action(reply: QuickReply | str) -> dict[str, Any]:
    if isinstance(reply, str):
        return {"type": "message", "label": reply[:20], "text": reply}
    if reply.kind == "location":
        return {"type": "location", "label": reply.label[:20]}
    if reply.kind == "message":
        return {"type": "message", "label": reply.label[:20], "text": reply.label}
    return {
        "type": "postback",
        "label": reply.label[:20],
        "data": reply.data[:300],
        "displayText": reply.label[:300],
    }


def text_messages(
    *texts: str, quick_replies: list[QuickReply | str] | None = None
) -> list[dict]:
    """LINE message objects for ``texts`` (at most five per call); the quick
    replies (at most 13) go on the last one."""
    messages: list[dict[str, Any]] = [
        {"type": "text", "text": t[:5000]} for t in texts[:5]
    ]
    if quick_replies and messages:
        messages[-1]["quickReply"] = {
            "items": [
                {"type": "action", "action": _line_action(q)}
                for q in quick_replies[:13]
            ]
        }
    return messages


def line_reply(*, token: str, reply_token: str, messages: list[dict]) -> None:
    answer = _post_json(
        LINE_API + "/message/reply",
        token,
        {"replyToken": reply_token, "messages": messages},
    )
    if answer.status != 200:
        raise MessagingError(answer.status)


def line_push(*, token: str, to: str, messages: list[dict], retry_key: str) -> None:
    """Push to a user; ``retry_key`` makes a retried push a no-op (409 = done)."""
    answer = _post_json(
        LINE_API + "/message/push",
        token,
        {"to": to, "messages": messages},
        headers={"X-Line-Retry-Key": retry_key},
    )
    if answer.status not in (200, 409):
        raise MessagingError(answer.status)


def line_content(*, token: str, message_id: str) -> bytes:
    """The bytes of an image (or other file) a user sent."""
    request = urllib.request.Request(  # noqa: S310 - fixed https URL
        f"{LINE_DATA_API}/message/{message_id}/content",
        headers={"Authorization": "Bearer " + token},
    )
    answer = _open(request)
    if answer.status != 200:
        raise MessagingError(answer.status)
    return answer.body


# --- Facebook Messenger ---------------------------------------------------------------
def messenger_send(
    *, token: str, psid: str, text: str, quick_replies: list[QuickReply] | None = None
) -> None:
    """A standard reply inside the 24-hour messaging window; postback quick
    replies (at most 13) become Messenger quick replies with payloads
    (Messenger has no share-location button any more: those are left out)."""
    message: dict[str, Any] = {"text": text[:2000]}
    buttons = [
        {"content_type": "text", "title": q.label[:20], "payload": q.data[:1000]}
        for q in quick_replies or []
        if q.kind == "postback"
    ][:13]
    if buttons:
        message["quick_replies"] = buttons
    answer = _post_json(
        GRAPH_API + "/me/messages",
        token,
        {"recipient": {"id": psid}, "messaging_type": "RESPONSE", "message": message},
    )
    if answer.status != 200:
        raise MessagingError(answer.status)


def fetch_url(url: str) -> bytes:
    """Download an attachment Meta hosts (image URLs in Messenger events)."""
    if not url.startswith("https://"):
        raise MessagingError(0, "not https")
    answer = _open(urllib.request.Request(url))  # noqa: S310 - https only
    if answer.status != 200:
        raise MessagingError(answer.status)
    return answer.body


# --- LINE Login -----------------------------------------------------------------------
def _post_form(url: str, data: dict[str, str]) -> Response:
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url,
        data=urllib.parse.urlencode(data).encode("ascii"),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        return _open(request)
    except MessagingError as error:
        raise LineLoginError("network: " + error.reason) from None


def login_authorize_url(
    *, channel_id: str, redirect_uri: str, state: str, nonce: str
) -> str:
    """Where to send the citizen's browser to sign in with LINE."""
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": channel_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "scope": "openid",
            "nonce": nonce,
            # Offer to add the organisation's Official Account as a friend:
            # pushes reach only friends (needs the OA linked to the channel).
            "bot_prompt": "normal",
        }
    )
    return LOGIN_AUTHORIZE_URL + "?" + query


def _json(answer: Response, what: str) -> dict:
    if answer.status != 200:
        raise LineLoginError(f"{what} answered {answer.status}")
    try:
        data = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise LineLoginError(f"{what} answered no JSON") from None
    if not isinstance(data, dict):
        raise LineLoginError(f"{what} answered no object")
    return data


def login_exchange_code(
    *, code: str, redirect_uri: str, channel_id: str, channel_secret: str
) -> str:
    """The ID token for an authorisation code (the token endpoint)."""
    data = _json(
        _post_form(
            LOGIN_TOKEN_URL,
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": channel_id,
                "client_secret": channel_secret,
            },
        ),
        "token endpoint",
    )
    id_token = data.get("id_token")
    if not isinstance(id_token, str) or not id_token:
        raise LineLoginError("no id_token")
    return id_token


def login_verify_id_token(
    *, id_token: str, channel_id: str, nonce: str, now: float | None = None
) -> str:
    """The LINE user id (``sub``) of a valid ID token for this channel and nonce.

    LINE's verify endpoint checks the signature (HS256 with the channel
    secret); the claims it returns are checked here again.
    """
    claims = _json(
        _post_form(
            LOGIN_VERIFY_URL,
            {"id_token": id_token, "client_id": channel_id, "nonce": nonce},
        ),
        "verify endpoint",
    )
    now = time.time() if now is None else now
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("iss") != LOGIN_ISSUER:
        raise LineLoginError("wrong issuer")
    if channel_id not in [str(a) for a in audiences]:
        raise LineLoginError("wrong audience")
    try:
        expires = float(claims["exp"])
    except (KeyError, TypeError, ValueError):
        raise LineLoginError("no expiry") from None
    if expires <= now:
        raise LineLoginError("expired")
    if not nonce or not constant_time_compare(str(claims.get("nonce") or ""), nonce):
        raise LineLoginError("wrong nonce")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.startswith("U") or len(subject) > 64:
        raise LineLoginError("no user id")
    return subject
