"""One file that holds a whole install: the database and every media file.

``prongsai backup FILE.tar`` writes, in one tar file:

- ``database.json.gz``: every row of every model, read in one consistent
  snapshot (a repeatable-read transaction on PostgreSQL, a read transaction
  on SQLite), with Django's serialiser, so that the file restores into
  either engine;
- ``media/…`` and ``private-media/…``: every file of the public and the
  private storage (local disk or object storage alike);
- ``manifest.json``: the format, the applied migrations, the number of rows
  per model, and the SHA-256 and size of the database file and of every
  media file.

``prongsai restore FILE.tar`` checks every hash before it changes anything,
refuses a backup made at other migrations, and refuses a database that
already holds organisations or accounts (unless ``--force``); then it loads
the rows and writes the files inside one transaction, so that a restore
happens completely or not at all (files written before a failure are left
behind in the otherwise empty storage, never half a database).

The private media hold citizens' personal data: keep backups only on
encrypted storage.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.errors import DomainError
from prongsai.core.storage import private_storage

FORMAT = 1
DATABASE_MEMBER = "database.json.gz"
MANIFEST_MEMBER = "manifest.json"
CHUNK = 1024 * 1024


@dataclass
class Manifest:
    """What a backup holds, and the hashes that prove it is whole."""

    format: int
    created_at: str
    migrations: list[list[str]]
    rows: dict[str, int]
    files: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise DomainError(_("This is not a Prongsai backup of a known format."))
        return cls(**{k: raw[k] for k in cls.__dataclass_fields__})


def media_storages() -> dict[str, Storage]:
    """The storages a backup copies, by the folder they take in the file."""
    return {"media": storages["default"], "private-media": private_storage()}


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for directory in sorted(directories):
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _hash_stream(stream) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def row_counts() -> dict[str, int]:
    """Rows per model, counted past every custom manager."""
    return {
        model._meta.label: model._base_manager.count() for model in _dumped_models()
    }


def _dump_database(path: Path) -> tuple[list[list[str]], dict[str, int]]:
    """Every row, the migrations and the row counts, from one snapshot."""
    # One snapshot: a repeatable-read transaction of its own on PostgreSQL.
    # Inside a caller's transaction (a test) that transaction's snapshot rules.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        migrations, rows = applied_migrations(), row_counts()
        with gzip.open(path, "wt", encoding="utf-8") as out:
            serializers.get_serializer("json")().serialize(
                _every_row(), stream=out, cls=PreciseJSONEncoder
            )
    return migrations, rows


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's fixture encoder, but times keep their microseconds (Django's
    cuts them to milliseconds, which a restore must not)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def _dumped_models() -> list:
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    ]


def _every_row() -> Iterator:
    """Every row of every model, past custom managers, in primary-key order."""
    for model in _dumped_models():
        yield from model._base_manager.order_by("pk").iterator(chunk_size=2000)


def _add(tar: tarfile.TarFile, name: str, stream, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, stream)


def backup_write(target: Path) -> Manifest:
    """Write a backup of this install to ``target`` (a new .tar file)."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DATABASE_MEMBER
        migrations, rows = _dump_database(dump)
        manifest = Manifest(
            format=FORMAT,
            created_at=timezone.now().isoformat(),
            migrations=migrations,
            rows=rows,
        )
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            with dump.open("rb") as stream:
                digest, size = _hash_stream(stream)
                stream.seek(0)
                _add(tar, DATABASE_MEMBER, stream, size)
            manifest.files[DATABASE_MEMBER] = {"sha256": digest, "size": size}
            for folder, storage in media_storages().items():
                for name in _walk(storage):
                    member = f"{folder}/{name}"
                    with storage.open(name, "rb") as stream:
                        digest, size = _hash_stream(stream)
                        stream.seek(0)
                        _add(tar, member, stream, size)
                    manifest.files[member] = {"sha256": digest, "size": size}
            data = manifest.to_json()
            _add(tar, MANIFEST_MEMBER, io.BytesIO(data), len(data))
        partial.replace(target)
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.extractfile(MANIFEST_MEMBER)
    except KeyError:
        raise DomainError(
            _("The backup has no manifest: it is incomplete or not a backup.")
        ) from None
    if member is None:
        raise DomainError(_("The backup's files do not match its manifest."))
    return Manifest.from_json(member.read())


def backup_verify(source: Path) -> Manifest:
    """The manifest, after checking every member against its hash and size."""
    try:
        with tarfile.open(source, "r") as tar:
            manifest = _read_manifest(tar)
            names = {m.name for m in tar.getmembers() if m.isfile()}
            expected = set(manifest.files) | {MANIFEST_MEMBER}
            if names != expected:
                raise DomainError(_("The backup's files do not match its manifest."))
            for name, facts in manifest.files.items():
                digest, size = _hash_stream(tar.extractfile(name))
                if (digest, size) != (facts["sha256"], facts["size"]):
                    raise DomainError(
                        _("The backup is damaged: %(name)s does not match its hash.")
                        % {"name": name}
                    )
    except (tarfile.TarError, EOFError, OSError, gzip.BadGzipFile) as error:
        raise DomainError(
            _("The backup file cannot be read: %(error)s") % {"error": error}
        ) from error
    return manifest


def _target_is_empty() -> bool:
    from django.contrib.auth import get_user_model

    organization = apps.get_model("organizations", "Organization")
    return not (
        organization._base_manager.exists() or get_user_model()._base_manager.exists()
    )


def backup_restore(source: Path, *, force: bool = False) -> Manifest:
    """Load a verified backup into this install: all of it, or nothing."""
    manifest = backup_verify(source)
    if manifest.migrations != applied_migrations():
        raise DomainError(
            _(
                "The backup was made at other migrations than this install's: "
                "install the version that made it and run migrate first."
            )
        )
    if not force and not _target_is_empty():
        raise DomainError(
            _(
                "This install already holds organisations or accounts: restore "
                "into an empty database, or use --force to replace everything."
            )
        )
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(source, "r") as tar:
        dump = Path(scratch) / DATABASE_MEMBER
        with dump.open("wb") as out:
            source_file = tar.extractfile(DATABASE_MEMBER)
            assert source_file is not None  # checked by backup_verify
            shutil.copyfileobj(source_file, out)
        with transaction.atomic():
            _checks_now()  # TRUNCATE refuses to run with deferred checks pending
            call_command(
                "flush", interactive=False, inhibit_post_migrate=True, verbosity=0
            )
            _checks_deferred()  # rows load in any order, checked at commit
            call_command("loaddata", str(dump), verbosity=0)
            _restore_files(tar, manifest)
            if row_counts() != manifest.rows:
                raise DomainError(
                    _("The restored rows do not match the backup's manifest.")
                )
    return manifest


def _checks_now() -> None:
    """Run the foreign-key checks deferred so far in this transaction now."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _checks_deferred() -> None:
    """Back to checking foreign keys at commit (Django's constraints are
    deferrable), so that rows may load in any order."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _restore_files(tar: tarfile.TarFile, manifest: Manifest) -> None:
    targets = media_storages()
    for member in manifest.files:
        folder, _slash, name = member.partition("/")
        if folder not in targets:
            continue
        storage = targets[folder]
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(tar.extractfile(member), name=name))
        if saved != name:
            raise DomainError(
                _("The file %(name)s could not be restored under its own name.")
                % {"name": name}
            )
