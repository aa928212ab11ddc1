"""Demo plans for Ban Dong: an approved, completed FY2568 plan drafted from the
ITA 2567 analysis, a FY2569 plan drafted from the ITA 2568 analysis and carried
out with progress reports and participation, and the current year's
anti-corruption plan waiting for the mayor's approval (the risk registers are
``risks.demo``'s)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.ita.models import ItaResult
from prongsai.ita.services import recommendation_rules_load
from prongsai.organizations.models import Membership

from . import services, services_drafting, services_measures, services_participation
from .models import (
    Plan,
    WorkStatus,
)

# Budgets (baht) given to the drafted measures in turn.
BUDGETS = ["20000", "15000", "35000", "10000", "0", "25000", "5000", "12000"]

PROGRESS_2568 = [
    "ดำเนินการแล้วเสร็จตามแผน เผยแพร่ผลการดำเนินงานบนเว็บไซต์ของหน่วยงาน",
    "จัดประชุมชี้แจงเจ้าหน้าที่ทุกกอง และจัดทำคู่มือการปฏิบัติงานเผยแพร่แล้ว",
    "ดำเนินการครบทุกขั้นตอน มีหลักฐานคำสั่งและรายงานผลเสนอผู้บริหาร",
]
PROGRESS_2569 = [
    (
        datetime.date(2025, 12, 20),
        WorkStatus.IN_PROGRESS,
        30,
        "ออกคำสั่งแต่งตั้งผู้รับผิดชอบและประชุมวางแผนการดำเนินงานแล้ว",
    ),
    (
        datetime.date(2026, 3, 25),
        WorkStatus.IN_PROGRESS,
        60,
        "ดำเนินกิจกรรมตามแผนไตรมาสที่ 2 ครบถ้วน เผยแพร่ข้อมูลบนเว็บไซต์และเพจ Facebook",
    ),
    (
        datetime.date(2026, 6, 28),
        WorkStatus.IN_PROGRESS,
        85,
        "ติดตามผลและปรับปรุงขั้นตอนตามข้อเสนอแนะของผู้รับบริการ",
    ),
    (
        datetime.date(2026, 9, 25),
        WorkStatus.DONE,
        100,
        "ดำเนินการแล้วเสร็จ สรุปผลเสนอนายกองค์การบริหารส่วนตำบล",
    ),
]


def _members(organization) -> dict[str, Membership]:
    members = {}
    for membership in Membership.objects.filter(
        organization=organization
    ).select_related("user"):
        members[membership.user.email.split("@", 1)[0]] = membership
    return members


def _complete_measures(plan, coordinator, members, *, fiscal_year: int) -> None:
    owners = [
        members.get(key)
        for key in ("data", "procurement", "ita", "service", "complaint", "staff")
    ]
    start, end = datetime.date(2024 + fiscal_year - 2568, 10, 1), None
    for index, measure in enumerate(plan.measures.order_by("number")):
        quarter_end = [
            datetime.date(start.year + 1, 3, 31),
            datetime.date(start.year + 1, 6, 30),
            datetime.date(start.year + 1, 9, 30),
        ][index % 3]
        end = quarter_end
        owner = owners[index % len(owners)]
        services_measures.measure_update(
            actor=coordinator.user,
            measure=measure,
            data={
                "owner": owner,
                "start_date": start + datetime.timedelta(days=15 * (index % 4)),
                "due_date": end,
                "budget": Decimal(BUDGETS[index % len(BUDGETS)]),
            },
        )
        if index == 0:
            services_measures.activity_create(
                actor=coordinator.user,
                measure=measure,
                data={
                    "kind": "project",
                    "title": "โครงการอบรมเจ้าหน้าที่ด้านการเปิดเผยข้อมูลสาธารณะ",
                    "owner": owner,
                    "start_date": start + datetime.timedelta(days=30),
                    "due_date": start + datetime.timedelta(days=60),
                    "budget": Decimal("8000"),
                    "kpi_name": "เจ้าหน้าที่ผ่านการอบรม",
                    "kpi_unit": "คน",
                    "kpi_baseline": Decimal(0),
                    "kpi_target": Decimal(20),
                },
            )


def _backdate(plan, number: int, when: datetime.date) -> None:
    """Demo plans were approved at the start of their year, not today."""
    moment = timezone.make_aware(datetime.datetime.combine(when, datetime.time(10)))
    plan.versions.filter(number=number).update(approved_at=moment)
    plan.reviews.filter(version=number).update(created_at=moment)


def _approve(plan, coordinator, executive):
    services.plan_submit(actor=coordinator.user, plan=plan)
    plan = services.plan_approve(
        actor=executive.user, plan=plan, comment="อนุมัติให้ดำเนินการตามแผน"
    )
    _backdate(plan, plan.version, datetime.date(2024 + plan.fiscal_year - 2568, 10, 20))
    return services.plan_publish(actor=coordinator.user, plan=plan)


def _draft(organization, coordinator, fiscal_year: int) -> Plan | None:
    if not ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year - 1
    ).exists():
        return None
    return services_drafting.plan_draft_from_analysis(
        actor=coordinator.user,
        organization=organization,
        ita_fiscal_year=fiscal_year - 1,
        fiscal_year=fiscal_year,
    )


def _progress(measure, when, status, percent, text):
    actor = measure.owner.user if measure.owner else None
    value = None
    if measure.has_kpi:
        base = measure.kpi_baseline or Decimal(0)
        value = (base + (measure.kpi_target - base) * Decimal(percent) / 100).quantize(
            Decimal("0.01")
        )
    services_measures.progress_record(
        actor=actor,
        measure=measure,
        reported_on=min(when, timezone.localdate()),
        status=status,
        percent_done=percent,
        kpi_value=value,
        narrative=text,
        evidence_url="https://bandong.example/news/ita",
    )


def _participation(plan, members, coordinator, executive) -> None:
    """Proposals, support and comments on the FY2569 plan; one adopted."""
    staff = members.get("staff")
    service = members.get("service")
    if staff is not None:
        proposal = services_participation.proposal_create(
            actor=staff.user,
            plan=plan,
            title="จัดทำทะเบียนการยืมพัสดุและครุภัณฑ์ให้ตรวจสอบได้",
            description=(
                "ประชาชนและเจ้าหน้าที่ควรตรวจสอบได้ว่าใครยืมทรัพย์สินของราชการ เมื่อใด และคืนเมื่อใด"
            ),
        )
        if service is not None:
            services_participation.proposal_support(
                actor=service.user, proposal=proposal
            )
            services_participation.comment_create(
                actor=service.user,
                plan=plan,
                proposal=proposal,
                body="เห็นด้วย ควรเผยแพร่ทะเบียนบนเว็บไซต์ทุกเดือน",
            )
        services_participation.proposal_adopt(
            actor=coordinator.user,
            proposal=proposal,
            data={
                "responsible_unit": "กองคลัง",
                "kpi_name": "ทะเบียนการยืมเผยแพร่ครบทุกเดือน",
                "kpi_unit": "เดือน",
                "kpi_baseline": Decimal(0),
                "kpi_target": Decimal(12),
            },
        )
        services_participation.proposal_create(
            actor=staff.user,
            plan=plan,
            title="จัดกิจกรรมวันต่อต้านคอร์รัปชันร่วมกับโรงเรียนในตำบล",
            description="สร้างวัฒนธรรมสุจริตตั้งแต่เยาวชน",
        )
    services_participation.comment_create(
        actor=executive.user,
        plan=plan,
        body="ขอให้ทุกกองรายงานความก้าวหน้าทุกไตรมาส",
    )


def _load_bandong(organization) -> None:
    members = _members(organization)
    coordinator, executive = members.get("ita"), members.get("mayor")
    if coordinator is None or executive is None:
        return
    recommendation_rules_load()

    plan = _draft(organization, coordinator, 2568)
    if plan is not None:
        _complete_measures(plan, coordinator, members, fiscal_year=2568)
        plan = _approve(plan, coordinator, executive)
        for index, measure in enumerate(plan.measures.order_by("number")):
            _progress(
                measure,
                measure.due_date - datetime.timedelta(days=5),
                WorkStatus.DONE,
                100,
                PROGRESS_2568[index % len(PROGRESS_2568)],
            )
        # Published is frozen: publish again to show the year's progress.
        services.plan_publish(actor=coordinator.user, plan=plan)

    plan = _draft(organization, coordinator, 2569)
    if plan is not None:
        _participation(plan, members, coordinator, executive)
        _complete_measures(plan, coordinator, members, fiscal_year=2569)
        plan = _approve(plan, coordinator, executive)
        measures = list(plan.measures.order_by("number"))
        for index, measure in enumerate(measures):
            # Some measures are finished, some stalled, one never reported.
            reports = PROGRESS_2569[: [4, 2, 3, 1, 0, 4][index % 6]]
            for when, status, percent, text in reports:
                _progress(measure, when, status, percent, text)
        plan = services.plan_revise(
            actor=coordinator.user,
            plan=plan,
            reason="ปรับแผนตามสถานการณ์: ได้รับจัดสรรงบประมาณลดลงกลางปี",
        )
        last = plan.measures.order_by("-number").first()
        services_measures.measure_update(
            actor=coordinator.user, measure=last, data={"budget": last.budget / 2}
        )
        services.plan_submit(actor=coordinator.user, plan=plan)
        plan = services.plan_approve(
            actor=executive.user, plan=plan, comment="อนุมัติการปรับแผน"
        )
        _backdate(plan, plan.version, datetime.date(2026, 4, 10))
        services.plan_publish(actor=coordinator.user, plan=plan)

    _waiting_for_approval(organization, coordinator, members)


WAITING_MEASURES = [
    (
        "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างทุกโครงการบนเว็บไซต์ภายใน 3 วันทำการ",
        "กองคลัง",
        Decimal("10000"),
    ),
    (
        "จัดอบรมเจ้าหน้าที่เรื่องการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม",
        "สำนักปลัด",
        Decimal("25000"),
    ),
]


def _waiting_for_approval(organization, coordinator, members) -> None:
    """The anti-corruption plan of the current fiscal year, sent to the
    mayor and waiting for his approval (the executive's desk shows it)."""
    fiscal_year = thai_dates.fiscal_year(timezone.localdate())
    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=fiscal_year,
        kind=Plan.Kind.ANTI_CORRUPTION,
        title=f"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {fiscal_year}",
        description="เสนอนายกองค์การบริหารส่วนตำบลเพื่อพิจารณาอนุมัติ",
    )
    for title, unit, budget in WAITING_MEASURES:
        services_measures.measure_create(
            actor=coordinator.user,
            plan=plan,
            data={
                "title": title,
                "responsible_unit": unit,
                "owner": members.get("procurement") or coordinator,
                "budget": budget,
            },
        )
    services.plan_submit(
        actor=coordinator.user, plan=plan, comment="เสนอเพื่อโปรดพิจารณาอนุมัติ"
    )


def load_plans_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != "bandong":
            continue
        if Plan.objects.filter(organization=organization).exists():
            continue
        _load_bandong(organization)


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_plans_demo
