"""Demo ethics registers of Ban Dong: two versions of the code of ethics,
the rules on the ethics process, a working group of five, a Dos & Don'ts
guide, the activities of FY2568 and FY2569 (both published) and the
acknowledgements of most members."""

from __future__ import annotations

import datetime

from django.utils import timezone

from . import services_ethics as services
from . import services_ethics_guides as guides
from . import services_ethics_publication as publication
from .models_ethics import (
    EthicsActivity,
    EthicsDocument,
    EthicsWorkingGroupMember,
)

CODE_TEXT = (
    "หมวด 1 บททั่วไป\n"
    "ข้อ 1 ประมวลจริยธรรมนี้ใช้บังคับกับพนักงานส่วนตำบล ลูกจ้าง และพนักงานจ้าง"
    "ของ{organization}\n"
    "หมวด 2 มาตรฐานทางจริยธรรม\n"
    "ข้อ 2 ยึดมั่นในสถาบันหลักของประเทศ อันได้แก่ ชาติ ศาสนา พระมหากษัตริย์ "
    "และการปกครองระบอบประชาธิปไตยอันมีพระมหากษัตริย์ทรงเป็นประมุข\n"
    "ข้อ 3 ซื่อสัตย์สุจริต มีจิตสำนึกที่ดี และรับผิดชอบต่อหน้าที่\n"
    "ข้อ 4 กล้าตัดสินใจและกระทำในสิ่งที่ถูกต้องชอบธรรม\n"
    "ข้อ 5 คิดถึงประโยชน์ส่วนรวมมากกว่าประโยชน์ส่วนตัว "
    "และมีจิตสาธารณะ\n"
    "ข้อ 6 มุ่งผลสัมฤทธิ์ของงาน\n"
    "ข้อ 7 ปฏิบัติหน้าที่อย่างเป็นธรรมและไม่เลือกปฏิบัติ\n"
    "ข้อ 8 ดำรงตนเป็นแบบอย่างที่ดีและรักษาภาพลักษณ์ของทางราชการ"
)

PROCESS_TEXT = (
    "ข้อ 1 ให้ปลัดองค์การบริหารส่วนตำบลเป็นผู้ควบคุมกำกับการปฏิบัติตามประมวลจริยธรรม\n"
    "ข้อ 2 ให้สำนักปลัดเป็นหน่วยงานรับผิดชอบงานจริยธรรม รับเรื่องร้องเรียน "
    "และเสนอผลการพิจารณาต่อคณะทำงานด้านจริยธรรม\n"
    "ข้อ 3 เมื่อมีการร้องเรียนว่าฝ่าฝืนประมวลจริยธรรม ให้ดำเนินการสอบข้อเท็จจริง"
    "ให้แล้วเสร็จภายใน 30 วัน\n"
    "ข้อ 4 การฝ่าฝืนประมวลจริยธรรมที่ไม่เป็นความผิดทางวินัย ให้ตักเตือน "
    "หรือนำไปประกอบการพิจารณาการแต่งตั้ง เลื่อนขั้นเงินเดือน หรือการประเมินผล"
)

# (name, position, role): the names and positions of the group are public.
GROUP = [
    ("นางวิไลวรรณ ทองคำ", "ปลัดองค์การบริหารส่วนตำบล", "chair"),
    ("นางสุดารัตน์ ใจดี", "นักทรัพยากรบุคคล", "member"),
    ("นายวีระพงษ์ สุจริต", "นิติกร", "member"),
    ("นางสาวปิยะนุช รุ่งเรือง", "นิติกร", "member"),
    ("นางสาวสุภาพร แก้วมณี", "นักวิเคราะห์นโยบายและแผน", "secretary"),
]

DOS = [
    "แจ้งผู้บังคับบัญชาเมื่อญาติมายื่นขออนุญาตในเรื่องที่ตนพิจารณา",
    "ปฏิเสธของขวัญจากผู้รับเหมาอย่างสุภาพและแจ้งนโยบาย No Gift Policy",
    "ใช้รถราชการเฉพาะภารกิจที่ได้รับอนุมัติ",
    "ให้บริการประชาชนตามลำดับคิวอย่างเท่าเทียม",
    "รายงานเมื่อพบการใช้ทรัพย์สินของราชการเพื่อประโยชน์ส่วนตน",
]
DONTS = [
    "ร่วมพิจารณาเรื่องที่ตนหรือญาติมีส่วนได้เสีย",
    "รับการเลี้ยงรับรองจากผู้ที่มีงานติดต่อกับหน่วยงาน",
    "นำรถราชการไปใช้ธุระส่วนตัวนอกเวลาราชการ",
    "ลัดคิวให้คนรู้จักหรือผู้ที่ให้ประโยชน์ตอบแทน",
    "นำวัสดุสำนักงานกลับไปใช้ที่บ้าน",
]

# (date, title, kind, participants)
ACTIVITIES = {
    2568: [
        (
            datetime.date(2024, 10, 1),
            "พิธีกล่าวปฏิญาณตนเพื่อเป็นข้าราชการที่ดีและพลังของแผ่นดิน",
            EthicsActivity.Kind.OATH,
            42,
        ),
        (
            datetime.date(2025, 2, 18),
            "อบรมคุณธรรมจริยธรรมสำหรับพนักงานส่วนตำบลและพนักงานจ้าง",
            EthicsActivity.Kind.TRAINING,
            38,
        ),
        (
            datetime.date(2025, 5, 20),
            "ให้ความรู้เรื่องการขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม",
            EthicsActivity.Kind.COI,
            35,
        ),
        (
            datetime.date(2025, 8, 12),
            "รณรงค์ค่านิยมสุจริตในวันแม่แห่งชาติ",
            EthicsActivity.Kind.CAMPAIGN,
            40,
        ),
    ],
    2569: [
        (
            datetime.date(2025, 10, 1),
            "พิธีกล่าวปฏิญาณตนด้านคุณธรรมจริยธรรม ประจำปีงบประมาณ พ.ศ. 2569",
            EthicsActivity.Kind.OATH,
            44,
        ),
        (
            datetime.date(2025, 11, 5),
            "ชี้แจงประมวลจริยธรรม ฉบับที่ 2 แก่พนักงานทุกกอง",
            EthicsActivity.Kind.TRAINING,
            41,
        ),
        (
            datetime.date(2026, 1, 21),
            "อบรมหลักเกณฑ์การขัดกันระหว่างประโยชน์ส่วนบุคคลและประโยชน์ส่วนรวม",
            EthicsActivity.Kind.COI,
            39,
        ),
        (
            datetime.date(2026, 3, 10),
            "อบรมเชิงปฏิบัติการ กรณีศึกษาพฤติกรรมในพื้นที่สีเทา (Dos & Don'ts)",
            EthicsActivity.Kind.TRAINING,
            36,
        ),
        (
            datetime.date(2026, 7, 28),
            "จิตอาสาพัฒนาชุมชนเทิดพระเกียรติ",
            EthicsActivity.Kind.OTHER,
            30,
        ),
    ],
}

# Members who have not acknowledged the code in force (the list shows them).
NOT_ACKNOWLEDGED = ("staff", "service")


def _day(day: datetime.date) -> datetime.date:
    return min(day, timezone.localdate())


def _acknowledge_all(organization, members, document, *, skip=()) -> None:
    for local, membership in members.items():
        if local in skip or not membership.is_active:
            continue
        services.ethics_acknowledge(
            actor=membership.user, organization=organization, document=document
        )


def _activities(organization, actor, fiscal_year: int) -> None:
    for held_on, title, kind, participants in ACTIVITIES[fiscal_year]:
        guides.ethics_activity_create(
            actor=actor,
            organization=organization,
            held_on=_day(held_on),
            title=title,
            kind=kind,
            participants=participants,
            description="ผู้บริหาร พนักงานส่วนตำบล ลูกจ้าง และพนักงานจ้างเข้าร่วม",
        )


def _group(organization, actor) -> None:
    group = services.ethics_working_group_create(
        actor=actor,
        organization=organization,
        order_number="512/2567",
        ordered_on=_day(datetime.date(2024, 10, 15)),
    )
    for number, (name, position, role) in enumerate(GROUP, start=1):
        services.ethics_working_group_member_add(
            actor=actor,
            group=group,
            name=name,
            position=position,
            role=EthicsWorkingGroupMember.Role(role),
            sort_order=number,
        )


def load_ethics_demo(organization, members) -> None:
    """Ban Dong's ethics registers (``members``: the demo members by the local
    part of their e-mail address)."""
    officer = members.get("integrity") or members.get("ita")
    if (
        officer is None
        or EthicsDocument.objects.filter(organization=organization).exists()
    ):
        return
    actor = officer.user
    code_text = CODE_TEXT.format(organization=organization.name)
    code_v1 = services.ethics_document_create(
        actor=actor,
        organization=organization,
        kind=EthicsDocument.Kind.CODE,
        title=f"ประมวลจริยธรรมของพนักงานส่วนตำบล {organization.name}",
        version_label="ฉบับที่ 1 (พ.ศ. 2562)",
        effective_from=_day(datetime.date(2019, 10, 1)),
        text=code_text,
    )
    services.ethics_document_create(
        actor=actor,
        organization=organization,
        kind=EthicsDocument.Kind.PROCESS,
        title="ข้อกำหนดว่าด้วยกระบวนการรักษาจริยธรรมของพนักงานส่วนตำบล",
        version_label="พ.ศ. 2567",
        effective_from=_day(datetime.date(2024, 10, 1)),
        text=PROCESS_TEXT,
    )
    _group(organization, actor)
    guides.ethics_guide_create(
        actor=actor,
        organization=organization,
        title="คู่มือ Dos & Don'ts พฤติกรรมที่อยู่ในพื้นที่สีเทา",
        published_on=_day(datetime.date(2024, 11, 20)),
        description="แนวทางสิ่งที่ควรทำและไม่ควรทำสำหรับพนักงานทุกคน",
        dos="\n".join(DOS),
        donts="\n".join(DONTS),
    )
    _acknowledge_all(organization, members, code_v1)
    _activities(organization, actor, 2568)
    publication.ethics_year_publish(
        actor=actor, organization=organization, fiscal_year=2568
    )
    code_v2 = services.ethics_document_create(
        actor=actor,
        organization=organization,
        kind=EthicsDocument.Kind.CODE,
        title=f"ประมวลจริยธรรมของพนักงานส่วนตำบล {organization.name}",
        version_label="ฉบับที่ 2 (พ.ศ. 2568)",
        effective_from=_day(datetime.date(2025, 10, 1)),
        text=code_text + "\nข้อ 9 ไม่ใช้ตำแหน่งหน้าที่แสวงหาประโยชน์ที่มิควรได้สำหรับตนเองหรือผู้อื่น",
    )
    _acknowledge_all(organization, members, code_v2, skip=NOT_ACKNOWLEDGED)
    _activities(organization, actor, 2569)
    publication.ethics_year_publish(
        actor=actor, organization=organization, fiscal_year=2569
    )
