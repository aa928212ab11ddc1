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


def _jpeg_with_gps(size=(800, 600), orientation=None) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (16.0, 47.0, 0.0)}  # GPS position
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_web_image_is_webp_of_its_box_without_exif():
    from django.core.files.base import ContentFile

    from prongsai.core.images import COVER, web_image

    upload = ContentFile(_jpeg_with_gps(), name="IMG_0001.JPG")
    result = web_image(upload, width=360, height=480, fit=COVER)
    assert result.name == "IMG_0001.webp"
    data = result.read()
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "WEBP"
        assert stored.size == (360, 480)
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert b"PhoneMaker" not in data


def test_a_web_image_applies_the_phone_orientation_then_fits_the_box():
    from django.core.files.base import ContentFile

    from prongsai.core.images import CONTAIN, web_image

    # Stored 800 x 200 but "rotate 90°": the picture is tall.
    upload = ContentFile(_jpeg_with_gps((800, 200), orientation=6), name="qr.jpg")
    result = web_image(upload, width=100, height=100, fit=CONTAIN)
    with Image.open(io.BytesIO(result.read())) as stored:
        assert stored.size == (100, 100)
        alpha = stored.convert("RGBA").getchannel("A")
        # Tall: transparent margins left and right, opaque in the middle.
        assert alpha.getpixel((2, 50)) == 0
        assert alpha.getpixel((50, 50)) == 255
        assert alpha.getpixel((50, 2)) == 255


def test_a_file_that_is_no_picture_is_refused_on_its_field():
    from django.core.files.base import ContentFile

    from prongsai.core.errors import DomainError
    from prongsai.core.images import web_image_value

    with pytest.raises(DomainError) as caught:
        web_image_value(
            ContentFile(b"GIF89a", name="x.gif"), field="banner", width=10, height=10
        )
    assert caught.value.field == "banner"
    assert (
        web_image_value(
            "organizations/banners/a.webp", field="banner", width=1, height=1
        )
        == "organizations/banners/a.webp"
    )
    assert web_image_value("", field="banner", width=1, height=1) == ""
