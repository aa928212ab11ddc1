"""Write a document of the procurement register to a file.

    prongsai procurement_export --org bandong --fiscal-year 2568 \\
        --format FORMAT [--month 11] --output file

FORMAT is one of sor1-xlsx, sor1-pdf, ita-xlsx, ita-csv, annual-pdf,
annual-docx, ocds-release and ocds-record.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.organizations.models import Organization
from prongsai.procurement import exports, exports_files


class Command(BaseCommand):
    help = "Export สขร.1, the ITA table, the annual report or OCDS packages."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True)
        parser.add_argument(
            "--fiscal-year", required=True, type=int, dest="fiscal_year"
        )
        parser.add_argument(
            "--format", required=True, choices=exports.FORMATS, dest="fmt"
        )
        parser.add_argument("--month", type=int, choices=range(1, 13))
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        with translation.override("th"):
            self._handle(options)

    def _handle(self, options):
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(
                _("There is no organisation “%(slug)s”.") % {"slug": options["org"]}
            )
        if options["fmt"].startswith("sor1") and not options["month"]:
            raise CommandError(
                _("The monthly procurement summary needs a month: give --month (1–12)")
            )
        try:
            document = exports_files.build(
                organization=organization,
                fmt=options["fmt"],
                fiscal_year=options["fiscal_year"],
                month=options["month"],
            )
        except exports.ExportError as error:
            raise CommandError(
                _("No data for %(format)s in fiscal year %(year)s")
                % {"format": options["fmt"], "year": options["fiscal_year"]}
            ) from error
        output = Path(options["output"])
        try:
            output.write_bytes(document.content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s")
                % {"path": output, "error": error.strerror}
            ) from None
        self.stdout.write(
            _("%(path)s (%(size)s bytes)")
            % {"path": output, "size": f"{len(document.content):,}"}
        )
