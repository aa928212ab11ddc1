"""OIT evidence generated from E-Service: citizen manuals, the online
service itself and its statistics.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``.
Evidence points at the public pages under ``/<org>/eservices/``.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core.manuals import manuals_for
from prongsai.core.thai_dates import fiscal_half_bounds
from prongsai.oit.registry import (
    EvidenceResult,
    Provider,
    RequirementCheck,
)

from . import selectors

MAX_NAMES = 5


def _url(name: str, organization) -> str:
    return reverse(name, kwargs={"org": organization.slug})


def _names(services) -> str:
    names = [s.name for s in services[:MAX_NAMES]]
    more = len(services) - MAX_NAMES
    return ", ".join(names) + (f" และอีก {more} งาน" if more > 0 else "")


def _manual_gaps(service) -> list[str]:
    gaps = []
    if not service.steps:
        gaps.append("ขั้นตอน")
    if not service.channels.strip():
        gaps.append("ช่องทางการให้บริการ")
    if not service.responsible_unit.strip():
        gaps.append("หน่วยงานที่รับผิดชอบ")
    if not service.fees.strip():
        gaps.append("ค่าธรรมเนียม (หากไม่มีให้ระบุว่าไม่มี)")
    return gaps


def manuals_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The citizen manual of every published service (คู่มือสำหรับประชาชน)."""
    services = list(
        selectors.service_list(organization=organization, published_only=True)
    )
    incomplete = [(s, _manual_gaps(s)) for s in services]
    incomplete = [(s, gaps) for s, gaps in incomplete if gaps]
    no_fee_stated = [s for s in services if not s.fees.strip()]
    no_documents = [s for s in services if not s.documents]
    if not services:
        message = "ยังไม่มีงานบริการที่เผยแพร่คู่มือสำหรับประชาชน"
    elif incomplete:
        message = "คู่มือยังไม่ครบ: " + "; ".join(
            f"{s.name} ขาด{' '.join(gaps)}" for s, gaps in incomplete[:MAX_NAMES]
        )
    else:
        message = (
            f"คู่มือสำหรับประชาชน {len(services)} งานบริการ ระบุชื่องาน ขั้นตอน "
            "ระยะเวลา ช่องทาง ค่าธรรมเนียม และเอกสารหลักฐานครบ"
        )
    checks = [
        RequirementCheck(
            requirement_index=0,
            passed=bool(services) and not incomplete,
            message_th=message,
        ),
        RequirementCheck(
            requirement_index=1,
            passed=bool(services) and not no_fee_stated,
            message_th=(
                "ระบุค่าธรรมเนียมและเอกสารหลักฐานทุกงานบริการ (งานที่ไม่ต้องใช้เอกสารระบุว่าไม่ต้องใช้)"
                if services and not no_fee_stated
                else "ยังไม่ได้ระบุค่าธรรมเนียม (หากไม่มีให้ระบุว่า “ไม่มีค่าธรรมเนียม”): "
                + (_names(no_fee_stated) if services else "ยังไม่มีงานบริการ")
            ),
        ),
    ]
    if no_documents:
        checks.append(
            RequirementCheck(
                text="none",
                passed=True,
                message_th="ระบุอย่างชัดเจนว่าไม่ต้องใช้เอกสารหลักฐาน: " + _names(no_documents),
            )
        )
    return EvidenceResult(
        url=_url("eservices-public:catalogue", organization),
        title=str(_("Citizen manuals of the services")),
        last_updated=selectors.service_get_last_updated(organization=organization),
        checks=tuple(checks),
    )


def _statistics_check(
    organization, fiscal_year: int, *, index: int | None
) -> RequirementCheck:
    report = selectors.eservice_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    received = report.total.received
    satisfaction = report.total.satisfaction_percent
    if received:
        message = (
            f"สถิติคำขอรับบริการปีงบประมาณ พ.ศ. {fiscal_year}: {received} เรื่อง "
            f"เสร็จ {report.total.completed} เรื่อง"
            + (
                f" ความพึงพอใจร้อยละ {satisfaction}"
                if satisfaction is not None
                else " (ยังไม่มีผลประเมินความพึงพอใจ)"
            )
        )
    else:
        message = (
            "ยังไม่มีคำขอรับบริการผ่านระบบ E-Service ในปีงบประมาณ "
            f"พ.ศ. {fiscal_year} ให้แสดงเป็นสถิติ"
        )
    return RequirementCheck(
        requirement_index=index, passed=received > 0, message_th=message
    )


def online_service_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The E-Service catalogue: services citizens can request online."""
    online = selectors.service_list_online(organization=organization)
    without_steps = [s for s in online if not s.steps]
    checks = (
        RequirementCheck(
            requirement_index=0,
            passed=bool(online),
            message_th=(
                f"ยื่นคำขอออนไลน์ได้ {len(online)} งานบริการ: {_names(online)}"
                if online
                else "ยังไม่มีงานบริการที่เปิดรับคำขอออนไลน์ (ต้องเผยแพร่งานบริการพร้อมแบบฟอร์มคำขอ)"
            ),
        ),
        RequirementCheck(
            requirement_index=1,
            passed=bool(online) and not without_steps,
            message_th=(
                "ทุกงานบริการออนไลน์มีคู่มือการใช้งานและขั้นตอนการยื่นคำขอ"
                if online and not without_steps
                else "ยังไม่มีขั้นตอนการใช้งานในคู่มือของ: "
                + (_names(without_steps) if online else "ยังไม่มีงานบริการออนไลน์")
            ),
        ),
        _statistics_check(organization, fiscal_year, index=2),
    )
    return EvidenceResult(
        url=_url("eservices-public:catalogue", organization),
        title=str(_("E-Service: online requests")),
        last_updated=selectors.service_get_last_updated(organization=organization),
        checks=checks,
    )


def statistics_evidence(
    organization, fiscal_year: int, *, today: datetime.date | None = None
) -> EvidenceResult:
    """The public service statistics of the fiscal year (2568 O11)."""
    today = today or timezone.localdate()
    _start, half_end = fiscal_half_bounds(fiscal_year, 1)
    half_over = half_end < today
    path = _url("eservices-public:statistics", organization)
    return EvidenceResult(
        url=f"{path}?year={fiscal_year}",
        title=str(_("Service statistics of FY %(year)s")) % {"year": fiscal_year},
        checks=(
            _statistics_check(organization, fiscal_year, index=0),
            RequirementCheck(
                text="period",
                passed=half_over,
                message_th=(
                    "สถิติครอบคลุมหกเดือนแรกของปีงบประมาณ (ตุลาคม–มีนาคม)"
                    if half_over
                    else f"หกเดือนแรกของปีงบประมาณ พ.ศ. {fiscal_year} ยังไม่สิ้นสุด "
                    "(สถิติต้องครอบคลุมตุลาคม–มีนาคม)"
                ),
            ),
        ),
    )


def staff_manuals_evidence(organization, fiscal_year: int) -> EvidenceResult:
    """The staff work manuals of services and complaint categories (O8),
    from every app's ``manuals.py`` (:func:`prongsai.core.manuals.manuals_for`)."""
    manuals = manuals_for(organization)
    complete = [m for m in manuals if m.is_complete]
    incomplete = [m for m in manuals if not m.is_complete]
    if not manuals:
        message = (
            "ยังไม่มีคู่มือการปฏิบัติงาน: บันทึกขั้นตอนการปฏิบัติงานของงานบริการ "
            "หรือประเภทเรื่องร้องเรียนอย่างน้อยหนึ่งเรื่อง"
        )
    elif not complete:
        message = "คู่มือการปฏิบัติงานยังไม่ครบ: " + "; ".join(
            f"{m.title} {', '.join(m.gaps()[:3])}" for m in incomplete[:MAX_NAMES]
        )
    else:
        message = (
            f"คู่มือการปฏิบัติงาน {len(complete)} ฉบับ ระบุงาน ขั้นตอน "
            "ระยะเวลาของแต่ละขั้นตอน และตำแหน่งผู้รับผิดชอบครบ: "
            + ", ".join(m.title for m in complete[:MAX_NAMES])
            + (
                f" และอีก {len(complete) - MAX_NAMES} ฉบับ"
                if len(complete) > MAX_NAMES
                else ""
            )
        )
    checks = [
        RequirementCheck(requirement_index=0, passed=bool(complete), message_th=message)
    ]
    if complete and incomplete:
        checks.append(
            RequirementCheck(
                text="incomplete",
                passed=True,
                message_th="คู่มือที่ยังไม่ครบ (ควรแก้ไข): "
                + "; ".join(
                    f"{m.title} {', '.join(m.gaps()[:3])}"
                    for m in incomplete[:MAX_NAMES]
                ),
            )
        )
    dates = [m.updated_at for m in manuals if m.updated_at]
    return EvidenceResult(
        url=_url("eservices-public:manuals", organization),
        title=str(_("Staff work manuals")),
        last_updated=max(dates) if dates else None,
        checks=tuple(checks),
    )


PROVIDERS = (
    Provider(
        key="eservices.manuals",
        label=_("Citizen manuals of the E-Service catalogue"),
        item_keys=("eservices.manual",),
        evidence=manuals_evidence,
    ),
    Provider(
        key="eservices.online",
        label=_("E-Service catalogue with online requests"),
        item_keys=("eservices.online",),
        evidence=online_service_evidence,
    ),
    Provider(
        key="eservices.staff_manuals",
        label=_("Staff work manuals of services and complaint categories"),
        item_keys=("operations.staff_manual",),
        evidence=staff_manuals_evidence,
        # The manuals of every app that offers them (core.manuals registry).
        depends_on=(
            "eservices.Service",
            "eservices.ServiceProcedure",
            "complaints.Category",
            "complaints.CategoryProcedure",
        ),
    ),
    Provider(
        key="eservices.statistics",
        label=_("E-Service statistics page"),
        item_keys=("eservices.statistics",),
        evidence=statistics_evidence,
    ),
)
