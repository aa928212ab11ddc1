"""The tile server of every map: ``{% load maps %}<div {% map_tile_attrs %}>``.

Gives the map element ``data-tile-url`` and ``data-tile-attribution`` from
``PRONGSAI_MAP_TILE_URL`` / ``PRONGSAI_MAP_TILE_ATTRIBUTION``;
``static/js/map_tiles.js`` (``Prongsai.addTiles(map, element)``) reads them.
The settings derive the CSP's ``img-src`` from the same URL
(``prongsai.core.map_tiles``).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def map_tile_attrs() -> SafeString:
    return format_html(
        'data-tile-url="{}" data-tile-attribution="{}"',
        settings.PRONGSAI_MAP_TILE_URL,
        settings.PRONGSAI_MAP_TILE_ATTRIBUTION,
    )
