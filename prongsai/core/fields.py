"""A text field encrypted at rest with Fernet (``cryptography``), with key rotation.

Keys come from the environment: ``PRONGSAI_FIELD_ENCRYPTION_KEYS`` is a list,
newest first. The first key encrypts; every key decrypts (``MultiFernet``), so
a new key is rolled out by putting it in front, running
``prongsai rotate_field_encryption`` to re-encrypt stored values, and then
dropping the old key. Keys are any long random strings (each is hashed into a
Fernet key).

Installs that never set a key used one derived from ``SECRET_KEY``; those
derived keys (from ``SECRET_KEY`` and every ``SECRET_KEY_FALLBACKS`` entry)
stay readable, so changing the secret key with the old one in the fallbacks
keeps every stored secret. A value no configured key opens is read as empty
(and logged without its content): the page asks for the secret again instead
of failing.

Values are stored as ``fernet:<token>``; a value without the prefix is read as
plain text, so a field can be switched on over existing rows.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from django.conf import settings
from django.db import models

PREFIX = "fernet:"
DERIVED_PREFIX = "prongsai.field-encryption:"

logger = logging.getLogger(__name__)


def _fernet_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


def configured_keys() -> list[str]:
    """The encryption keys of the environment, newest first (may be empty)."""
    keys = list(getattr(settings, "PRONGSAI_FIELD_ENCRYPTION_KEYS", []) or [])
    return [key for key in keys if key]


def _secrets() -> list[str]:
    """Every secret that may open a stored value, the encrypting one first."""
    derived = [
        DERIVED_PREFIX + key
        for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        if key
    ]
    return configured_keys() + derived


def _fernet():
    from cryptography.fernet import Fernet, MultiFernet

    return MultiFernet([Fernet(_fernet_key(secret)) for secret in _secrets()])


def encrypt(value: str) -> str:
    if not value:
        return ""
    return PREFIX + _fernet().encrypt(value.encode()).decode()


class UnreadableSecret(ValueError):
    """A stored value that none of the configured keys opens."""


def decrypt_strict(value: str) -> str:
    """``value`` decrypted; raises :class:`UnreadableSecret` when no key opens it."""
    from cryptography.fernet import InvalidToken

    if not value or not value.startswith(PREFIX):
        return value or ""
    try:
        return _fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise UnreadableSecret from None


def decrypt(value: str) -> str:
    """``value`` decrypted, or ``""`` when none of the configured keys opens it."""
    try:
        return decrypt_strict(value)
    except UnreadableSecret:
        logger.warning(
            "A stored secret cannot be decrypted with the configured keys; "
            "it reads as empty until it is entered again."
        )
        return ""


def rotate(value: str) -> str:
    """``value`` re-encrypted with the newest key (unchanged if unreadable)."""
    from cryptography.fernet import InvalidToken

    if not value or not value.startswith(PREFIX):
        return encrypt(value) if value else value
    try:
        token = _fernet().rotate(value[len(PREFIX) :].encode())
    except InvalidToken:
        raise UnreadableSecret from None
    return PREFIX + token.decode()


class EncryptedTextField(models.TextField):
    """Text kept encrypted in the database and plain in Python."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value is not None else value

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX):
            return decrypt(value)
        return value

    def get_prep_value(self, value):
        if isinstance(value, _RawCiphertext):
            return str(value)
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) of the project that is an encrypted field."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def rotate_stored_values(*, dry_run: bool = False) -> dict[str, dict[str, int]]:
    """Re-encrypt every stored encrypted value with the newest key.

    Returns, per ``app_label.Model.field``, how many values were re-encrypted and
    how many no configured key opens (those are left untouched).
    """
    from django.db import transaction
    from django.db.models import F
    from django.db.models.functions import Cast

    report: dict[str, dict[str, int]] = {}
    for model, name in encrypted_fields():
        label = f"{model._meta.label}.{name}"
        counts = {"rotated": 0, "unreadable": 0}
        raw_values = (
            model._base_manager.exclude(**{name: ""})
            .exclude(**{f"{name}__isnull": True})
            .annotate(_raw=Cast(F(name), output_field=models.TextField()))
            .values_list("pk", "_raw")
        )
        with transaction.atomic():
            for pk, raw in raw_values.iterator():
                try:
                    rotated = rotate(raw)
                except UnreadableSecret:
                    counts["unreadable"] += 1
                    continue
                counts["rotated"] += 1
                if not dry_run:
                    # A plain UPDATE of the column: no model save, no signals.
                    model._base_manager.filter(pk=pk).update(
                        **{name: _RawCiphertext(rotated)}
                    )
        report[label] = counts
    return report


class _RawCiphertext(str):
    """A value that ``EncryptedTextField`` stores as it is (already encrypted)."""
