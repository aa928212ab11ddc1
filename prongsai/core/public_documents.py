"""Public documents made when their data changes and served from storage.

The one way an anonymous visitor gets a public document (complaint
statistics, a published risk report, a plan's report, the DOCX and ผ.01 of a
publication's frozen snapshot in the budget and integrity apps): the view calls
:func:`public_document_response`, which answers with the copy kept in the
default storage (a file on disk, or a redirect to the object's address in
S3-compatible storage, ``core.object_storage``) in a few milliseconds. Only
when no current copy exists yet is the document made in the request, once,
and kept.

Apps declare their kinds in a ``public_documents.py`` module
(``core.plugins``)::

    PUBLIC_DOCUMENTS = [
        PublicDocumentKind(
            key="complaints.statistics_pdf",
            build=build_statistics_pdf,  # (*, organization, **params) -> PublicFile
            depends_on=("complaints.Case", "complaints.CaseEntry"),
            dated=True,  # prints today's date: a new copy each day
        )
    ]

Staying current: a save or delete of any model in ``depends_on`` (Django's
``post_save``/``post_delete``, hooked here and nowhere else) calls
:func:`public_documents_changed`, which moves the organisation's kind to a
new version *in the writing transaction* and, once it commits, queues
:func:`public_documents_refresh` (a Celery task through ``core.outbox``) to
make every kept copy again. A copy is served only while its version is the
current one, so a stale copy is never served, even when the refresh has not
run yet (the request then makes it). Writes that bypass ``save()``
(``QuerySet.update``) call :func:`public_documents_changed` themselves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .documents import content_disposition
from .errors import DomainError
from .models import PublicDocument, PublicDocumentVersion

logger = logging.getLogger(__name__)

__all__ = [
    "PublicDocumentKind",
    "PublicFile",
    "public_document_get",
    "public_document_produce",
    "public_document_response",
    "public_documents_changed",
    "public_documents_refresh",
]

#: Browsers and proxies may keep a copy this long; a change shows after it.
CLIENT_CACHE_SECONDS = 60


@dataclass(frozen=True)
class PublicFile:
    content: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class PublicDocumentKind:
    key: str
    build: Callable[..., PublicFile]
    #: ``"app_label.Model"`` whose saves and deletes change the document.
    depends_on: tuple[str, ...] = ()
    #: The document prints today's date: each day has its own copy.
    dated: bool = False
    #: Shown in the browser (PDF) rather than downloaded.
    inline: bool = False


_KINDS: dict[str, PublicDocumentKind] = {}
_WATCHED: dict[type, set[str]] = {}
_LOCK = threading.Lock()


def _kinds() -> dict[str, PublicDocumentKind]:
    if not _KINDS:
        with _LOCK:
            if not _KINDS:
                from .plugins import discover

                found: dict[str, PublicDocumentKind] = {}
                watched: dict[type, set[str]] = {}
                for _app, kinds in discover("public_documents", "PUBLIC_DOCUMENTS"):
                    for kind in kinds:
                        found[kind.key] = kind
                        for label in kind.depends_on:
                            model = apps.get_model(label)
                            watched.setdefault(model, set()).add(kind.key)
                _WATCHED.update(watched)
                _KINDS.update(found)
    return _KINDS


def public_document_kind(key: str) -> PublicDocumentKind:
    try:
        return _kinds()[key]
    except KeyError:
        raise DomainError(_("This kind of document is not known.")) from None


def _storage():
    return storages["default"]


def _params_key(params: dict) -> str:
    raw = json.dumps(params, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _stored_params(kind: PublicDocumentKind, params: dict | None) -> dict:
    stored = dict(params or {})
    if kind.dated:
        stored["on"] = timezone.localdate().isoformat()
    return stored


def _build_params(stored: dict) -> dict:
    return {k: v for k, v in stored.items() if k != "on"}


def _current_version_query(organization_id: int, kind: str):
    return PublicDocumentVersion.objects.all_organizations().filter(
        organization_id=organization_id, kind=kind
    )


def _current_version(organization_id: int, kind: str) -> int:
    value = (
        _current_version_query(organization_id, kind)
        .values_list("version", flat=True)
        .first()
    )
    return value or 0


# --- Reading --------------------------------------------------------------------------


def public_document_get(
    *, organization, kind: str, params: dict | None = None, language: str = ""
) -> PublicDocument | None:
    """The kept copy made at the current version, or ``None`` (one query)."""
    spec = public_document_kind(kind)
    language = language or translation.get_language() or "th"
    current = _current_version_query(organization.pk, kind).filter(
        organization_id=OuterRef("organization_id")
    )
    row = (
        PublicDocument.objects.for_organization(organization)
        .filter(
            kind=kind,
            language=language,
            params_key=_params_key(_stored_params(spec, params)),
        )
        .annotate(current=Coalesce(Subquery(current.values("version")[:1]), Value(0)))
        .first()
    )
    if row is None or row.version != row.current or not row.file:
        return None
    return row


def _local(storage) -> bool:
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    return True


def _stored_response(row: PublicDocument, *, inline: bool) -> HttpResponseBase | None:
    """The kept file: read from the disk, or a redirect to object storage."""
    storage = _storage()
    response: HttpResponseBase
    if not _local(storage):
        response = HttpResponseRedirect(storage.url(row.file.name))
    else:
        try:
            handle = storage.open(row.file.name, "rb")
        except (FileNotFoundError, OSError):
            return None
        response = FileResponse(handle, content_type=row.content_type)
        response["Content-Disposition"] = content_disposition(
            row.filename, attachment=not inline
        )
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={CLIENT_CACHE_SECONDS}"
    response["X-Public-Document"] = "stored"
    return response


def public_document_response(
    request, *, organization, kind: str, params: dict | None = None
) -> HttpResponseBase:
    """The answer of a public document view: the kept copy, or made once now."""
    spec = public_document_kind(kind)
    row = public_document_get(organization=organization, kind=kind, params=params)
    if row is not None:
        response = _stored_response(row, inline=spec.inline)
        if response is not None:
            return response
        logger.warning("Public document %s lost its file; making it again", row.pk)
    made = public_document_produce(organization=organization, kind=kind, params=params)
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = content_disposition(
        made.filename, attachment=not spec.inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={CLIENT_CACHE_SECONDS}"
    response["X-Public-Document"] = "made"
    return response


# --- Making and keeping ---------------------------------------------------------------


def public_document_produce(
    *, organization, kind: str, params: dict | None = None, language: str = ""
) -> PublicFile:
    """Make the document now and keep it (unless the data changed meanwhile)."""
    spec = public_document_kind(kind)
    language = language or translation.get_language() or "th"
    stored = _stored_params(spec, params)
    # Read before building: a change committed while building moves the
    # version on, so the copy made from older data is never the current one.
    version = _current_version(organization.pk, kind)
    with translation.override(language):
        made = spec.build(organization=organization, **_build_params(stored))
    _keep(organization, kind, language, stored, version, made)
    return made


def _file_name(organization, kind, language, key, version, filename) -> str:
    """Where the copy is kept: ASCII only (object keys, any file system); the
    visitor's file name is sent in Content-Disposition."""
    extension = PurePosixPath(filename).suffix.lower()
    if not extension.lstrip(".").isalnum():
        extension = ""
    return (
        f"public-documents/{organization.pk}/{kind}/{language}/{key}/"
        f"v{version}/{kind.replace('.', '-')}{extension}"
    )


def _keep(organization, kind, language, stored, version, made: PublicFile) -> None:
    storage = _storage()
    key = _params_key(stored)
    name = storage.save(
        _file_name(organization, kind, language, key, version, made.filename),
        ContentFile(made.content),
    )
    old_name = ""
    with transaction.atomic():
        row, created = _row_for_update(organization, kind, language, key, stored)
        if not created and row.version > version and row.file:
            old_name = name  # a newer copy was kept meanwhile: drop ours
        else:
            old_name = row.file.name if row.file and row.file.name != name else ""
            row.version = version
            row.file.name = name
            row.filename = made.filename[:200]
            row.content_type = made.content_type
            row.save()
    if old_name:
        # At once, not on commit: were the row's change rolled back, the
        # request finding its file gone makes the document again.
        _delete_file(old_name)


def _row_for_update(organization, kind, language, key, stored):
    rows = PublicDocument.objects.for_organization(organization).select_for_update()
    lookup = {"kind": kind, "language": language, "params_key": key}
    row = rows.filter(**lookup).first()
    if row is not None:
        return row, False
    try:
        with transaction.atomic():
            return PublicDocument.objects.create(
                organization=organization, params=stored, **lookup
            ), True
    except IntegrityError:
        return rows.get(**lookup), False


def _delete_file(name: str) -> None:
    try:
        _storage().delete(name)
    except Exception:  # a file left behind costs space, never a wrong answer
        logger.warning("Could not delete the old public document %s", name)


# --- Changes --------------------------------------------------------------------------

_pending = threading.local()


def public_documents_changed(organization_id: int, kinds: Iterable[str]) -> None:
    """The data behind ``kinds`` of the organisation changed (in this
    transaction): no kept copy made before is served again, and new ones are
    made once the transaction commits."""
    kinds = sorted(set(kinds))
    if not kinds or not organization_id:
        return
    for kind in kinds:
        _bump(organization_id, kind)
    pending = getattr(_pending, "changes", None)
    if pending is None:
        pending = _pending.changes = {}
    pending.setdefault(organization_id, set()).update(kinds)
    transaction.on_commit(_queue_refresh)


def _bump(organization_id: int, kind: str) -> None:
    rows = _current_version_query(organization_id, kind)
    if rows.update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            PublicDocumentVersion.objects.create(
                organization_id=organization_id, kind=kind, version=1
            )
    except IntegrityError:  # made by a concurrent change meanwhile
        rows.update(version=F("version") + 1)


def _queue_refresh() -> None:
    changes = getattr(_pending, "changes", None) or {}
    _pending.changes = {}
    from .outbox import enqueue
    from .tasks import public_documents_refresh_task

    for organization_id, kinds in sorted(changes.items()):
        kept = PublicDocument.objects.all_organizations().filter(
            organization_id=organization_id, kind__in=kinds
        )
        if kept.exists():  # nothing kept, nothing to make again
            enqueue(public_documents_refresh_task, organization_id, sorted(kinds))


def public_documents_refresh(organization_id: int, kinds: list[str]) -> int:
    """Make again every kept copy of ``kinds`` that is no longer current (the
    task's body); returns how many were made."""
    organization_model = apps.get_model("organizations", "Organization")
    organization = organization_model.objects.filter(pk=organization_id).first()
    if organization is None:
        return 0
    made = 0
    today = timezone.localdate().isoformat()
    for key in kinds:
        spec = _kinds().get(key)
        if spec is None:
            continue
        wanted = _refresh_targets(organization, spec, today)
        for language, stored in wanted:
            try:
                public_document_produce(
                    organization=organization,
                    kind=key,
                    params=_build_params(stored),
                    language=language,
                )
                made += 1
            except Exception:  # gone from the public (withdrawn): forget it
                logger.info("Public document %s %s no longer made", key, stored)
                _forget(organization, key, language, stored)
    return made


def _refresh_targets(organization, spec, today: str) -> list[tuple[str, dict]]:
    current = _current_version(organization.pk, spec.key)
    targets: dict[tuple[str, str], tuple[str, dict]] = {}
    rows = PublicDocument.objects.for_organization(organization).filter(kind=spec.key)
    for row in rows:
        if row.version == current and row.file:
            continue
        if spec.dated and row.params.get("on") != today:
            _forget_rows([row])
            continue
        targets[(row.language, row.params_key)] = (row.language, row.params)
    return list(targets.values())


def _forget(organization, kind: str, language: str, stored: dict) -> None:
    _forget_rows(
        PublicDocument.objects.for_organization(organization).filter(
            kind=kind, language=language, params_key=_params_key(stored)
        )
    )


def _forget_rows(rows) -> None:
    for row in rows:
        name = row.file.name if row.file else ""
        row.delete()
        if name:
            _delete_file(name)


# --- The hook: saves and deletes of the models the documents are made from ------------


def _organization_id(instance) -> int | None:
    if instance._meta.label == "organizations.Organization":
        return instance.pk
    path = getattr(instance, "tenant_path", "organization").split("__")
    value: Any = instance
    try:
        for part in path[:-1]:
            value = getattr(value, part)
        return getattr(value, f"{path[-1]}_id", None)
    except ObjectDoesNotExist:
        return None


@receiver(post_save, dispatch_uid="prongsai.core.public_documents.saved")
@receiver(post_delete, dispatch_uid="prongsai.core.public_documents.deleted")
def _data_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or sender in (PublicDocument, PublicDocumentVersion):
        return
    if not _KINDS:
        if not apps.ready:
            return
        _kinds()
    kinds = _WATCHED.get(sender)
    if not kinds:
        return
    organization_id = _organization_id(instance)
    if not organization_id:
        return
    if kwargs.get("signal") is post_delete:
        # The organisation itself may be going in this transaction: a new
        # version row would then break its foreign key at commit.
        transaction.on_commit(lambda: _changed_by_delete(organization_id, kinds))
        return
    public_documents_changed(organization_id, kinds)


def _changed_by_delete(organization_id: int, kinds: set[str]) -> None:
    owner = apps.get_model("organizations", "Organization")
    if not owner._default_manager.filter(pk=organization_id).exists():
        return  # the organisation itself was deleted: nothing to serve
    try:
        with transaction.atomic():
            public_documents_changed(organization_id, kinds)
    except IntegrityError:  # the organisation was deleted: nothing to serve
        pass
