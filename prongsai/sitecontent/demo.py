"""Demo content of Ban Dong's public site: structure, executives, news, laws."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import Law, NewsItem, Page
from .services import (
    executive_create,
    inquiry_answer,
    inquiry_submit,
    law_create,
    news_create,
    page_save,
)

DUTIES = (
    "องค์การบริหารส่วนตำบลบ้านดงมีหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล "
    "พ.ศ. 2537 ได้แก่ จัดให้มีและบำรุงรักษาทางน้ำและทางบก รักษาความสะอาดของถนน ทางน้ำ "
    "ทางเดิน และที่สาธารณะ ป้องกันโรคและระงับโรคติดต่อ ป้องกันและบรรเทาสาธารณภัย "
    "ส่งเสริมการศึกษา ศาสนา และวัฒนธรรม ส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ\n\n"
    "โครงสร้างส่วนราชการประกอบด้วย สำนักปลัด กองคลัง กองช่าง และกองการศึกษา ศาสนาและวัฒนธรรม "
    "ฝ่ายการเมืองประกอบด้วยนายกองค์การบริหารส่วนตำบล รองนายก และสภาองค์การบริหารส่วนตำบล"
)

EXECUTIVES = [
    ("นายสมศักดิ์ รักษ์ถิ่น", "นายกองค์การบริหารส่วนตำบลบ้านดง", "political", "081-000-1001"),
    ("นายวีระ ชาญชัย", "รองนายกองค์การบริหารส่วนตำบล", "political", "081-000-1002"),
    ("นางวิไลวรรณ ทองคำ", "ปลัดองค์การบริหารส่วนตำบล", "permanent", "081-000-1003"),
    ("นางจันทร์เพ็ญ บุญมา", "ผู้อำนวยการกองคลัง", "permanent", "081-000-1004"),
]

NEWS = [
    (2567, 11, "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี 2568", "announcement"),
    (2567, 12, "โครงการฝึกอบรมคุณธรรมจริยธรรมสำหรับพนักงานส่วนตำบล", "activity"),
    (2568, 3, "ประกาศผลการประเมินคุณธรรมและความโปร่งใส ปี 2567", "news"),
    (2568, 10, "เปิดรับฟังความคิดเห็นร่างแผนพัฒนาท้องถิ่น (พ.ศ. 2569–2570)", "announcement"),
    (2568, 11, "กิจกรรมวันลอยกระทงตำบลบ้านดง ประจำปี 2568", "activity"),
    (
        2568,
        12,
        "ประกาศเจตนารมณ์ไม่รับของขวัญ (No Gift Policy) ปีงบประมาณ 2569",
        "announcement",
    ),
    (
        2569,
        1,
        "ประกาศผู้ชนะการเสนอราคาโครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        "procurement",
    ),
    (
        2569,
        2,
        "กองช่างซ่อมไฟฟ้าส่องสว่างถนนสายหมู่ 3 – หมู่ 7 แล้วเสร็จ",
        "activity",
    ),
]

LAWS = [
    (
        "พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
        "act",
        "https://www.krisdika.go.th/",
    ),
    ("พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540", "act", "https://www.oic.go.th/"),
    (
        "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
        "act",
        "https://www.gprocurement.go.th/",
    ),
    (
        "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2548",
        "regulation",
        "https://www.dla.go.th/",
    ),
    (
        "ข้อบัญญัติองค์การบริหารส่วนตำบลบ้านดง เรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย พ.ศ. 2566",
        "ordinance",
        "https://www.dla.go.th/",
    ),
]


def _png(color: tuple[int, int, int], size=(480, 320)) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    width = size[0]
    draw.rectangle([width // 3, 20, 2 * width // 3, 80], outline=color, width=4)
    for i in range(4):
        x = 20 + i * (width - 40) // 4
        draw.rectangle([x, 180, x + (width - 80) // 4, 240], outline=color, width=4)
        draw.line([width // 2, 80, x + (width - 80) // 8, 180], fill=color, width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _portrait(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 400), (220 - seed * 20, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse([95, 70, 205, 190], fill=(196, 150, 118))  # face
    draw.pieslice([90, 55, 210, 175], 180, 360, fill=(40, 32, 30))  # hair
    draw.rounded_rectangle([40, 215, 260, 420], radius=60, fill=(30, 60, 120))
    draw.polygon([(130, 215), (150, 260), (170, 215)], fill=(245, 245, 245))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _be_date(be_year: int, month: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(be_year - 543, month, 15, 9, 0))


#: Upcoming events: (days from the load, hour, title, place).
EVENTS = [
    (5, 9, "ประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น", "ศาลาประชาคม หมู่ที่ 5"),
    (12, 8, "รณรงค์ป้องกันไข้เลือดออก ทำลายแหล่งเพาะพันธุ์ยุงลาย", "ทุกหมู่บ้านในตำบลบ้านดง"),
    (20, 13, "เปิดรับฟังความคิดเห็นร่างข้อบัญญัติงบประมาณ", "ห้องประชุม อบต.บ้านดง"),
]


def _dress(organization) -> None:
    """The organisation's banner, logo, colour, hotline and LINE QR code."""
    from prongsai.organizations.services import organization_update

    from . import demo_look

    organization_update(
        actor=None,
        organization=organization,
        data={
            "banner": demo_look.banner(),
            "logo": demo_look.logo(),
            "line_qr": demo_look.line_qr(organization.line_url),
            "brand_colour": "#155e75",
            "hotline": "043-000-199",
        },
    )


def _events(organization) -> None:
    today = timezone.localdate()
    for days, hour, title, place in EVENTS:
        day = today + datetime.timedelta(days=days)
        news_create(
            actor=None,
            organization=organization,
            title=title,
            category=NewsItem.Category.ACTIVITY,
            body=title + "\n\nขอเชิญประชาชนร่วมกิจกรรมโดยพร้อมเพรียงกัน",
            event_at=timezone.make_aware(
                datetime.datetime(day.year, day.month, day.day, hour, 0)
            ),
            event_place=place,
            status=NewsItem.Status.PUBLISHED,
        )


def load_sitecontent_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != "bandong":
            continue
        if Page.objects.filter(organization=organization).exists():
            continue
        _dress(organization)
        _events(organization)
        page_save(
            actor=None,
            organization=organization,
            key=Page.Key.STRUCTURE,
            title="โครงสร้างและอำนาจหน้าที่",
            body=DUTIES,
            image=ContentFile(_png((0, 90, 160)), name="structure.png"),
            status=Page.Status.PUBLISHED,
        )
        page_save(
            actor=None,
            organization=organization,
            key=Page.Key.CONTACTS,
            title="ติดต่อองค์การบริหารส่วนตำบลบ้านดง",
            body="ติดต่อราชการได้ในวันและเวลาราชการ หรือฝากคำถามผ่านแบบฟอร์มด้านล่าง",
            link="https://www.openstreetmap.org/#map=15/16.78/102.62",
            status=Page.Status.PUBLISHED,
        )
        for order, (name, position, side, phone) in enumerate(EXECUTIVES):
            executive_create(
                actor=None,
                organization=organization,
                full_name=name,
                position=position,
                side=side,
                phone=phone,
                order=order,
                photo=ContentFile(_portrait(order), name=f"executive-{order}.png"),
            )
        for be_year, month, title, category in NEWS:
            news_create(
                actor=None,
                organization=organization,
                title=title,
                category=category,
                body=title + "\n\nรายละเอียดติดต่อสำนักปลัด องค์การบริหารส่วนตำบลบ้านดง",
                status=NewsItem.Status.PUBLISHED,
                publish_at=_be_date(be_year, month),
            )
        news_create(
            actor=None,
            organization=organization,
            title="(ร่าง) สรุปผลการดำเนินงานไตรมาสที่ 1",
            body="ร่างข่าว รอตรวจทาน",
            status=NewsItem.Status.DRAFT,
        )
        for title, category, url in LAWS:
            law_create(
                actor=None,
                organization=organization,
                title=title,
                category=category,
                url=url,
                status=Law.Status.PUBLISHED,
            )
        inquiry = inquiry_submit(
            organization=organization,
            name="ชาวบ้านหมู่ 5",
            question="ขอทราบกำหนดการชำระภาษีป้ายประจำปีครับ",
        )
        inquiry_answer(
            actor=None,
            inquiry=inquiry,
            answer="ชำระได้ตั้งแต่เดือนมกราคมถึงมีนาคมของทุกปี ที่กองคลัง ในวันและเวลาราชการ",
        )
        inquiry_submit(
            organization=organization,
            question="ต้องการขอสำเนาทะเบียนบ้านต้องใช้เอกสารอะไรบ้าง",
        )


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_sitecontent_demo
