"""``prongsai rebuild_search_index [--org SLUG] [--kind KIND]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from prongsai.organizations.models import Organization
from prongsai.search import registry
from prongsai.search.services import index_rebuild


class Command(BaseCommand):
    help = "Write the site search index again from the published records."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="only this organisation (slug)")
        parser.add_argument(
            "--kind", action="append", help="only this kind (repeatable)"
        )

    def handle(self, *args, org=None, kind=None, **options):
        with translation.override("th"):
            organization = None
            if org:
                organization = Organization.objects.filter(slug=org).first()
                if organization is None:
                    raise CommandError(f"no organisation with slug {org!r}")
            known = {k.key for k in registry.kinds()}
            unknown = sorted(set(kind or ()) - known)
            if unknown:
                names = ", ".join(unknown)
                raise CommandError(f"unknown kind(s): {names} (known: {sorted(known)})")
            count = index_rebuild(organization=organization, kinds=kind)
            self.stdout.write(f"{count} search entries written.")
