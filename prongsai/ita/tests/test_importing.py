"""Reading result and peer files: every bad cell is named in Thai."""

import io

import pytest
from openpyxl import Workbook

from prongsai.ita.importing import (
    ImportFileError,
    parse_peers,
    parse_results,
    parse_score,
    read_table,
)

CODES = {f"O{n}" for n in range(1, 28)}
KEYS = ["fiscal_year", *[f"i{n}" for n in range(1, 11)], "published_total", "O1"]


def _rows(*data):
    return [["ปีงบประมาณ", *["x"] * (len(KEYS) - 1)], KEYS, *data]


GOOD = [2568, *["90.5"] * 10, "", "100"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("93.1", "93.1"), ("๙๓.๒๕", "93.25"), (" 100 ", "100"), (0, "0"), ("1,00", "100")],
)
def test_parse_score_accepts(raw, expected):
    assert str(parse_score(raw)) == expected


@pytest.mark.parametrize("raw", ["abc", "100.01", "-1", "93.123", "NaN", "Infinity"])
def test_parse_score_refuses(raw):
    assert parse_score(raw) is None


def test_a_good_row_becomes_a_record():
    parsed = parse_results(_rows(GOOD), item_codes=CODES)
    assert parsed.errors == []
    (record,) = parsed.records
    assert record["fiscal_year"] == 2568
    assert record["indicators"][10] == parse_score("90.5")
    assert record["items"] == {"O1": 100}
    assert record["published"] == {}


def test_every_bad_cell_is_reported_with_row_and_column():
    bad = [2568, "abc", *["90"] * 8, "", "101", "50"]
    parsed = parse_results(_rows(bad, [2568, *GOOD[1:]]), item_codes=CODES)
    assert "แถว 3 คอลัมน์ B (ตัวชี้วัดที่ 1)" in parsed.errors[0]
    assert "abc" in parsed.errors[0]
    text = "\n".join(parsed.errors)
    # An empty cell is "not in this file", not an error.
    assert "คอลัมน์ K" not in text
    assert "คอลัมน์ L (TOTAL ที่ประกาศ)" in text
    assert "คอลัมน์ M (ข้อ O1): ต้องเป็น 0 หรือ 100" in text
    assert "ปีงบประมาณ 2568 ซ้ำกับแถว 3" in text


def test_unknown_columns_and_missing_header_are_reported():
    rows = _rows(GOOD)
    rows[1] = [*KEYS[:-1], "O99"]
    parsed = parse_results(rows, item_codes=CODES)
    assert parsed.errors == ["แถว 2 คอลัมน์ M: ไม่รู้จักคอลัมน์ O99"]
    assert (
        parse_results([["a", "b"]], item_codes=CODES)
        .errors[0]
        .startswith("ไม่พบแถวหัวตาราง")
    )


def test_bad_year_is_reported():
    parsed = parse_results(_rows(["68", *GOOD[1:]]), item_codes=CODES)
    assert "ต้องเป็นปี พ.ศ. 4 หลัก" in parsed.errors[0]


def test_empty_file_says_so():
    assert parse_results(_rows(), item_codes=CODES).errors == [
        "ไม่พบข้อมูลผลการประเมินในไฟล์"
    ]


def test_read_table_from_xlsx_and_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["a", "ข"])
    sheet.append([1, 2.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_table(buffer.getvalue(), "x.XLSX") == [["a", "ข"], [1, 2.5]]
    assert read_table("a,ข\n1,2\n".encode("utf-8-sig"), "x.csv") == [
        ["a", "ข"],
        ["1", "2"],
    ]
    assert read_table("ก,ข\n".encode("cp874"), "x.csv") == [["ก", "ข"]]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip", "x.xlsx", "ไม่ใช่สมุดงาน XLSX"),
        (b"a", "x.pdf", "รองรับเฉพาะไฟล์ .xlsx และ .csv"),
    ],
)
def test_unreadable_files(content, name, message):
    with pytest.raises(ImportFileError) as error:
        read_table(content, name)
    assert message in error.value.messages[0]


def test_peers_with_thai_headers():
    header = ["ชื่อหน่วยงาน", "จังหวัด", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]
    parsed = parse_peers(
        [header, ["อบต.ก", "ขอนแก่น", *["80"] * 10], ["", "", *[""] * 10]]
    )
    assert parsed.errors == []
    assert parsed.records[0]["name"] == "อบต.ก"
    assert parsed.records[0]["province"] == "ขอนแก่น"


def test_peer_errors_name_the_cell():
    header = ["name", *[f"i{n}" for n in range(1, 11)]]
    parsed = parse_peers([header, ["", *["80"] * 10], ["x", "200", *["80"] * 9]])
    assert parsed.errors == [
        "แถว 2: ไม่มีชื่อหน่วยงาน",
        "แถว 3 คอลัมน์ B (ตัวชี้วัดที่ 1): ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ได้รับ: 200)",
    ]
    assert parse_peers([["a"]]).errors[0].startswith("ไม่พบแถวหัวตาราง")


def test_messages_are_english_msgids_translated_to_thai():
    from django.utils import translation

    rows = _rows([2568, "๙๐.๕๕๕", *["90.5"] * 9, "", "100"])
    with translation.override("en"):
        (english,) = parse_results(rows, item_codes=CODES).errors
    with translation.override("th"):
        (thai,) = parse_results(rows, item_codes=CODES).errors
    assert english == (
        "row 3 column B (indicator 1): must be a number from 0 to 100 with at most "
        "two decimals (got: ๙๐.๕๕๕)"
    )
    assert thai == (
        "แถว 3 คอลัมน์ B (ตัวชี้วัดที่ 1): ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ได้รับ: ๙๐.๕๕๕)"
    )
