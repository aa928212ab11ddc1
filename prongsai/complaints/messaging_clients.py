"""Small clients for the LINE Messaging API and the Messenger Send API.

Only ``_open`` touches the network; tests stub that one function. Access
tokens are passed in per call (they come from the organisation's settings) and
never logged.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

LINE_API = "https://api.line.me/v2/bot"
LINE_DATA_API = "https://api-data.line.me/v2/bot"
GRAPH_API = "https://graph.facebook.com/v21.0"
TIMEOUT = 10


class MessagingError(Exception):
    """The platform refused the call or could not be reached."""

    def __init__(self, status: int, reason: str = "") -> None:
        super().__init__(f"messaging API answered {status}")
        self.status = status
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


def text_messages(*texts: str, quick_replies: list[str] | None = None) -> list[dict]:
    """LINE message objects for ``texts`` (at most five per call)."""
    messages = [{"type": "text", "text": t[:5000]} for t in texts[:5]]
    if quick_replies and messages:
        messages[-1]["quickReply"] = {
            "items": [
                {
                    "type": "action",
                    "action": {"type": "message", "label": q[:20], "text": q},
                }
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


def messenger_send(*, token: str, psid: str, text: str) -> None:
    """A standard reply inside the 24-hour messaging window."""
    answer = _post_json(
        GRAPH_API + "/me/messages",
        token,
        {
            "recipient": {"id": psid},
            "messaging_type": "RESPONSE",
            "message": {"text": text[:2000]},
        },
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
