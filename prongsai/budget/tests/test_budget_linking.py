"""The pure matching of procurement to budget lines and of lines to plan
projects."""

from prongsai.budget import linking
from prongsai.budget.linking import LineFacts, ProcurementFacts, ProjectFacts

YEAR = 2569


def facts(id, item, **kwargs):
    defaults = {
        "fiscal_year": YEAR,
        "programme": "แผนงานเคหะและชุมชน",
        "work": "งานก่อสร้างโครงสร้างพื้นฐาน",
        "category": "investment",
        "expense_class": "ค่าที่ดินและสิ่งก่อสร้าง",
        "expense_type": "ค่าก่อสร้างสิ่งสาธารณูปโภค",
    }
    return LineFacts(id=id, item=item, **{**defaults, **kwargs})


def procurement(title, **kwargs):
    return ProcurementFacts(
        fiscal_year=kwargs.pop("fiscal_year", YEAR),
        title=title,
        budget_category=kwargs.pop("budget_category", "investment"),
        **kwargs,
    )


LINES = [
    facts(1, "โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง"),
    facts(2, "โครงการก่อสร้างถนน คสล. หมู่ที่ 9 บ้านหนองแวง"),
    facts(3, "โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 5"),
    facts(4, "ค่าวัสดุสำนักงาน", category="operating", expense_type="ค่าวัสดุ"),
]


def test_normalise_spells_out_abbreviations_and_thai_digits():
    assert linking.normalise("ก่อสร้างถนน ค.ส.ล. ม.๓") == linking.normalise(
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"
    )
    assert linking.normalise("") == ""


def test_similarity_bounds():
    assert linking.similarity("ถนน", "ถนน") == 1.0
    assert linking.similarity("", "ถนน") == 0.0
    assert 0 < linking.similarity("ถนนลูกรัง", "รางระบายน้ำ") < 0.6


def test_the_named_budget_line_wins():
    found = linking.suggest_lines(
        procurement(
            "จ้างเหมาก่อสร้าง",
            budget_line="โครงการก่อสร้างถนน ค.ส.ล. ม.3 บ้านโนนสูง",
            budget_plan="แผนงานเคหะและชุมชน",
        ),
        LINES,
    )
    assert [s.line_id for s in found] == [1]
    assert "procurement" in found[0].reason or found[0].reason


def test_title_alike_the_item_and_village_number_decides():
    found = linking.suggest_lines(
        procurement("จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 9 บ้านหนองแวง"), LINES
    )
    assert found[0].line_id == 2
    assert 1 not in [s.line_id for s in found]


def test_title_alike_the_project_name():
    lines = [
        facts(10, "ค่าก่อสร้างสิ่งสาธารณูปโภค", project_name="โครงการขุดลอกหนองสาธารณะ หมู่ที่ 4"),
        facts(11, "ค่าก่อสร้างสิ่งสาธารณูปโภค", project_name="โครงการก่อสร้างฝายน้ำล้น หมู่ที่ 2"),
    ]
    found = linking.suggest_lines(procurement("จ้างขุดลอกหนองสาธารณะ หมู่ที่ 4"), lines)
    assert [s.line_id for s in found] == [10]


def test_other_year_or_category_never_matches():
    assert (
        linking.suggest_lines(
            procurement("โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง", fiscal_year=2568), LINES
        )
        == []
    )
    assert (
        linking.suggest_lines(
            procurement(
                "โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง", budget_category="operating"
            ),
            LINES,
        )
        == []
    )


def test_cancelled_project_and_rejected_lines_are_left_out():
    cancelled = [facts(1, "โครงการก่อสร้างถนน คสล. หมู่ที่ 3", project_cancelled=True)]
    assert linking.suggest_lines(procurement("ก่อสร้างถนน คสล. หมู่ที่ 3"), cancelled) == []
    assert (
        linking.suggest_lines(
            procurement("โครงการก่อสร้างถนน คสล. หมู่ที่ 3 บ้านโนนสูง"), LINES, rejected={1}
        )
        == []
    )


def test_unrelated_title_gets_nothing():
    assert linking.suggest_lines(procurement("จัดซื้อรถบรรทุกขยะ"), LINES) == []


def test_same_programme_alone_is_not_enough():
    assert (
        linking.suggest_lines(
            procurement("จ้างเหมาบริการ", budget_plan="แผนงานเคหะและชุมชน"), LINES
        )
        == []
    )


def test_ties_are_all_suggested_at_most_three():
    lines = [facts(n, "จัดซื้อเครื่องคอมพิวเตอร์") for n in range(1, 6)]
    found = linking.suggest_lines(procurement("จัดซื้อเครื่องคอมพิวเตอร์"), lines)
    assert [s.line_id for s in found] == [1, 2, 3]


def test_project_suggestions():
    projects = [
        ProjectFacts(1, 12, "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"),
        ProjectFacts(2, 13, "โครงการจัดซื้อรถบรรทุกน้ำ"),
    ]
    found = linking.suggest_projects("ก่อสร้างถนน คสล. ม.3", projects)
    assert [p.id for p, _score in found] == [1]
    assert linking.suggest_projects("ค่าตอบแทนผู้ปฏิบัติราชการ", projects) == []
