"""Import procurements from an XLSX or CSV file (สขร.1 or e-GP/CGD layout).

    prongsai procurement_import --org bandong sor1-2568-11.xlsx [--dry-run]

Every problem is printed with its row and column, in Thai; nothing is written
while any problem remains, and re-importing the same file updates the
records it made instead of adding duplicates.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization
from prongsai.procurement import services_import


class Command(BaseCommand):
    help = "Import procurements from an XLSX or CSV file; --dry-run only checks it."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("file", help="path of the .xlsx or .csv file")
        parser.add_argument("--fiscal-year", type=int, dest="fiscal_year")
        parser.add_argument("--dry-run", action="store_true", dest="dry_run")

    def handle(self, *args, **options):
        with translation.override("th"):
            self._handle(options)

    def _problem_line(self, problem) -> str:
        kind = (
            pgettext("import problem", "Error")
            if problem.severity == "error"
            else pgettext("import problem", "Warning")
        )
        if problem.row:
            where = _("row %(row)s") % {"row": problem.row}
        else:
            where = pgettext("import problem", "file")
        if problem.column:
            where += " " + _("column “%(column)s”") % {"column": problem.column}
        return f"{kind}: {where}: {problem.message}"

    def _handle(self, options):
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(
                _("There is no organisation “%(slug)s”.") % {"slug": options["org"]}
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file %(path)s") % {"path": path})
        with transaction.atomic():
            try:
                batch = services_import.import_preview(
                    actor=None,
                    organization=organization,
                    filename=path.name,
                    content=path.read_bytes(),
                    fiscal_year=options.get("fiscal_year"),
                )
            except DomainError as error:
                raise CommandError(error.message) from None
            rows = batch.row_count
            existing = batch.existing_count
            self.stdout.write(
                _(
                    "%(file)s: %(rows)s rows ready to import "
                    "(%(existing)s already recorded)"
                )
                % {"file": path.name, "rows": rows, "existing": existing}
            )
            problems = batch.import_problems.order_by("row", "column", "id")
            for problem in problems.iterator(chunk_size=2000):
                self.stdout.write(self._problem_line(problem))
            if batch.error_count:
                transaction.set_rollback(True)
                raise CommandError(
                    _("%(count)s errors found; nothing was imported")
                    % {"count": batch.error_count}
                )
            if options["dry_run"]:
                transaction.set_rollback(True)
                self.stdout.write(_("Checked only (--dry-run); nothing was saved"))
                return
            try:
                outcome = services_import.import_commit(actor=None, batch=batch)
            except DomainError as error:
                raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported: %(created)s added, %(updated)s updated, "
                    "%(unchanged)s unchanged"
                )
                % outcome
            )
        )
