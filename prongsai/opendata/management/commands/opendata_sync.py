"""``prongsai opendata_sync [--org SLUG]``: refresh the open-data catalogue."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.opendata.services import dataset_sync
from prongsai.organizations.models import Organization


class Command(BaseCommand):
    help = "Create, refresh or withdraw datasets from the registered providers."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="Only this organisation (its URL name).")

    def handle(self, *args, org=None, **options):
        organizations = Organization.objects.active()
        if org:
            organizations = organizations.filter(slug=org)
            if not organizations.exists():
                raise CommandError(f"No active organisation with URL name {org!r}.")
        for organization in organizations.order_by("slug"):
            result = dataset_sync(organization=organization)
            self.stdout.write(
                f"{organization.slug}: {len(result.created)} created, "
                f"{len(result.updated)} updated, {len(result.restored)} restored, "
                f"{len(result.withdrawn)} withdrawn"
            )
