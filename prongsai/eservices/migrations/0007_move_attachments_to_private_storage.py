"""Move E-Service attachments from the public media root to the private one.

Every file under ``eservices/`` in the default (public) storage moves to the
private storage under the same name, referenced or not, so nothing a citizen
sent stays readable at ``MEDIA_URL``. A name already taken in the private
storage gets a new name and the attachment row follows it.
"""

from django.core.files.storage import storages
from django.db import migrations

PREFIX = "eservices"


def _walk(storage, directory):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}"
    for sub in directories:
        yield from _walk(storage, f"{directory}/{sub}")


def _prune(storage, directory) -> None:
    """Remove the empty folders left behind on a local file system."""
    import os

    try:
        root = storage.path(directory)
    except NotImplementedError:
        return
    for current, _dirs, _files in os.walk(root, topdown=False):
        try:
            os.rmdir(current)
        except OSError:
            pass


def _move_all(Attachment, source, target) -> int:
    moved = 0
    for name in list(_walk(source, PREFIX)):
        with source.open(name, "rb") as handle:
            saved = target.save(name, handle)
        if saved != name:
            # Every organisation's files move: the plain manager, not the scoped one.
            Attachment._base_manager.filter(file=name).update(file=saved)
        source.delete(name)
        moved += 1
    _prune(source, PREFIX)
    return moved


def attachments_to_private(apps, schema_editor) -> int:
    Attachment = apps.get_model("eservices", "Attachment")
    private = Attachment._meta.get_field("file").storage
    return _move_all(Attachment, storages["default"], private)


def attachments_to_public(apps, schema_editor) -> int:
    Attachment = apps.get_model("eservices", "Attachment")
    private = Attachment._meta.get_field("file").storage
    return _move_all(Attachment, private, storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("eservices", "0006_private_attachments_personal_data_removed"),
    ]

    operations = [
        migrations.RunPython(attachments_to_private, attachments_to_public),
    ]
