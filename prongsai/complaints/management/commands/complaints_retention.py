"""Apply the complaint retention rules now (Celery beat runs them daily).

Example::

    prongsai complaints_retention

Deletes closed confidential reports (and their files) older than each
organisation's retention period, and blanks the complainant's details of
closed cases whose category sets a term. Prints the counts only.
"""

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.complaints.services import (
    case_remove_personal_data_expired,
    confidential_purge_expired,
)


class Command(BaseCommand):
    help = "Delete expired confidential reports and expired personal data."

    def handle(self, *args, **options):
        deleted = confidential_purge_expired()
        blanked = case_remove_personal_data_expired()
        with translation.override("th"):
            self.stdout.write(
                _(
                    "Deleted %(deleted)s expired confidential reports; removed the "
                    "expired personal data of %(blanked)s cases"
                )
                % {"deleted": deleted, "blanked": blanked}
            )
