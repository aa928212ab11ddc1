"""`prongsai backup` / `prongsai restore`: a demo install survives a round trip."""

import hashlib
import io
import json
import tarfile
from collections import defaultdict

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from prongsai.core.backup import (
    MANIFEST_MEMBER,
    _checks_deferred,
    _checks_now,
    _walk,
    backup_restore,
    backup_verify,
    backup_write,
    media_storages,
    row_counts,
)
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(tmp_path):
    with override_settings(
        MEDIA_ROOT=tmp_path / "media",
        PRONGSAI_PRIVATE_MEDIA_ROOT=str(tmp_path / "private-media"),
    ):
        from django.core.files.storage import storages

        storages._storages.pop("default", None)
        yield tmp_path
        storages._storages.pop("default", None)


def _records() -> dict[str, str]:
    """A hash of every row of every model, by model (field values included)."""
    from django.apps import apps

    hashes = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        rows = model._base_manager.order_by("pk")
        data = serializers.serialize("json", rows)
        hashes[model._meta.label] = hashlib.sha256(data.encode()).hexdigest()
    return hashes


def _files() -> dict[str, str]:
    found = defaultdict(dict)
    for folder, storage in media_storages().items():
        for name in _walk(storage):
            with storage.open(name, "rb") as stream:
                found[folder][name] = hashlib.sha256(stream.read()).hexdigest()
    return dict(found)


def _empty_media():
    for storage in media_storages().values():
        for name in list(_walk(storage)):
            storage.delete(name)


@pytest.fixture
def demo_subset(monkeypatch):
    """The demo's accounts and organisations with the complaint records and
    their files (the whole demo takes minutes)."""
    from prongsai.organizations import demo

    loaders = demo.discover_demo_loaders()
    keep = [
        loader
        for loader in loaders
        if loader.__module__.split(".")[1] in {"complaints"}
    ]
    monkeypatch.setattr(demo, "DEMO_LOADERS", keep)
    monkeypatch.setattr(demo, "discover_demo_loaders", lambda: keep)


def test_a_demo_backup_restores_into_an_empty_install(media, tmp_path, demo_subset):
    call_command("load_demo", stdout=io.StringIO())
    private = media_storages()["private-media"]
    private.save("complaints/photos/evidence.jpg", ContentFile(b"\xff\xd8 private"))
    media_storages()["media"].save("organizations/logos/logo.png", ContentFile(b"png"))
    records, files = _records(), _files()
    assert files["private-media"] and files["media"]
    target = tmp_path / "backup.tar"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "สำรอง" in out.getvalue() or str(target) in out.getvalue()

    # An empty install: no rows, no files.
    _checks_now()
    call_command("flush", interactive=False, verbosity=0)
    _checks_deferred()
    _empty_media()
    assert Organization.objects.count() == 0 and _files() == {}

    out = io.StringIO()
    call_command("restore", str(target), stdout=out)
    assert _records() == records
    assert _files() == files


def test_restore_refuses_an_install_that_is_not_empty(media, tmp_path, organization):
    target = tmp_path / "b.tar"
    backup_write(target)
    with pytest.raises(DomainError, match="--force"):
        backup_restore(target)
    manifest = backup_restore(target, force=True)
    assert manifest.rows == row_counts()


def test_a_damaged_backup_changes_nothing(media, tmp_path, organization):
    media_storages()["media"].save("a.txt", ContentFile(b"original"))
    target = tmp_path / "b.tar"
    backup_write(target)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(target) as source, tarfile.open(damaged, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/a.txt":
                data = b"tampered"
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(DomainError, match=r"media/a\.txt"):
        backup_verify(damaged)
    with pytest.raises(CommandError, match=r"media/a\.txt"):
        call_command("restore", str(damaged), "--force")
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_a_file_that_is_not_a_backup_gets_a_clear_message(media, tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"\x00" * 10 + b"not a tar")
    with pytest.raises(CommandError, match=r"อ่าน|read"):
        call_command("restore", str(junk))
    empty = tmp_path / "empty.tar"
    with tarfile.open(empty, "w"):
        pass
    with pytest.raises(CommandError):
        call_command("restore", str(empty), "--check")


def test_a_backup_of_other_migrations_is_refused(media, tmp_path):
    target = tmp_path / "b.tar"
    backup_write(target)
    changed = tmp_path / "changed.tar"
    with tarfile.open(target) as source, tarfile.open(changed, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == MANIFEST_MEMBER:
                manifest = json.loads(data)
                manifest["migrations"].append(["core", "9999_future"])
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(DomainError, match="migrat"):
        backup_restore(changed)


def test_backup_never_overwrites_a_file(media, tmp_path):
    target = tmp_path / "b.tar"
    target.write_bytes(b"keep")
    with pytest.raises(CommandError):
        call_command("backup", str(target))
    assert target.read_bytes() == b"keep"


def test_the_manifest_lists_every_file_with_its_hash(media, tmp_path):
    media_storages()["private-media"].save("x/y.bin", ContentFile(b"abc"))
    manifest = backup_write(tmp_path / "b.tar")
    facts = manifest.files["private-media/x/y.bin"]
    assert facts == {"sha256": hashlib.sha256(b"abc").hexdigest(), "size": 3}
    assert "database.json.gz" in manifest.files
    assert manifest.rows["organizations.Organization"] == Organization.objects.count()
