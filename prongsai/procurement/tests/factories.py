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
