"""Write the province and national pages' summaries now (the nightly task
does the same through one Celery task per organisation)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.organizations.models import Organization
from prongsai.portal.summaries import (
    province_summaries_refresh,
    summaries_refresh_all,
    summary_refresh,
)


class Command(BaseCommand):
    help = "Refresh the region summaries of every organisation (or --org) and province."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="only this organisation (slug)")
        parser.add_argument("--fiscal-year", type=int, help="Buddhist-era fiscal year")

    def handle(self, *args, org=None, fiscal_year=None, **options):
        with translation.override("th"):
            if org:
                organization = Organization.objects.filter(slug=org).first()
                if organization is None:
                    raise CommandError(_("No organisation %(slug)s.") % {"slug": org})
                summary_refresh(organization=organization, fiscal_year=fiscal_year)
                count = 1
                province_summaries_refresh(fiscal_year=fiscal_year)
            else:
                count = summaries_refresh_all(fiscal_year=fiscal_year)
            self.stdout.write(
                self.style.SUCCESS(
                    _("Summaries refreshed: %(count)s organisations.")
                    % {"count": count}
                )
            )
