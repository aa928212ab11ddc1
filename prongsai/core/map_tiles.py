"""The map tile server: one setting for every map, and the CSP it needs.

Every map on the site (the budget's project map, the complaints map) draws
its background from ``PRONGSAI_MAP_TILE_URL`` with
``PRONGSAI_MAP_TILE_ATTRIBUTION`` (``{% map_tile_attrs %}`` in
``templatetags/maps.py`` hands them to the page, ``static/js/map_tiles.js``
adds the layer). The settings derive the Content Security Policy's
``img-src`` from the same URL with :func:`tile_origin`, so changing the tile
server changes what the browser may load, in one place.

No Django import here: ``config/settings/base.py`` imports this module.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "OpenStreetMap</a> contributors"
)

_PLACEHOLDER = re.compile(r"\{[a-z]+\}")
_LABEL = re.compile(r"^(\*|[a-z0-9]([a-z0-9-]*[a-z0-9])?)$")


def tile_origin(url: str) -> str:
    """The CSP source that allows the tiles of ``url`` ("" for no tiles).

    ``https://tile.openstreetmap.org/{z}/{x}/{y}.png`` gives
    ``https://tile.openstreetmap.org``; a sub-domain placeholder
    (``https://{s}.tile.example.org/...``) gives ``https://*.tile.example.org``.
    Raises ``ValueError`` for anything that is not an http(s) address of a
    host name, so a mistyped setting stops the start instead of opening the
    policy.
    """
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the tile URL must start with https:// (or http://)")
    if "@" in parts.netloc:
        raise ValueError("the tile URL must not carry a user name or password")
    host, _colon, port = parts.netloc.lower().partition(":")
    labels = [_PLACEHOLDER.sub("*", label) for label in host.split(".")]
    if not all(_LABEL.match(label) for label in labels):
        raise ValueError("the tile URL must name a host, e.g. tile.example.org")
    if "*" in labels[1:] or (labels[0] == "*" and len(labels) < 3):
        raise ValueError(
            "only the first part of a host with a domain (x.example.org) may be "
            "a placeholder"
        )
    if port and not port.isdigit():
        raise ValueError("the tile URL's port must be a number")
    return f"{parts.scheme}://{'.'.join(labels)}" + (f":{port}" if port else "")
