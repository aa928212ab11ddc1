"""Demo complaints for ``prongsai load_demo``: categories and cases over three
fiscal years per demo organisation, from every channel, plus a few
confidential reports."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from prongsai.accounts.models import User
from prongsai.core.manuals import procedure_data_of
from prongsai.organizations.services_personal_data import (
    subject_request_answer,
    subject_request_log,
)

from .models import (
    Case,
    Category,
    CategoryProcedure,
    Channel,
    ExternalBody,
    ExternalRecipient,
    Kind,
    Status,
)
from .redaction import redact
from .services import (
    case_assign,
    case_change_status,
    case_rate,
    case_reply,
    case_review_public_text,
)
from .services_confidential import confidential_submit
from .services_intake import case_submit
from .services_manuals import category_procedure_update
from .services_settings import (
    category_create,
    complaint_settings_ensure,
    complaint_settings_update,
)

# name, unit, days to acknowledge and to resolve, keywords the chat guesses by.
CATEGORIES = [
    (
        "ถนน ทางเท้า และสะพาน",
        "กองช่าง",
        2,
        30,
        "ถนน, หลุม, บ่อ, ทางเท้า, ฟุตบาท, สะพาน, ลูกระนาด, ถนนพัง, ถนนชำรุด",
    ),
    (
        "ไฟฟ้าส่องสว่างสาธารณะ",
        "กองช่าง",
        1,
        7,
        "ไฟฟ้า, ไฟถนน, ไฟดับ, เสาไฟ, หลอดไฟ, ไฟส่องสว่าง, ไฟกะพริบ, ไฟทาง",
    ),
    (
        "ขยะและความสะอาด",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        1,
        7,
        "ขยะ, ถังขยะ, เก็บขยะ, สกปรก, ขยะล้น, ทิ้งขยะ",
    ),
    (
        "น้ำประปาและการระบายน้ำ",
        "กองช่าง",
        1,
        15,
        "น้ำ, ประปา, น้ำประปา, ท่อ, ท่อแตก, ท่อระบายน้ำ, น้ำท่วม, น้ำไม่ไหล, รางระบายน้ำ",
    ),
    (
        "เหตุเดือดร้อนรำคาญ (เสียง กลิ่น ควัน)",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        1,
        15,
        "เสียงดัง, กลิ่น, เหม็น, ควัน, รำคาญ, เผา, ฝุ่น",
    ),
    (
        "การให้บริการของเจ้าหน้าที่",
        "สำนักปลัด",
        1,
        15,
        "เจ้าหน้าที่, พนักงาน, บริการ, ไม่สุภาพ",
    ),
]

# Staff work manuals of some categories: [what is done, time, unit, responsible, forms].
_COMMON_BASIS = (
    "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. 2552\n"
    "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 มาตรา 38"
)
PROCEDURES = {
    "ถนน ทางเท้า และสะพาน": {
        "objective": "เพื่อให้เรื่องร้องเรียนเกี่ยวกับถนน ทางเท้า และสะพาน ได้รับการตรวจสอบและแก้ไขภายในระยะเวลาที่กำหนด",  # noqa: E501
        "scope": "ตั้งแต่รับเรื่องร้องเรียนจากทุกช่องทาง ตรวจสอบพื้นที่ ซ่อมแซม จนถึงแจ้งผลแก่ผู้ร้องเรียน",
        "definitions": "ผู้ร้องเรียน: ผู้ที่แจ้งเรื่องผ่านช่องทางใดช่องทางหนึ่งขององค์กร\n"
        "ศูนย์รับเรื่องร้องเรียน: สำนักปลัด งานรับเรื่องราวร้องทุกข์",
        "legal_basis": _COMMON_BASIS,
        "forms_used": "แบบบันทึกรับเรื่องร้องเรียน\nแบบรายงานผลการตรวจสอบพื้นที่",
        "steps": [
            [
                "รับเรื่อง ลงทะเบียน และแจ้งรับเรื่องแก่ผู้ร้องเรียน",
                1,
                "working_days",
                "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)",
                "แบบบันทึกรับเรื่องร้องเรียน",
            ],
            ["ส่งเรื่องให้กองช่างตรวจสอบพื้นที่", 1, "working_days", "หัวหน้าสำนักปลัด", ""],
            [
                "ตรวจสอบพื้นที่ ประเมินความเสียหาย และเสนอวิธีแก้ไข",
                5,
                "working_days",
                "นายช่างโยธา",
                "แบบรายงานผลการตรวจสอบพื้นที่",
            ],
            ["ซ่อมแซมหรือจัดทำโครงการซ่อมแซม", 20, "working_days", "ผู้อำนวยการกองช่าง", ""],
            [
                "แจ้งผลการดำเนินการแก่ผู้ร้องเรียนและปิดเรื่อง",
                1,
                "hours",
                "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)",
                "",
            ],
        ],
    },
    "ไฟฟ้าส่องสว่างสาธารณะ": {
        "objective": "เพื่อให้ไฟฟ้าส่องสว่างสาธารณะที่ชำรุดได้รับการซ่อมแซมโดยเร็ว ลดอุบัติเหตุและอาชญากรรม",  # noqa: E501
        "scope": "เรื่องร้องเรียนไฟฟ้าส่องสว่างสาธารณะดับ ชำรุด หรือไม่เพียงพอ",
        "legal_basis": _COMMON_BASIS,
        "steps": [
            [
                "รับเรื่องและลงทะเบียน",
                30,
                "minutes",
                "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)",
                "แบบบันทึกรับเรื่องร้องเรียน",
            ],
            ["ตรวจสอบและซ่อมแซม", 3, "working_days", "นายช่างไฟฟ้า", "ใบสั่งงานซ่อม"],
            ["แจ้งผลแก่ผู้ร้องเรียน", 1, "hours", "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)", ""],
        ],
    },
    "การให้บริการของเจ้าหน้าที่": {
        "objective": "เพื่อให้เรื่องร้องเรียนเกี่ยวกับการให้บริการของเจ้าหน้าที่ได้รับการพิจารณาอย่างเป็นธรรมและคุ้มครองผู้ร้องเรียน",  # noqa: E501
        "scope": "เรื่องร้องเรียนพฤติกรรมหรือการให้บริการของพนักงานและลูกจ้าง (ไม่รวมเรื่องทุจริต ซึ่งมีคู่มือแยก)",  # noqa: E501
        "legal_basis": _COMMON_BASIS + "\nพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
        "steps": [
            [
                "รับเรื่อง ปกปิดข้อมูลผู้ร้องเรียน และลงทะเบียน",
                1,
                "working_days",
                "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)",
                "แบบบันทึกรับเรื่องร้องเรียน",
            ],
            ["เสนอปลัดพิจารณาและมอบหมายผู้ตรวจสอบข้อเท็จจริง", 2, "working_days", "ปลัด", ""],
            [
                "ตรวจสอบข้อเท็จจริงและรายงานผล",
                10,
                "working_days",
                "หัวหน้าสำนักปลัด",
                "แบบรายงานผลการตรวจสอบ",
            ],
            [
                "แจ้งผลแก่ผู้ร้องเรียน",
                1,
                "working_days",
                "นักจัดการงานทั่วไป (ศูนย์รับเรื่องร้องเรียน)",
                "",
            ],
        ],
    },
}

CASES = [
    (
        Kind.COMPLAINT,
        0,
        "ถนนลูกรังหมู่ 3 เป็นหลุมบ่อ",
        "ถนนสายหมู่ 3 ไปหมู่ 7 เป็นหลุมลึก ฝนตกน้ำขัง รถจักรยานยนต์ล้มบ่อย ขอให้ช่วยลงหินคลุกซ่อมแซม",
        "หมู่ 3 ทางไปวัดป่า",
    ),
    (
        Kind.COMPLAINT,
        1,
        "ไฟถนนดับหลายต้น",
        "ไฟส่องสว่างริมถนนหน้าโรงเรียนดับ 4 ต้น ตอนกลางคืนมืดมาก เด็กเดินกลับบ้านอันตราย",
        "หน้าโรงเรียนบ้านดง",
    ),
    (
        Kind.COMPLAINT,
        2,
        "รถเก็บขยะไม่มาเก็บ 2 สัปดาห์",
        "รถเก็บขยะไม่มาเก็บที่ซอย 4 มาสองสัปดาห์แล้ว ขยะล้นถังส่งกลิ่นเหม็น",
        "ซอย 4 หมู่ 5",
    ),
    (
        Kind.COMPLAINT,
        3,
        "ท่อระบายน้ำอุดตัน น้ำท่วมขัง",
        "ท่อระบายน้ำหน้าตลาดอุดตัน ฝนตกทีไรน้ำท่วมหน้าร้าน ขอให้ลอกท่อ",
        "หน้าตลาดสด",
    ),
    (
        Kind.COMPLAINT,
        4,
        "เสียงดังจากโรงสีข้าวกลางคืน",
        "โรงสีข้าวเปิดเครื่องจนดึก เสียงดังรบกวนการพักผ่อน บ้านเลขที่ 45/2 โทร 081-234-5678",
        "หมู่ 2",
    ),
    (
        Kind.SUGGESTION,
        5,
        "อยากให้เปิดรับชำระภาษีวันเสาร์",
        "คนทำงานในเมืองมาชำระภาษีวันธรรมดาไม่ได้ เสนอให้เปิดรับชำระวันเสาร์เดือนละครั้ง",
        "",
    ),
    (
        Kind.SUGGESTION,
        0,
        "เสนอให้ทำทางเท้าหน้าโรงเรียน",
        "ช่วงเช้าเด็กเดินบนถนน อยากให้ทำทางเท้าและทาสีทางม้าลายหน้าโรงเรียน",
        "หน้าโรงเรียนบ้านดง",
    ),
    (
        Kind.PRAISE,
        5,
        "ขอชมเจ้าหน้าที่งานทะเบียน",
        "เจ้าหน้าที่ให้บริการรวดเร็ว อธิบายเอกสารชัดเจน สุภาพมาก",
        "",
    ),
    (
        Kind.COMPLAINT,
        1,
        "ไฟถนนกะพริบทั้งคืน",
        "หลอดไฟถนนหน้าศาลากลางบ้านกะพริบทั้งคืน รบกวนบ้านใกล้เคียง",
        "ศาลากลางบ้านหมู่ 1",
    ),
    (
        Kind.COMPLAINT,
        2,
        "มีการเผาขยะในที่โล่ง",
        "มีคนเผาขยะในที่ดินว่างทุกเย็น ควันเข้าบ้าน เด็กเป็นหอบ",
        "หมู่ 6",
    ),
]

CHANNELS = [
    Channel.WEB,
    Channel.LINE,
    Channel.WALK_IN,
    Channel.PHONE,
    Channel.LETTER,
    Channel.FACEBOOK,
    Channel.WEB,
    Channel.LINE,
]
# The public map: cases with a place get a point around Ban Dong (the area of
# the budget demo's projects), from their own random numbers so that the rest
# of the demo stays as it was.
MAP_CENTRE = (Decimal("16.7560"), Decimal("102.6180"))


def _spot(rng: random.Random) -> tuple[Decimal, Decimal]:
    return (
        MAP_CENTRE[0] + Decimal(str(round(rng.uniform(-0.03, 0.03), 6))),
        MAP_CENTRE[1] + Decimal(str(round(rng.uniform(-0.035, 0.035), 6))),
    )


NAMES = ["นายสมศักดิ์ ดีมาก", "นางบุญเรือน ใจงาม", "นายวิชัย แสงทอง", "นางสาวมาลี ศรีสวัสดิ์"]


def _staff(organization, local: str) -> User | None:
    from prongsai.organizations.demo import demo_email

    return User.objects.filter(email=demo_email(local, organization.slug)).first()


def load_complaints_demo(organizations) -> None:
    for index, organization in enumerate(organizations):
        if Case.objects.filter(organization=organization).exists():
            continue
        _load_for(organization, random.Random(7 + index))  # noqa: S311 - demo data


def _load_for(organization, rng: random.Random) -> None:
    officer = _staff(organization, "complaint")
    integrity = _staff(organization, "integrity")
    settings_row = complaint_settings_ensure(organization=organization)
    if settings_row.external_recipient_id is None:
        # Reports about executives go to a body on the operator's list.
        listed = ExternalRecipient.objects.filter(
            kind=ExternalBody.NACC, province="", is_active=True
        ).first()
        if listed is not None:
            complaint_settings_update(
                actor=None, organization=organization, external_recipient=listed
            )
    categories = []
    for order, (name, unit, ack, resolve, keywords) in enumerate(CATEGORIES):
        category = Category.objects.filter(organization=organization, name=name).first()
        categories.append(
            category
            or category_create(
                actor=officer,
                organization=organization,
                name=name,
                responsible_unit=unit,
                acknowledge_days=ack,
                resolve_days=resolve,
                keywords=keywords,
                order=order,
            )
        )
        if (
            name in PROCEDURES
            and not CategoryProcedure.objects.filter(category=categories[-1]).exists()
        ):
            category_procedure_update(
                actor=officer,
                category=categories[-1],
                data=procedure_data_of(PROCEDURES[name]),
            )
    now = timezone.now()
    spots = random.Random(f"map-{organization.slug}")  # noqa: S311 - demo data
    # Three fiscal years: 2567, 2568 and the current one (2569).
    for years_back in (2, 1, 0):
        count = 6 + rng.randint(0, 4) - years_back
        for n in range(count):
            kind, cat, subject, text, place = CASES[(n + years_back * 3) % len(CASES)]
            days_ago = years_back * 365 + rng.randint(5, 300 if years_back else 50)
            received = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8))
            channel = CHANNELS[(n + years_back) % len(CHANNELS)]
            lat, lng = _spot(spots) if place else (None, None)
            case = case_submit(
                organization=organization,
                kind=kind,
                channel=channel,
                category=categories[cat],
                subject=subject,
                description=text,
                location_text=place,
                latitude=lat,
                longitude=lng,
                complainant_name=NAMES[n % len(NAMES)]
                if channel != Channel.LINE
                else "",
                complainant_phone=f"08{rng.randint(1, 9)}-{rng.randint(0, 999):03d}-"
                f"{rng.randint(0, 9999):04d}"
                if channel in (Channel.PHONE, Channel.WALK_IN)
                else "",
                line_user_id=f"U{rng.getrandbits(128):032x}"
                if channel == Channel.LINE
                else "",
                received_at=received,
                actor=officer
                if channel in (Channel.WALK_IN, Channel.PHONE, Channel.LETTER)
                else None,
            )
            _handle(case, officer, years_back, n, rng)
            _backdate(case)
    if integrity is not None:
        _confidential(organization, integrity)
    if officer is not None:
        _subject_requests(organization, officer)


def _subject_requests(organization, officer) -> None:
    today = timezone.localdate()
    done = subject_request_log(
        actor=officer,
        organization=organization,
        kind="access",
        requester="นายสมศักดิ์ ดีมาก",
        received_on=today - datetime.timedelta(days=40),
        details="ขอสำเนาข้อมูลเรื่องร้องเรียนของตนเอง",
    )
    subject_request_answer(
        actor=officer,
        entry=done,
        outcome="done",
        answered_on=today - datetime.timedelta(days=33),
    )
    subject_request_log(
        actor=officer,
        organization=organization,
        kind="erasure",
        requester="นางบุญเรือน ใจงาม",
        received_on=today - datetime.timedelta(days=6),
        details="ขอให้ลบเบอร์โทรศัพท์ออกจากเรื่องที่ปิดแล้ว",
    )


def _backdate(case: Case) -> None:
    """Spread the handling over the days after receipt (demo realism)."""
    step = datetime.timedelta(hours=20)
    for i, entry in enumerate(case.entries.order_by("id")):
        case.entries.filter(pk=entry.pk).update(created_at=case.received_at + step * i)
    last = case.received_at + step * max(case.entries.count() - 1, 1)
    Case.objects.for_organization(case.organization_id).filter(
        pk=case.pk, closed_at__isnull=False
    ).update(closed_at=last)
    Case.objects.for_organization(case.organization_id).filter(
        pk=case.pk, acknowledged_at__isnull=False
    ).update(acknowledged_at=case.received_at + step)


def _handle(case: Case, officer, years_back: int, n: int, rng: random.Random) -> None:
    if officer is None:
        return
    if years_back == 0 and n % 3 == 0:
        return  # still waiting: shows up as new or overdue in the queue
    case_assign(actor=officer, case=case, assignee=officer)
    case_change_status(
        actor=officer,
        case=case,
        status=Status.ACKNOWLEDGED,
        text="รับเรื่องแล้ว ส่งให้หน่วยงานที่รับผิดชอบตรวจสอบ",
    )
    if years_back == 0 and n % 3 == 1:
        case_change_status(
            actor=officer,
            case=case,
            status=Status.IN_PROGRESS,
            text="เจ้าหน้าที่ออกตรวจพื้นที่แล้ว อยู่ระหว่างดำเนินการ",
        )
        # Shown on the public map while it is being fixed.
        case_review_public_text(actor=officer, case=case, text=redact(case.subject))
        return
    if n % 7 == 4:
        case_change_status(
            actor=officer,
            case=case,
            status=Status.FORWARDED,
            forwarded_to="การไฟฟ้าส่วนภูมิภาคอำเภออุบลรัตน์",
            text="เป็นอำนาจหน้าที่ของการไฟฟ้าส่วนภูมิภาค ได้ส่งเรื่องให้แล้ว",
        )
        return
    if n % 9 == 8:
        case_change_status(
            actor=officer,
            case=case,
            status=Status.REJECTED,
            rejection_reason="ตรวจสอบแล้วเป็นพื้นที่เอกชน อยู่นอกอำนาจหน้าที่",
        )
        return
    case_reply(
        actor=officer,
        case=case,
        text="ดำเนินการแก้ไขเรียบร้อยแล้ว ขอบคุณที่แจ้งเรื่องมา",
    )
    case_change_status(actor=officer, case=case, status=Status.RESOLVED)
    # Resolved cases get their public text approved; the others show on the
    # public board without text, as they would before an officer's review.
    case_review_public_text(actor=officer, case=case, text=redact(case.subject))
    if rng.random() < 0.7:
        case_rate(case=case, satisfaction=rng.choice([5, 5, 4, 4, 3, 2]))


def _confidential(organization, integrity) -> None:
    reports = [
        (
            "เรียกรับเงินค่าอนุญาตก่อสร้าง",
            "เจ้าหน้าที่ผู้หนึ่งเรียกเงิน 5,000 บาทเพื่อเร่งออกใบอนุญาตก่อสร้าง "
            "โดยไม่ออกใบเสร็จ เกิดขึ้นเมื่อต้นเดือน",
            True,
            False,
        ),
        (
            "ใช้รถราชการไปธุระส่วนตัว",
            "เห็นรถกระบะของ อบต. จอดที่ตลาดนัดในวันหยุดหลายครั้ง",
            False,
            False,
        ),
        (
            "ผู้บริหารแบ่งงานจ้างให้ญาติ",
            "งานจ้างซ่อมถนนหลายสัญญาให้ร้านของญาติผู้บริหาร",
            True,
            True,
        ),
    ]
    for subject, text, anonymous, executive in reports:
        case, _code = confidential_submit(
            organization=organization,
            subject=subject,
            description=text,
            is_anonymous=anonymous,
            reporter_name="" if anonymous else "นายประหยัด ตรงไป",
            concerns_executive=executive,
        )
        if not executive:
            case_change_status(
                actor=integrity,
                case=case,
                status=Status.IN_PROGRESS,
                text="รับเรื่องไว้ตรวจสอบแล้ว หากมีหลักฐานเพิ่มเติมโปรดแจ้งผ่านรหัสรับเรื่อง",
            )


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_complaints_demo
