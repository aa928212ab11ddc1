"""Importing a ผ.02 file: messy real layouts (title rows, merged cells, Thai
digits, "-", commas, strategy only on its first row, section rows, total
rows, continued text), every problem at once with row and column, and the
commit writing everything or nothing, into the plan or as an amendment."""

import datetime
from decimal import Decimal

import pytest

from prongsai.budget import (
    parsing_plan,
    selectors_plan,
    services_plan,
    services_plan_projects,
)
from prongsai.budget import services_plan_import as importer
from prongsai.budget.models import PlanAmendment, Programme, Project, Strategy
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent

from . import plan_samples as samples

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("thai")]
YEARS = list(samples.YEARS)


def parse(rows):
    return parsing_plan.parse_plan_rows(rows, plan_years=YEARS)


def problems(result):
    return [(p.row, p.column, p.message) for p in result.problems]


def project_row(**changes):
    values = dict(
        zip(
            (
                "strategy",
                "programme",
                "number",
                "name",
                "objective",
                "target",
                "amounts",
                "kpi",
                "result",
                "unit",
            ),
            samples.PROJECTS[2],
            strict=True,
        )
    )
    values["strategy"] = samples.S1
    values.update(changes)
    return tuple(values.values())


def rows_with(*projects):
    return samples.p02_rows(list(projects), continued=False)


# --- the parser ---------------------------------------------------------------------


def test_the_messy_sample_reads_cleanly():
    result = parse(samples.p02_rows())
    assert problems(result) == []
    assert result.years == YEARS
    first, second, third, fourth = result.rows
    assert first["row"] == 8
    assert first["name"] == "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1 (ช่วงบ้านนายสม)"
    assert first["target"] == "ถนน คสล. กว้าง 4 ม. ยาว 200 ม.\nหนา 0.15 ม."
    assert first["years"] == {
        "2566": "500000.00",
        "2568": "1200000.00",
        "2570": "300000.00",
    }
    assert (first["strategy_number"], first["strategy_name"]) == (
        1,
        "การพัฒนาด้านโครงสร้างพื้นฐาน",
    )
    assert first["programme"] == "แผนงานเคหะและชุมชน"
    assert second["number"] == 2  # "๒"
    assert second["years"] == {"2567": "350000.00", "2569": "450000.00"}
    assert second["programme"] == "แผนงานเคหะและชุมชน"  # merged down
    assert third["strategy_number"] == 1
    assert third["programme"] == "แผนงานอุตสาหกรรมและการโยธา"
    assert (fourth["strategy_number"], fourth["strategy_name"]) == (
        2,
        "การพัฒนาด้านคุณภาพชีวิต",
    )


@pytest.mark.parametrize("kind", ["xlsx", "csv", "csv-cp874", "xlsx-unmerged"])
def test_the_sample_reads_the_same_from_every_file_kind(plan, actor, kind):
    content = {
        "xlsx": lambda: samples.p02_xlsx(),
        "xlsx-unmerged": lambda: samples.p02_xlsx(merge=False),
        "csv": lambda: samples.p02_csv(),
        "csv-cp874": lambda: samples.p02_csv(encoding="cp874"),
    }[kind]()
    name = "p02.xlsx" if kind.startswith("xlsx") else "p02.csv"
    batch = importer.plan_import_preview(
        actor=actor, plan=plan, filename=name, content=content
    )
    assert batch.problems == []
    assert [r["number"] for r in batch.rows] == [1, 2, 3, 4]
    assert batch.rows[0]["years"]["2568"] == "1200000.00"


def test_section_rows_give_strategy_and_programme():
    rows = [
        ["แบบ ผ.02"],
        ["ที่", "โครงการ", "วัตถุประสงค์", "2566", "2567"],
        ["ก. ยุทธศาสตร์จังหวัดที่ 1 การพัฒนาเศรษฐกิจ"],
        ["ยุทธศาสตร์ที่ 3 การพัฒนาด้านการศึกษา"],
        ["3.1 แผนงานการศึกษา"],
        ["1", "โครงการอาหารกลางวัน", "เพื่อเด็ก", "100,000", "-"],
        ["2", "โครงการอาหารเสริมนม", "เพื่อเด็ก", "-", "50000"],
        ["", "รวม 2 โครงการ", "", "100,000", "50,000"],
        ["3.2 แผนงานสร้างความเข้มแข็งของชุมชน"],
        ["3", "โครงการกีฬาตำบล", "", "20000", "20000"],
    ]
    result = parsing_plan.parse_plan_rows(rows, plan_years=[2566, 2567])
    assert problems(result) == []
    assert [
        (r["strategy_number"], r["programme"], r["number"]) for r in result.rows
    ] == [
        (3, "แผนงานการศึกษา", 1),
        (3, "แผนงานการศึกษา", 2),
        (3, "แผนงานสร้างความเข้มแข็งของชุมชน", 3),
    ]
    assert result.rows[0]["strategy_name"] == "การพัฒนาด้านการศึกษา"


def test_every_problem_is_listed_at_once_with_row_and_column():
    rows = rows_with(
        project_row(amounts=("abc", -5, "12,000,000,000", "1,000", "-")),
        project_row(number="x", name=""),
        project_row(number="3", name="ซ้ำเลข"),
        project_row(strategy="1. ชื่ออื่นของยุทธศาสตร์ที่ 1", number="9"),
    )
    result = parse(rows)
    found = problems(result)
    assert (8, "G (2566)", "“abc” ไม่ใช่จำนวนเงินบาท") in found
    assert (8, "H (2567)", "จำนวนเงินติดลบไม่ได้") in found
    assert any(
        row == 8 and column == "I (2568)" and "10,000,000,000" in message
        for row, column, message in found
    )
    assert (9, "C (ที่)", "“x” ไม่ใช่ลำดับโครงการ") in found
    assert (9, "D (โครงการ)", "ไม่มีชื่อโครงการ") in found
    assert any(
        row == 10 and column == "C (ที่)" and "แถว 8" in message
        for row, column, message in found
    )
    assert any(
        row == 11 and column == "A (ยุทธศาสตร์)" and "ยุทธศาสตร์ที่ 1" in message
        for row, column, message in found
    )
    assert [p.row for p in result.problems] == sorted(p.row for p in result.problems)


def test_project_without_strategy_or_programme():
    rows = rows_with(project_row(strategy=None, programme=None))
    found = problems(parse(rows))
    assert any(column == "A (ยุทธศาสตร์)" for _row, column, _m in found)
    assert any(column == "B (แผนงาน)" for _row, column, _m in found)


def test_a_new_strategy_needs_its_own_programme():
    rows = rows_with(
        project_row(),
        project_row(strategy="2. ยุทธศาสตร์ใหม่", programme=None, number="4"),
    )
    found = problems(parse(rows))
    assert [(row, column) for row, column, _m in found] == [(9, "B (แผนงาน)")]


def test_year_outside_the_plan_is_reported_once_per_column():
    rows = rows_with(project_row(), project_row(number="4", name="b"))
    rows[6][-4] = "2571"  # the last year column becomes 2571
    result = parse(rows)
    found = problems(result)
    assert found == [(None, "K (2571)", found[0][2])]
    assert "2571 อยู่นอกแผน (2566–2570)" in found[0][2]


def test_an_empty_column_outside_the_plan_is_ignored():
    rows = rows_with(project_row(amounts=(1, 1, 1, 1, "-")))
    rows[6][-4] = "2571"
    assert problems(parse(rows)) == []


def test_no_header_and_no_year_columns():
    assert "ไม่พบแถวหัวตาราง" in problems(parse([["a", "b"], ["c", "d"]]))[0][2]
    rows = [["ที่", "โครงการ"], ["1", "x"]]
    assert "ไม่พบคอลัมน์งบประมาณ" in problems(parse(rows))[0][2]


def test_header_without_rows():
    rows = samples.p02_rows([])[:-1]
    assert "ไม่มีแถวโครงการ" in problems(parse(rows))[0][2]


def test_too_long_texts_are_reported():
    rows = rows_with(project_row(name="ก" * 501, unit="ข" * 201))
    columns = [column for _r, column, _m in problems(parse(rows))]
    assert columns == ["D (โครงการ)", "N (หน่วยงานรับผิดชอบหลัก)"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1,500,000", Decimal("1500000.00")),
        ("๑,๕๐๐,๐๐๐", Decimal("1500000.00")),
        ("500,000.-", Decimal("500000.00")),
        ("200000 บาท", Decimal("200000.00")),
        (35000.0, Decimal("35000.00")),
        (1234.567, Decimal("1234.57")),
        ("-", None),
        ("", None),
        (None, None),
        (0, None),
        ("ไม่มี", None),
        ("(500)", Decimal("-500.00")),
    ],
)
def test_amounts(value, expected):
    assert parsing_plan.parse_amount(value) == expected


@pytest.mark.parametrize("value", ["abc", "1.2.3", True, "NaN", "inf"])
def test_unreadable_amounts(value):
    with pytest.raises(ValueError):
        parsing_plan.parse_amount(value)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("งบประมาณ 2566 (บาท)", "year:2566"),
        ("๒๕๖๗", "year:2567"),
        ("2568\n(บาท)", "year:2568"),
        ("ปี 2569", "year:2569"),
        ("2023", None),
        ("แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)", None),
        ("ตัวชี้วัด\n(KPI)", "kpi"),
        ("ลำดับที่", "number"),
        ("หน่วยงานรับผิดชอบหลัก", "responsible_unit"),
    ],
)
def test_header_keys(header, key):
    assert parsing_plan.key_of(header) == key


def test_nul_characters_are_removed_from_cells():
    rows = rows_with(project_row(name="โครงการ\x00ถนน", objective="เพื่อ\x00"))
    row = parse(rows).rows[0]
    assert (row["name"], row["objective"]) == ("โครงการถนน", "เพื่อ")


# --- preview and commit -------------------------------------------------------------


def test_commit_writes_the_whole_plan(plan, actor):
    batch = importer.plan_import_preview(
        actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
    )
    assert importer.plan_import_commit(actor=actor, batch=batch) == 4
    tree = selectors_plan.plan_tree(plan=plan)
    assert [s["strategy"].number for s in tree["strategies"]] == [1, 2]
    assert [p["programme"].name for p in tree["strategies"][0]["programmes"]] == [
        "แผนงานเคหะและชุมชน",
        "แผนงานอุตสาหกรรมและการโยธา",
    ]
    assert tree["totals"] == [
        Decimal("650000.00"),
        Decimal("500000.00"),
        Decimal("1350000.00"),
        Decimal("600000.00"),
        Decimal("450000.00"),
    ]
    assert AuditEvent.objects.filter(action="development_project.create").count() == 4
    assert AuditEvent.objects.get(action="development_plan.import").changes["rows"] == 4
    batch.refresh_from_db()
    with pytest.raises(DomainError, match="การนำเข้านี้บันทึกไปแล้ว"):
        importer.plan_import_commit(actor=actor, batch=batch)


def test_a_file_with_problems_cannot_be_committed(plan, actor):
    rows = rows_with(project_row(amounts=(-1, 0, 0, 0, 0)))
    batch = importer.plan_import_preview(
        actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx(rows)
    )
    assert batch.problems
    with pytest.raises(DomainError):
        importer.plan_import_commit(actor=actor, batch=batch)
    assert not Project.objects.filter(organization=plan.organization).exists()


def test_all_or_nothing_when_a_row_fails_at_commit(plan, actor):
    batch = importer.plan_import_preview(
        actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
    )
    # Someone takes number 4 between the preview and the commit.
    strategy = services_plan.strategy_create(actor=actor, plan=plan, number=9, name="x")
    programme = services_plan.programme_create(actor=actor, strategy=strategy, name="y")
    services_plan_projects.project_create(
        actor=actor, plan=plan, programme=programme, name="z", number=4, amounts={}
    )
    with pytest.raises(DomainError, match="แถว 12"):
        importer.plan_import_commit(actor=actor, batch=batch)
    assert Project.objects.filter(organization=plan.organization).count() == 1
    assert Strategy.objects.filter(organization=plan.organization).count() == 1
    assert Programme.objects.filter(organization=plan.organization).count() == 1


def test_numbers_already_in_the_plan_are_reported(plan, actor):
    importer.plan_import_commit(
        actor=actor,
        batch=importer.plan_import_preview(
            actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
        ),
    )
    again = importer.plan_import_preview(
        actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
    )
    assert len(again.problems) == 4
    assert "มีโครงการลำดับที่ 1 อยู่แล้ว" in again.problems[0]["message"]


def test_rows_without_numbers_continue_the_plans_numbering(plan, actor):
    rows = rows_with(project_row(number=None), project_row(number=None, name="b"))
    batch = importer.plan_import_preview(
        actor=actor, plan=plan, filename="p.xlsx", content=samples.p02_xlsx(rows)
    )
    assert [r["number"] for r in batch.rows] == [1, 2]


def test_import_as_an_addition_creates_it_and_renumbers(plan, actor):
    importer.plan_import_commit(
        actor=actor,
        batch=importer.plan_import_preview(
            actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
        ),
    )
    addition = rows_with(project_row(number="1", name="โครงการเพิ่มเติม"))
    batch = importer.plan_import_preview(
        actor=actor,
        plan=plan,
        filename="add.xlsx",
        content=samples.p02_xlsx(addition),
        amendment_kind=PlanAmendment.Kind.ADDITION,
        amendment_approved_on=datetime.date(2023, 6, 1),
        amendment_title="แผนพัฒนาเพิ่มเติม ครั้งที่ 1",
    )
    assert batch.problems == []
    assert batch.rows[0]["number"] == 5
    importer.plan_import_commit(actor=actor, batch=batch)
    amendment = PlanAmendment.objects.get(organization=plan.organization)
    assert (amendment.kind, amendment.number) == ("addition", 1)
    added = Project.objects.get(organization=plan.organization, number=5)
    assert added.amendment == amendment


def test_import_as_a_change_updates_projects_by_name(plan, actor):
    importer.plan_import_commit(
        actor=actor,
        batch=importer.plan_import_preview(
            actor=actor, plan=plan, filename="p02.xlsx", content=samples.p02_xlsx()
        ),
    )
    change = rows_with(
        project_row(amounts=(100000, 999999, "-", "-", "-")),
        project_row(name="ไม่มีในแผน"),
    )
    batch = importer.plan_import_preview(
        actor=actor,
        plan=plan,
        filename="change.xlsx",
        content=samples.p02_xlsx(change),
        amendment_kind=PlanAmendment.Kind.CHANGE,
        amendment_approved_on=datetime.date(2024, 6, 1),
    )
    assert {p["row"] for p in batch.problems} == {9}
    assert any("ไม่มีโครงการชื่อ “ไม่มีในแผน”" in p["message"] for p in batch.problems)
    batch = importer.plan_import_preview(
        actor=actor,
        plan=plan,
        filename="change.xlsx",
        content=samples.p02_xlsx(change[:-2] + change[-1:]),
        amendment_kind=PlanAmendment.Kind.CHANGE,
        amendment_approved_on=datetime.date(2024, 6, 1),
    )
    assert batch.problems == []
    importer.plan_import_commit(actor=actor, batch=batch)
    project = Project.objects.get(organization=plan.organization, number=3)
    assert project.amendment.kind == "change"
    event = AuditEvent.objects.get(action="development_project.update")
    assert event.changes["planned_amounts"]["old"]["2568"] == "100000.00"
    assert event.changes["planned_amounts"]["new"] == {
        "2566": "100000.00",
        "2567": "999999.00",
    }


def test_amendment_options_are_checked_before_reading(plan, actor):
    with pytest.raises(DomainError) as error:
        importer.plan_import_preview(
            actor=actor,
            plan=plan,
            filename="p.xlsx",
            content=samples.p02_xlsx(),
            amendment_kind=PlanAmendment.Kind.ADDITION,
        )
    assert error.value.field == "approved_on"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("p.pdf", b"%PDF", ".xlsx หรือ .csv"),
        ("p.xlsx", b"not a zip", "XLSX"),
        ("p.csv", b"\xff\xfe\x00", ""),
    ],
)
def test_unreadable_files_are_refused_with_a_message(
    plan, actor, filename, content, message
):
    try:
        batch = importer.plan_import_preview(
            actor=actor, plan=plan, filename=filename, content=content
        )
    except DomainError as error:
        assert error.field == "file"
        assert message in error.message
    else:
        assert batch.problems  # read, but no header


@pytest.mark.parametrize("value", ["9" * 30, 10**40, "1e40"])
def test_huge_amounts_are_read_and_refused_with_a_message(value):
    amount = parsing_plan.parse_amount(value)
    assert parsing_plan.amount_checks(amount)  # "… baht or more; check the figure"
