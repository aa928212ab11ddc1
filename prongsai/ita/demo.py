"""Demo ITA results: three years per demo organisation, with weaknesses to analyse.

Ban Dong also gets its FY2568 OIT item results (so the what-if ranking has
something to rank), a peer group of Khon Kaen organisations from a shipped
CSV file, a draft analysis report for FY2568 and a published one for FY2567.
"""

import datetime
from pathlib import Path

from prongsai.ita.models import AnalysisReport, ItaResult, PeerDataset
from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
    recommendation_rules_load,
)
from prongsai.ita.services_analysis import analysis_report_publish, analysis_report_save
from prongsai.ita.services_peers import peer_dataset_import
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role

PEER_FILE = (
    Path(__file__).resolve().parent / "data" / "demo" / "peers-khonkaen-2568.csv"
)
# Ban Dong FY2568: the OIT items it missed; indicators 9 and 10 below are the
# values these item results give through the year's sub-indicators.
MISSING_ITEMS_2568 = {"O9", "O10", "O13", "O15", "O19", "O22", "O24", "O26"}

# Indicators 1-10 per fiscal year. Ban Dong improves but stays weak in OIT
# (9, 10) and in use of property (4); Nong Bua is strong but slips on
# communication (7) in 2568.
RESULTS = {
    "bandong": {
        2566: [
            "88.12",
            "80.45",
            "86.30",
            "78.90",
            "84.10",
            "87.55",
            "82.40",
            "83.15",
            "62.50",
            "56.25",
        ],
        2567: [
            "90.05",
            "83.70",
            "88.25",
            "81.35",
            "86.60",
            "89.10",
            "84.75",
            "85.90",
            "70.83",
            "62.50",
        ],
        2568: [
            "92.40",
            "86.15",
            "90.80",
            "82.05",
            "88.95",
            "91.30",
            "86.20",
            "88.05",
            "72.62",
            "75.00",
        ],
    },
    "nongbua": {
        2566: [
            "95.30",
            "93.85",
            "96.10",
            "94.20",
            "95.75",
            "94.80",
            "92.35",
            "93.40",
            "91.67",
            "87.50",
        ],
        2567: [
            "96.15",
            "94.60",
            "96.85",
            "95.05",
            "96.40",
            "95.25",
            "93.10",
            "94.35",
            "95.83",
            "93.75",
        ],
        2568: [
            "96.80",
            "95.45",
            "97.20",
            "95.90",
            "96.95",
            "95.70",
            "84.60",
            "94.90",
            "97.62",
            "100.00",
        ],
    },
}


def _items_2568() -> dict[str, int]:
    return {f"O{n}": 0 if f"O{n}" in MISSING_ITEMS_2568 else 100 for n in range(1, 28)}


def load_ita_demo(organizations) -> None:
    framework_load_files()
    recommendation_rules_load()
    for organization in organizations:
        for fiscal_year, values in RESULTS.get(organization.slug, {}).items():
            if ItaResult.objects.filter(
                organization=organization, fiscal_year=fiscal_year
            ).exists():
                continue
            ita_result_record(
                actor=None,
                organization=organization,
                fiscal_year=fiscal_year,
                indicators=dict(zip(range(1, 11), values, strict=True)),
                item_results=_items_2568()
                if organization.slug == "bandong" and fiscal_year == 2568
                else None,
                notes="ข้อมูลตัวอย่างสำหรับสาธิตระบบ",
            )
        if organization.slug == "bandong":
            _load_bandong_extras(organization)


def _load_bandong_extras(organization) -> None:
    if not PeerDataset.objects.filter(organization=organization).exists():
        peer_dataset_import(
            actor=None,
            organization=organization,
            name="อปท. จังหวัดขอนแก่น (ข้อมูลตัวอย่าง)",
            scope=PeerDataset.Scope.PROVINCE,
            fiscal_year=2568,
            content=PEER_FILE.read_bytes(),
            filename=PEER_FILE.name,
            source="ข้อมูลตัวอย่างสำหรับสาธิตระบบ (ไม่ใช่ผลที่ประกาศจริง)",
            source_date=datetime.date(2025, 12, 1),
        )
    if AnalysisReport.objects.filter(organization=organization).exists():
        return
    people = {
        "prepared_by_name": "นางสาวศิริพร ใจซื่อ",
        "prepared_by_position": "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "approver_name": "นายสมศักดิ์ รักษ์ถิ่น",
        "approver_position": "นายกองค์การบริหารส่วนตำบลบ้านดง",
    }
    measures = [
        {
            "title": "ปรับปรุงเว็บไซต์ให้ครบตามเกณฑ์ OIT และแต่งตั้งผู้ดูแลข้อมูล",
            "responsible_unit": "สำนักปลัด",
            "steps": "ออกคำสั่งแต่งตั้งผู้ดูแลข้อมูล\nตรวจรายการข้อมูล OIT ทีละข้อ",
            "timeline": "ต.ค.–ธ.ค. 2567",
        },
        {
            "title": "จัดทำแนวปฏิบัติการยืมใช้ทรัพย์สินของราชการและทะเบียนการยืม",
            "responsible_unit": "กองคลัง (งานพัสดุ)",
            "steps": "ออกประกาศแนวปฏิบัติ\nจัดทำทะเบียนการยืม-คืน",
            "timeline": "ม.ค.–มี.ค. 2568",
        },
    ]
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2567,
        summary="ผลคะแนนเพิ่มขึ้นจากปีก่อน แต่ยังต้องเร่งปรับปรุงการเปิดเผยข้อมูล",
        measures=measures,
        **people,
    )
    from prongsai.ita.report import report_publication_files

    coordinator = next(
        iter(
            membership_list_with_role(
                organization=organization, role=Role.ITA_COORDINATOR
            )
        ),
        None,
    )
    snapshot, pdf = report_publication_files(report)
    analysis_report_publish(
        actor=coordinator.user if coordinator else None,
        report=report,
        snapshot=snapshot,
        pdf=pdf,
    )
    # The FY2568 result arrives at the end of FY2568: its measures run in FY2569.
    analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="ร่างรายงาน: รอผู้รับผิดชอบ ITA ทบทวนมาตรการ",
        measures=[
            {**measures[0], "timeline": "ต.ค.–ธ.ค. 2568"},
            {**measures[1], "timeline": "ม.ค.–มี.ค. 2569"},
        ],
        **people,
    )


# Found by prongsai.organizations.demo (every app's demo.py declares its loader).
DEMO_LOADER = load_ita_demo
