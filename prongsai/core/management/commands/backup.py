"""Write a backup of the whole install: database and all media, with hashes.

Example::

    prongsai backup /srv/backups/prongsai-2026-12-07.tar

The file holds citizens' personal data (complaint photos, confidential
evidence): keep it only on encrypted storage. ``prongsai restore`` reads it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.backup import backup_write
from prongsai.core.errors import DomainError


class Command(BaseCommand):
    help = "Write the database and every media file to one .tar file with hashes."

    def add_arguments(self, parser):
        parser.add_argument("target", help="the .tar file to write (must not exist)")

    def handle(self, *args, target, **options):
        path = Path(target)
        with translation.override("th"):
            if path.exists():
                raise CommandError(
                    _("%(path)s exists already: name a new file.") % {"path": path}
                )
            try:
                manifest = backup_write(path)
            except (DomainError, OSError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                _("Backup written to %(path)s: %(rows)s rows, %(files)s files")
                % {
                    "path": path,
                    "rows": sum(manifest.rows.values()),
                    "files": len(manifest.files) - 1,
                }
            )
