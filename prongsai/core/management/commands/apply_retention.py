"""Apply the retention terms of every kind of personal data now.

Celery beat runs the same job daily. Example::

    prongsai apply_retention --dry-run   # count only, change nothing
    prongsai apply_retention

Prints one line per kind: its term and how many rows were (or would be)
deleted or anonymised.
"""

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core import retention


class Command(BaseCommand):
    help = "Delete or anonymise personal data whose retention term is over."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be removed without changing anything.",
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        report = retention.retention_apply(dry_run=dry_run)
        with translation.override("th"):
            if dry_run:
                self.stdout.write(_("Dry run: nothing was changed."))
            for kind in retention.kinds():
                days = report.days.get(kind.key)
                if days is None and not kind.per_organization:
                    term = _("kept without a term")
                elif kind.per_organization:
                    term = _("term set by each organisation")
                else:
                    term = _("%(days)s days") % {"days": days}
                self.stdout.write(
                    _("%(key)s (%(term)s): %(count)s rows %(effect)s")
                    % {
                        "key": kind.key,
                        "term": term,
                        "count": report.total(kind.key),
                        "effect": retention.Effect(kind.effect).label,
                    }
                )
