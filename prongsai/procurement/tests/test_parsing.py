"""The importer's reading of real-world สขร.1 and e-GP/CGD tables."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from prongsai.procurement import parsing, parsing_cells
from prongsai.procurement.vocab import BudgetCategory, Method, ProcurementType

from .factories import thai_id

COMPANY = thai_id("010556300865")


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


# --- cells ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("5,000.-", Decimal("5000.00")),
        ("5,000.- บาท", Decimal("5000.00")),
        ("12,500 บาท", Decimal("12500.00")),
        ("๔๙๘,๐๐๐", Decimal("498000.00")),
        ("3,498,760,900.00", Decimal("3498760900.00")),
        ("  7500 ", Decimal("7500.00")),
        (7500, Decimal("7500.00")),
        (7500.5, Decimal("7500.50")),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_amounts(text, expected):
    assert parsing_cells.parse_amount(text) == expected


@pytest.mark.parametrize("text", ["ห้าพันบาท", "1,23,4", "12.3.4", "-500"])
def test_bad_amounts_raise_a_thai_message(text):
    with pytest.raises(parsing_cells.CellError) as error:
        parsing_cells.parse_amount(text)
    assert "บาท" in str(error.value) or "ติดลบ" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09/09/2565", datetime.date(2022, 9, 9)),
        ("29 พ.ย. 67", datetime.date(2024, 11, 29)),
        ("14 มกราคม 2568", datetime.date(2025, 1, 14)),
        ("ลว. 5 ต.ค. 66", datetime.date(2023, 10, 5)),
        ("ลงวันที่ ๑๔ มกราคม ๒๕๖๘", datetime.date(2025, 1, 14)),
        (datetime.datetime(2567, 11, 3), datetime.date(2024, 11, 3)),
        (datetime.date(2024, 11, 3), datetime.date(2024, 11, 3)),
        ("-", None),
    ],
)
def test_dates(text, expected):
    assert parsing_cells.parse_date(text) == expected


def test_bad_date_names_the_accepted_styles():
    with pytest.raises(parsing_cells.CellError) as error:
        parsing_cells.parse_date("31 ก.พ. 68")
    assert "29 พ.ย. 67" in str(error.value)


def test_several_name_price_pairs_in_one_cell():
    pairs = parsing_cells.parse_name_prices("ร้าน ก. 5,000.- / ร้าน ข. 5,200.-")
    assert [(p.name, p.price) for p in pairs] == [
        ("ร้าน ก.", Decimal("5000.00")),
        ("ร้าน ข.", Decimal("5200.00")),
    ]


def test_numbered_lines_with_ids_and_doubled_prefixes():
    cell = (
        f"1. ห้างหุ้นส่วนจำกัด ห้างหุ้นส่วนจำกัด ทองดี ({COMPANY}) ราคา ๔๙๘,๐๐๐ บาท\n"
        "2. บริษัท 2020 วัสดุ จำกัด 499,500.00"
    )
    first, second = parsing_cells.parse_name_prices(cell)
    assert (first.name, first.tax_id, first.price) == (
        "ห้างหุ้นส่วนจำกัด ทองดี",
        COMPANY,
        Decimal("498000.00"),
    )
    assert (second.name, second.price) == ("บริษัท 2020 วัสดุ จำกัด", Decimal("499500.00"))


def test_pairs_without_separators_split_at_each_price():
    pairs = parsing_cells.parse_name_prices("ร้าน ก. 5,000.- ร้าน ข. 5,200.-")
    assert [p.name for p in pairs] == ["ร้าน ก.", "ร้าน ข."]


def test_masked_id_in_a_cell_is_kept_masked():
    (pair,) = parsing_cells.parse_name_prices("ร้านสมหวัง (130990115xxxx) 12,000 บาท")
    assert pair.tax_id == "130990115xxxx"
    assert pair.name == "ร้านสมหวัง"


def test_name_without_price():
    (pair,) = parsing_cells.parse_name_prices("ร้านสมหวังการค้า")
    assert pair.price is None


def test_contract_cells():
    assert parsing_cells.parse_contract("ใบสั่งซื้อเลขที่ 12/2567 ลว. 5 ต.ค. 66") == (
        "12/2567",
        datetime.date(2023, 10, 5),
    )
    assert parsing_cells.parse_contract("สัญญาจ้างเลขที่ 3/2568 ลงวันที่ 14 มกราคม 2568") == (
        "3/2568",
        datetime.date(2025, 1, 14),
    )
    assert parsing_cells.parse_contract("-") == ("", None)


def test_stray_combining_marks_and_invisible_characters_are_removed():
    assert parsing_cells.clean_text("  \u0e48ร้านก่่อสร้าง\u200b  ดี") == "ร้านก่อสร้าง ดี"
    # Legitimate stacked marks survive.
    assert parsing_cells.clean_text("ห้างหุ้นส่วน") == "ห้างหุ้นส่วน"


def test_doubled_legal_form_prefixes_and_jv_markers():
    assert (
        parsing_cells.clean_name("ห้างหุ้นส่วนจำกัด  ห้างหุ้นส่วนจำกัด ทองดี (สัญญากิจการค้าร่วม)")
        == "ห้างหุ้นส่วนจำกัด ทองดี (สัญญากิจการค้าร่วม)"
    )
    assert parsing_cells.clean_name("บริษัท บริษัท เอ จำกัด") == "บริษัท เอ จำกัด"


@pytest.mark.parametrize(
    ("text", "method", "ground"),
    [
        ("วิธีเฉพาะเจาะจง มาตรา 56 (2) (ข)", Method.SPECIFIC, "มาตรา 56(2)(ข)"),
        ("เฉพาะเจาะจง", Method.SPECIFIC, ""),
        ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", Method.E_BIDDING, ""),
        ("ประกวดราคาด้วยวิธีการทางอิเล็กทรอนิกส์", Method.E_BIDDING, ""),
        ("E-Market", Method.E_MARKET, ""),
        ("สอบราคา", Method.PRICE_INQUIRY, ""),
        ("คัดเลือก", Method.SELECTION, ""),
        ("ตกลงราคา", Method.LEGACY_AGREED_PRICE, ""),
        ("วิธีพิเศษ", Method.LEGACY_SPECIAL, ""),
        ("กรณีพิเศษ", Method.LEGACY_SPECIAL_CASE, ""),
        ("ประกวดราคา", Method.LEGACY_BIDDING, ""),
        ("แลกเปลี่ยน", None, ""),
    ],
)
def test_methods(text, method, ground):
    assert parsing_cells.parse_method(text) == (method, ground)


@pytest.mark.parametrize(
    ("guess", "args", "expected"),
    [
        ("guess_type", ("จัดซื้อวัสดุสำนักงาน",), ProcurementType.PURCHASE),
        ("guess_type", ("โครงการก่อสร้างถนน",), ProcurementType.CONSTRUCTION),
        ("guess_type", ("จ้างเหมาซ่อมรถ",), ProcurementType.HIRE),
        ("guess_type", ("x", "จ้างก่อสร้าง"), ProcurementType.CONSTRUCTION),
        ("guess_budget_category", ("งบลงทุน", ""), BudgetCategory.INVESTMENT),
        ("guess_budget_category", ("", "จัดซื้อครุภัณฑ์"), BudgetCategory.INVESTMENT),
        ("guess_budget_category", ("", "จัดซื้อวัสดุ"), BudgetCategory.OPERATING),
    ],
)
def test_type_and_category_guesses(guess, args, expected):
    assert getattr(parsing_cells, guess)(*args) == expected


# --- whole tables -----------------------------------------------------------------

SOR1_HEADER = [
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
    None,
]


def sor1_rows(*data_rows, period="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน พฤศจิกายน 2567"):
    return [
        ["แบบ สขร.1"],
        [period],
        ["องค์การบริหารส่วนตำบลทดสอบ"],
        SOR1_HEADER,
        [None] * 8 + ["เลขที่", "วันที่"],
        *data_rows,
        [None, "ลงชื่อ ..................... ผู้รายงาน"],
    ]


GOOD_ROW = [
    "๑",
    "จัดซื้อวัสดุสำนักงาน",
    "12,000.-",
    "-",
    "เฉพาะเจาะจง",
    "ร้านสมหวังการค้า 11,500.- / ร้านบ้านดง 11,900.-",
    "ร้านสมหวังการค้า ราคา 11,500 บาท",
    "ราคาต่ำสุด",
    "12/2568",
    "29 พ.ย. 67",
]


def test_sor1_table_with_merged_contract_header():
    result = parsing.parse_rows(sor1_rows(GOOD_ROW))
    assert result.layout == parsing.SOR1
    assert result.errors == []
    assert result.period == datetime.date(2024, 11, 1)
    (row,) = result.rows
    assert row["row"] == 6
    assert row["title"] == "จัดซื้อวัสดุสำนักงาน"
    assert row["budget_amount"] == "12000.00"
    assert row["reference_price"] is None
    assert row["method"] == Method.SPECIFIC
    assert [b["name"] for b in row["bids"]] == ["ร้านสมหวังการค้า", "ร้านบ้านดง"]
    assert row["supplier_name"] == "ร้านสมหวังการค้า"
    assert row["agreed_price"] == "11500.00"
    assert row["contract_number"] == "12/2568"
    assert row["contract_date"] == "2024-11-29"
    assert row["procured_on"] == "2024-11-29"
    assert row["fiscal_year"] == 2568
    assert row["key"].startswith("row:")


def test_contract_number_and_date_in_one_cell():
    rows = sor1_rows([*GOOD_ROW[:8], "ใบสั่งซื้อเลขที่ 12/2568 ลว. 29 พ.ย. 67", None])
    del rows[4]  # no sub-header row: a single merged column
    result = parsing.parse_rows(rows)
    assert result.errors == []
    assert result.rows[0]["contract_number"] == "12/2568"
    assert result.rows[0]["contract_date"] == "2024-11-29"


def test_no_procurement_month_row():
    result = parsing.parse_rows(sor1_rows([None, "ไม่มีการจัดซื้อจัดจ้าง"]))
    assert result.rows == []
    assert result.errors == []
    assert result.no_procurement_months == ["2024-11-01"]


def test_no_procurement_row_without_a_period_is_an_error():
    rows = sor1_rows([None, "ไม่มีการจัดซื้อจัดจ้าง"], period="")
    result = parsing.parse_rows(rows)
    assert len(result.errors) == 1


def test_every_problem_has_row_and_column():
    bad = [
        "2",
        "จ้างเหมาซ่อมรถ",
        "หนึ่งหมื่น",
        "-",
        "แลกเปลี่ยน",
        "ร้าน ก.",
        "-",
        "",
        "3/2568",
        "31 ก.พ. 68",
    ]
    result = parsing.parse_rows(sor1_rows(GOOD_ROW, bad))
    assert len(result.rows) == 1  # the good row only
    errors = {(p.row, p.column) for p in result.errors}
    assert (7, "วงเงินที่จะซื้อหรือจ้าง (บาท)") in errors
    assert (7, "วิธีซื้อหรือจ้าง") in errors
    assert (7, "รายชื่อผู้เสนอราคาและราคาที่เสนอ") in errors
    assert any(row == 7 and "(วันที่)" in column for row, column in errors), errors
    assert all(p.message for p in result.errors)


def test_reference_price_above_budget_and_date_outside_fiscal_year_are_warnings():
    row = [*GOOD_ROW]
    row[3] = "13,000"
    result = parsing.parse_rows(sor1_rows(row), fiscal_year=2567)
    assert result.errors == []
    messages = " ".join(p.message for p in result.warnings)
    assert "ราคากลาง" in messages
    assert "นอกปีงบประมาณ" in messages
    assert len(result.rows) == 1


def test_a_date_outside_the_report_month_is_an_error_at_the_date():
    row = [*GOOD_ROW]
    row[9] = "2 ธ.ค. 67"  # in a table of November 2567
    result = parsing.parse_rows(sor1_rows(row))
    (error,) = result.errors
    assert error.message == "วันที่ 2 ธ.ค. 2567 ไม่อยู่ในเดือน พ.ย. 2567 ที่บันทึก"
    assert error.row == 6
    assert "(วันที่)" in error.column
    assert result.rows == []


def test_repeated_rows_are_reported():
    result = parsing.parse_rows(sor1_rows(GOOD_ROW, GOOD_ROW))
    parsing._check_duplicates(result)
    assert len(result.rows) == 1
    assert any("ซ้ำ" in p.message for p in result.errors)


def test_no_header_row():
    result = parsing.parse_rows([["a", "b"], ["1", "2"]])
    assert result.rows == []
    assert "หัวตาราง" in result.errors[0].message


EGP_HEADER = [
    "รหัสโครงการ",
    "ชื่อโครงการ",
    "ชื่อประเภทโครงการ",
    "ชื่อหน่วยงาน",
    "วิธีจัดซื้อฯ",
    "กลุ่มวิธีจัดซื้อฯ",
    "วันที่ประกาศ",
    "งบประมาณ(บาท)",
    "ราคากลาง",
    "ราคาตกลงซื้อ/จ้าง",
    "วันที่เกิดรายการ",
    "จังหวัด",
    "สถานะโครงการ",
    "วันที่ลงนามสัญญา",
    "ชื่อผู้ชนะ",
    "เลขประจำตัวผู้เสียภาษี",
]


def egp_row(**changes):
    row = {
        "รหัสโครงการ": "68019205582",
        "ชื่อโครงการ": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
        "ชื่อประเภทโครงการ": "จ้างก่อสร้าง",
        "ชื่อหน่วยงาน": "องค์การบริหารส่วนตำบลทดสอบ",
        "วิธีจัดซื้อฯ": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "กลุ่มวิธีจัดซื้อฯ": "ประกาศเชิญชวนทั่วไป",
        "วันที่ประกาศ": "-",
        "งบประมาณ(บาท)": "1,500,000.00",
        "ราคากลาง": "1,498,000.00",
        "ราคาตกลงซื้อ/จ้าง": "1290000",
        "วันที่เกิดรายการ": "20 ม.ค. 68",
        "จังหวัด": "ขอนแก่น",
        "สถานะโครงการ": "ดำเนินการแล้วเสร็จตามสัญญา",
        "วันที่ลงนามสัญญา": "27 ม.ค. 68",
        "ชื่อผู้ชนะ": "ห้างหุ้นส่วนจำกัด ห้างหุ้นส่วนจำกัด ทองดี",
        "เลขประจำตัวผู้เสียภาษี": COMPANY,
    }
    row.update(changes)
    return [row[h] for h in EGP_HEADER]


def test_egp_open_data_layout():
    result = parsing.parse_rows([EGP_HEADER, egp_row()])
    assert result.layout == parsing.EGP
    assert result.errors == []
    (row,) = result.rows
    assert row["egp_project_number"] == "68019205582"
    assert row["key"] == "egp:68019205582"
    assert row["method"] == Method.E_BIDDING
    assert row["procurement_type"] == ProcurementType.CONSTRUCTION
    assert row["budget_category"] == BudgetCategory.INVESTMENT
    assert row["supplier_name"] == "ห้างหุ้นส่วนจำกัด ทองดี"
    assert row["supplier_tax_id"] == COMPANY
    assert row["agreed_price"] == "1290000.00"
    assert row["procured_on"] == "2025-01-20"
    assert row["contract_date"] == "2025-01-27"


def test_egp_masked_and_bad_ids_and_numbers():
    result = parsing.parse_rows(
        [
            EGP_HEADER,
            egp_row(**{"เลขประจำตัวผู้เสียภาษี": "130990115xxxx"}),
            egp_row(
                **{
                    "รหัสโครงการ": "6801920558",
                    "เลขประจำตัวผู้เสียภาษี": "1234567890123",
                }
            ),
        ]
    )
    assert result.rows[0]["supplier_tax_id"] == "130990115xxxx"
    columns = {p.column for p in result.errors if p.row == 3}
    assert columns == {"รหัสโครงการ", "เลขประจำตัวผู้เสียภาษี"}


def test_cancelled_status():
    result = parsing.parse_rows(
        [EGP_HEADER, egp_row(**{"สถานะโครงการ": "ยกเลิกโครงการ"})]
    )
    assert result.rows[0]["cancelled"] is True


def _xlsx(rows, merge=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_file_with_merged_header_cells():
    content = _xlsx(sor1_rows(GOOD_ROW), merge="I4:J4")
    result = parsing.parse_file("sor1.xlsx", content)
    assert result.errors == []
    assert result.rows[0]["contract_date"] == "2024-11-29"


def test_csv_with_bom_and_thai_windows_encoding():
    buffer = io.StringIO()
    csv.writer(buffer).writerows([EGP_HEADER, egp_row()])
    for content in (
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),
        buffer.getvalue().encode("cp874"),
    ):
        result = parsing.parse_file("egp.csv", content)
        assert result.errors == []
        assert result.rows[0]["title"].startswith("ก่อสร้างถนน")


def test_unreadable_files():
    assert parsing.parse_file("x.pdf", b"%PDF").errors
    assert parsing.parse_file("x.xlsx", b"not a zip").errors
