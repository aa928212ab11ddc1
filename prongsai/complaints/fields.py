"""Fields of the complaints app: encrypted secrets and private file storage.

The encryption lives in ``prongsai.core.fields`` and the private storage in
``prongsai.core.storage`` so that other apps use the same ones; the names
here keep the import paths that this app's migrations use.
"""

from __future__ import annotations

from prongsai.core import fields as core_fields
from prongsai.core.fields import PREFIX, decrypt, encrypt
from prongsai.core.storage import PrivateStorage, private_storage

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
