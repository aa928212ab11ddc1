"""Private file storage: files that never sit under the public media URL.

Citizen photos, confidential evidence and E-Service attachments live in
``PRONGSAI_PRIVATE_MEDIA_ROOT`` (default: ``private-media`` beside
``MEDIA_ROOT``) and reach a browser only through a view that checks who is
asking and answers with :func:`private_file_response`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.functional import cached_property

__all__ = ["PrivateStorage", "private_file_response", "private_storage"]


class PrivateStorage(FileSystemStorage):
    """File system storage under the private media root, with no URL."""

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
    """The storage of private files (a callable, so settings are read late)."""
    return PrivateStorage()


def private_file_response(file, *, filename: str, content_type: str) -> FileResponse:
    """Send a private file as a download that is never sniffed as HTML.

    ``Content-Disposition: attachment`` keeps a browser from opening the file
    as a page of this site; an ``<img>`` on a permission-checked page still
    shows a photo.
    """
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        filename=filename,
        as_attachment=True,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
