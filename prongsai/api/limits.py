"""The API's rate limits (``core.ratelimit.RequestLimit``): reads per client
address, writes per token. Sizes from the settings ``PRONGSAI_API_READS_PER_MINUTE``
and ``PRONGSAI_API_WRITES_PER_MINUTE``."""

from __future__ import annotations

from django.conf import settings

from prongsai.core.ratelimit import RequestLimit, client_scope

from .errors import RateLimited


def _limit(name: str, setting: str, default: int) -> RequestLimit:
    return RequestLimit(
        name=name, limit=int(getattr(settings, setting, default)), window=60
    )


def limit_reads(request) -> None:
    """Count a read of the client's address; over the limit raises ``RateLimited``."""
    limit = _limit("api-read", "PRONGSAI_API_READS_PER_MINUTE", 120)
    if not limit.hit(client_scope(request)):
        raise RateLimited(limit.retry_after())


def limit_writes(token) -> None:
    """Count a write of ``token``; over the limit raises ``RateLimited``."""
    limit = _limit("api-write", "PRONGSAI_API_WRITES_PER_MINUTE", 60)
    if not limit.hit(f"token-{token.pk}"):
        raise RateLimited(limit.retry_after())
