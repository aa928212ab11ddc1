"""Checking uploaded files and removing photo metadata (EXIF, GPS) with Pillow."""

from __future__ import annotations

import io
import os
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import ImageOps, UnidentifiedImageError

from prongsai.core.errors import DomainError
from prongsai.core.images import ImageTooLarge, open_image

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


@dataclass
class CleanFile:
    field_code: str
    content: ContentFile
    original_name: str
    content_type: str
    size: int


def _strip_image(data: bytes, name: str, field: str) -> tuple[bytes, str]:
    """Re-encode a photo without its metadata, turned upright."""
    try:
        with open_image(data) as probe:
            fmt = probe.format
            probe.verify()
        if fmt not in IMAGE_FORMATS:
            raise UnidentifiedImageError
        image = open_image(data)
        image = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        if fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
        elif fmt == "PNG":
            image.save(out, "PNG", optimize=True)
        else:
            image.save(out, "WEBP", quality=88)
    except ImageTooLarge:
        raise DomainError(
            _("“%(name)s” has too many pixels; send a smaller photo.") % {"name": name},
            field=field,
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise DomainError(
            _("“%(name)s” is not a readable photo.") % {"name": name}, field=field
        ) from None
    return out.getvalue(), IMAGE_FORMATS[fmt]


def clean_upload(*, field_code: str, upload) -> CleanFile:
    """Check one upload (type by content, size) and return a clean copy.

    Photos (JPEG, PNG, WebP) are re-encoded without EXIF; PDFs are kept as
    they are. Anything else is refused with a message naming the file.
    """
    name = os.path.basename(getattr(upload, "name", "") or "file")[:200]
    size = getattr(upload, "size", None) or 0
    if size > MAX_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": name, "mb": MAX_BYTES // (1024 * 1024)},
            field=field_code,
        )
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than %(mb)s MB.")
            % {"name": name, "mb": MAX_BYTES // (1024 * 1024)},
            field=field_code,
        )
    if data.startswith(b"%PDF-"):
        content_type, extension = "application/pdf", "pdf"
    else:
        if not (
            data.startswith(b"\xff\xd8\xff")
            or data.startswith(b"\x89PNG\r\n\x1a\n")
            or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        ):
            raise DomainError(
                _(
                    "“%(name)s” is not an accepted file type; send a JPEG, PNG or "
                    "WebP photo or a PDF."
                )
                % {"name": name},
                field=field_code,
            )
        data, content_type = _strip_image(data, name, field_code)
        extension = EXTENSIONS[content_type]
    stored = f"{uuid.uuid4().hex}.{extension}"
    return CleanFile(
        field_code=field_code,
        content=ContentFile(data, name=stored),
        original_name=name,
        content_type=content_type,
        size=len(data),
    )
