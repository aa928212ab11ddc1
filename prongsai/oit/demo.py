"""Demo OIT checklist: Ban Dong's FY2569 checklist, partly done."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from prongsai.accounts.models import User

from .models import Checklist, Evidence
from .services import (
    checklist_item_update,
    checklist_open,
    data_officer_appoint,
    evidence_add,
)

YEAR = 2569
PDF = b"%PDF-1.4\n% demo evidence\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSV = (
    "\ufeffลำดับ,รายการ,วงเงินงบประมาณ,วิธีการ,ผู้ได้รับคัดเลือก\r\n"
    "1,จัดซื้อวัสดุสำนักงาน,25000,เฉพาะเจาะจง,หจก.บ้านดงพาณิชย์\r\n"
).encode()

UPLOADS = {
    "O5": ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)", "pdf", None, "", True),
    "O6": ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2569", "pdf", 2569, "full", True),
    "O11": ("สรุปผลการจัดซื้อจัดจ้าง ต.ค. 2568 – มี.ค. 2569", "csv", 2569, "h1", False),
    "O23": (
        "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569",
        "pdf",
        2569,
        "full",
        True,
    ),
    "O8": ("คู่มือการปฏิบัติงานของเจ้าหน้าที่", "pdf", None, "", False),
}


def load_oit_demo(organizations) -> None:
    for organization in organizations:
        if organization.slug != "bandong":
            continue
        if Checklist.objects.filter(organization=organization).exists():
            continue
        officer = User.objects.filter(email="data@bandong.example").first()
        admin = User.objects.filter(email="admin@bandong.example").first()
        if officer is not None:
            data_officer_appoint(
                actor=admin,
                organization=organization,
                officer=officer,
                appointed_on=datetime.date(2025, 10, 1),
                order_reference="คำสั่ง อบต.บ้านดง ที่ 245/2568",
            )
        checklist = checklist_open(
            actor=officer, organization=organization, fiscal_year=YEAR
        )
        items = {item.code: item for item in checklist.items.all()}
        for code, (title, ext, year, period, approved) in UPLOADS.items():
            item = items.get(code)
            if item is None:
                continue
            content = CSV if ext == "csv" else PDF
            evidence_add(
                actor=officer,
                item=item,
                kind=Evidence.Kind.UPLOAD,
                title=title,
                file=ContentFile(content, name=f"{code.lower()}-{YEAR}.{ext}"),
                covers_fiscal_year=year,
                period=period,
                approved_by_name="นายสมศักดิ์ รักษ์ถิ่น" if approved else "",
                approved_on=datetime.date(2025, 10, 15) if approved else None,
            )
        if "O17" in items:
            evidence_add(
                actor=officer,
                item=items["O17"],
                kind=Evidence.Kind.LINK,
                title="ช่องทางแจ้งเรื่องร้องเรียนการทุจริต (ศูนย์ดำรงธรรม)",
                url="https://www.damrongdhama.moi.go.th/",
            )
        for code in ("O10", "O21"):
            if code in items:
                checklist_item_update(
                    actor=officer,
                    item=items[code],
                    due_date=datetime.date(2026, 3, 31),
                )
        # No status to set: each item is ready as soon as its checks pass
        # (services.readiness_recompute, run by the services above).


# The checklist gathers evidence from every other app's demo records: last.
load_oit_demo.demo_order = 100


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_oit_demo
