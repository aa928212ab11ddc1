"""Photos kept from a form sent back with errors, for the next try (issue #17).

A visitor who attached photos to the complaint or confidential form and got
an error back would otherwise lose them. The valid ones are cleaned
(``images.clean_photo``), stored in private storage for ``KEEP_FOR`` and shown
on the form again as "kept" (a box the visitor may untick). The form carries
one signed token per photo; the token is bound to the browser (a keyed hash
of its CSRF secret: the confidential pages keep no session) and expires. A
photo is deleted once the case took it, and the ``complaints-kept-uploads``
beat job deletes the forgotten ones.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.crypto import salted_hmac

from prongsai.organizations.models import Organization

from .images import clean_photo
from .models_uploads import KeptUpload

KEEP_FOR = datetime.timedelta(hours=1)
SALT = "complaints.kept-upload"


@dataclass(frozen=True)
class Kept:
    """A kept photo as the form shows it: its signed token and its name."""

    token: str
    name: str
    upload: KeptUpload


def owner_of(request) -> str:
    """A keyed hash standing for this browser (its CSRF secret), or ""."""
    get_token(request)  # a browser without the cookie gets one with the answer
    secret = request.META.get("CSRF_COOKIE") or ""
    if not secret:
        return ""
    return salted_hmac(SALT, secret, algorithm="sha256").hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _sign(token: str, owner: str) -> str:
    return signing.dumps(token, salt=f"{SALT}:{owner}", compress=False)


def kept_upload_store(
    *,
    organization: Organization,
    owner: str,
    files: Iterable,
    keep_names: bool = True,
    limit: int,
) -> list[Kept]:
    """Clean and keep the readable photos of ``files`` (uploaded files), at most
    ``limit``; unreadable or oversized ones are dropped (their error was shown)."""
    if not owner or limit <= 0:
        return []
    kept: list[Kept] = []
    for upload in files:
        if len(kept) >= limit:
            break
        try:
            upload.seek(0)
            data = clean_photo(upload.read())
        except (ValidationError, OSError):
            continue
        token = secrets.token_urlsafe(32)
        name = os.path.basename(upload.name or "")[:100] if keep_names else ""
        row = KeptUpload(
            organization=organization,
            token_hash=_token_hash(token),
            owner_hash=owner,
            name=name,
            expires_at=timezone.now() + KEEP_FOR,
        )
        row.file.save("photo.jpg", ContentFile(data), save=False)
        row.save()
        kept.append(Kept(token=_sign(token, owner), name=name, upload=row))
    return kept


def kept_upload_list(
    *, organization: Organization, owner: str, tokens: Iterable[str]
) -> list[Kept]:
    """The photos kept for this browser that ``tokens`` name and are still there."""
    if not owner:
        return []
    found: list[Kept] = []
    for signed in list(dict.fromkeys(tokens))[:10]:
        try:
            token = signing.loads(
                signed,
                salt=f"{SALT}:{owner}",
                max_age=KEEP_FOR,
            )
        except (signing.BadSignature, TypeError):
            continue
        row = (
            KeptUpload.objects.for_organization(organization)
            .filter(
                token_hash=_token_hash(str(token)),
                owner_hash=owner,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if row is not None:
            found.append(Kept(token=signed, name=row.name, upload=row))
    return found


def kept_upload_read(kept: Kept) -> bytes:
    with kept.upload.file.open("rb") as handle:
        return handle.read()


def kept_upload_discard(kept: Iterable[Kept]) -> None:
    """Delete photos the case took (after the transaction commits)."""
    rows = [k.upload for k in kept]

    def delete() -> None:
        for row in rows:
            row.file.delete(save=False)
            row.delete()

    transaction.on_commit(delete)


def kept_uploads_delete_expired(now: datetime.datetime | None = None) -> int:
    """Delete every kept photo past its hour (the beat job); how many."""
    expired = KeptUpload.objects.all_organizations().filter(
        expires_at__lte=now or timezone.now()
    )
    count = 0
    for row in expired.iterator():
        row.file.delete(save=False)
        row.delete()
        count += 1
    return count
