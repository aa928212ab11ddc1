"""Opening untrusted images with Pillow without letting a "decompression bomb" in.

A PNG of a few kilobytes can claim 30000 x 30000 pixels and take gigabytes
once decoded. Pillow raises ``DecompressionBombError`` above twice
``Image.MAX_IMAGE_PIXELS`` and only warns between one and two times; both
become ``ImageTooLarge`` here, checked from the header before any pixel is
decoded. ``MAX_PIXELS`` is also set as Pillow's own limit when the app loads.
"""

from __future__ import annotations

import io
import warnings

# 40 megapixels: a 7,700 x 5,200 photo, larger than any phone camera's.
MAX_PIXELS = 40_000_000


class ImageTooLarge(ValueError):
    """The image claims more pixels than ``MAX_PIXELS``."""


def set_pillow_limit() -> None:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def open_image(data: bytes):
    """``PIL.Image.open`` over ``data``, refusing too many pixels.

    Raises ``ImageTooLarge`` for a decompression bomb; Pillow's own errors
    for unreadable data (``UnidentifiedImageError``, ``OSError`` ...) pass
    through for the caller to word.
    """
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageTooLarge from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise ImageTooLarge
    return image


def check_photo(photo, *, field: str = "photo") -> None:
    """Refuse an uploaded photo that is not a readable picture or is too large,
    with a Thai message on ``field``; the file is left rewound."""
    from django.utils.translation import gettext as _

    from prongsai.core.errors import DomainError

    photo.seek(0)
    try:
        with open_image(photo.read()) as image:
            image.verify()
    except ImageTooLarge:
        raise DomainError(_("The photo is too large."), field=field) from None
    except Exception:  # Pillow raises many kinds for data that is not a picture
        raise DomainError(
            _("The photo could not be read: upload a JPEG, PNG or WebP picture."),
            field=field,
        ) from None
    finally:
        photo.seek(0)
