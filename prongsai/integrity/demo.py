"""Demo No Gift Policy of Ban Dong: the mayor's announcements of FY2568–2570,
their activities, two gift reports in 2569 and an explicit "none" for 2568."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.organizations.models import Membership

from . import selectors, services
from .demo_assets import load_assets_demo
from .demo_coi import load_coi_demo
from .demo_ethics import load_ethics_demo
from .demo_hr import load_hr_demo
from .models import GiftNilStatement, GiftReport, NoGiftActivity, NoGiftAnnouncement


def _members(organization) -> dict[str, Membership]:
    """The organisation's members by the local part of their e-mail address."""
    return {
        m.user.email.split("@", 1)[0]: m
        for m in Membership.objects.filter(organization=organization).select_related(
            "user"
        )
    }


NO_GIFT_ACTIVITIES = {
    2568: [
        (
            datetime.date(2024, 12, 9),
            "รณรงค์ No Gift Policy ในวันต่อต้านคอร์รัปชันสากล",
            NoGiftActivity.Kind.CAMPAIGN,
            40,
            False,
        ),
    ],
    2569: [
        (
            datetime.date(2025, 11, 14),
            "อบรมหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา "
            "ตามประกาศคณะกรรมการ ป.ป.ช. พ.ศ. 2563",
            NoGiftActivity.Kind.TRAINING,
            38,
            True,
        ),
        (
            datetime.date(2025, 12, 22),
            "หนังสือเวียนงดให้และรับของขวัญช่วงเทศกาลปีใหม่",
            NoGiftActivity.Kind.CIRCULAR,
            None,
            False,
        ),
    ],
    2570: [
        (
            datetime.date(2026, 10, 28),
            "ประชุมชี้แจงนโยบาย No Gift Policy ประจำปีงบประมาณ พ.ศ. 2570",
            NoGiftActivity.Kind.MEETING,
            41,
            True,
        ),
    ],
}


# Two gifts reported in FY2569: one returned, one kept within the rules.
GIFTS = [
    {
        "received_on": datetime.date(2026, 1, 2),
        "giver": "ผู้ประกอบการร้านวัสดุก่อสร้างในตำบล",
        "relationship": "ผู้ประกอบการที่ติดต่อราชการ",
        "description": "กระเช้าของขวัญปีใหม่และบัตรกำนัล",
        "value": Decimal("4500"),
        "action": GiftReport.Action.RETURNED,
        "note": "ส่งคืนพร้อมหนังสือแจ้งนโยบาย No Gift Policy",
    },
    {
        "received_on": datetime.date(2026, 4, 13),
        "giver": "ญาติผู้ใหญ่",
        "relationship": "ญาติ",
        "description": "ผ้าไหมเนื่องในวันสงกรานต์",
        "value": Decimal("1200"),
        "action": GiftReport.Action.KEPT,
    },
]


def _day(day: datetime.date) -> datetime.date:
    return min(day, timezone.localdate())


def _load_no_gift(organization) -> None:
    """Announcements of FY2568–2570 by the mayor, their activities, two
    gift reports in 2569 (one returned, one within the rules) and an explicit
    "none received" for 2568."""
    members = _members(organization)
    coordinator = members.get("integrity") or members.get("ita")
    if coordinator is None:
        return
    for fiscal_year, activities in NO_GIFT_ACTIVITIES.items():
        if NoGiftAnnouncement.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exists():
            continue
        values = selectors.no_gift_announcement_get_initial(
            organization=organization, fiscal_year=fiscal_year
        )
        values.pop("fiscal_year")
        values["announced_on"] = _day(datetime.date(2024 + fiscal_year - 2568, 10, 8))
        if not values["executive_name"]:
            return
        announcement = services.no_gift_announcement_create(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=fiscal_year,
            **values,
        )
        services.no_gift_announcement_publish(
            actor=coordinator.user, announcement=announcement
        )
        for held_on, title, kind, participants, rules in activities:
            services.no_gift_activity_create(
                actor=coordinator.user,
                organization=organization,
                held_on=_day(held_on),
                title=title,
                kind=kind,
                covers_gift_rules=rules,
                participants=participants,
                description="จัดโดยสำนักปลัด ผู้บริหารและเจ้าหน้าที่ทุกกองเข้าร่วม",
            )
    staff = members.get("staff") or coordinator
    if not GiftReport.objects.filter(organization=organization).exists():
        for gift in GIFTS:
            services.gift_report_create(
                actor=staff.user,
                organization=organization,
                reporter=staff,
                **gift | {"received_on": _day(gift["received_on"])},
            )
    if not _gifts_settled(organization, 2568):
        services.gift_nil_statement_record(
            actor=coordinator.user,
            organization=organization,
            fiscal_year=2568,
            stated_on=_day(datetime.date(2025, 10, 3)),
        )


def _gifts_settled(organization, fiscal_year: int) -> bool:
    return (
        GiftNilStatement.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exists()
        or GiftReport.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).exists()
    )


def load_integrity_demo(organizations) -> None:
    for organization in organizations:
        load_coi_demo(organization)
        if organization.slug == "bandong":
            load_ethics_demo(organization, _members(organization))
            _load_no_gift(organization)
            load_hr_demo(organization)
            load_assets_demo(organization)


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_integrity_demo
