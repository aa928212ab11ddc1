"""Re-encrypt every stored secret with the newest encryption key."""

from django.core.management.base import BaseCommand

from prongsai.core.fields import rotate_stored_values


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of "
        "PRONGSAI_FIELD_ENCRYPTION_KEYS (run after adding a new key in front)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        report = rotate_stored_values(dry_run=dry_run)
        for label, counts in report.items():
            self.stdout.write(
                f"{label}: {counts['rotated']} re-encrypted, "
                f"{counts['unreadable']} unreadable"
            )
        if any(counts["unreadable"] for counts in report.values()):
            self.stderr.write(
                "Unreadable values were left as they are: enter those secrets again "
                "in the back office."
            )
