"""Demo risk registers for Ban Dong, FY2568 (followed up) and FY2569, linked to
the first measure of that year's plan (``plans.demo`` runs first: app order)."""

from __future__ import annotations

from prongsai.organizations.models import Membership

from . import services
from .models import Risk, RiskAssessment

RISKS = {
    2568: [
        (
            Risk.Process.PERMITS,
            "การเรียกรับผลประโยชน์ในการพิจารณาอนุญาตก่อสร้างอาคาร",
            "ขั้นตอนการพิจารณาไม่เปิดเผย ผู้ยื่นคำขอไม่ทราบระยะเวลา",
            4,
            4,
            "ประกาศขั้นตอนและระยะเวลาการอนุญาต ติดตามคำขอผ่านระบบออนไลน์",
            Risk.FollowUp.PARTLY,
            "ประกาศขั้นตอนแล้ว แต่ยังไม่มีระบบติดตามคำขอออนไลน์",
        ),
        (
            Risk.Process.PROCUREMENT,
            "การกำหนดคุณลักษณะเฉพาะของพัสดุเอื้อประโยชน์แก่ผู้ขายบางราย",
            "ขาดการตรวจสอบร่างขอบเขตงานโดยบุคคลภายนอก",
            3,
            5,
            "เผยแพร่ร่างขอบเขตงานเพื่อรับฟังความคิดเห็นก่อนประกาศ",
            Risk.FollowUp.CONTROLLED,
            "เผยแพร่ร่างขอบเขตงานทุกโครงการที่เกิน 500,000 บาท",
        ),
        (
            Risk.Process.ASSETS,
            "การนำรถยนต์ส่วนกลางไปใช้ในกิจธุระส่วนตัว",
            "ไม่มีทะเบียนคุมการใช้รถและการขออนุญาต",
            3,
            3,
            "จัดทำแบบขออนุญาตใช้รถและสมุดบันทึกการใช้รถ",
            Risk.FollowUp.PARTLY,
            "มีแบบขออนุญาตแล้ว ยังไม่ได้ตรวจสอบรายเดือน",
        ),
    ],
    2569: [
        (
            Risk.Process.AUTHORITY,
            "การใช้ดุลยพินิจในการพิจารณาเรื่องร้องเรียนโดยไม่เป็นธรรม",
            "ไม่มีหลักเกณฑ์กลางในการพิจารณาและระยะเวลาตอบกลับ",
            2,
            4,
            "กำหนดหลักเกณฑ์และระยะเวลาตอบกลับเรื่องร้องเรียนภายใน 15 วัน",
            "",
            "",
        ),
        (
            Risk.Process.HR,
            "การเรียกรับผลประโยชน์ในการสรรหาพนักงานจ้าง",
            "กรรมการสรรหาเป็นบุคคลภายในทั้งหมด",
            2,
            5,
            "แต่งตั้งกรรมการจากภายนอกร่วมพิจารณาและเผยแพร่ผลการสรรหา",
            "",
            "",
        ),
    ],
}

NOTES = "ประเมินโดยคณะทำงานป้องกันการทุจริต ตามแนวทางของสำนักงาน ป.ป.ช."


def _first_measure(organization, fiscal_year: int):
    measure_model = Risk._meta.get_field("measure").related_model
    return (
        measure_model.objects.filter(
            organization=organization, plan__fiscal_year=fiscal_year
        )
        .order_by("plan__kind", "plan__title", "plan_id", "number", "id")
        .first()
    )


def _load_year(organization, coordinator, fiscal_year: int, risks) -> None:
    assessment = services.risk_assessment_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=fiscal_year,
        notes=NOTES,
    )
    measure = _first_measure(organization, fiscal_year)
    for process, event, cause, lk, im, control, follow, note in risks:
        risk = services.risk_create(
            actor=coordinator.user,
            assessment=assessment,
            data={
                "measure": measure,
                "process": process,
                "event": event,
                "cause": cause,
                "likelihood": lk,
                "impact": im,
                "control_measures": control,
                "responsible_unit": "สำนักปลัด",
            },
        )
        if follow:
            services.risk_follow_up(
                actor=coordinator.user, risk=risk, follow_up=follow, note=note
            )
    services.risk_assessment_publish(actor=coordinator.user, assessment=assessment)


def load_risks_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != "bandong":
            continue
        coordinator = (
            Membership.objects.filter(
                organization=organization, user__email__startswith="ita@"
            )
            .select_related("user")
            .first()
        )
        if coordinator is None:
            continue
        for fiscal_year, risks in RISKS.items():
            if not RiskAssessment.objects.filter(
                organization=organization, fiscal_year=fiscal_year
            ).exists():
                _load_year(organization, coordinator, fiscal_year, risks)


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_risks_demo
