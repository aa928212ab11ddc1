"""Other apps' records in the one Open311 GeoReport v2 API.

The API itself lives in ``prongsai.eservices.open311`` (``/api/open311/v2/``,
``jurisdiction_id`` = the organisation's slug) and serves the E-Service's
requests. Another app adds its public records by declaring ``OPEN311_FEED``
(an :class:`Open311Feed`) in its ``open311_feed.py``; the API gathers the
feeds with :func:`feeds` and never imports the apps (see docs/development.md,
"Plugin registries"). The complaint centre's feed lists the public reports of
the complaints map, read-only.

A feed's service codes contain an underscore (``complaints_12``): E-Service
codes never do (``eservices.models.code_validator``), so the two never clash.
Its request ids are never all digits (the E-Service's are).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

#: The separator of a feed's service codes (``<prefix>_<code>``).
FEED_CODE_SEPARATOR = "_"


@dataclass(frozen=True)
class Open311Query:
    """The filters of ``GET requests.json`` without ids."""

    start: datetime.datetime
    end: datetime.datetime
    service_codes: tuple[str, ...] = ()  # empty: every service
    status: str = ""  # "", "open" or "closed"


@dataclass(frozen=True)
class Open311Request:
    """One row of ``requests.json`` with the time it is ordered by."""

    requested_at: datetime.datetime
    row: dict[str, Any]


@dataclass(frozen=True)
class Open311Feed:
    """What one app offers to the Open311 API (every callable gets the
    organisation first and reads only what the public may see)."""

    #: The prefix of the feed's service codes (``complaints``).
    prefix: str
    #: Rows of ``services.json``.
    services: Callable[[Any], list[dict[str, Any]]]
    #: Rows of ``requests.json``, newest first (the API merges and pages them).
    requests: Callable[[Any, Open311Query], Iterable[Open311Request]]
    #: The rows of the given ``service_request_id`` values that are the
    #: feed's (never all digits: those are the E-Service's), in one read.
    requests_by_id: Callable[[Any, list[str]], list[dict[str, Any]]]
    #: Why ``POST requests.json`` refuses the feed's services (read-only
    #: feeds); a feed that takes requests would offer a callable instead.
    read_only_notice: Callable[[Any], str]

    def owns_code(self, code: str) -> bool:
        return code.startswith(self.prefix + FEED_CODE_SEPARATOR)


@cache
def _discovered() -> tuple[Open311Feed, ...]:
    from prongsai.core.plugins import discover

    return tuple(feed for _label, feed in discover("open311_feed", "OPEN311_FEED"))


def feeds() -> tuple[Open311Feed, ...]:
    """Every app's feed, in ``INSTALLED_APPS`` order."""
    return _discovered()


def feed_for_code(code: str) -> Open311Feed | None:
    """The feed whose service ``code`` is, or None (an E-Service code)."""
    return next((f for f in feeds() if f.owns_code(code)), None)
