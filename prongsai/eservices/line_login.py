"""LINE Login (OAuth 2.1 with OpenID Connect) for citizens following requests.

The citizen signs in with LINE; the callback exchanges the code for tokens and
has LINE verify the ID token (``POST /oauth2/v2.1/verify`` with the channel ID
and the nonce), then checks issuer, audience, expiry and nonce itself. Only
``_post`` touches the network; tests stub that one function. Channel secrets,
codes, tokens and user ids are never logged.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare

AUTHORIZE_URL = "https://access.line.me/oauth2/v2.1/authorize"
TOKEN_URL = "https://api.line.me/oauth2/v2.1/token"  # noqa: S105 - an endpoint
VERIFY_URL = "https://api.line.me/oauth2/v2.1/verify"
ISSUER = "https://access.line.me"
TIMEOUT = 10


class LineLoginError(Exception):
    """The login could not be completed; ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Response:
    status: int
    body: bytes


def _post(url: str, data: dict[str, str]) -> Response:
    """The network edge: POST a form to a fixed LINE HTTPS URL."""
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url,
        data=urllib.parse.urlencode(data).encode("ascii"),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
            return Response(answer.status, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read() or b"")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise LineLoginError("network: " + type(error).__name__) from None


def authorize_url(*, channel_id: str, redirect_uri: str, state: str, nonce: str) -> str:
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
    return AUTHORIZE_URL + "?" + query


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


def exchange_code(
    *, code: str, redirect_uri: str, channel_id: str, channel_secret: str
) -> str:
    """The ID token for an authorisation code (the token endpoint)."""
    data = _json(
        _post(
            TOKEN_URL,
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


def verify_id_token(
    *, id_token: str, channel_id: str, nonce: str, now: float | None = None
) -> str:
    """The LINE user id (``sub``) of a valid ID token for this channel and nonce.

    LINE's verify endpoint checks the signature (HS256 with the channel
    secret); the claims it returns are checked here again.
    """
    claims = _json(
        _post(
            VERIFY_URL,
            {"id_token": id_token, "client_id": channel_id, "nonce": nonce},
        ),
        "verify endpoint",
    )
    now = time.time() if now is None else now
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if claims.get("iss") != ISSUER:
        raise LineLoginError("wrong issuer")
    if channel_id not in [str(a) for a in audiences]:
        raise LineLoginError("wrong audience")
    try:
        expires = float(claims.get("exp"))
    except (TypeError, ValueError):
        raise LineLoginError("no expiry") from None
    if expires <= now:
        raise LineLoginError("expired")
    if not nonce or not constant_time_compare(str(claims.get("nonce") or ""), nonce):
        raise LineLoginError("wrong nonce")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.startswith("U") or len(subject) > 64:
        raise LineLoginError("no user id")
    return subject
