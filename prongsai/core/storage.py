"""Private file storage: files that never sit under the public media URL.

Citizen photos, confidential evidence and E-Service attachments live in
``PRONGSAI_PRIVATE_MEDIA_ROOT`` (default: ``private-media`` beside
``MEDIA_ROOT``) and reach a browser only through a view that checks who is
asking and answers with :func:`private_file_response`. With object storage
configured (``core.object_storage``) they live under the bucket's private
prefix instead, and that view answers with a short-lived signed address.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
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


def private_storage() -> Storage:
    """The storage of private files (a callable, so settings are read late):
    the ``private`` entry of ``STORAGES`` when object storage is configured,
    the private folder on the local disk otherwise."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateStorage()


def _signs_urls(storage: Storage | None) -> bool:
    return bool(getattr(storage, "querystring_auth", False))


def private_file_response(
    file, *, filename: str, content_type: str
) -> HttpResponse | FileResponse:
    """Send a private file as a download that is never sniffed as HTML.

    ``Content-Disposition: attachment`` keeps a browser from opening the file
    as a page of this site; an ``<img>`` on a permission-checked page still
    shows a photo. From object storage the answer is a redirect to a signed
    address that expires after ``PRONGSAI_SIGNED_URL_SECONDS`` and carries the
    same download headers; the caller has checked permission already.
    """
    if _signs_urls(getattr(file, "storage", None)):
        url = file.storage.url(
            file.name,
            parameters={
                "ResponseContentDisposition": _attachment(filename),
                "ResponseContentType": content_type,
            },
        )
        redirect = HttpResponseRedirect(url)
        redirect["Cache-Control"] = "private, no-store"
        redirect["Referrer-Policy"] = "no-referrer"
        return redirect
    response = FileResponse(
        file.open("rb"),
        content_type=content_type,
        filename=filename,
        as_attachment=True,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _attachment(filename: str) -> str:
    """A Content-Disposition value for any file name (RFC 6266 with UTF-8)."""
    from django.utils.http import content_disposition_header

    return content_disposition_header(True, filename) or "attachment"
