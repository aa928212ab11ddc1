"""Load the ITA framework data files (one per fiscal year) into the database."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prongsai.ita.services import framework_load_files


class Command(BaseCommand):
    help = (
        "Load prongsai/ita/data/frameworks/fy*.yaml into the database. Years already "
        "loaded are kept unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite loaded years (discards corrections made in the admin).",
        )

    def handle(self, *args, **options):
        try:
            outcome = framework_load_files(update=options["update"])
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        for key in ("created", "updated", "kept"):
            years = ", ".join(str(y) for y in outcome[key]) or "-"
            self.stdout.write(f"{key}: {years}")
