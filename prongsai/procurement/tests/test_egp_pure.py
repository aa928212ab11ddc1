"""The pure parts of the e-GP feed: department proposals, RSS items, the
mapping of CGD records to register rows."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from prongsai.core.spreadsheets import read_csv
from prongsai.procurement import cgd, egp_departments, egp_rss, parsing

DATA = Path(__file__).parent / "data"


def departments():
    return egp_departments.read_departments(
        read_csv((DATA / "egp_departments.csv").read_bytes())
    )


def test_the_department_of_the_same_name_and_province_is_proposed_first():
    found = egp_departments.propose(
        name="องค์การบริหารส่วนตำบลบ้านดง",
        province="จังหวัดขอนแก่น",
        departments=departments(),
    )
    assert [p.code for p in found] == ["4000512"]
    assert found[0].score == 1.0


def test_short_forms_and_places_in_names_are_read():
    listed = [
        egp_departments.Department("1", "อบต.บ้านโนน อำเภอเมือง จังหวัดขอนแก่น"),
        egp_departments.Department("2", "อบต.บ้านโนน อำเภอเมือง จังหวัดชัยภูมิ"),
    ]
    found = egp_departments.propose(
        name="องค์การบริหารส่วนตำบลบ้านโนน", province="ขอนแก่น", departments=listed
    )
    assert [p.code for p in found] == ["1"]


def test_nothing_is_proposed_for_an_unknown_name():
    assert not egp_departments.propose(
        name="เทศบาลนครเชียงใหม่", province="เชียงใหม่", departments=departments()
    )


def test_a_csv_without_code_and_name_columns_is_refused():
    with pytest.raises(ValueError):
        egp_departments.read_departments([["a", "b"], ["1", "2"]])


def test_rss_items_carry_their_project_number():
    items = egp_rss.parse((DATA / "egp_rss_D0.xml").read_bytes(), kind="invitation")
    assert [i.project_number for i in items] == ["68109000548", "69019999999"]
    assert items[0].published_at == datetime.datetime(
        2025, 9, 15, 10, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )
    assert "templateType=D0" in items[0].url


@pytest.mark.parametrize(
    "body",
    [
        b"not xml",
        b'<!DOCTYPE r [<!ENTITY e "x">]><rss>&e;</rss>',  # entities refused
    ],
)
def test_unreadable_or_unsafe_rss_is_refused(body):
    with pytest.raises(cgd.FeedError) as raised:
        egp_rss.parse(body, kind="result")
    assert raised.value.kind == cgd.MALFORMED


def test_the_rss_address_has_the_feeds_own_spelling():
    url = egp_rss.rss_url(dept_code="4000512", announce_type="D0")
    assert url.endswith("egpannouncerss.xml?deptId=4000512&anounceType=D0")


def test_cgd_records_read_as_an_egp_file_would():
    records = json.loads((DATA / "cgdcontract_2569_50.json").read_bytes())["result"]
    result = parsing.parse_rows(cgd.contracts_table(records), fiscal_year=2569)
    assert not result.problems
    assert len(result.rows) == 50
    row = next(r for r in result.rows if r["egp_project_number"] == "68109000000")
    assert row["title"] == "ซื้อวัสดุสำนักงาน"
    assert row["budget_amount"] == "12800.00"
    assert row["agreed_price"] == "12544.00"
    assert row["contract_number"] == "1/2569"
    assert row["procured_on"] == "2025-10-03"
    # "3 ต.ค. 68"-style dates in the API are read as in a file.
    assert records[0]["contract"][0]["contract_date"] == "3 ต.ค. 68"
    assert row["contract_date"] == "2025-10-03"


def test_a_record_with_several_contracts_sums_them():
    record = {
        "project_id": "68109000001",
        "project_name": "จ้างเหมาบริการ",
        "contract": [
            {"contract_date": "2025-11-02", "winner": "ข", "price_agree": "1,000.50"},
            {"contract_date": "2025-11-01", "winner": "ก", "price_agree": 2000},
        ],
    }
    row = cgd.record_row(record)
    assert row[cgd.HEADER.index("ราคาตกลงซื้อ/จ้าง")] == "3000.50"
    assert row[cgd.HEADER.index("ชื่อผู้ชนะ")] == "ก"
    assert row[cgd.HEADER.index("วันที่ลงนามสัญญา")] == datetime.date(2025, 11, 1)


def test_key_and_year_are_in_the_query():
    url = cgd.contracts_url(
        dept_code="4000512", fiscal_year=2569, api_key="k", offset=0
    )
    assert "year=2569" in url and "dept_code=4000512" in url and "user_token=k" in url


def test_a_fetch_without_settings_is_refused():
    with pytest.raises(cgd.FeedError) as raised:
        cgd.fetch_contracts(dept_code="", fiscal_year=2569, api_key="k")
    assert raised.value.kind == cgd.NOT_CONFIGURED


def test_an_oversized_answer_is_refused():
    def opener(url, timeout):
        return 200, b"x" * (cgd.MAX_BYTES + 1)

    with pytest.raises(cgd.FeedError) as raised:
        cgd.get("https://example.invalid/", opener=opener)
    assert raised.value.kind == cgd.MALFORMED
