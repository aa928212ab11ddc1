"""Photos from citizens: checked, shrunk and re-encoded without metadata."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.core.images import ImageTooLarge, open_image

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 2000


def clean_photo(data: bytes) -> bytes:
    """Return a JPEG copy of the image in ``data`` with no EXIF/GPS/XMP data.

    Raises ``ValidationError`` with a Thai message for anything that is not a
    readable image of a sensible size.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError(_("The photo is larger than 10 MB."), code="too_big")
    try:
        with open_image(data) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            # A fresh image holds pixels only: no EXIF, GPS, XMP or ICC data.
            clean = Image.new("RGB", image.size)
            clean.paste(image)
    except ImageTooLarge:
        raise ValidationError(
            _("The photo has too many pixels; send a smaller photo."),
            code="too_big",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The file is not a photo that can be read (use JPEG or PNG)."),
            code="not_image",
        ) from None
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85)
    return out.getvalue()
