"""Importing budget lines and disbursements from messy, realistic files."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from prongsai.budget import budget_import, selectors, services_budget_import
from prongsai.budget.models import BudgetLine
from prongsai.budget.models_documents import BudgetImport
from prongsai.budget.models_spending import Disbursement
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent

from .factories import (
    BudgetFactory,
    BudgetLineFactory,
    DevelopmentPlanFactory,
    ProgrammeFactory,
    ProjectFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

D = Decimal


def xlsx(rows, title="งบประมาณ") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def budget(organization):
    return BudgetFactory(organization=organization, fiscal_year=2569)


@pytest.fixture
def project(organization):
    plan = DevelopmentPlanFactory(organization=organization, first_year=2566)
    return ProjectFactory(
        programme=ProgrammeFactory(strategy=StrategyFactory(plan=plan)),
        number=12,
        name="โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    )


def preview(actor, budget, rows, kind="lines", filename="งบ 2569.xlsx"):
    content = xlsx(rows) if filename.endswith(".xlsx") else rows
    return services_budget_import.budget_import_preview(
        actor=actor, budget=budget, kind=kind, filename=filename, content=content
    )


FLAT = [
    ["ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๙", None, None],
    ["องค์การบริหารส่วนตำบลบ้านดง"],
    [],
    [
        "รหัส",
        "แผนงาน",
        "งาน",
        "งบ",
        "หมวด",
        "ประเภท",
        "รายการ",
        " จำนวนเงิน (บาท) ",
        "หน่วยงานรับผิดชอบ",
        "ลำดับโครงการ",
    ],
    [
        "00241",
        "แผนงานเคหะและชุมชน",
        "งานก่อสร้างโครงสร้างพื้นฐาน",
        "งบลงทุน",
        "ค่าที่ดินและสิ่งก่อสร้าง",
        "ค่าก่อสร้างสิ่งสาธารณูปโภค",
        "โครงการก่อสร้างถนน คสล. หมู่ที่ 3",
        "๔๘๐,๐๐๐",
        "กองช่าง",
        "๑๒",
    ],
    # Cells left empty under a value take the value above (unmerged sheet).
    [
        None,
        None,
        None,
        None,
        None,
        None,
        "โครงการก่อสร้างรางระบายน้ำ หมู่ที่ 5",
        350000,
        "กองช่าง",
        None,
    ],
    [
        None,
        None,
        None,
        "งบดำเนินงาน",
        "ค่าวัสดุ",
        "วัสดุสำนักงาน",
        "ค่าวัสดุสำนักงาน",
        "45,000.00 บาท",
        None,
        None,
    ],
    [None, None, None, None, None, None, "รวม", "875,000", None, None],
    [],
]


class TestLinesFlat:
    def test_preview_and_commit(self, organization, actor, budget, project):
        batch = preview(actor, budget, FLAT)
        assert batch.problems == []
        assert len(batch.rows) == 3
        road, drain, paper = batch.rows
        assert road["amount"] == "480000.00"
        assert road["project_id"] == project.pk
        assert road["code"] == "00241"
        assert drain["category"] == "investment"
        assert drain["work"] == "งานก่อสร้างโครงสร้างพื้นฐาน"
        assert paper["category"] == "operating"
        assert paper["expense_type"] == "วัสดุสำนักงาน"
        assert BudgetLine.objects.count() == 0  # nothing before the commit
        assert (
            services_budget_import.budget_import_commit(actor=actor, batch=batch) == 3
        )
        lines = list(BudgetLine.objects.filter(budget=budget).order_by("position"))
        assert [line.amount for line in lines] == [D("480000"), D("350000"), D("45000")]
        assert lines[0].project == project
        assert AuditEvent.objects.filter(action="budget_import.lines").exists()
        with pytest.raises(DomainError):
            services_budget_import.budget_import_commit(actor=actor, batch=batch)

    def test_a_second_import_updates_the_lines(self, actor, budget, project):
        services_budget_import.budget_import_commit(
            actor=actor, batch=preview(actor, budget, FLAT)
        )
        changed = [list(row) for row in FLAT]
        changed[4][7] = "500,000"
        services_budget_import.budget_import_commit(
            actor=actor, batch=preview(actor, budget, changed)
        )
        assert BudgetLine.objects.filter(budget=budget).count() == 3
        assert BudgetLine.objects.get(code="00241").amount == D("500000")

    def test_csv_in_windows_thai_encoding(self, actor, budget):
        text = (
            "แผนงาน,งาน,งบ,รายการ,จำนวนเงิน\r\n"
            'แผนงานการศึกษา,งานระดับก่อนวัยเรียน,งบดำเนินงาน,ค่าอาหารกลางวัน,"1,200,000"\r\n'
        )
        batch = preview(actor, budget, text.encode("cp874"), filename="lines.csv")
        assert batch.problems == []
        assert batch.rows[0]["amount"] == "1200000.00"


GROUPED = [
    ["รายละเอียดประมาณการรายจ่ายงบประมาณรายจ่ายทั่วไป"],
    ["รายการ", "จำนวนเงิน"],
    ["แผนงานบริหารงานทั่วไป", None],
    ["งานบริหารทั่วไป", None],
    ["งบบุคลากร รวม 2,400,000 บาท", "2,400,000"],
    ["หมวดเงินเดือน (ฝ่ายการเมือง)", None],
    ["ประเภทเงินเดือนนายก/รองนายก", None],
    ["เงินเดือนนายก อบต.", 250000],
    ["เงินเดือนรองนายก อบต.", "๒๒๐,๐๐๐"],
    ["งบดำเนินงาน", None],
    ["ค่าวัสดุ", None],
    ["วัสดุสำนักงาน", 60000],
    ["แผนงานเคหะและชุมชน", None],
    ["งานก่อสร้างโครงสร้างพื้นฐาน", None],
    ["งบลงทุน", None],
    ["โครงการก่อสร้างถนน คสล. หมู่ที่ 3", 480000],
    ["รวมทั้งสิ้น", 3220000],
]


class TestLinesGrouped:
    def test_group_rows_above_their_items(self, actor, budget):
        batch = preview(actor, budget, GROUPED)
        assert batch.problems == []
        rows = {row["item"]: row for row in batch.rows}
        assert set(rows) == {
            "เงินเดือนนายก อบต.",
            "เงินเดือนรองนายก อบต.",
            "วัสดุสำนักงาน",
            "โครงการก่อสร้างถนน คสล. หมู่ที่ 3",
        }
        salary = rows["เงินเดือนรองนายก อบต."]
        assert salary["programme"] == "แผนงานบริหารงานทั่วไป"
        assert salary["work"] == "งานบริหารทั่วไป"
        assert salary["category"] == "personnel"
        assert salary["expense_class"] == "หมวดเงินเดือน (ฝ่ายการเมือง)"
        assert salary["expense_type"] == "ประเภทเงินเดือนนายก/รองนายก"
        assert salary["amount"] == "220000.00"
        office = rows["วัสดุสำนักงาน"]
        assert office["category"] == "operating"
        assert office["expense_class"] == "ค่าวัสดุ"
        assert office["expense_type"] == ""  # reset under a new งบ
        road = rows["โครงการก่อสร้างถนน คสล. หมู่ที่ 3"]
        assert (road["programme"], road["category"]) == (
            "แผนงานเคหะและชุมชน",
            "investment",
        )
        assert road["expense_class"] == ""

    def test_group_rows_in_their_own_columns(self, actor, budget):
        rows = [
            ["แผนงาน", "งาน", "งบ", "รายการ", "จำนวนเงิน"],
            ["แผนงานการศึกษา", None, None, None, None],
            [None, "งานระดับก่อนวัยเรียนและประถมศึกษา", None, None, None],
            [None, None, "งบเงินอุดหนุน", None, None],
            [None, None, None, "อุดหนุนอาหารกลางวัน", 900000],
        ]
        batch = preview(actor, budget, rows)
        assert batch.problems == []
        [row] = batch.rows
        assert row["category"] == "subsidy"
        assert row["work"] == "งานระดับก่อนวัยเรียนและประถมศึกษา"


class TestLineProblems:
    def test_every_problem_with_row_and_column(self, actor, budget, project):
        rows = [
            ["แผนงาน", "งบ", "รายการ", "จำนวนเงิน", "ลำดับโครงการ", "โครงการตามแผนพัฒนา"],
            ["แผนงานเคหะและชุมชน", "งบพิเศษ", "ถนน", 1, None, None],
            ["แผนงานเคหะและชุมชน", "งบลงทุน", "ฝาย", "ห้าแสน", None, None],
            ["แผนงานเคหะและชุมชน", "งบลงทุน", "สะพาน", -5, None, None],
            ["แผนงานเคหะและชุมชน", "งบลงทุน", "ท่อ", None, "99", None],
            ["แผนงานเคหะและชุมชน", "งบลงทุน", "ลาน", 10, None, "โครงการที่ไม่มี"],
            ["แผนงานเคหะและชุมชน", "งบลงทุน", "ลาน", 10, None, None],
            [None, None, None, 55, None, None],
        ]
        batch = preview(actor, budget, rows)
        found = {(p["row"], p["column"].split(" ")[0]) for p in batch.problems}
        assert (2, "B") in found  # not a category
        assert (3, "D") in found  # not a number
        assert (4, "D") in found  # negative
        assert (5, "D") in found  # empty amount
        assert (5, "E") in found  # no project 99
        assert (6, "F") in found  # no such project name
        assert (7, "C") in found  # duplicate of row 6
        assert (8, "C") in found  # amount without item
        messages = " ".join(p["message"] for p in batch.problems)
        assert "99" in messages and "ห้าแสน" in messages
        with pytest.raises(DomainError):
            services_budget_import.budget_import_commit(actor=actor, batch=batch)
        assert BudgetLine.objects.count() == 0

    def test_item_without_programme_or_category(self, actor, budget):
        batch = preview(actor, budget, [["รายการ", "จำนวนเงิน"], ["ค่าวัสดุ", 100]])
        assert len(batch.problems) == 2

    def test_no_header(self, actor, budget):
        batch = preview(actor, budget, [["ชื่อ", "ราคา"], ["ก", 1]])
        assert batch.rows == []
        assert "รายการ" in batch.problems[0]["message"]

    def test_header_only(self, actor, budget):
        batch = preview(actor, budget, [["รายการ", "จำนวนเงิน"]])
        assert batch.problems

    def test_project_without_a_plan(self, actor, budget):
        rows = [
            ["แผนงาน", "งบ", "รายการ", "จำนวนเงิน", "ลำดับโครงการ"],
            ["ก", "งบลงทุน", "ข", 1, 3],
        ]
        batch = preview(actor, budget, rows)
        assert "แผนพัฒนา" in batch.problems[0]["message"] or batch.problems[0]["message"]

    @pytest.mark.parametrize(
        "filename,content",
        [
            ("lines.pdf", b"%PDF"),
            ("lines.xlsx", b"not a zip"),
            ("lines.csv", b"\xff\xfe\x00"),
        ],
    )
    def test_bad_files(self, actor, budget, filename, content):
        with pytest.raises(DomainError):
            services_budget_import.budget_import_preview(
                actor=actor,
                budget=budget,
                kind="lines",
                filename=filename,
                content=content,
            )

    def test_empty_csv(self, actor, budget):
        batch = preview(actor, budget, b"", filename="lines.csv")
        assert batch.problems and not batch.rows

    def test_unknown_kind(self, actor, budget):
        with pytest.raises(DomainError):
            preview(actor, budget, [["รายการ"]], kind="other")


class TestParsers:
    @pytest.mark.parametrize(
        "value,expected",
        [
            ("1,250,000", "1250000.00"),
            ("๑๒๕,๐๐๐.๕๐", "125000.50"),
            ("500000 บาท", "500000.00"),
            ("-", "0.00"),
            (1200.5, "1200.50"),
            (3, "3.00"),
        ],
    )
    def test_amounts(self, value, expected):
        assert str(budget_import.parse_amount(value)) == expected

    @pytest.mark.parametrize("value", ["9" * 30, 10**40])
    def test_huge_amounts_are_read_for_the_too_large_message(self, value):
        assert budget_import.parse_amount(value) >= Decimal("1e13")

    @pytest.mark.parametrize("value", ["abc", "1.2.3", True, "NaN"])
    def test_bad_amounts(self, value):
        with pytest.raises(ValueError):
            budget_import.parse_amount(value)

    @pytest.mark.parametrize(
        "value,expected",
        [
            ("ต.ค. 68", datetime.date(2025, 10, 1)),
            ("ตุลาคม 2568", datetime.date(2025, 10, 1)),
            ("มี.ค.69", datetime.date(2026, 3, 1)),
            ("มกราคม", datetime.date(2026, 1, 1)),
            ("พฤศจิกายน", datetime.date(2025, 11, 1)),
            ("10/2568", datetime.date(2025, 10, 1)),
            ("๒/๖๙", datetime.date(2026, 2, 1)),
            (12, datetime.date(2025, 12, 1)),
            ("9", datetime.date(2026, 9, 1)),
            (datetime.datetime(2026, 4, 17), datetime.date(2026, 4, 1)),
            ("15 ม.ค. 2569", datetime.date(2026, 1, 1)),
        ],
    )
    def test_months(self, value, expected):
        assert budget_import.parse_month(value, fiscal_year=2569) == expected

    @pytest.mark.parametrize("value", ["เดือนสิบสาม", "13", "0", "13/2568"])
    def test_bad_months(self, value):
        with pytest.raises((ValueError, TypeError)):
            budget_import.parse_month(value, fiscal_year=2569)

    @pytest.mark.parametrize(
        "value,expected",
        [
            ("งบลงทุน", "investment"),
            ("งบ กลาง", "central"),
            ("ลงทุน", "investment"),
            ("เงินอุดหนุน", "subsidy"),
        ],
    )
    def test_categories(self, value, expected):
        assert budget_import.parse_category(value) == expected


@pytest.fixture
def lines(budget):
    return {
        "road": BudgetLineFactory(
            budget=budget, code="00241", item="โครงการก่อสร้างถนน คสล. หมู่ที่ 3"
        ),
        "paper": BudgetLineFactory(
            budget=budget, code="", item="ค่าวัสดุสำนักงาน", category="operating"
        ),
        "twin1": BudgetLineFactory(budget=budget, code="", item="ค่าจ้างเหมาบริการ"),
        "twin2": BudgetLineFactory(budget=budget, code="", item="ค่าจ้างเหมาบริการ"),
    }


class TestDisbursements:
    def test_preview_and_commit_add_up_payments(
        self, organization, actor, budget, lines
    ):
        rows = [
            ["รายงานการเบิกจ่ายเงินงบประมาณ"],
            ["รหัส", "รายการ", "เดือน", "จำนวนเงิน"],
            ["00241", None, "ม.ค. 69", "100,000"],
            ["00241", None, "มกราคม 2569", 20000],
            [None, "ค่าวัสดุสำนักงาน", "ต.ค. 68", "๕,๐๐๐"],
            [None, "รวม", None, 125000],
        ]
        batch = preview(actor, budget, rows, kind="disbursements")
        assert batch.problems == []
        assert len(batch.rows) == 2
        assert batch.rows[0]["rows"] == [3, 4]
        services_budget_import.budget_import_commit(actor=actor, batch=batch)
        money = selectors.budget_money(organization=organization, budget=budget)
        assert money.of(lines["road"]).disbursed == D("120000")
        assert money.of(lines["road"]).monthly == {4: D("120000")}
        assert money.of(lines["paper"]).monthly == {1: D("5000")}
        # A second import of the month replaces it.
        again = preview(
            actor,
            budget,
            [["รหัส", "เดือน", "จำนวนเงิน"], ["00241", "1/2569", 90000]],
            kind="disbursements",
        )
        services_budget_import.budget_import_commit(actor=actor, batch=again)
        assert Disbursement.objects.get(line=lines["road"]).amount == D("90000")
        assert (
            AuditEvent.objects.filter(action="budget_import.disbursements").count() == 2
        )

    def test_problems(self, actor, budget, lines):
        rows = [
            ["รหัส", "รายการ", "เดือน", "จำนวนเงิน"],
            ["99999", None, "ม.ค. 69", 1],
            [None, "ค่าจ้างเหมาบริการ", "ม.ค. 69", 1],
            [None, "ไม่มีรายการนี้", "ม.ค. 69", 1],
            ["00241", None, "ต.ค. 69", 1],
            ["00241", None, "เดือนหน้า", 1],
            ["00241", None, None, "abc"],
            ["00241", None, "ม.ค. 69", -1],
            [None, None, "ม.ค. 69", 1],
            ["00241", None, "ก.พ. 69", "9" * 30],
        ]
        batch = preview(actor, budget, rows, kind="disbursements")
        found = {(p["row"], p["column"].split(" ")[0]) for p in batch.problems}
        assert found >= {
            (2, "A"),
            (3, "B"),
            (4, "B"),
            (5, "C"),
            (6, "C"),
            (7, "C"),
            (7, "D"),
            (8, "D"),
            (9, "A"),
            (10, "D"),  # too large for the ledger: a message, never a crash
        }
        messages = " ".join(p["message"] for p in batch.problems)
        assert "2569" in messages  # October 2026 is not in fiscal year 2569
        assert batch.kind == BudgetImport.Kind.DISBURSEMENTS
        with pytest.raises(DomainError):
            services_budget_import.budget_import_commit(actor=actor, batch=batch)

    def test_wide_layout_one_column_per_month(self, organization, actor, budget, lines):
        """The ledger's monthly report: a line per row, a column per month,
        a total column and a totals row that are not read as payments."""
        rows = [
            ["รายงานผลการเบิกจ่าย ประจำปีงบประมาณ พ.ศ. 2569"],
            ["รหัส", "รายการ", "ต.ค. 68", "พ.ย. 68", "ธันวาคม", "ม.ค. 69", "รวม"],
            ["00241", None, None, "๑๐,๐๐๐", 0, "20000.50", 30000.50],
            [None, "ค่าวัสดุสำนักงาน", 5000, None, None, None, 5000],
            [None, "รวม", 5000, 10000, 0, 20000.50, 35000.50],
        ]
        batch = preview(actor, budget, rows, kind="disbursements")
        assert batch.problems == []
        services_budget_import.budget_import_commit(actor=actor, batch=batch)
        money = selectors.budget_money(organization=organization, budget=budget)
        assert money.of(lines["road"]).monthly == {2: D("10000"), 4: D("20000.50")}
        assert money.of(lines["paper"]).monthly == {1: D("5000")}

    def test_wide_layout_problems_name_the_month_column(self, actor, budget, lines):
        rows = [
            ["รหัส", "ต.ค. 68", "ต.ค. 69"],
            ["00241", "abc", 1],
            ["00241", -5, None],
        ]
        batch = preview(actor, budget, rows, kind="disbursements")
        found = {(p["row"], p["column"]) for p in batch.problems}
        assert (2, "B (ตุลาคม 2568)") in found  # not an amount
        assert (2, "C (ตุลาคม 2569)") in found  # not in fiscal year 2569
        assert (3, "B (ตุลาคม 2568)") in found  # negative
        with pytest.raises(DomainError):
            services_budget_import.budget_import_commit(actor=actor, batch=batch)

    def test_no_header(self, actor, budget):
        batch = preview(actor, budget, [["เดือน", "จำนวนเงิน"]], kind="disbursements")
        assert batch.problems and not batch.rows
