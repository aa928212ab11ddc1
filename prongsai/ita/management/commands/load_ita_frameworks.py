"""Load the ITA framework data files and the recommendation rules."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from prongsai.ita.services import framework_load_files, recommendation_rules_load


class Command(BaseCommand):
    help = (
        "Load prongsai/ita/data/frameworks/fy*.yaml and the recommendation rules "
        "into the database. Rows already loaded are kept unless --update is given."
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
            rules = recommendation_rules_load(update=options["update"])
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        for key in ("created", "updated", "kept"):
            years = ", ".join(str(y) for y in outcome[key]) or "-"
            self.stdout.write(f"{key}: {years}")
        self.stdout.write(
            "rules: "
            + ", ".join(
                f"{key} {len(rules[key])}" for key in ("created", "updated", "kept")
            )
        )
