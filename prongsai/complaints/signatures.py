"""Webhook signatures of LINE and Meta, checked over the raw request bytes."""

from __future__ import annotations

import base64
import hashlib
import hmac


def line_signature(secret: str, body: bytes) -> str:
    """Base64(HMAC-SHA256(channel secret, raw body)), as LINE sends it."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def line_signature_valid(secret: str, body: bytes, signature: str) -> bool:
    if not secret or not signature:
        return False
    return hmac.compare_digest(
        line_signature(secret, body).encode("ascii"),
        signature.encode("ascii", "replace"),
    )


def meta_signature(secret: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256(app secret, raw body)>`` as Meta sends it."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return "sha256=" + digest


def meta_signature_valid(secret: str, body: bytes, signature: str) -> bool:
    if not secret or not signature:
        return False
    return hmac.compare_digest(
        meta_signature(secret, body).encode("ascii"),
        signature.strip().lower().encode("ascii", "replace"),
    )
