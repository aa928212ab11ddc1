"""Demo asset register of Ban Dong (25 assets) and about 30 loans over FY2569
and FY2570 in every state: staff and citizens (some through the E-Service),
one overdue and one returned damaged."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.organizations.models import Membership

from . import services_assets as services
from . import services_assets_loans as workflow
from . import services_assets_rules as services_rules
from .models_assets import Asset, AssetLoan
from .services_assets import LineRequest
from .services_assets_loans import LineReturn

C = Asset.Category

# (code, name, category, quantity, unit, unit value, acquired, public, location)
ASSETS = [
    (
        "401-62-0001",
        "เต็นท์ผ้าใบ ขนาด 4x8 เมตร",
        C.TENT,
        10,
        "หลัง",
        8500,
        "2019-03-12",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-65-0002",
        "เต็นท์โดม ขนาด 5x5 เมตร",
        C.TENT,
        4,
        "หลัง",
        15000,
        "2022-06-01",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-63-0003",
        "เก้าอี้พลาสติก",
        C.FURNITURE,
        200,
        "ตัว",
        150,
        "2020-01-20",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-63-0004",
        "โต๊ะพับ ขนาด 60x180 ซม.",
        C.FURNITURE,
        30,
        "ตัว",
        1200,
        "2020-01-20",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-66-0005",
        "ผ้าคลุมโต๊ะ",
        C.FURNITURE,
        30,
        "ผืน",
        250,
        "2023-02-10",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-64-0006",
        "เครื่องเสียงชุดเคลื่อนที่",
        C.SOUND,
        2,
        "ชุด",
        35000,
        "2021-05-18",
        True,
        "ห้องพัสดุ กองคลัง",
    ),
    (
        "401-64-0007",
        "ไมโครโฟนไร้สาย",
        C.SOUND,
        4,
        "ตัว",
        4500,
        "2021-05-18",
        True,
        "ห้องพัสดุ กองคลัง",
    ),
    (
        "401-67-0008",
        "พัดลมอุตสาหกรรม",
        C.OTHER,
        8,
        "ตัว",
        2900,
        "2024-04-02",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-60-0009",
        "หม้อต้มน้ำร้อนไฟฟ้า",
        C.OTHER,
        2,
        "ใบ",
        3200,
        "2017-11-05",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-61-0010",
        "ชุดถ้วยชามสำหรับงานเลี้ยง",
        C.OTHER,
        5,
        "ชุด",
        2000,
        "2018-08-14",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "023-59-0011",
        "รถบรรทุกน้ำ 6,000 ลิตร",
        C.VEHICLE,
        1,
        "คัน",
        2450000,
        "2016-02-22",
        False,
        "โรงจอดรถ",
    ),
    (
        "023-63-0012",
        "รถกระบะบรรทุก 4 ประตู",
        C.VEHICLE,
        1,
        "คัน",
        850000,
        "2020-07-30",
        False,
        "โรงจอดรถ",
    ),
    (
        "416-66-0013",
        "คอมพิวเตอร์โน้ตบุ๊ก",
        C.COMPUTER,
        3,
        "เครื่อง",
        22000,
        "2023-01-15",
        False,
        "สำนักปลัด",
    ),
    (
        "416-66-0014",
        "เครื่องฉายภาพ (โปรเจคเตอร์)",
        C.COMPUTER,
        2,
        "เครื่อง",
        25000,
        "2023-01-15",
        False,
        "ห้องประชุม",
    ),
    (
        "416-66-0015",
        "จอรับภาพแบบขาตั้ง",
        C.COMPUTER,
        2,
        "จอ",
        4500,
        "2023-01-15",
        False,
        "ห้องประชุม",
    ),
    (
        "416-65-0016",
        "กล้องถ่ายภาพดิจิทัล",
        C.COMPUTER,
        1,
        "ตัว",
        18000,
        "2022-09-01",
        False,
        "สำนักปลัด",
    ),
    (
        "416-67-0017",
        "เครื่องพิมพ์เลเซอร์แบบพกพา",
        C.COMPUTER,
        1,
        "เครื่อง",
        9000,
        "2024-02-20",
        False,
        "กองคลัง",
    ),
    (
        "400-64-0018",
        "เครื่องตัดหญ้าแบบสะพาย",
        C.TOOLS,
        3,
        "เครื่อง",
        9500,
        "2021-03-03",
        False,
        "กองช่าง",
    ),
    (
        "400-65-0019",
        "เครื่องสูบน้ำแบบหอยโข่ง",
        C.TOOLS,
        2,
        "เครื่อง",
        28000,
        "2022-05-09",
        True,
        "กองช่าง",
    ),
    (
        "400-66-0020",
        "บันไดอะลูมิเนียม 3 ตอน",
        C.TOOLS,
        2,
        "อัน",
        4800,
        "2023-06-06",
        False,
        "กองช่าง",
    ),
    (
        "400-62-0021",
        "เครื่องปั่นไฟ 5 กิโลวัตต์",
        C.TOOLS,
        1,
        "เครื่อง",
        32000,
        "2019-12-12",
        True,
        "กองช่าง",
    ),
    (
        "402-61-0022",
        "กรวยจราจร",
        C.OTHER,
        40,
        "อัน",
        350,
        "2018-10-10",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "402-66-0023",
        "แผงกั้นจราจรแบบพับได้",
        C.OTHER,
        10,
        "แผง",
        1800,
        "2023-03-03",
        True,
        "โรงเก็บพัสดุ",
    ),
    (
        "401-58-0024",
        "โต๊ะหมู่บูชา",
        C.FURNITURE,
        2,
        "ชุด",
        6500,
        "2015-06-16",
        True,
        "ห้องพัสดุ กองคลัง",
    ),
    (
        "401-57-0025",
        "เก้าอี้เหล็กบุนวม",
        C.FURNITURE,
        50,
        "ตัว",
        600,
        "2014-05-05",
        False,
        "ห้องประชุม",
    ),
]

# (days from the start of the fiscal year's first day or from today, length,
#  kind, items [(code, qty)], final state, purpose, place)
CITIZENS = [
    ("นางบุญมี ศรีดง", "0812345601", "งานฌาปนกิจบิดา", "บ้านเลขที่ 12 หมู่ 3"),
    ("นายสมบัติ ใจงาม", "0812345602", "งานบวชบุตรชาย", "บ้านเลขที่ 45 หมู่ 1"),
    ("นางคำปุ่น พรมมา", "0812345603", "งานบุญประจำปีหมู่บ้าน", "ศาลากลางบ้าน หมู่ 5"),
    ("นายทองดี มีสุข", "0812345604", "งานแต่งงาน", "บ้านเลขที่ 7 หมู่ 2"),
    ("นางสาวจันทร์ดี ดงดี", "0812345605", "ประชุมกลุ่มแม่บ้าน", "ศาลาประชาคม หมู่ 4"),
]


def _members(organization) -> dict[str, Membership]:
    return {
        m.user.email.split("@", 1)[0]: m
        for m in Membership.objects.filter(organization=organization).select_related(
            "user"
        )
    }


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _register(organization, custodian, actor) -> dict[str, Asset]:
    assets = {}
    for code, name, category, qty, unit, value, acquired, public, place in ASSETS:
        assets[code] = services.asset_create(
            actor=actor.user,
            organization=organization,
            code=code,
            name=name,
            category=category,
            quantity=qty,
            unit=unit,
            unit_value=Decimal(value),
            acquired_on=datetime.date.fromisoformat(acquired),
            acquisition=Asset.Acquisition.DONATION
            if code == "401-58-0024"
            else Asset.Acquisition.PURCHASE,
            location=place,
            custodian=custodian.user,
            lendable_to_staff=True,
            lendable_to_public=public,
        )
    return assets


FINAL_STATES = {3: "rejected", 7: "cancelled", 10: "damaged", 12: "late"}


def _plan(today: datetime.date) -> list[tuple]:
    """(start, days, borrower key or citizen index, items, final state)."""
    return _past_year(today) + _this_year(today)


def _past_year(today: datetime.date) -> list[tuple]:
    d = datetime.timedelta
    fy2569 = datetime.date(2025, 10, 1)
    plan = []
    # FY2569: 18 loans over the year, all settled.
    for n in range(18):
        start = fy2569 + d(days=12 + n * 19)
        if start >= today - d(days=10):
            break
        citizen = n % 2 == 0
        if citizen:
            items = [("401-62-0001", 2 + n % 3), ("401-63-0003", 50 + 10 * (n % 5))]
            if n % 4 == 0:
                items.append(("401-64-0006", 1))
        else:
            items = (
                [("416-66-0014", 1), ("416-66-0015", 1)]
                if n % 3
                else [("023-63-0012", 1)]
            )
        final = FINAL_STATES.get(n, "returned")
        plan.append(
            (start, 1 + n % 3, ("citizen", n % 5) if citizen else "staff", items, final)
        )
    return plan


def _this_year(today: datetime.date) -> list[tuple]:
    """FY2570 so far: settled, one overdue, one out, approved and waiting."""
    d = datetime.timedelta
    return [
        (
            today - d(days=40),
            2,
            ("citizen", 2),
            [("401-63-0003", 100), ("401-63-0004", 15)],
            "returned",
        ),
        (today - d(days=30), 1, "staff", [("416-66-0013", 1)], "returned"),
        (
            today - d(days=20),
            3,
            ("citizen", 0),
            [("401-62-0001", 4), ("401-64-0006", 1)],
            "returned",
        ),
        (today - d(days=12), 2, "staff", [("400-64-0018", 2)], "returned"),
        (
            today - d(days=8),
            3,
            ("citizen", 1),
            [("401-62-0001", 2), ("401-63-0003", 80)],
            "overdue",
        ),
        (today - d(days=1), 3, "staff", [("416-66-0014", 1)], "out"),
        (
            today + d(days=3),
            2,
            ("citizen", 3),
            [("401-62-0001", 6), ("401-63-0003", 150), ("401-63-0004", 20)],
            "approved",
        ),
        (today + d(days=5), 1, "staff", [("023-59-0011", 1)], "approved"),
        (
            today + d(days=6),
            2,
            ("citizen", 4),
            [("401-63-0003", 60), ("401-64-0007", 2)],
            "requested",
        ),
        (
            today + d(days=9),
            1,
            "staff",
            [("416-66-0013", 2), ("416-66-0014", 1)],
            "requested",
        ),
        (today + d(days=14), 2, ("citizen", 2), [("401-62-0001", 3)], "requested"),
    ]


def _request(organization, borrower, items, start, end, staff_member):
    lines = [LineRequest(asset=asset, quantity=qty) for asset, qty in items]
    if borrower == "staff":
        return services.loan_request_staff(
            actor=staff_member.user,
            organization=organization,
            borrower=staff_member,
            lines=lines,
            start_on=start,
            end_on=end,
            purpose="ใช้ในงานราชการ ประชุมประชาคมและกิจกรรมของ อบต.",
            place="ที่ทำการ อบต. และหมู่บ้านในเขต",
            today=min(start, timezone.localdate()),
        )
    name, phone, purpose, place = CITIZENS[borrower[1]]
    return services.loan_request_citizen(
        organization=organization,
        lines=lines,
        start_on=start,
        end_on=end,
        name=name,
        phone=phone,
        purpose=purpose,
        place=place,
        privacy_accepted=True,
        today=min(start, timezone.localdate()),
        now=min(_aware(start - datetime.timedelta(days=3)), timezone.now()),
    )


def _settle(loan, final, officer, today):
    actor = officer.user
    if final == "requested":
        return
    if final == "rejected":
        workflow.loan_reject(
            actor=actor, loan=loan, reason="พัสดุถูกจองใช้ในงานของ อบต. ในวันดังกล่าว"
        )
        return
    workflow.loan_approve(actor=actor, loan=loan, note="มารับพัสดุได้ที่โรงเก็บพัสดุ")
    if final == "approved":
        return
    if final == "cancelled":
        workflow.loan_cancel(actor=actor, loan=loan, reason="ผู้ยืมเลื่อนงาน")
        return
    workflow.loan_hand_over(
        actor=actor,
        loan=loan,
        note="ส่งมอบครบตามรายการ สภาพพร้อมใช้งาน",
        at=min(_aware(loan.start_on, 8), timezone.now()),
    )
    if final in ("out", "overdue"):
        return
    back_on = loan.end_on
    if final == "late":
        back_on = loan.end_on + datetime.timedelta(days=3)
    back_on = min(back_on, today)
    condition = "damaged" if final == "damaged" else "good"
    returns = []
    for index, line in enumerate(loan.lines.all()):
        quantity = line.quantity - (2 if final == "damaged" and index == 1 else 0)
        returns.append(
            LineReturn(
                line_id=line.pk,
                quantity=quantity,
                condition=condition if index == 0 else "good",
            )
        )
    workflow.loan_return(
        actor=actor,
        loan=loan,
        returns=returns,
        returned_on=back_on,
        note="ผ้าใบเต็นท์ขาด 1 หลัง เก้าอี้หาย 2 ตัว ผู้ยืมรับจะชดใช้" if final == "damaged" else "",
    )


RULES_TEXT = "\n".join(
    (
        "1. พัสดุที่ให้ยืม ได้แก่ เต็นท์ เก้าอี้ โต๊ะ เครื่องเสียง "
        "และพัสดุอื่นที่ประกาศไว้ในหน้าขอยืมพัสดุ "
        "ให้ยืมเพื่อใช้ในราชการ และให้ประชาชนยืมเพื่องานศพ งานบุญ "
        "และกิจกรรมสาธารณประโยชน์ของหมู่บ้าน",
        "2. ผู้ยืมยื่นคำขอผ่านเว็บไซต์หรือ ณ ที่ทำการ อย่างน้อย 3 "
        "วันทำการก่อนวันใช้งาน ระบุรายการ จำนวน วันที่ยืม "
        "วัตถุประสงค์ และสถานที่ใช้งาน",
        "3. เจ้าหน้าที่พัสดุเสนอผู้มีอำนาจพิจารณาอนุมัติตามลำดับวันที่ใช้งาน และแจ้งผลผ่านรหัสติดตามคำขอ",
        "4. ยืมได้ครั้งละไม่เกิน 7 วัน ผู้ยืมรับและส่งคืนพัสดุ ณ "
        "โรงเก็บพัสดุ โดยเจ้าหน้าที่ตรวจนับและบันทึกสภาพทุกครั้ง",
        "5. พัสดุชำรุดหรือสูญหายระหว่างยืม "
        "ผู้ยืมต้องซ่อมแซมให้คงสภาพเดิมหรือชดใช้ตามราคาที่เป็นอยู่ในขณะยืม "
        "ตามระเบียบกระทรวงมหาดไทยว่าด้วยการพัสดุขององค์กรปกครองส่วนท้องถิ่น",
        "6. ไม่มีค่าธรรมเนียมการยืม",
    )
)


def _rules(organization, officer) -> None:
    rules = services_rules.loan_rules_save(
        actor=officer.user,
        organization=organization,
        title="หลักเกณฑ์การยืมพัสดุและครุภัณฑ์ขององค์การบริหารส่วนตำบลบ้านดง",
        text=RULES_TEXT,
    )
    services_rules.loan_rules_publish(actor=officer.user, rules=rules)


def load_assets_demo(organization) -> None:
    """Ban Dong's register and loans (once: skipped when assets exist)."""
    if Asset.objects.filter(organization=organization).exists():
        return
    members = _members(organization)
    officer = members.get("integrity")
    custodian = members.get("procurement") or officer
    staff_member = members.get("staff") or officer
    if officer is None or custodian is None or staff_member is None:
        return
    _rules(organization, officer)
    assets = _register(organization, custodian, officer)
    today = timezone.localdate()
    for start, length, borrower, items, final in _plan(today):
        end = start + datetime.timedelta(days=length - 1)
        loan = _request(
            organization,
            borrower,
            [(assets[code], qty) for code, qty in items],
            start,
            end,
            staff_member,
        )
        _settle(loan, final, custodian, today)
    assert AssetLoan.objects.filter(organization=organization).exists()
