"""Check the evidence links of an organisation's OIT checklist."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.oit import linkcheck, selectors
from prongsai.oit.services_submission import link_check_run
from prongsai.organizations.models import Organization


class Command(BaseCommand):
    help = "Fetch every evidence URL of an organisation's OIT checklist."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--fiscal-year", type=int, help="default: the latest")
        parser.add_argument(
            "--base-url",
            default="",
            help="fetch this site's pages from this address "
            "(default: the organisation's public address)",
        )
        parser.add_argument("--workers", type=int, default=linkcheck.DEFAULT_WORKERS)
        parser.add_argument("--timeout", type=float, default=linkcheck.DEFAULT_TIMEOUT)

    def handle(self, *args, **options):
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(f"ไม่พบหน่วยงาน {options['org']}")
        checklists = selectors.checklist_list(organization=organization)
        if options["fiscal_year"]:
            checklists = checklists.filter(fiscal_year=options["fiscal_year"])
        checklist = checklists.first()
        if checklist is None:
            raise CommandError("ยังไม่มีรายการตรวจสอบ OIT ของปีงบประมาณที่ระบุ")
        fetch_options = {"workers": options["workers"], "timeout": options["timeout"]}
        if options["base_url"]:
            fetch_options["base_url"] = options["base_url"]
            fetch_options["absolute"] = None
        warnings = link_check_run(
            organization=organization, checklist=checklist, fetch_options=fetch_options
        )
        for warning in warnings:
            self.stdout.write(warning)
        year, count = checklist.fiscal_year, len(warnings)
        self.stdout.write(f"ตรวจลิงก์ OIT ปีงบประมาณ {year}: คำเตือน {count} รายการ")
