"""What the JSON API reads and writes (pydantic schemas via ninja)."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator

from prongsai.eservices.models import Status as RequestStatus
from prongsai.procurement.vocab import (
    BudgetCategory,
    FundSource,
    Method,
    ProcurementType,
)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("The text contains a null character (\\0)."))
    return value


def Text(max_length: int, description: str = ""):
    return Annotated[
        str,
        AfterValidator(_no_nul),
        Field(max_length=max_length, description=description),
    ]


SearchText = Annotated[
    str, AfterValidator(_no_nul), Field(max_length=200, description="คำค้น")
]
Money = Annotated[
    Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)
]
FiscalYear = Annotated[int, Field(ge=2400, le=2700, description="ปีงบประมาณ (พ.ศ.)")]


class Error(Schema):
    detail: str = Field(description="ข้อความภาษาไทยบอกสิ่งที่ผิด")
    code: str = Field(
        "error", description="ชื่อข้อผิดพลาดสำหรับโปรแกรม เช่น not_found, invalid"
    )
    field: str | None = None


class IndexEndpoint(Schema):
    method: str
    path: str
    description: str = Field(description="คำอธิบายภาษาไทย")


class IndexOut(Schema):
    name: str
    version: str
    detail: str
    documentation: str
    openapi: str
    endpoints: list[IndexEndpoint]


# --- reads -------------------------------------------------------------------


class OrganizationOut(Schema):
    slug: str
    name: str
    name_en: str
    kind: str
    province: str
    district: str
    website: str
    url: str = Field(description="หน้าเว็บสาธารณะ")


class ProcurementOut(Schema):
    """A procurement as the public register shows it (``procurement_public_row``)."""

    id: int
    fiscal_year: int
    procured_on: datetime.date | None
    title: str
    procurement_type: str
    budget_category: str
    budget_plan: str
    budget_work: str
    expense_type: str
    budget_line: str
    fund_source: str
    budget_amount: Decimal | None
    reference_price: Decimal | None
    method: str
    legal_ground: str
    number_of_bidders: int | None
    supplier_name: str
    supplier_tax_id: str
    agreed_price: Decimal | None
    contract_number: str
    contract_date: datetime.date | None
    contract_start: datetime.date | None
    contract_end: datetime.date | None
    egp_project_number: str
    status: str


class DatasetOut(Schema):
    name: str
    title: str
    description: str
    fiscal_year: int | None
    category: str
    tags: list[str]
    license_url: str
    modified_at: datetime.datetime | None
    url: str
    csv_url: str
    json_url: str


class ServiceOut(Schema):
    code: str
    name: str
    category: str
    description: str
    time_limit_days: int
    time_limit_unit: str
    fees: str
    legal_basis: str
    responsible_unit: str
    channels: str
    online: bool = Field(description="ยื่นคำขอออนไลน์ได้")
    url: str


class Count(Schema):
    label: str
    count: int


class ComplaintStatisticsOut(Schema):
    fiscal_year: int
    fiscal_years: list[int] = Field(description="ปีที่มีสถิติ")
    total: int
    outcomes: dict[str, int]
    by_kind: list[Count]
    by_channel: list[Count]
    by_category: list[dict[str, str | int]]
    satisfaction_count: int
    satisfaction_mean: float | None
    corruption: dict[str, int]


class ItaScore(Schema):
    total: str | None
    iit: str | None
    eit: str | None
    oit: str | None
    level_code: str
    level_label: str
    official: bool = Field(description="ตัวเลขที่ ป.ป.ช. ประกาศ")


class ItaIndicator(Schema):
    kind: str
    code: str
    title: str
    score: str | None


class ItaResultOut(Schema):
    fiscal_year: int
    published_at: datetime.datetime
    publication_number: int
    score: ItaScore
    indicators: list[ItaIndicator]
    url: str


# --- writes ------------------------------------------------------------------


class BidIn(Schema):
    name: Text(300)
    tax_id: Text(13) = ""
    price: Money | None = None


class ProcurementIn(Schema):
    """A new procurement record (the fields of the register)."""

    fiscal_year: FiscalYear
    procured_on: datetime.date
    title: Text(500)
    procurement_type: ProcurementType
    method: Method
    budget_category: BudgetCategory
    budget_amount: Money
    budget_plan: Text(200) = ""
    budget_work: Text(200) = ""
    expense_type: Text(200) = ""
    budget_line: Text(300) = ""
    fund_source: FundSource = FundSource.BUDGET_ORDINANCE
    legal_ground: Text(300) = ""
    reference_price: Money | None = None
    egp_project_number: Text(30) = ""
    agreed_price: Money | None = None
    selection_reason: Text(300) = ""
    contract_number: Text(100) = ""
    contract_date: datetime.date | None = None
    contract_start: datetime.date | None = None
    contract_end: datetime.date | None = None
    inspection_date: datetime.date | None = None
    payment_date: datetime.date | None = None
    cancelled: bool = False
    supplier_name: Text(300) = ""
    supplier_tax_id: Text(13) = ""
    bids: list[BidIn] = Field(default_factory=list, max_length=100)


class ProcurementPatch(Schema):
    """The fields to change; fields left out stay as they are."""

    fiscal_year: FiscalYear | None = None
    procured_on: datetime.date | None = None
    title: Text(500) | None = None
    procurement_type: ProcurementType | None = None
    method: Method | None = None
    budget_category: BudgetCategory | None = None
    budget_amount: Money | None = None
    budget_plan: Text(200) | None = None
    budget_work: Text(200) | None = None
    expense_type: Text(200) | None = None
    budget_line: Text(300) | None = None
    fund_source: FundSource | None = None
    legal_ground: Text(300) | None = None
    reference_price: Money | None = None
    egp_project_number: Text(30) | None = None
    agreed_price: Money | None = None
    selection_reason: Text(300) | None = None
    contract_number: Text(100) | None = None
    contract_date: datetime.date | None = None
    contract_start: datetime.date | None = None
    contract_end: datetime.date | None = None
    inspection_date: datetime.date | None = None
    payment_date: datetime.date | None = None
    cancelled: bool | None = None
    supplier_name: Text(300) | None = None
    supplier_tax_id: Text(13) = ""
    bids: list[BidIn] | None = Field(None, max_length=100)


class RequestStatusIn(Schema):
    to_status: RequestStatus
    reason: Text(2000) = Field("", description="เหตุผล (จำเป็นเมื่อปฏิเสธหรือรอผู้ยื่น)")
    public_note: Text(2000) = ""
    jump_reason: Text(2000) = Field("", description="เหตุผลที่ทำก่อนคำขอที่รอก่อนหน้า")


class RequestStatusOut(Schema):
    tracking_code: str
    status: str
    status_label: str
