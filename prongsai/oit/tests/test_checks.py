"""Requirement checks of one item, in Thai, from plain data."""

from prongsai.oit.checks import EvidenceFacts, ItemSpec, item_checks, missing
from prongsai.oit.registry import EvidenceResult, RequirementCheck

PLAN = ItemSpec(
    code="O23",
    title_th="แผนปฏิบัติการป้องกันการทุจริต",
    requirements_th=("แผนปฏิบัติการที่ครอบคลุมปีงบประมาณ พ.ศ. 2569",),
    period="fiscal-year-current",
    data_year=2569,
)
MONTHLY = ItemSpec(
    code="O11",
    title_th="สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน",
    requirements_th=("สรุปผลรายเดือน", "เผยแพร่เป็น PDF และ Excel"),
    period="half-year-current",
    data_year=2569,
    machine_readable=True,
)


def test_nothing_yet_lists_every_requirement_as_missing():
    checks = item_checks(MONTHLY, [])
    assert missing(checks)[:2] == ["ข้อ 1: ยังไม่มีหลักฐาน", "ข้อ 2: ยังไม่มีหลักฐาน"]
    assert any("ไฟล์ที่ประมวลผลได้" in m for m in missing(checks))
    assert any("หกเดือนแรก" in m for m in missing(checks))


def test_wrong_fiscal_year_is_reported():
    evidence = EvidenceFacts(title="แผน 2568", covers_fiscal_year=2568, approved=True)
    assert missing(item_checks(PLAN, [evidence])) == [
        "ปีงบประมาณไม่ตรง: ต้องมีหลักฐานของปีงบประมาณ พ.ศ. 2569"
    ]


def test_plan_needs_approval_recorded():
    evidence = EvidenceFacts(title="แผน 2569", covers_fiscal_year=2569)
    assert missing(item_checks(PLAN, [evidence])) == [
        "ยังไม่ได้บันทึกการอนุมัติ/ลงนามของผู้บริหาร (ชื่อผู้อนุมัติและวันที่)"
    ]
    approved = EvidenceFacts(title="แผน 2569", covers_fiscal_year=2569, approved=True)
    assert missing(item_checks(PLAN, [approved])) == []


def test_monthly_summary_needs_first_half_and_a_spreadsheet():
    pdf = EvidenceFacts(title="สขร. PDF", covers_fiscal_year=2569, period="h2")
    checks = item_checks(MONTHLY, [pdf])
    assert "ช่วงเวลายังไม่ครบ: ต้องครอบคลุมหกเดือนแรก (ตุลาคม–มีนาคม)" in missing(checks)
    assert "ยังไม่มีไฟล์ที่ประมวลผลได้ (เช่น Excel หรือ CSV) ตามที่กำหนด" in missing(checks)
    xlsx = EvidenceFacts(
        title="สขร. Excel", covers_fiscal_year=2569, period="h1", machine_readable=True
    )
    assert missing(item_checks(MONTHLY, [pdf, xlsx])) == []


def test_none_stated_explicitly_counts_and_is_shown():
    none = EvidenceFacts(
        title="ประกาศไม่มีการจัดซื้อ",
        covers_fiscal_year=2569,
        period="h1",
        states_none=True,
        machine_readable=True,
    )
    checks = item_checks(MONTHLY, [none])
    assert missing(checks) == []
    assert any("ไม่มี" in c.message_th and c.text == "none" for c in checks)


def test_evidence_for_some_requirements_only():
    part = EvidenceFacts(
        title="สรุป",
        covers_fiscal_year=2569,
        period="h1",
        machine_readable=True,
        requirement_indexes=(1,),
    )
    assert missing(item_checks(MONTHLY, [part])) == ["ข้อ 2: ยังไม่มีหลักฐาน"]


def test_generated_evidence_decides_its_requirements():
    spec = ItemSpec(code="O2", title_th="ข้อมูลผู้บริหาร", requirements_th=("ผู้บริหาร",))
    failing = EvidenceResult(
        url="/x/executives/",
        title="ผู้บริหาร",
        checks=(
            RequirementCheck(passed=False, message_th="ไม่มีรูป", requirement_index=0),
        ),
    )
    assert missing(item_checks(spec, [], failing)) == ["ข้อ 1: ไม่มีรูป"]
    passing = EvidenceResult(
        url="/x/executives/",
        title="ผู้บริหาร",
        checks=(RequirementCheck(passed=True, message_th="ครบ", requirement_index=0),),
    )
    assert missing(item_checks(spec, [], passing)) == []


def test_reminders_list_items_due_soon_or_overdue():
    import datetime
    from types import SimpleNamespace

    from prongsai.oit.selectors import reminder_list

    def state(code, due, done=False):
        item = SimpleNamespace(code=code, due_date=due, counts_as_done=done)
        return SimpleNamespace(item=item)

    today = datetime.date(2026, 3, 1)
    states = [
        state("O1", datetime.date(2026, 2, 1)),
        state("O2", datetime.date(2026, 3, 10)),
        state("O3", datetime.date(2026, 6, 1)),
        state("O4", datetime.date(2026, 2, 1), done=True),
        state("O5", None),
    ]
    assert [s.item.code for s in reminder_list(states, today=today)] == ["O1", "O2"]
