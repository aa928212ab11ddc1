"""Write an organisation's ITA analysis report to a PDF or DOCX file.

Example::

    prongsai ita_report --org bandong --fiscal-year 2568 --format pdf \\
        --output ita-2568.pdf

The report is built from the recorded result and the coordinator's report
(measures, names); without a saved report the analysis alone is written,
with blank measures and approval lines to fill in by hand.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.ita.models import AnalysisReport
from prongsai.ita.report import report_context, report_docx, report_pdf
from prongsai.ita.selectors import access_ita_result, analysis_report_get
from prongsai.organizations.selectors import access_organization


class Command(BaseCommand):
    help = "Write the ITA analysis report of an organisation and fiscal year."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--fiscal-year", required=True, help="e.g. 2568")
        parser.add_argument("--format", required=True, help="pdf or docx")
        parser.add_argument("--output", required=True, help="file to write")

    def handle(self, *args, **options):
        with translation.override("th"):
            self._handle(options)

    def _handle(self, options):
        fmt = options["format"].lower()
        if fmt not in ("pdf", "docx"):
            raise CommandError(_("The format must be pdf or docx."))
        year_text = str(options["fiscal_year"]).strip()
        if not year_text.isdigit():
            raise CommandError(
                _("The fiscal year must be a Buddhist-era number (got: %(value)s)")
                % {"value": year_text}
            )
        fiscal_year = int(year_text)
        try:
            organization = access_organization(slug=options["org"])
        except Http404:
            raise CommandError(
                _("There is no organisation “%(slug)s”.") % {"slug": options["org"]}
            ) from None
        try:
            access_ita_result(organization=organization, fiscal_year=fiscal_year)
        except Http404:
            raise CommandError(
                _("%(organization)s has no ITA result for fiscal year %(year)s yet")
                % {"organization": organization.name, "year": fiscal_year}
            ) from None
        report = analysis_report_get(
            organization=organization, fiscal_year=fiscal_year
        ) or AnalysisReport(organization=organization, fiscal_year=fiscal_year)
        context = report_context(report)
        content = report_pdf(context) if fmt == "pdf" else report_docx(context)
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s")
                % {"path": output, "error": error.strerror}
            ) from None
        self.stdout.write(
            _("%(path)s (%(size)s bytes)")
            % {"path": output, "size": f"{len(content):,}"}
        )
