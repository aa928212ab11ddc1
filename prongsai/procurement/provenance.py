"""Where each value of a procurement record came from (pure).

A record keeps, per field, the source of its current value: a file (its
name), a feed (its label, e.g. "e-GP API 2026-12-07") or an officer's hand
entry, and when it was written: ``{"agreed_price": {"kind": "file",
"source": "sor1-2568-01.xlsx", "at": "2026-01-05T10:00:00+07:00"}}``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

FILE = "file"
FEED = "feed"
HAND = "hand"


@dataclass(frozen=True)
class Source:
    kind: str  # FILE, FEED or HAND
    label: str = ""

    def entry(self, at: datetime.datetime) -> dict:
        return {"kind": self.kind, "source": self.label, "at": at.isoformat()}

    def describe(self) -> str:
        return describe({"kind": self.kind, "source": self.label})


HAND_ENTRY = Source(HAND)


def stamp(
    sources: Mapping[str, dict],
    fields: Iterable[str],
    source: Source,
    at: datetime.datetime,
) -> dict[str, dict]:
    """*sources* with *fields* now coming from *source*."""
    result = dict(sources or {})
    entry = source.entry(at)
    for name in fields:
        result[name] = entry
    return result


def describe(entry: Mapping) -> str:
    """A source as the staff page shows it, e.g. "ไฟล์ sor1-2568-01.xlsx"."""
    kind, label = entry.get("kind"), entry.get("source") or ""
    if kind == FILE:
        return _("file %(name)s") % {"name": label}
    if kind == FEED:
        return _("feed %(name)s") % {"name": label}
    return _("entered by hand")
