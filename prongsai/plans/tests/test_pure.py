"""Reminder rules, KPI parsing and SVG charts (no database)."""

import datetime
from decimal import Decimal

import pytest

from prongsai.plans import reminders
from prongsai.plans.charts import GanttRow, gantt_svg

DAY = datetime.date


@pytest.mark.parametrize(
    ("today", "last", "kinds"),
    [
        (DAY(2026, 3, 20), DAY(2026, 3, 10), []),
        (DAY(2026, 3, 24), DAY(2026, 3, 10), ["due_soon"]),
        (DAY(2026, 3, 31), DAY(2026, 3, 10), ["due_soon"]),
        (DAY(2026, 4, 1), DAY(2026, 3, 10), ["overdue"]),
        (DAY(2026, 2, 1), DAY(2025, 12, 31), ["no_update"]),
        (DAY(2025, 11, 1), None, ["no_update"]),
    ],
)
def test_reminders_due(today, last, kinds):
    due = reminders.reminders_due(
        start_date=DAY(2025, 10, 1),
        due_date=DAY(2026, 3, 31),
        last_update_on=last,
        today=today,
        days_before=7,
        stale_after_days=30,
    )
    assert [r.kind for r in due] == kinds


def test_gantt_has_a_bar_per_row_and_escapes_labels():
    svg = gantt_svg(
        [
            GanttRow("มาตรการ <1>", DAY(2025, 10, 1), DAY(2026, 3, 31), 50, "on_track"),
            GanttRow("กิจกรรม", DAY(2025, 11, 1), DAY(2025, 11, 30), 0, "at_risk", 1),
        ],
        start=DAY(2025, 10, 1),
        end=DAY(2026, 9, 30),
        today=DAY(2026, 1, 15),
        title="แผน",
    )
    assert svg.startswith("<svg")
    assert "มาตรการ &lt;1&gt;" in svg
    assert "ต.ค. 68" in svg and "ก.ย. 69" in svg
    assert svg.count("stroke-dasharray") == 1  # today


@pytest.mark.parametrize(
    ("text", "target", "unit", "baseline"),
    [
        ("คะแนน OIT ไม่ต่ำกว่า 95 คะแนน", Decimal(95), "คะแนน", Decimal("72.47")),
        ("ความพึงพอใจไม่ต่ำกว่าร้อยละ ๘๕", Decimal(85), "%", Decimal(0)),
        ("การยืมทุกครั้งมีบันทึก", Decimal(100), "%", Decimal(0)),
        # The sentences of prongsai/ita/data/recommendations.yaml.
        ("คะแนนตัวชี้วัดที่ 9 ไม่ต่ำกว่า 95 คะแนน", Decimal(95), "คะแนน", Decimal("72.47")),
        ("คะแนนตัวชี้วัดที่ 4 ไม่น้อยกว่า 85", Decimal(85), "คะแนน", Decimal("72.47")),
        ("ข้อ OIT นี้ได้ 100 คะแนนในปีถัดไป", Decimal(100), "คะแนน", Decimal("72.47")),
        ("งานบริการแล้วเสร็จภายในเวลาร้อยละ 90", Decimal(90), "%", Decimal(0)),
        (
            "การยืมทรัพย์สินทุกครั้งมีบันทึกในทะเบียนร้อยละ 100",
            Decimal(100),
            "%",
            Decimal(0),
        ),
        (
            "เผยแพร่ข่าวสารอย่างน้อย 3 ช่องทาง และตอบคำถามภายใน 3 วันทำการ",
            Decimal(3),
            "ช่องทาง",
            Decimal(0),
        ),
        ("งานบริการอย่างน้อย 3 งานให้บริการผ่าน E-Service", Decimal(3), "งาน", Decimal(0)),
        (
            "เผยแพร่แผนและรายงานการใช้จ่ายงบประมาณครบทุกไตรมาส",
            Decimal(100),
            "%",
            Decimal(0),
        ),
        ("หลักเกณฑ์การบริหารงานบุคคลเผยแพร่ครบถ้วน", Decimal(100), "%", Decimal(0)),
        ("ผู้เข้าร่วมอบรมมีความรู้เพิ่มขึ้น 80%", Decimal(80), "%", Decimal(0)),
        ("คะแนน IIT สูงขึ้น", Decimal(85), "คะแนน", Decimal("72.47")),
    ],
)
def test_kpi_from_text(text, target, unit, baseline):
    from django.utils import translation

    from prongsai.plans.services_drafting import kpi_from_text

    with translation.override("th"):
        values = kpi_from_text(text, score=Decimal("72.47"), threshold=Decimal(85))
    assert values["kpi_target"] == target
    assert values["kpi_unit"] == unit
    assert values["kpi_baseline"] == baseline


@pytest.mark.parametrize(
    "text",
    [
        # Periods, references and counts are not targets.
        "มีช่องทางแจ้งเบาะแสที่ปกปิดตัวตนและรายงานผลการดำเนินการทุกรอบ 6 เดือน",
        "รายงานผลทุกรอบ 6 เดือน",
        "ตอบข้อร้องเรียนภายใน 15 วัน",
        "จัดอบรมเจ้าหน้าที่ปีละ 2 ครั้ง",
        "ปรับปรุงข้อมูลตามข้อ O12 ของปี 2569",
        "เจ้าหน้าที่เข้าใจแนวทางการปฏิบัติงาน",
    ],
)
def test_kpi_from_text_leaves_an_unclear_target_to_the_officer(text):
    from prongsai.plans.services_drafting import kpi_from_text

    values = kpi_from_text(text, score=Decimal("72.47"), threshold=Decimal(85))
    assert values["kpi_target"] is None
    assert values["kpi_name"] == text


def test_kpi_from_text_at_most():
    from prongsai.plans.services_drafting import kpi_from_text

    values = kpi_from_text("ระยะเวลาตอบคำถามไม่เกิน 3 วันทำการ")
    assert values["kpi_target"] == Decimal(3)
    assert values["kpi_unit"] == "วันทำการ"
    assert values["kpi_direction"] == "at_most"
    assert "kpi_direction" not in kpi_from_text("เรื่องร้องเรียนลดลงร้อยละ 10")
