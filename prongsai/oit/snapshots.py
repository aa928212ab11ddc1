"""How a kept copy of a submitted page is named and typed when downloaded."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import SubmittedCopy

_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$")
_CHARSET = re.compile(r"charset=\"?([A-Za-z0-9_.:-]{1,40})\"?", re.IGNORECASE)


def copy_content_type(copy: SubmittedCopy) -> str:
    """The media type (and charset) the page was served with, if plain ones."""
    media_type, _sep, rest = copy.content_type.partition(";")
    media_type = media_type.strip().lower()
    if not _MEDIA_TYPE.match(media_type):
        return "application/octet-stream"
    charset = _CHARSET.search(rest)
    return f"{media_type}; charset={charset.group(1)}" if charset else media_type


def copy_filename(copy: SubmittedCopy) -> str:
    """``O8-2569-<first 12 hex of the hash>.html``: item, year, content."""
    item = copy.submitted_url.item
    extension = posixpath.splitext(copy.file.name)[1] or ".bin"
    return f"{item.code}-{item.checklist.fiscal_year}-{copy.sha256[:12]}{extension}"
