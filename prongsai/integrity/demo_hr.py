"""Demo HR registers of Ban Dong: criteria of five kinds, the HR plans of
FY2568 and FY2569 (eight projects each, both approved and published), about
forty training records over the two years and the published FY2568 report,
so that the OIT items hr.plan and hr.annual_report are ready on the demo."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.organizations.models import Membership

from . import (
    selectors,
    selectors_hr,
    services_hr,
    services_hr_publish,
    services_hr_training,
)
from .models_hr import HRCriterion, HRPlan, HRProject, TrainingRecord

C = HRCriterion.Kind
P = HRProject.Category

CRITERIA = [
    (
        C.RECRUITMENT,
        "ประกาศคณะกรรมการพนักงานส่วนตำบลจังหวัด เรื่อง หลักเกณฑ์และเงื่อนไข"
        "เกี่ยวกับการสอบแข่งขัน การคัดเลือก และการบรรจุแต่งตั้ง",
        datetime.date(2022, 10, 1),
    ),
    (
        C.PROMOTION,
        "หลักเกณฑ์และเงื่อนไขการเลื่อนระดับ การย้าย และการโอนพนักงานส่วนตำบล",
        datetime.date(2022, 10, 1),
    ),
    (
        C.DEVELOPMENT,
        "หลักเกณฑ์การพัฒนาพนักงานส่วนตำบล ลูกจ้าง และพนักงานจ้าง",
        datetime.date(2023, 1, 16),
    ),
    (
        C.APPRAISAL,
        "หลักเกณฑ์และเงื่อนไขการประเมินผลการปฏิบัติงานของพนักงานส่วนตำบล",
        datetime.date(2023, 4, 1),
    ),
    (
        C.SALARY,
        "หลักเกณฑ์การเลื่อนขั้นเงินเดือนและการให้บำเหน็จความชอบ",
        datetime.date(2023, 4, 1),
    ),
]

# (name, category, target group, budget, start month, end month, indicator)
PROJECTS = [
    ("สรรหาและเลือกสรรพนักงานจ้างตามภารกิจ", P.RECRUITMENT, "ผู้สมัครทั่วไป",
     "15000", 2, 4, "บรรจุได้ครบตามกรอบอัตรากำลัง"),
    ("ฝึกอบรมเพิ่มประสิทธิภาพการปฏิบัติงาน", P.DEVELOPMENT, "พนักงานทุกคน",
     "60000", 3, 5, "ผู้เข้าอบรมไม่น้อยกว่าร้อยละ 80"),
    ("ส่งบุคลากรเข้ารับการอบรมตามสายงาน", P.DEVELOPMENT, "พนักงานส่วนตำบล",
     "120000", 1, 12, "ทุกคนได้รับการพัฒนาอย่างน้อย 1 หลักสูตร"),
    ("อบรมคุณธรรม จริยธรรม และการป้องกันผลประโยชน์ทับซ้อน", P.DEVELOPMENT,
     "ผู้บริหาร พนักงาน และลูกจ้าง", "25000", 6, 6, "ผู้เข้าอบรมผ่านแบบทดสอบร้อยละ 80"),
    ("ประเมินผลการปฏิบัติงานรอบที่ 1 และ 2", P.APPRAISAL, "พนักงานทุกคน",
     "0", 1, 12, "ประเมินครบทุกคนทั้ง 2 รอบ"),
    ("ยกย่องพนักงานดีเด่นประจำปี", P.RETENTION, "พนักงานทุกคน",
     "10000", 11, 12, "มีผู้ได้รับการยกย่องอย่างน้อย 2 คน"),
    ("ตรวจสุขภาพประจำปีและกิจกรรมสร้างสุข", P.RETENTION, "พนักงานทุกคน",
     "20000", 7, 8, "ความพึงพอใจไม่น้อยกว่าร้อยละ 85"),
    ("จัดทำแผนอัตรากำลังและเส้นทางความก้าวหน้าในสายอาชีพ", P.OTHER,
     "งานการเจ้าหน้าที่", "5000", 9, 11, "แผนผ่านความเห็นชอบ"),
]  # fmt: skip

# (course, organiser, month offset from October, days, hours, ethics, cost, project)
COURSES = [
    ("การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ", "กรมบัญชีกลาง", 1, 3, "18", False,
     "4500", 3),
    ("ประมวลจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน", "องค์การบริหารส่วนตำบลบ้านดง",
     8, 1, "6", True, None, 4),
    ("การพัฒนาทักษะดิจิทัลสำหรับบุคลากรภาครัฐ", "สำนักงาน ก.พ.", 4, 2, "12", False,
     "0", 3),
    ("การเพิ่มประสิทธิภาพการปฏิบัติงาน", "องค์การบริหารส่วนตำบลบ้านดง", 5, 1, "7",
     False, None, 2),
    ("ธรรมาภิบาลและการต่อต้านการทุจริต", "สำนักงาน ป.ป.ช. ประจำจังหวัด", 10, 1, "6",
     True, "0", None),
]  # fmt: skip
OUTSIDERS = [
    ("นายสมชาย ใจงาม", "พนักงานจ้างทั่วไป"),
    ("นางสาวมาลี แสงทอง", "พนักงานจ้างตามภารกิจ"),
]


def _members(organization) -> dict[str, Membership]:
    return {
        m.user.email.split("@", 1)[0]: m
        for m in Membership.objects.filter(organization=organization).select_related(
            "user"
        )
    }


def _month_day(fiscal_year: int, offset: int, day: int = 10) -> datetime.date:
    start = datetime.date(fiscal_year - 544, 10, 1)
    month = (start.month - 1 + offset) % 12 + 1
    year = start.year + (start.month - 1 + offset) // 12
    return datetime.date(year, month, day)


def _load_criteria(organization, actor) -> None:
    if HRCriterion.objects.filter(organization=organization).exists():
        return
    for kind, title, since in CRITERIA:
        services_hr.hr_criterion_create(
            actor=actor,
            organization=organization,
            kind=kind,
            title=title,
            effective_from=since,
            text="ใช้บังคับกับพนักงานส่วนตำบล ลูกจ้างประจำ และพนักงานจ้าง"
            "ขององค์การบริหารส่วนตำบลบ้านดง",
        )


def _load_plan(organization, actor, fiscal_year: int) -> HRPlan:
    plan = HRPlan.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()
    if plan is not None:
        return plan
    executive = selectors.no_gift_executive_get(organization=organization)
    plan = services_hr.hr_plan_create(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        introduction="แผนนี้จัดทำขึ้นเพื่อให้การบริหารและพัฒนาทรัพยากรบุคคล"
        "ขององค์การบริหารส่วนตำบลบ้านดงเป็นไปอย่างมีระบบ โปร่งใส และเป็นธรรม",
        approved_on=datetime.date(fiscal_year - 544, 9, 25),
        approved_by_name=executive.user.display_name if executive else "นายก อบต.",
        approved_by_position=executive.position if executive else "นายก อบต.บ้านดง",
    )
    for name, category, group, budget, start, end, indicator in PROJECTS:
        services_hr.hr_project_create(
            actor=actor,
            plan=plan,
            name=name,
            category=category,
            target_group=group,
            budget=Decimal(budget),
            start_month=start,
            end_month=end,
            indicator=indicator,
        )
    return plan


def _load_training(organization, actor, fiscal_year: int, plan: HRPlan) -> None:
    if TrainingRecord.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        return
    members = [m for m in _members(organization).values() if m.is_active]
    projects = {p.number: p for p in plan.projects.all()}
    today = timezone.localdate()
    people: list[tuple[Membership | None, str, str]] = [
        (m, "", "") for m in members
    ] + [(None, name, position) for name, position in OUTSIDERS]
    count = 0
    for index, course in enumerate(COURSES):
        title, organiser, offset, days, hours, ethics, cost, project = course
        start = _month_day(fiscal_year, offset, 5 + index)
        if start > today:
            continue
        # Ethics courses for everyone; others for every second or third person.
        attendees = people if ethics else people[index % 3 :: 3 if index % 2 else 2]
        for member, name, position in attendees:
            if count >= 20:
                return
            services_hr_training.training_record_create(
                actor=actor,
                organization=organization,
                member=member,
                person_name=name,
                person_position=position,
                course=title,
                organiser=organiser,
                start_on=start,
                end_on=start + datetime.timedelta(days=days - 1),
                hours=Decimal(hours),
                ethics=ethics,
                cost=Decimal(cost) if cost is not None else None,
                project=projects.get(project) if project else None,
            )
            count += 1


RESULTS = [
    ("done", "บรรจุพนักงานจ้างตามภารกิจได้ 2 อัตรา", "12500", ""),
    ("done", "จัดอบรม 1 ครั้ง ผู้เข้าร่วม 34 คน", "54200", ""),
    ("done", "ส่งบุคลากรเข้าอบรม 9 หลักสูตร", "98750", "งบประมาณไม่เพียงพอสำหรับทุกสายงาน"),
    ("done", "อบรม 1 ครั้ง ผู้ผ่านแบบทดสอบร้อยละ 91", "21800", ""),
    ("done", "ประเมินครบทุกคนทั้ง 2 รอบ", "0", ""),
    ("in_progress", "คัดเลือกแล้ว รอประกาศยกย่อง", "0", "คณะกรรมการประชุมล่าช้า"),
    ("done", "ตรวจสุขภาพ 38 คน", "18600", ""),
    ("not_done", "", "0", "รอผลการปรับโครงสร้างส่วนราชการ"),
]


def _load_report(organization, actor, plan: HRPlan) -> None:
    for project, (status, output, used, problems) in zip(
        plan.projects.order_by("number"), RESULTS, strict=False
    ):
        if project.status:
            continue
        services_hr.hr_project_result_update(
            actor=actor,
            project=project,
            status=status,
            output=output,
            budget_used=Decimal(used),
            problems=problems,
        )
    hr = _members(organization).get("hr")
    services_hr_training.hr_report_save(
        actor=actor,
        organization=organization,
        fiscal_year=plan.fiscal_year,
        summary="ดำเนินการตามแผนได้เกือบครบทุกโครงการ บุคลากรทุกคนได้รับการพัฒนา"
        "อย่างน้อยหนึ่งหลักสูตร",
        problems="งบประมาณด้านการพัฒนาบุคลากรมีจำกัด และบางโครงการรอการปรับโครงสร้าง",
        proposals="จัดสรรงบประมาณการพัฒนาตามสายงานเพิ่มขึ้น และใช้การอบรมออนไลน์ที่ไม่มีค่าใช้จ่าย",
        reported_by_name=hr.user.display_name if hr else "",
        reported_by_position=hr.position if hr else "",
    )


def load_hr_demo(organization) -> None:
    """Ban Dong's HR registers (see the module's docstring)."""
    members = _members(organization)
    officer = members.get("hr") or members.get("admin")
    if officer is None:
        return
    actor = officer.user
    _load_criteria(organization, actor)
    for fiscal_year in (2568, 2569):
        plan = _load_plan(organization, actor, fiscal_year)
        _load_training(organization, actor, fiscal_year, plan)
        if fiscal_year == 2568:
            _load_report(organization, actor, plan)
        if selectors_hr.hr_plan_publication_get(plan=plan) is None:
            services_hr_publish.hr_plan_publish(
                actor=actor, organization=organization, fiscal_year=fiscal_year
            )
    if (
        selectors_hr.hr_published_report_get(
            organization=organization, fiscal_year=2568
        )
        is None
    ):
        services_hr_publish.hr_report_publish(
            actor=actor, organization=organization, fiscal_year=2568
        )
