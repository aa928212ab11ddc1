"""Restore a backup written by ``prongsai backup`` into an empty install.

Example::

    prongsai migrate && prongsai restore /srv/backups/prongsai-2026-12-07.tar

Every file of the backup is checked against its hash before anything
changes; the install must be at the same migrations as the one that made the
backup, and empty (no organisations, no accounts) unless ``--force`` is given,
which replaces everything. ``--check`` only verifies the file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.backup import backup_restore, backup_verify
from prongsai.core.errors import DomainError


class Command(BaseCommand):
    help = "Restore the database and media from a backup made by `prongsai backup`."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the .tar file written by `prongsai backup`")
        parser.add_argument(
            "--check", action="store_true", help="only verify the backup's hashes"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data of an install that is not empty",
        )

    def handle(self, *args, source, check, force, **options):
        path = Path(source)
        with translation.override("th"):
            if not path.is_file():
                raise CommandError(_("%(path)s is not a file.") % {"path": path})
            try:
                if check:
                    manifest = backup_verify(path)
                else:
                    manifest = backup_restore(path, force=force)
            except DomainError as error:
                raise CommandError(str(error)) from error
            message = (
                _("The backup is whole: %(rows)s rows, %(files)s files")
                if check
                else _("Restored %(rows)s rows and %(files)s files")
            )
            self.stdout.write(
                message
                % {
                    "rows": sum(manifest.rows.values()),
                    "files": len(manifest.files) - 1,
                }
            )
