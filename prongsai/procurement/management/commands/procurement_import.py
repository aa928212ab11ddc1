"""Import procurements from an XLSX or CSV file (สขร.1 or e-GP/CGD layout).

    prongsai procurement_import --org bandong sor1-2568-11.xlsx [--dry-run]

Every problem is printed with its row and column in Thai; nothing is written
while any problem remains, and re-importing the same file updates the
records it made instead of adding duplicates.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization
from prongsai.procurement import services


class Command(BaseCommand):
    help = "Import procurements from an XLSX or CSV file; --dry-run only checks it."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("file", help="path of the .xlsx or .csv file")
        parser.add_argument("--fiscal-year", type=int, dest="fiscal_year")
        parser.add_argument("--dry-run", action="store_true", dest="dry_run")

    def handle(self, *args, **options):
        translation.activate("th")
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน “{options['org']}”")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {path}")
        with transaction.atomic():
            batch = services.import_preview(
                actor=None,
                organization=organization,
                filename=path.name,
                content=path.read_bytes(),
                fiscal_year=options.get("fiscal_year"),
            )
            rows = len(batch.rows)
            existing = sum(1 for r in batch.rows if r.get("exists"))
            self.stdout.write(
                f"{path.name}: {rows} แถวพร้อมนำเข้า (มีอยู่แล้ว {existing} แถว)"
            )
            for problem in batch.problems:
                kind = "ข้อผิดพลาด" if problem["severity"] == "error" else "คำเตือน"
                where = f"แถว {problem['row']}" if problem["row"] else "ไฟล์"
                if problem["column"]:
                    where += f" คอลัมน์ “{problem['column']}”"
                self.stdout.write(f"{kind}: {where}: {problem['message']}")
            errors = services.import_errors(batch)
            if errors:
                transaction.set_rollback(True)
                raise CommandError(f"พบข้อผิดพลาด {len(errors)} รายการ ไม่ได้นำเข้าข้อมูลใด ๆ")
            if options["dry_run"]:
                transaction.set_rollback(True)
                self.stdout.write("ตรวจสอบเท่านั้น (--dry-run) ไม่ได้บันทึกข้อมูล")
                return
            try:
                outcome = services.import_commit(actor=None, batch=batch)
            except DomainError as error:
                raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"นำเข้าแล้ว: เพิ่ม {outcome['created']} ปรับปรุง {outcome['updated']} "
                f"ไม่เปลี่ยนแปลง {outcome['unchanged']}"
            )
        )
