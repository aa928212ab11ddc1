"""Colours an organisation chooses, kept readable (WCAG 2.1 AA).

An organisation sets one brand colour (``#RRGGBB``). The site uses it for
buttons, links and the header band; :func:`theme` derives from it a shade
dark enough for text and links on white (4.5:1) and the text colour that
reads on the brand colour itself (white or near-black, whichever contrasts
more), so no choice of colour makes the site unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: WCAG 2.1 AA for normal text.
AA = 4.5
WHITE = "#ffffff"
INK = "#1b1f23"
#: The site's own colour when an organisation sets none.
DEFAULT = "#1d4f91"


def parse(value: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three 0-255 integers; ``ValueError`` for anything else."""
    if not HEX_COLOUR.match(value or ""):
        raise ValueError(value)
    return tuple(int(value[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def to_hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(value: str) -> float:
    r, g, b = parse(value)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shade(value: str, factor: float) -> str:
    """``value`` mixed towards black (``factor`` 0: unchanged, 1: black)."""
    return to_hex(tuple(c * (1 - factor) for c in parse(value)))  # type: ignore[arg-type]


def readable_on_white(value: str) -> str:
    """``value``, darkened in small steps until text in it reads on white."""
    colour = value.lower()
    step = 0
    while contrast(colour, WHITE) < AA and step < 20:
        step += 1
        colour = shade(value, step * 0.05)
    return colour


def text_on(value: str) -> str:
    """White or ink: whichever reads better on a ``value`` background."""
    return WHITE if contrast(value, WHITE) >= contrast(value, INK) else INK


@dataclass(frozen=True)
class Theme:
    """The custom properties of one organisation's colour."""

    brand: str  # the header band: the colour as chosen when text reads on it
    on_brand: str  # text on the brand colour
    primary: str  # buttons and links on white (AA)
    primary_dark: str  # hover / pressed
    on_primary: str  # text on buttons

    @property
    def primary_rgb(self) -> str:
        return ", ".join(str(c) for c in parse(self.primary))


def theme(value: str | None) -> Theme:
    """The theme of a brand colour (the site's default for none or a bad value)."""
    brand = (value or "").lower() if HEX_COLOUR.match(value or "") else DEFAULT
    primary = readable_on_white(brand)
    if contrast(brand, text_on(brand)) < AA:
        # Mid-tones read with neither white nor ink: the band takes the
        # darkened shade instead.
        brand = primary
    return Theme(
        brand=brand,
        on_brand=text_on(brand),
        primary=primary,
        primary_dark=shade(primary, 0.25),
        on_primary=text_on(primary),
    )
