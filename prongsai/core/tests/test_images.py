"""Decompression bombs are refused from the image header."""

import io

import pytest
from PIL import Image

from prongsai.core.images import MAX_PIXELS, ImageTooLarge, open_image

from .fuzz import png_bomb


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (30_000, 30_000),  # over twice Pillow's limit: DecompressionBombError
        (7_000, 7_000),  # between one and two times: only a warning in Pillow
        (MAX_PIXELS // 1000 + 1, 1000),
    ],
)
def test_too_many_pixels_are_refused(width, height):
    with pytest.raises(ImageTooLarge):
        open_image(png_bomb(width, height))


def test_pillow_limit_is_set_when_django_starts():
    assert Image.MAX_IMAGE_PIXELS == MAX_PIXELS


def test_an_ordinary_photo_opens():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    with open_image(buffer.getvalue()) as image:
        assert image.size == (40, 30)
