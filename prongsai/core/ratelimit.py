"""Counting failed attempts and requests in short windows.

:class:`FailureLimit` bounds code guessing; :class:`RequestLimit` bounds how
often a client may call (the JSON API: per token for writes, per address for
reads).

Used where a visitor types a code that opens a record without an account
(an E-Service tracking code, a confidential complaint's receipt). Counters
live in the cache only, for a window or two; the visitor's address is kept
as a keyed hash, never in clear and never in logs. While the cache server is
down the limits fail open: :class:`prongsai.core.cache.FailSafeCache` finds
no counter and drops the writes, and logs that it does so.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from prongsai.core.clientip import client_ip


@dataclass(frozen=True)
class FailureLimit:
    """At most ``limit`` failures per ``scope`` in a window of ``window`` seconds."""

    name: str
    limit: int
    window: int = 60

    def _key(self, scope: str) -> str:
        bucket = int(time.time() // self.window)
        return f"ratelimit:{self.name}:{scope}:{bucket}"

    def exhausted(self, scope: str) -> bool:
        return cache.get(self._key(scope), 0) >= self.limit

    def failed(self, scope: str) -> None:
        key = self._key(scope)
        cache.add(key, 0, self.window * 2)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window * 2)


@dataclass(frozen=True)
class RequestLimit:
    """At most ``limit`` requests per ``scope`` in a fixed window of ``window`` s."""

    name: str
    limit: int
    window: int = 60

    def hit(self, scope: str, *, now: float | None = None) -> int | None:
        """Count one request; ``None`` when it is allowed, else the seconds
        until the window ends (the ``Retry-After`` of the refusal)."""
        moment = time.time() if now is None else now
        bucket = int(moment // self.window)
        key = f"ratelimit:{self.name}:{scope}:{bucket}"
        cache.add(key, 0, self.window * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr, or the cache is down
            cache.set(key, 1, self.window * 2)
            count = 1
        if count <= self.limit:
            return None
        return max(1, int((bucket + 1) * self.window - moment + 0.999))


def client_scope(request) -> str:
    """A keyed hash of the client's real address (``core.clientip``).

    Only the address, not the organisation: each limit has its own counter
    (its ``name``), one visitor's failures never count against another
    visitor, and trying the next organisation does not start a new count.
    """
    address = client_ip(request) or "unknown"
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()[:24]
