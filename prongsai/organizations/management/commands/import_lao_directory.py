"""Load the DLA's open list of LAOs (CSV or XLSX) into the directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.errors import DomainError
from prongsai.core.spreadsheets import MAX_FILE_BYTES
from prongsai.organizations.services_regions import directory_import


class Command(BaseCommand):
    help = (
        "Import the DLA's list of local administrative organisations (code, "
        "name, type, district, province, website) from a CSV or XLSX file: "
        "all rows or none. Entries are matched to the organisations on the "
        "platform by DLA code, then by name and province."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        with translation.override("th"):
            if not path.is_file():
                raise CommandError(_("No such file: %(file)s") % {"file": file})
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CommandError(_("The file is larger than 10 MB."))
            try:
                result = directory_import(
                    actor=None, content=path.read_bytes(), filename=path.name
                )
            except DomainError as error:
                raise CommandError(
                    _("Nothing was imported.") + "\n" + error.message
                ) from error
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "%(rows)s LAOs read: %(created)s new, %(updated)s updated; "
                        "%(matched)s are on the platform."
                    )
                    % {
                        "rows": result.rows,
                        "created": result.created,
                        "updated": result.updated,
                        "matched": result.matched,
                    }
                )
            )
            self.stdout.write(
                _("Run prongsai refresh_region_summaries to update the pages now.")
            )
