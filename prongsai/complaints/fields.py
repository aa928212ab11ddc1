"""Fields of the complaints app: encrypted secrets and private file storage.

The encryption lives in ``prongsai.core.fields`` so that other apps can keep
their secrets the same way; the subclass here keeps the import path that
this app's migrations name.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property

from prongsai.core import fields as core_fields
from prongsai.core.fields import PREFIX, decrypt, encrypt

__all__ = [
    "PREFIX",
    "EncryptedTextField",
    "PrivateStorage",
    "decrypt",
    "encrypt",
    "private_storage",
]


class EncryptedTextField(core_fields.EncryptedTextField):
    """Text kept encrypted in the database and plain in Python."""


class PrivateStorage(FileSystemStorage):
    """Files that must never be served from the public media URL.

    Complaint photos and confidential evidence live in
    ``PRONGSAI_PRIVATE_MEDIA_ROOT`` (default: ``private-media`` beside
    ``MEDIA_ROOT``) and are sent only by permission-checked views.
    """

    @cached_property
    def base_location(self):
        configured = getattr(settings, "PRONGSAI_PRIVATE_MEDIA_ROOT", "")
        if configured:
            return str(configured)
        return str(Path(settings.MEDIA_ROOT).parent / "private-media")

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage() -> PrivateStorage:
    return PrivateStorage()
