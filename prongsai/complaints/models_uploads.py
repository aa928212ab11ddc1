"""Photos kept from a form sent back with errors (issue #17).

When the complaint or confidential form comes back with an error, the photos
it carried are cleaned (``images.clean_photo``: no metadata) and kept here for
an hour, so that the visitor need not attach them again. Only the browser that
sent them can use them: the form carries a signed token per photo, and the row
keeps a keyed hash of that browser's CSRF secret (``services_uploads``).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.model_fields import organization_fk
from prongsai.core.models import OrganizationOwned

from .fields import private_storage


def kept_upload_path(instance: KeptUpload, filename: str) -> str:
    """Server-made path: never the name the visitor's file had."""
    return f"complaints/kept/{instance.organization_id}/{uuid.uuid4().hex}.jpg"


class KeptUpload(OrganizationOwned):
    """A cleaned photo waiting for the form to be sent again."""

    organization = organization_fk("+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    owner_hash = models.CharField(max_length=64, editable=False)
    name = models.CharField(_("file name"), max_length=100, blank=True)
    file = models.FileField(
        _("file"), upload_to=kept_upload_path, storage=private_storage
    )
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("kept upload")
        verbose_name_plural = _("kept uploads")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name or self.file.name
