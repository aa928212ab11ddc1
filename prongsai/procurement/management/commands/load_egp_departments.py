"""Load the national list of e-GP departments (to propose organisations' codes).

    prongsai load_egp_departments departments.csv [--replace]

The CSV has a header row naming the code, the name and (optionally) the
province columns (``code,name,province`` or ``รหัสหน่วยงาน,ชื่อหน่วยงาน,จังหวัด``),
e.g. saved from the CGD ``EGPDepartment`` / ``EGPSubdepartment`` services.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.core.spreadsheets import SpreadsheetError, read_csv
from prongsai.procurement import egp_departments
from prongsai.procurement.services_feed import egp_departments_load


class Command(BaseCommand):
    help = "Load e-GP departments from a CSV file (code, name, province)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the departments the file does not list.",
        )

    def handle(self, *args, path: str, replace: bool, **options):
        try:
            rows = read_csv(Path(path).read_bytes(), sniff=True)
            departments = egp_departments.read_departments(rows)
        except (OSError, SpreadsheetError, ValueError) as error:
            raise CommandError(str(error)) from error
        count = egp_departments_load(departments=departments, replace=replace)
        self.stdout.write(
            f"{len(departments)} departments read, {count} added or changed."
        )
