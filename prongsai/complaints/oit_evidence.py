"""OIT evidence generated from the complaint centre: the guideline for
corruption reports, the confidential channel and the yearly statistics.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``.
Evidence points at the public pages under ``/<org>/complaints/``.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from prongsai.core.deadlines import duration_text
from prongsai.core.thai_dates import fiscal_year_bounds
from prongsai.oit.registry import (
    EvidenceResult,
    Provider,
    RequirementCheck,
)

from . import selectors


def _url(name: str, organization) -> str:
    return reverse(name, kwargs={"org": organization.slug})


def guideline_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The public guideline: how to report, steps, who handles it, how long."""
    guideline = selectors.corruption_guideline(organization=organization)
    missing = guideline.missing_contacts
    with translation.override("th"):
        acknowledge = duration_text(guideline.acknowledge_days, guideline.deadline_unit)
        resolve = duration_text(guideline.resolve_days, guideline.deadline_unit)
    return EvidenceResult(
        url=_url("complaints-public:report-guideline", organization),
        title=str(_("Guideline for handling corruption and misconduct reports")),
        last_updated=organization.updated_at,
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=not missing,
                message_th=(
                    "แนวปฏิบัติระบุวิธีการยื่นเรื่อง ขั้นตอน ผู้รับผิดชอบ และระยะเวลา "
                    f"(ตอบรับภายใน {acknowledge} แจ้งผลภายใน {resolve})"
                    if not missing
                    else "แนวปฏิบัติยังขาดช่องทางยื่นเรื่องนอกระบบออนไลน์: "
                    + " และ".join(missing)
                    + " (แก้ไขข้อมูลหน่วยงาน)"
                ),
            ),
        ),
    )


def channel_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The confidential online channel, separate from general complaints."""
    return EvidenceResult(
        url=_url("complaints-public:report", organization),
        title=str(_("Confidential channel for corruption and misconduct reports")),
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=True,
                message_th=(
                    "มีช่องทางออนไลน์สำหรับแจ้งเรื่องร้องเรียนการทุจริตแยกจากเรื่องร้องเรียนทั่วไป "
                    "ไม่ระบุตัวตนได้ และติดตามผลด้วยรหัสรับเรื่อง"
                ),
            ),
        ),
    )


def statistics_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """Corruption-report figures of the previous fiscal year (none stated)."""
    today = today or timezone.localdate()
    data_year = fiscal_year - 1
    _start, end = fiscal_year_bounds(data_year)
    ended = end < today
    stats = selectors.complaint_statistics(
        organization=organization, fiscal_year=data_year
    )
    corruption = stats["corruption"]
    total = corruption["total"]
    if total:
        message = (
            f"ปีงบประมาณ พ.ศ. {data_year}: ได้รับเรื่องร้องเรียนการทุจริต {total} เรื่อง "
            f"ดำเนินการแล้วเสร็จ {corruption['completed']} เรื่อง "
            f"อยู่ระหว่างดำเนินการ {corruption['in_progress']} เรื่อง "
            f"ส่งต่อหน่วยงานอื่น {corruption['forwarded']} เรื่อง"
        )
    else:
        message = f"ระบุอย่างชัดเจนว่าไม่มีเรื่องร้องเรียนการทุจริตในปีงบประมาณ พ.ศ. {data_year}"
    checks = [
        RequirementCheck(requirement_index=0, passed=True, message_th=message),
        RequirementCheck(
            text="fiscal_year",
            passed=ended,
            message_th=(
                f"สถิติครบทั้งปีงบประมาณ พ.ศ. {data_year} (ตุลาคม–กันยายน)"
                if ended
                else f"ปีงบประมาณ พ.ศ. {data_year} ยังไม่สิ้นสุด: สถิติยังไม่ครบทั้งปี"
            ),
        ),
        RequirementCheck(
            text="machine_readable",
            passed=True,
            message_th="เผยแพร่เป็นไฟล์ PDF และ Excel (XLSX) บนหน้าสถิติ",
        ),
    ]
    if not total:
        checks.append(RequirementCheck(text="none", passed=True, message_th=message))
    path = _url("complaints-public:statistics", organization)
    return EvidenceResult(
        url=f"{path}?year={data_year}",
        title=str(_("Corruption report statistics of FY %(year)s"))
        % {"year": data_year},
        machine_readable=True,
        checks=tuple(checks),
    )


PROVIDERS = (
    Provider(
        key="complaints.guideline",
        label=_("Guideline for handling corruption reports"),
        item_keys=("complaints.guideline",),
        evidence=guideline_evidence,
    ),
    Provider(
        key="complaints.channel",
        label=_("Confidential corruption-report channel"),
        item_keys=("complaints.channel",),
        evidence=channel_evidence,
    ),
    Provider(
        key="complaints.statistics",
        label=_("Complaint statistics page"),
        item_keys=("complaints.statistics",),
        evidence=statistics_evidence,
    ),
)
