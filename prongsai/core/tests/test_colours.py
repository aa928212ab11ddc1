"""An organisation's colour never makes the site unreadable (WCAG 2.1 AA)."""

from hypothesis import given
from hypothesis import strategies as st

from prongsai.core import colours

hex_colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(hex_colours)
def test_every_colour_gives_a_readable_theme(value):
    theme = colours.theme(value)
    assert colours.contrast(theme.primary, colours.WHITE) >= colours.AA
    assert colours.contrast(theme.brand, theme.on_brand) >= colours.AA
    assert colours.contrast(theme.primary, theme.on_primary) >= colours.AA
    assert colours.contrast(theme.primary_dark, colours.WHITE) >= colours.AA


def test_a_dark_colour_is_kept_as_chosen():
    theme = colours.theme("#155E75")
    assert theme.brand == theme.primary == "#155e75"
    assert theme.on_brand == colours.WHITE


def test_a_light_colour_keeps_its_band_and_darkens_links():
    theme = colours.theme("#ffcc00")
    assert theme.brand == "#ffcc00"
    assert theme.on_brand == colours.INK
    assert theme.primary != "#ffcc00"
    assert round(colours.contrast("#ffcc00", colours.WHITE), 2) < colours.AA


def test_no_colour_or_a_bad_one_gives_the_default():
    for value in ("", None, "red", "#12345", "#gggggg", "1d4f91"):
        assert colours.theme(value).brand == colours.DEFAULT


def test_contrast_matches_the_wcag_examples():
    assert round(colours.contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(colours.contrast("#767676", "#ffffff"), 2) == 4.54
