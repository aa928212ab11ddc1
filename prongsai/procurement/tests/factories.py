import datetime
from decimal import Decimal

import factory

from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.procurement import identifiers
from prongsai.procurement.models import (
    Bid,
    ImportBatch,
    NoProcurementMonth,
    PlanItem,
    Procurement,
    ProcurementDocument,
    Supplier,
)
from prongsai.procurement.vocab import BudgetCategory, Method, ProcurementType


def thai_id(first12: str) -> str:
    """A valid 13-digit ID from its first 12 digits."""
    return first12 + str(identifiers.thai_id_check_digit(first12))


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ห้างหุ้นส่วนจำกัด ทดสอบการค้า {n}")
    tax_id = factory.Sequence(lambda n: thai_id(f"0403{n:08d}"))


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2568
    procured_on = datetime.date(2024, 11, 15)
    budget_category = BudgetCategory.OPERATING
    title = factory.Sequence(lambda n: f"จัดซื้อวัสดุสำนักงาน รายการที่ {n}")
    procurement_type = ProcurementType.PURCHASE
    method = Method.SPECIFIC
    budget_amount = Decimal("20000.00")


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    procurement = factory.SubFactory(ProcurementFactory)
    supplier = factory.SubFactory(
        SupplierFactory,
        organization=factory.SelfAttribute("..procurement.organization"),
    )
    price = Decimal("19500.00")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcurementDocument

    procurement = factory.SubFactory(ProcurementFactory)
    kind = "award"
    title = "ประกาศผู้ชนะการเสนอราคา"
    url = "https://example.org/award.pdf"
    published_on = datetime.date(2024, 11, 16)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2568
    title = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก"
    budget_category = BudgetCategory.INVESTMENT
    budget_amount = Decimal("950000")
    method = Method.E_BIDDING
    expected_month = datetime.date(2025, 2, 1)


class NoProcurementMonthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoProcurementMonth

    organization = factory.SubFactory(OrganizationFactory)
    month = datetime.date(2025, 4, 1)


class ImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportBatch

    organization = factory.SubFactory(OrganizationFactory)
    filename = "sor1.csv"
    sha256 = "0" * 64
    layout = "sor1"


IMPORT_ROW = {
    "title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    "budget_amount": "1500000.00",
    "reference_price": "1498000.00",
    "agreed_price": "1290000.00",
    "method": "e_bidding",
    "legal_ground": "",
    "procurement_type": "construction",
    "budget_category": "investment",
    "fund_source": "ordinance",
    "selection_reason": "",
    "bids": [],
    "supplier_name": "ห้างหุ้นส่วนจำกัด ทองดี",
    "supplier_tax_id": "0105563008656",
    "contract_number": "",
    "contract_date": "2025-01-27",
    "contract_start": "2025-01-27",
    "contract_end": None,
    "procured_on": "2025-01-20",
    "cancelled": False,
    "fiscal_year": 2568,
}


def build_import(organization, *, rows: int, errors: int = 0, warnings: int = 0):
    """An import of ``rows`` parsed rows, written directly (no file to parse)."""
    from prongsai.procurement.models import ImportProblem, ImportRow

    batch = ImportBatchFactory(
        organization=organization,
        filename="egp.csv",
        layout="egp",
        row_count=rows,
        error_count=errors,
        warning_count=warnings,
    )

    def row(n):
        number = str(68019200000 + n)
        return ImportRow(
            batch=batch,
            number=n + 1,
            data={
                **IMPORT_ROW,
                "row": n + 1,
                "title": f"{IMPORT_ROW['title']} รายการที่ {n + 1}",
                "egp_project_number": number,
                "key": f"egp:{number}",
            },
        )

    def problem(n, severity):
        return ImportProblem(
            batch=batch,
            row=n + 1,
            column="งบประมาณ(บาท)",
            severity=severity,
            message="จำนวนเงินไม่ถูกต้อง",
        )

    ImportRow.objects.bulk_create((row(n) for n in range(rows)), batch_size=5000)
    ImportProblem.objects.bulk_create(
        (problem(n, "error") for n in range(errors)), batch_size=5000
    )
    ImportProblem.objects.bulk_create(
        (problem(n, "warning") for n in range(warnings)), batch_size=5000
    )
    return batch
