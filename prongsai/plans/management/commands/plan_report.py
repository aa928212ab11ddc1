"""Write a plan's progress report to a file.

Example::

    prongsai plan_report --org bandong --plan 2 --period q1 --format pdf \\
        --output q1.pdf

Arguments are checked here so that every mistake is reported in Thai.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization
from prongsai.plans.models import Plan
from prongsai.plans.reports import PERIODS
from prongsai.plans.reports_documents import plan_report_file


class Command(BaseCommand):
    help = "Write the quarterly, six-month or annual report of a plan as PDF or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True)
        parser.add_argument("--plan", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--format", dest="file_format", default="pdf")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options) -> None:
        with translation.override("th"):
            organization = Organization.objects.filter(slug=options["org"]).first()
            if organization is None:
                raise CommandError(
                    _("There is no organisation “%(slug)s”.") % {"slug": options["org"]}
                )
            plan = (
                Plan.objects.filter(
                    organization=organization, pk=options["plan"]
                ).first()
                if str(options["plan"]).isdigit()
                else None
            )
            if plan is None:
                raise CommandError(
                    _("%(organization)s has no plan number %(plan)s.")
                    % {"organization": organization.name, "plan": options["plan"]}
                )
            if options["period"] not in PERIODS:
                raise CommandError(
                    _("The period must be one of %(periods)s.")
                    % {"periods": ", ".join(PERIODS)}
                )
            if options["file_format"] not in ("pdf", "docx"):
                raise CommandError(_("The format must be pdf or docx."))
            try:
                content, _name, _type = plan_report_file(
                    plan=plan,
                    period=options["period"],
                    file_format=options["file_format"],
                )
            except DomainError as error:
                raise CommandError(error.message) from None
            output = Path(options["output"])
            try:
                output.write_bytes(content)
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(path)s: %(error)s")
                    % {"path": output, "error": error.strerror}
                ) from None
        self.stdout.write(str(output))
