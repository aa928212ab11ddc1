"""OIT evidence of the budget part (gathered by oit_evidence): O6, the
year's operation plan (แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี) and,
in 2568, the progress of its first six months."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.oit.registry import EvidenceResult, Provider, RequirementCheck

from . import selectors_budget

# Until 2568 the item also asks for the progress of the first half year.
SIX_MONTH_UNTIL = 2568


def _plan_check(publication, fiscal_year: int) -> RequirementCheck:
    if publication is None:
        return RequirementCheck(
            requirement_index=0,
            passed=False,
            message_th=(
                f"ยังไม่ได้เผยแพร่แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fiscal_year}"
            ),
        )
    s = publication.snapshot
    missing = []
    if not s.get("item_count"):
        missing.append("โครงการหรือกิจกรรม")
    items = [
        i
        for st in s.get("strategies", [])
        for p in st["programmes"]
        for i in p["items"]
    ]
    if items and not any(float(i["amount"]) > 0 for i in items):
        missing.append("งบประมาณ")
    if items and any(not i["months"] for i in items):
        missing.append("ระยะเวลาดำเนินการของทุกโครงการ")
    if missing:
        return RequirementCheck(
            requirement_index=0,
            passed=False,
            message_th="แผนการดำเนินงานที่เผยแพร่ยังไม่ระบุ" + " ".join(missing),
        )
    return RequirementCheck(
        requirement_index=0,
        passed=True,
        message_th=(
            f"แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {fiscal_year} "
            f"มี {s['item_count']} โครงการ/กิจกรรม งบประมาณรวม "
            f"{float(s['amount']):,.2f} บาท พร้อมระยะเวลาดำเนินการ"
        ),
    )


def _six_month_check(publication, fiscal_year: int) -> RequirementCheck:
    if publication is None:
        return RequirementCheck(
            requirement_index=1,
            passed=False,
            message_th=(
                "ยังไม่ได้เผยแพร่รายงานความก้าวหน้าการดำเนินงานและการใช้จ่ายงบประมาณ"
                f"รอบ 6 เดือน ปีงบประมาณ พ.ศ. {fiscal_year}"
            ),
        )
    total = publication.snapshot["total"]
    return RequirementCheck(
        requirement_index=1,
        passed=True,
        message_th=(
            f"รายงานรอบ 6 เดือน ปีงบประมาณ พ.ศ. {fiscal_year}: เบิกจ่าย "
            f"{float(total['disbursed']):,.2f} บาท จากงบประมาณ "
            f"{float(total['in_force']):,.2f} บาท"
        ),
    )


def annual_plan_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """2569: the published operation plan of the year with its projects,
    budget and timing; 2568: also the published six-month report."""
    plan = selectors_budget.published_operation_plan(
        organization=organization, fiscal_year=fiscal_year
    )
    checks = [_plan_check(plan, fiscal_year)]
    latest = plan.published_at if plan else None
    if fiscal_year <= SIX_MONTH_UNTIL:
        report = selectors_budget.published_six_month_report(
            organization=organization, fiscal_year=fiscal_year
        )
        checks.append(_six_month_check(report, fiscal_year))
        if report is not None and (latest is None or report.published_at > latest):
            latest = report.published_at
    url = (
        reverse(
            "budget-public:operation-plan",
            kwargs={"org": organization.slug, "fiscal_year": fiscal_year},
        )
        if plan is not None and plan.pdf
        else reverse("budget-staff:years", kwargs={"org": organization.slug})
    )
    return EvidenceResult(
        url=url,
        title=f"แผนการดำเนินงานและการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        last_updated=latest,
        placeholder=plan is None,
        checks=tuple(checks),
    )


PROVIDERS: tuple = (
    Provider(
        key="budget.operation_plan",
        label=_("Operation plan and six-month spending report"),
        item_keys=("operations.annual_plan",),
        evidence=annual_plan_evidence,
    ),
)
