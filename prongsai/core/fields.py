"""A text field encrypted at rest with Fernet (``cryptography``).

The key comes from ``PRONGSAI_FIELD_ENCRYPTION_KEY`` (environment), or is
derived from ``SECRET_KEY`` when that is not set. Values are stored as
``fernet:<token>``; a value without the prefix is read as plain text, so a
field can be switched on over existing rows.
"""

from __future__ import annotations

import base64
import hashlib

from django.conf import settings
from django.db import models

PREFIX = "fernet:"


def _fernet():
    from cryptography.fernet import Fernet

    secret = getattr(settings, "PRONGSAI_FIELD_ENCRYPTION_KEY", "") or (
        "prongsai.field-encryption:" + settings.SECRET_KEY
    )
    key = base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())
    return Fernet(key)


def encrypt(value: str) -> str:
    if not value:
        return ""
    return PREFIX + _fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    if not value or not value.startswith(PREFIX):
        return value or ""
    return _fernet().decrypt(value[len(PREFIX) :].encode()).decode()


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and plain in Python."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value is not None else value

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX):
            return decrypt(value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)
