"""OIT evidence generated from the public site's own pages.

Declared in ``PROVIDERS``, which ``prongsai.oit.registry`` discovers;
providers serve OIT items by their framework ``key``.
The URLs are the portal's public pages.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai_dates import fiscal_year_bounds
from prongsai.oit.registry import (
    EvidenceResult,
    Provider,
    RequirementCheck,
)

from . import selectors
from .models import Page


def _url(name: str, organization) -> str:
    return reverse(name, kwargs={"org": organization.slug})


def structure_evidence(organization, fiscal_year: int) -> EvidenceResult:
    page = selectors.page_get(organization=organization, key=Page.Key.STRUCTURE)
    has_chart = bool(page and page.image)
    has_duties = bool(page and len(page.body.strip()) >= 20)
    return EvidenceResult(
        url=_url("portal-public:structure", organization),
        title=str(_("Structure and duties")),
        last_updated=page.updated_at if page else None,
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=has_chart,
                message_th=(
                    "มีแผนผังโครงสร้างบนหน้าโครงสร้างแล้ว"
                    if has_chart
                    else "ยังไม่มีแผนผังโครงสร้าง: อัปโหลดรูปแผนผังในหน้าโครงสร้างและเผยแพร่"
                ),
            ),
            RequirementCheck(
                requirement_index=1,
                passed=has_duties,
                message_th=(
                    "มีสรุปหน้าที่และอำนาจแล้ว"
                    if has_duties
                    else "ยังไม่มีสรุปหน้าที่และอำนาจในหน้าโครงสร้าง"
                ),
            ),
        ),
    )


def executives_evidence(organization, fiscal_year: int) -> EvidenceResult:
    executives = list(selectors.executive_list(organization=organization))
    incomplete = [e.full_name for e in executives if not e.is_complete]
    passed = bool(executives) and not incomplete
    if not executives:
        message = "ยังไม่มีข้อมูลผู้บริหารที่เผยแพร่"
    elif incomplete:
        message = "ข้อมูลผู้บริหารยังไม่ครบ (ต้องมีชื่อ ตำแหน่ง รูปถ่าย และช่องทางติดต่อ): " + ", ".join(
            incomplete
        )
    else:
        count = len(executives)
        message = f"ผู้บริหาร {count} คน มีชื่อ ตำแหน่ง รูปถ่าย และช่องทางติดต่อครบ"
    return EvidenceResult(
        url=_url("portal-public:executives", organization),
        title=str(_("Executives")),
        last_updated=selectors.last_updated(
            selectors.executive_list(organization=organization)
        ),
        checks=(
            RequirementCheck(requirement_index=0, passed=passed, message_th=message),
        ),
    )


def contacts_evidence(organization, fiscal_year: int) -> EvidenceResult:
    page = selectors.page_get(organization=organization, key=Page.Key.CONTACTS)
    missing = [
        label
        for label, value in (
            ("ที่อยู่", organization.address),
            ("หมายเลขโทรศัพท์", organization.phone),
            ("อีเมล", organization.email),
            ("แผนที่ตั้ง", page.link if page else ""),
        )
        if not value
    ]
    checks = [
        RequirementCheck(
            requirement_index=0,
            passed=not missing,
            message_th=(
                "มีที่อยู่ โทรศัพท์ อีเมล และแผนที่ตั้งครบ"
                if not missing
                else "ยังขาด: " + " ".join(missing)
            ),
        ),
        RequirementCheck(
            requirement_index=1,
            passed=True,
            message_th="มีช่องทางถาม-ตอบสาธารณะบนหน้าติดต่อ (ตอบคำถามโดยผู้ดูแลข้อมูล)",
        ),
    ]
    return EvidenceResult(
        url=_url("portal-public:contacts", organization),
        title=str(_("Contacts")),
        last_updated=organization.updated_at,
        checks=tuple(checks),
    )


def news_evidence(organization, fiscal_year: int) -> EvidenceResult:
    start, end = fiscal_year_bounds(fiscal_year)
    count = selectors.news_in_period(
        organization=organization, start=start, end=end
    ).count()
    return EvidenceResult(
        url=_url("portal-public:news", organization),
        title=str(_("News and announcements")),
        last_updated=selectors.last_updated(
            selectors.news_list(organization=organization)
        ),
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=count > 0,
                message_th=(
                    f"มีข่าวประชาสัมพันธ์ในปีงบประมาณ พ.ศ. {fiscal_year} จำนวน {count} เรื่อง"
                    if count
                    else f"ยังไม่มีข่าวประชาสัมพันธ์ที่เผยแพร่ในปีงบประมาณ พ.ศ. {fiscal_year}"
                ),
            ),
        ),
    )


def laws_evidence(organization, fiscal_year: int) -> EvidenceResult:
    count = selectors.law_list(organization=organization).count()
    return EvidenceResult(
        url=_url("portal-public:laws", organization),
        title=str(_("Laws and regulations")),
        last_updated=selectors.last_updated(
            selectors.law_list(organization=organization)
        ),
        checks=(
            RequirementCheck(
                requirement_index=0,
                passed=count > 0,
                message_th=(
                    f"มีกฎหมายที่เกี่ยวข้อง {count} รายการ"
                    if count
                    else "ยังไม่มีกฎหมายที่เกี่ยวข้องที่เผยแพร่"
                ),
            ),
        ),
    )


PROVIDERS = (
    Provider(
        key="site.structure",
        label=_("Structure and duties page"),
        item_keys=(
            "organization.structure",
            "organization.powers",
        ),
        evidence=structure_evidence,
    ),
    Provider(
        key="site.executives",
        label=_("Executives page"),
        item_keys=("organization.executives",),
        evidence=executives_evidence,
    ),
    Provider(
        key="site.contacts",
        label=_("Contacts page with the inquiry channel"),
        item_keys=(
            "organization.contacts",
            "organization.qa",
        ),
        evidence=contacts_evidence,
    ),
    Provider(
        key="site.news",
        label=_("News page"),
        item_keys=("organization.news",),
        evidence=news_evidence,
    ),
    Provider(
        key="site.laws",
        label=_("Laws and regulations page"),
        item_keys=("organization.laws",),
        evidence=laws_evidence,
    ),
)
