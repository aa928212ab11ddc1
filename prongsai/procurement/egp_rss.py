"""The e-GP announcement RSS (no key): reading the latest invitations to bid
and selection results of a department (pure, but for :func:`fetch`).

The feed (``egpannouncerss.xml?deptId=<e-GP code>&anounceType=<type>``, the
misspelling is the feed's) returns about the latest 20 notices and is
reported closed during office hours, so it is read with the nightly fetch.
Each item links to its project page, which carries the 11-digit e-GP project
number: the key that links an announcement to a register record.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from . import cgd

RSS_URL = "https://process3.gprocurement.go.th/EPROCRssFeedWeb/egpannouncerss.xml"
INVITATION = "invitation"
RESULT = "result"
#: e-GP announcement types read: ประกาศเชิญชวน and ประกาศผู้ชนะ (ผลการพิจารณา).
ANNOUNCE_TYPES = (("D0", INVITATION), ("W0", RESULT))

_PROJECT_PARAM = re.compile(r"(?:project_?id|projectId)=(\d{11})(?!\d)", re.I)
_PROJECT_TEXT = re.compile(r"(?<!\d)(\d{11})(?!\d)")


@dataclass(frozen=True)
class Announcement:
    kind: str
    title: str
    url: str
    project_number: str
    published_at: datetime.datetime | None


def rss_url(*, dept_code: str, announce_type: str) -> str:
    query = urllib.parse.urlencode({"deptId": dept_code, "anounceType": announce_type})
    return f"{RSS_URL}?{query}"


def project_number(*texts: str) -> str:
    """The e-GP project number an item names: its link's parameter first."""
    for text in texts:
        found = _PROJECT_PARAM.search(text or "")
        if found:
            return found.group(1)
    for text in texts:
        found = _PROJECT_TEXT.search(text or "")
        if found:
            return found.group(1)
    return ""


def _when(text: str) -> datetime.datetime | None:
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return value


def parse(body: bytes, *, kind: str) -> list[Announcement]:
    """The items of one RSS document; :class:`cgd.FeedError` when it is not RSS."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        raise cgd.FeedError(cgd.MALFORMED, "not RSS") from None
    found = []
    for item in root.iter("item"):
        title = " ".join((item.findtext("title") or "").split())
        link = (item.findtext("link") or "").strip()
        number = project_number(link, title, item.findtext("description") or "")
        if not (title and link.startswith(("http://", "https://")) and number):
            continue
        found.append(
            Announcement(
                kind=kind,
                title=title[:500],
                url=link[:1000],
                project_number=number,
                published_at=_when(item.findtext("pubDate") or ""),
            )
        )
    return found


def fetch(
    *, dept_code: str, opener: cgd.Opener | None = None
) -> Sequence[Announcement]:
    """The invitations and results the feed lists for one department."""
    found: list[Announcement] = []
    for announce_type, kind in ANNOUNCE_TYPES:
        url = rss_url(dept_code=dept_code, announce_type=announce_type)
        found.extend(parse(cgd.get(url, opener=opener), kind=kind))
    return found
