"""OIT evidence of the results part (gathered by oit_evidence): O7
รายงานผลการดำเนินงานประจำปี in 2568 and 2569 is the published annual
performance report of the previous fiscal year."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.oit.registry import EvidenceResult, Provider, RequirementCheck

from . import selectors_results
from .models_documents import ResultsReport


def _money(value: str) -> str:
    return f"{float(value):,.2f}"


def annual_report_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The published annual performance report of the previous fiscal year."""
    year = fiscal_year - 1
    publication = selectors_results.published_report(
        organization=organization, kind=ResultsReport.Kind.ANNUAL, fiscal_year=year
    )
    title = f"รายงานผลการดำเนินงานประจำปี ปีงบประมาณ พ.ศ. {year}"
    if publication is None:
        checks = (
            RequirementCheck(
                requirement_index=0,
                passed=False,
                message_th=(
                    f"ยังไม่ได้เผยแพร่รายงานผลการดำเนินงานประจำปี ปีงบประมาณ พ.ศ. {year}"
                ),
            ),
        )
        url = reverse("budget-public:index", kwargs={"org": organization.slug})
    else:
        s = publication.snapshot
        missing = [
            name
            for name, present in (
                ("ผลผลิตของโครงการ", any(p["output"] for p in s["projects"])),
                ("ปัญหาอุปสรรค", bool(s["problems"])),
                ("ข้อเสนอแนะ", bool(s["recommendations"])),
            )
            if not present
        ]
        message = (
            f"รายงานผลการดำเนินงานประจำปี ปีงบประมาณ พ.ศ. {year}: "
            f"{s['project_count']} โครงการ ดำเนินการ {s['carried_out']} จาก "
            f"{s['plan_project_count']} โครงการตามแผน (แล้วเสร็จ {s['completed']}) "
            f"งบประมาณที่เบิกจ่าย {_money(s['budget_disbursed'])} บาท"
        )
        if missing:
            message += " แต่ยังไม่มี" + " ".join(missing)
        checks = (
            RequirementCheck(
                requirement_index=0, passed=not missing, message_th=message
            ),
        )
        url = reverse(
            "budget-public:report",
            kwargs={
                "org": organization.slug,
                "fiscal_year": year,
                "kind": ResultsReport.Kind.ANNUAL,
                "extension": "pdf",
            },
        )
    return EvidenceResult(
        url=url,
        title=title,
        last_updated=publication.published_at if publication else None,
        placeholder=publication is None,
        checks=checks,
    )


PROVIDERS: tuple = (
    Provider(
        key="budget.annual_report",
        label=_("Annual performance report of the previous year"),
        item_keys=("operations.annual_report",),
        evidence=annual_report_evidence,
        depends_on=(
            "budget.ResultsReport",
            "budget.ProjectYear",
            "core.Publication",
        ),
    ),
)
