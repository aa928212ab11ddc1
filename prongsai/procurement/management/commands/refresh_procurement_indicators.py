"""Recompute the stored risk indicators of the procurement register.

    prongsai refresh_procurement_indicators [--org SLUG] [--fiscal-year 2568]

Without ``--org``: every organisation with procurement records. Run it once
after the migration ``procurement 0005_risk_indicators`` (existing records
have no stored indicators until then), and after changing the indicator
rules. Writes through the service do it by themselves.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from prongsai.organizations.models import Organization
from prongsai.procurement.models import Procurement
from prongsai.procurement.services_indicators import indicators_refresh_all


class Command(BaseCommand):
    help = "Recompute the stored procurement risk indicators (one or every year)."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="the organisation's slug (default: all)")
        parser.add_argument("--fiscal-year", type=int, dest="fiscal_year")

    def handle(self, *args, org=None, fiscal_year=None, **options):
        if org:
            organizations = list(Organization.objects.filter(slug=org))
            if not organizations:
                raise CommandError(f"No organisation {org!r}.")
        else:
            ids = (
                Procurement.objects.all_organizations()
                .order_by()
                .values_list("organization_id", flat=True)
                .distinct()
            )
            organizations = list(Organization.objects.filter(pk__in=list(ids)))
        for organization in organizations:
            started = time.perf_counter()
            years = indicators_refresh_all(
                organization=organization, fiscal_year=fiscal_year
            )
            total = sum(year.indicator_total for year in years)
            self.stdout.write(
                f"{organization.slug}: {len(years)} fiscal year(s), "
                f"{total} indicator(s), {time.perf_counter() - started:.1f} s"
            )
