"""Controlled vocabularies of Thai procurement (labels are Thai-first msgids).

Methods carry their OCDS code and whether they are current law; legacy
methods are accepted for old records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcurementType(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    HIRE = "hire", _("Hire of services")
    CONSTRUCTION = "construction", _("Construction works")
    CONSULTANT = "consultant", _("Consultancy")
    DESIGN = "design", _("Design and supervision")
    RENTAL = "rental", _("Rental")


class Method(models.TextChoices):
    E_MARKET = "e_market", _("e-market")
    E_BIDDING = "e_bidding", _("e-bidding")
    PRICE_INQUIRY = "price_inquiry", _("Price inquiry method")
    SELECTION = "selection", _("Selective method")
    SPECIFIC = "specific", _("Specific method")
    # Legacy methods (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการพัสดุ พ.ศ. 2535)
    LEGACY_AGREED_PRICE = "legacy_agreed_price", _("Agreed price (legacy)")
    LEGACY_BIDDING = "legacy_bidding", _("Tender (legacy)")
    LEGACY_SPECIAL = "legacy_special", _("Special method (legacy)")
    LEGACY_SPECIAL_CASE = "legacy_special_case", _("Special case (legacy)")
    LEGACY_E_AUCTION = "legacy_e_auction", _("e-Auction (legacy)")


# Thai label as written in forms and reports (สขร.1, ITA).
METHOD_THAI: dict[str, str] = {
    Method.E_MARKET: "วิธีตลาดอิเล็กทรอนิกส์ (e-market)",
    Method.E_BIDDING: "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    Method.PRICE_INQUIRY: "วิธีสอบราคา",
    Method.SELECTION: "วิธีคัดเลือก",
    Method.SPECIFIC: "วิธีเฉพาะเจาะจง",
    Method.LEGACY_AGREED_PRICE: "วิธีตกลงราคา",
    Method.LEGACY_BIDDING: "วิธีประกวดราคา",
    Method.LEGACY_SPECIAL: "วิธีพิเศษ",
    Method.LEGACY_SPECIAL_CASE: "วิธีกรณีพิเศษ",
    Method.LEGACY_E_AUCTION: "วิธีประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์ (e-Auction)",
}

METHOD_OCDS = {
    Method.E_MARKET: "open",
    Method.E_BIDDING: "open",
    Method.PRICE_INQUIRY: "open",
    Method.LEGACY_BIDDING: "open",
    Method.LEGACY_E_AUCTION: "open",
    Method.SELECTION: "selective",
    Method.SPECIFIC: "direct",
    Method.LEGACY_AGREED_PRICE: "direct",
    Method.LEGACY_SPECIAL: "direct",
    Method.LEGACY_SPECIAL_CASE: "direct",
}

CURRENT_METHODS = frozenset(
    {
        Method.E_MARKET,
        Method.E_BIDDING,
        Method.PRICE_INQUIRY,
        Method.SELECTION,
        Method.SPECIFIC,
    }
)

TYPE_THAI: dict[str, str] = {
    ProcurementType.PURCHASE: "ซื้อ",
    ProcurementType.HIRE: "จ้าง",
    ProcurementType.CONSTRUCTION: "จ้างก่อสร้าง",
    ProcurementType.CONSULTANT: "จ้างที่ปรึกษา",
    ProcurementType.DESIGN: "จ้างออกแบบและควบคุมงาน",
    ProcurementType.RENTAL: "เช่า",
}

TYPE_OCDS = {
    ProcurementType.PURCHASE: "goods",
    ProcurementType.HIRE: "services",
    ProcurementType.CONSTRUCTION: "works",
    ProcurementType.CONSULTANT: "services",
    ProcurementType.DESIGN: "services",
    ProcurementType.RENTAL: "services",
}


class BudgetCategory(models.TextChoices):
    """งบ of the LAO budget chart; procurement sits mostly in operating/investment."""

    INVESTMENT = "investment", _("Investment budget")
    OPERATING = "operating", _("Operating budget")
    CENTRAL = "central", _("Central budget")
    PERSONNEL = "personnel", _("Personnel budget")
    SUBSIDY = "subsidy", _("Subsidy budget")
    OTHER = "other", _("Other expenditure")


BUDGET_CATEGORY_THAI: dict[str, str] = {
    BudgetCategory.INVESTMENT: "งบลงทุน",
    BudgetCategory.OPERATING: "งบดำเนินงาน",
    BudgetCategory.CENTRAL: "งบกลาง",
    BudgetCategory.PERSONNEL: "งบบุคลากร",
    BudgetCategory.SUBSIDY: "งบเงินอุดหนุน",
    BudgetCategory.OTHER: "งบรายจ่ายอื่น",
}


class FundSource(models.TextChoices):
    BUDGET_ORDINANCE = "ordinance", _("Annual budget ordinance")
    SPECIFIC_GRANT = "specific_grant", _("Specific grant")
    ACCUMULATED = "accumulated", _("Accumulated funds")
    RESERVE = "reserve", _("Reserve of accumulated funds")
    OTHER_AGENCY = "other_agency", _("Grant from another agency")


FUND_SOURCE_THAI: dict[str, str] = {
    FundSource.BUDGET_ORDINANCE: "ข้อบัญญัติ/เทศบัญญัติงบประมาณรายจ่าย",
    FundSource.SPECIFIC_GRANT: "เงินอุดหนุนเฉพาะกิจ",
    FundSource.ACCUMULATED: "เงินสะสม",
    FundSource.RESERVE: "เงินทุนสำรองเงินสะสม",
    FundSource.OTHER_AGENCY: "เงินอุดหนุนจากหน่วยงานอื่น",
}


class Status(models.TextChoices):
    """Status as the ITA table names it; derived from the dates."""

    PLANNED = "planned", _("Not yet signed")
    ACTIVE = "active", _("Under contract")
    COMPLETED = "completed", _("Contract ended")
    CANCELLED = "cancelled", _("Cancelled")


STATUS_THAI: dict[str, str] = {
    Status.PLANNED: "ยังไม่ได้ลงนามในสัญญา",
    Status.ACTIVE: "อยู่ระหว่างระยะสัญญา",
    Status.COMPLETED: "สิ้นสุดระยะสัญญา",
    Status.CANCELLED: "ยกเลิกการดำเนินการ",
}


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Procurement plan announcement")
    REFERENCE_PRICE = "reference_price", _("Reference price announcement")
    DRAFT_TOR = "draft_tor", _("Draft terms of reference")
    INVITATION = "invitation", _("Invitation to bid")
    AWARD = "award", _("Award announcement")
    CONTRACT = "contract", _("Contract or purchase order")
    INSPECTION = "inspection", _("Inspection report")
    OTHER = "other", _("Other document")


DOCUMENT_OCDS = {
    DocumentKind.PLAN: "procurementPlan",
    DocumentKind.REFERENCE_PRICE: "tenderNotice",
    DocumentKind.DRAFT_TOR: "technicalSpecifications",
    DocumentKind.INVITATION: "tenderNotice",
    DocumentKind.AWARD: "awardNotice",
    DocumentKind.CONTRACT: "contractSigned",
    DocumentKind.INSPECTION: "completionCertificate",
    DocumentKind.OTHER: "",
}
