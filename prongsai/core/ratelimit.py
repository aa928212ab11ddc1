"""Counting requests and failed attempts in short windows, per visitor.

:class:`FailureLimit` is used where a visitor types a code that opens a
record without an account (an E-Service tracking code, a confidential
complaint's receipt); :class:`RequestLimit` with :func:`limit_submissions`
bounds how often one visitor may send a public form. Counters
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
from functools import wraps

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


@dataclass(frozen=True)
class RequestLimit:
    """At most ``limit`` requests per visitor in a window of ``window`` seconds.

    The one request limit: public forms (complaints, confidential reports,
    E-Service requests, questions, surveys; every POST counts, valid or not)
    and the JSON API (reads per address, writes per token). Generous on
    purpose: a village office, or a mobile network that puts many phones
    behind one address, must not notice it; a script
    sending hundreds does.
    """

    name: str
    limit: int
    window: int = 600

    def _bucket(self, now: float | None) -> int:
        return int((time.time() if now is None else now) // self.window)

    def hit(self, scope: str, *, now: float | None = None) -> bool:
        """Count one request; ``False`` once ``scope`` is over the limit."""
        key = f"ratelimit:req:{self.name}:{scope}:{self._bucket(now)}"
        cache.add(key, 0, self.window * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr, or the cache is down
            cache.set(key, 1, self.window * 2)
            count = 1
        return count <= self.limit

    def retry_after(self, *, now: float | None = None) -> int:
        """Seconds until the current window ends (a refusal's ``Retry-After``)."""
        moment = time.time() if now is None else now
        return max(1, int((self._bucket(now) + 1) * self.window - moment + 0.999))


#: Attribute set on the request by :func:`limit_submissions` when the
#: visitor is over the limit; ``core.forms.handle_form`` then refuses the form.
SUBMISSION_LIMITED = "prongsai_submission_limited"


def limit_submissions(limit: RequestLimit):
    """Decorate a public form view: over the limit, the form comes back.

    The POST is counted; over the limit, ``handle_form`` does not call the
    service and puts a Thai message on the form, which keeps everything the
    visitor typed, and the page is answered with 429 and ``Retry-After``.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            limited = request.method == "POST" and not limit.hit(client_scope(request))
            if limited:
                setattr(request, SUBMISSION_LIMITED, limit)
            response = view(request, *args, **kwargs)
            if limited and response.status_code == 200:
                response.status_code = 429
                response["Retry-After"] = str(limit.retry_after())
            return response

        return wrapped

    return decorator
