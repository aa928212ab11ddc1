"""Demo conflict-of-interest registers of Ban Dong: the FY2569 yearly
declarations of most members (three with interests, one of them a spouse's
company that is a supplier of the demo procurement, so a flag exists),
and committee declarations on the three latest procurement records."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from prongsai.organizations.models import Membership
from prongsai.procurement.models import Procurement

from . import services_coi
from .models_coi import CoiCommitteeDeclaration, CoiDeclaration, CoiFlag, CoiInterest

FISCAL_YEAR = 2569
# Members (local part of the e-mail address) who have not declared yet.
NOT_YET = {"data", "service"}
INTERESTS = {
    # The spouse's company, written as staff write it: it is the demo's
    # "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", found by name.
    "staff": [
        {
            "kind": CoiInterest.Kind.RELATIVE_COMPANY,
            "name": "บจก. ขอนแก่นวัสดุภัณฑ์",
            "relationship": CoiInterest.Relationship.SPOUSE,
            "description": "คู่สมรสเป็นกรรมการผู้จัดการ",
        }
    ],
    "ita": [
        {
            "kind": CoiInterest.Kind.SIDE_BUSINESS,
            "name": "ร้านสุภาพรเบเกอรี่",
            "relationship": CoiInterest.Relationship.SELF,
            "description": "ขายขนมออนไลน์นอกเวลาราชการ",
            "value": Decimal("20000"),
        }
    ],
    "complaint": [
        {
            "kind": CoiInterest.Kind.SHAREHOLDING,
            "name": "บริษัท อีสานพัฒนาที่ดิน จำกัด",
            "relationship": CoiInterest.Relationship.PARENT,
            "description": "บิดาถือหุ้นร้อยละ 5",
            "value": Decimal("150000"),
        }
    ],
}


def _day(day: datetime.date) -> datetime.date:
    return min(day, timezone.localdate())


def _yearly(members: dict[str, Membership], organization) -> None:
    for number, (local, member) in enumerate(sorted(members.items())):
        if (
            local in NOT_YET
            or CoiDeclaration.objects.filter(
                organization=organization, declarant=member, fiscal_year=FISCAL_YEAR
            ).exists()
        ):
            continue
        interests = INTERESTS.get(local, [])
        declaration = services_coi.coi_declaration_create(
            actor=member.user,
            organization=organization,
            kind=CoiDeclaration.Kind.YEARLY,
            fiscal_year=FISCAL_YEAR,
            declared_on=_day(datetime.date(2025, 10, 15 + number)),
            nothing_to_declare=not interests,
        )
        for interest in interests:
            services_coi.coi_interest_add(
                actor=member.user, declaration=declaration, **interest
            )


def _committees(members: dict[str, Membership], organization) -> None:
    if CoiCommitteeDeclaration.objects.filter(organization=organization).exists():
        return
    records = Procurement.objects.filter(
        organization=organization, bids__isnull=False
    ).distinct()[:3]
    roles = [
        ("ita", CoiCommitteeDeclaration.Role.TOR),
        ("complaint", CoiCommitteeDeclaration.Role.EVALUATION),
        ("hr", CoiCommitteeDeclaration.Role.INSPECTION),
    ]
    for procurement in records:
        for local, role in roles:
            member = members.get(local)
            if member is None:
                continue
            services_coi.coi_committee_declare(
                actor=member.user,
                procurement=procurement,
                role=role,
                has_interest=False,
                declared_on=_day(procurement.procured_on),
            )


def load_coi_demo(organization) -> None:
    if organization.slug != "bandong":
        return
    members = {
        m.user.email.split("@", 1)[0]: m
        for m in Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
    }
    _yearly(members, organization)
    _committees(members, organization)
    _reviews(members.get("integrity"), organization)


def _reviews(officer: Membership | None, organization) -> None:
    """The integrity officer has looked at all but the three latest flags."""
    if officer is None:
        return
    flags = CoiFlag.objects.filter(
        organization=organization, status=CoiFlag.Status.OPEN
    ).order_by("-procurement__procured_on", "-id")[3:]
    for flag in flags:
        services_coi.coi_flag_review(
            actor=officer.user,
            flag=flag,
            status=CoiFlag.Status.NO_CONFLICT,
            review_note="ผู้แจ้งไม่ได้เป็นกรรมการหรือผู้เกี่ยวข้องในการจัดซื้อจัดจ้างครั้งนี้",
        )
