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


#: How a picture meets its box: ``cover`` crops to fill it (banners,
#: portraits), ``contain`` fits it inside on a transparent margin (logos, QR
#: codes), so every stored picture of a kind has the same size and pages can
#: state ``width`` and ``height`` (no layout shift).
COVER = "cover"
CONTAIN = "contain"


def web_image(upload, *, width: int, height: int, fit: str = COVER):
    """An uploaded picture as a ``width`` x ``height`` WebP file.

    EXIF and every other metadata block are dropped (a phone photo's GPS
    position, camera and owner) after the orientation it records is applied.
    Returns a ``ContentFile`` named after the upload with ``.webp``. Raises
    ``ImageTooLarge`` or Pillow's errors like :func:`open_image`.
    """
    from django.core.files.base import ContentFile
    from PIL import Image, ImageOps

    upload.seek(0)
    with open_image(upload.read()) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
    upload.seek(0)
    has_alpha = image.mode in ("RGBA", "LA", "P") and fit == CONTAIN
    image = image.convert("RGBA" if has_alpha or fit == CONTAIN else "RGB")
    if fit == COVER:
        image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
    else:
        image.thumbnail((width, height), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (width, height), (255, 255, 255, 0))
        canvas.paste(
            image, ((width - image.width) // 2, (height - image.height) // 2), image
        )
        image = canvas
    out = io.BytesIO()
    # A fresh image carries no EXIF, XMP or ICC block unless asked to.
    image.save(out, "WEBP", quality=82, method=4)
    stem = (getattr(upload, "name", "") or "image").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0][:80] or "image"
    return ContentFile(out.getvalue(), name=f"{stem}.webp")


def web_image_value(value, *, field: str, width: int, height: int, fit: str = COVER):
    """A file field's value as a service receives it, with a new upload made
    into a web picture (:func:`web_image`); a stored name or "" (clear) is
    returned as given. Raises ``DomainError`` on ``field`` with a Thai
    message for a file that is not a readable picture or is too large."""
    from django.utils.translation import gettext as _

    from prongsai.core.errors import DomainError

    if not value or isinstance(value, str) or not hasattr(value, "read"):
        return value
    try:
        return web_image(value, width=width, height=height, fit=fit)
    except ImageTooLarge:
        raise DomainError(_("The picture is too large."), field=field) from None
    except Exception:  # Pillow raises many kinds for data that is not a picture
        raise DomainError(
            _("The picture could not be read: upload a JPEG, PNG or WebP picture."),
            field=field,
        ) from None
