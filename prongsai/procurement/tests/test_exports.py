import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.procurement import (
    exports,
    exports_annual,
    exports_files,
    services,
    services_year,
)

from .factories import ProcurementFactory, thai_id

pytestmark = pytest.mark.django_db

PERSON = thai_id("340010001234")


@pytest.fixture
def year(organization):
    services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 5),
        title="จัดซื้อวัสดุสำนักงาน",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("12000"),
        reference_price=Decimal("12000"),
        supplier_name="ร้านสมหวังการค้า",
        supplier_tax_id=PERSON,
        agreed_price=Decimal("11500"),
        contract_number="12/2568",
        contract_date=datetime.date(2024, 11, 5),
        bids=[{"name": "ร้านสมหวังการค้า", "tax_id": PERSON, "price": "11500"}],
    )
    for amount in ("90000", "650000"):
        ProcurementFactory(
            organization=organization,
            budget_category="investment",
            budget_amount=Decimal(amount),
            procured_on=datetime.date(2025, 1, 10),
            title=f"จัดซื้อครุภัณฑ์ {amount}",
        )
    services_year.no_procurement_month_declare(
        actor=None, organization=organization, month=datetime.date(2025, 4, 1)
    )
    return 2568


def test_sor1_xlsx_has_the_official_columns(organization, year):
    document = exports_files.build(
        organization=organization, fmt="sor1-xlsx", fiscal_year=year, month=11
    )
    sheet = openpyxl.load_workbook(io.BytesIO(document.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_index = next(i for i, row in enumerate(values) if row[0] == "ลำดับที่")
    assert list(values[header_index]) == exports.SOR1_HEADERS
    row = values[header_index + 1]
    assert row[1] == "จัดซื้อวัสดุสำนักงาน"
    assert row[5] == "ร้านสมหวังการค้า 11,500.00"
    assert row[8] == "เลขที่ 12/2568 ลว. 5 พ.ย. 2567"
    assert any("แบบ สขร.1" in str(r[0]) for r in values[:header_index])


def test_sor1_for_a_month_without_procurement(organization, year):
    document = exports_files.build(
        organization=organization, fmt="sor1-xlsx", fiscal_year=year, month=4
    )
    sheet = openpyxl.load_workbook(io.BytesIO(document.content)).active
    texts = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "ไม่มีการจัดซื้อจัดจ้าง" in texts
    pdf = exports_files.build(
        organization=organization, fmt="sor1-pdf", fiscal_year=year, month=4
    )
    assert pdf.content.startswith(b"%PDF")
    assert pdf.filename == f"sor1-{organization.slug}-2568-04.pdf"


def test_ita_table_puts_investment_first_and_dashes_empty_cells(organization, year):
    document = exports_files.build(
        organization=organization, fmt="ita-csv", fiscal_year=year
    )
    assert document.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.content.decode("utf-8-sig"))))
    assert rows[0] == exports.ITA_HEADERS
    titles = [row[7] for row in rows[1:]]
    assert titles == ["จัดซื้อครุภัณฑ์ 650000", "จัดซื้อครุภัณฑ์ 90000", "จัดซื้อวัสดุสำนักงาน"]
    assert all(cell != "" for row in rows[1:] for cell in row)
    assert rows[1][13] == "-"  # no agreed price yet
    # A natural person's tax ID is masked.
    assert rows[3][15] == PERSON[:9] + "xxxx"
    xlsx = exports_files.build(
        organization=organization, fmt="ita-xlsx", fiscal_year=year
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["ที่", "ปีงบประมาณ", "ชื่อหน่วยงาน"]


def test_ita_order_fills_up_to_100_rows():
    investment = [
        ProcurementFactory.build(
            pk=i, budget_category="investment", budget_amount=Decimal(i)
        )
        for i in range(1, 4)
    ]
    others = [
        ProcurementFactory.build(pk=100 + i, budget_amount=Decimal(i))
        for i in range(1, 120)
    ]
    ordered = exports.ita_order(others + investment)
    assert len(ordered) == 100
    assert [p.pk for p in ordered[:3]] == [3, 2, 1]
    assert ordered[3].budget_amount == Decimal(119)


def test_annual_analysis_counts_and_savings(organization, year):
    from prongsai.procurement.selectors import year_procurements

    analysis = exports_annual.annual_analysis(
        list(year_procurements(organization=organization, fiscal_year=year)), year
    )
    assert analysis["total"].count == 3
    assert analysis["total"].savings == Decimal("500")
    assert analysis["specific_share_count"] == Decimal("100.00")
    assert [line.count for line in analysis["by_month"]][1] == 1  # November
    assert len(analysis["by_month"]) == 12


def test_annual_report_pdf_and_docx(organization, year):
    import docx

    services_year.report_note_save(
        actor=None,
        organization=organization,
        fiscal_year=year,
        problems="ผู้ประกอบการในพื้นที่มีน้อย",
        proposals="ประชาสัมพันธ์ให้ลงทะเบียน e-GP",
    )
    pdf = exports_files.build(
        organization=organization, fmt="annual-pdf", fiscal_year=year
    )
    assert pdf.content.startswith(b"%PDF")
    document = exports_files.build(
        organization=organization, fmt="annual-docx", fiscal_year=year
    )
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(document.content)).paragraphs
    ).replace("\u00a0", " ")  # dates and years are glued with no-break spaces
    assert "ผู้ประกอบการในพื้นที่มีน้อย" in text
    assert "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2568" in text


def _export_command(organization, out, fmt: str, **options) -> None:
    call_command(
        "procurement_export",
        "--org",
        organization.slug,
        "--fiscal-year",
        "2568",
        "--format",
        fmt,
        "--output",
        str(out),
        **options,
    )


def test_export_command(organization, year, tmp_path):
    out = tmp_path / "ita.csv"
    _export_command(organization, out, "ita-csv", stdout=io.StringIO())
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(CommandError):
        _export_command(organization, out, "sor1-pdf")


def test_register_csv_matches_the_dataset_rows(organization, year):
    from prongsai.procurement.selectors import (
        PROCUREMENT_DATASET_FIELDS,
        procurement_dataset_rows,
    )

    document = exports_files.build(
        organization=organization, fmt="register-csv", fiscal_year=year
    )
    rows = list(csv.reader(io.StringIO(document.content.decode("utf-8-sig"))))
    assert rows[0] == [title for _k, title, _t in PROCUREMENT_DATASET_FIELDS]
    dataset = list(
        procurement_dataset_rows(organization=organization, fiscal_year=year)
    )
    assert len(rows) - 1 == len(dataset) == 3
    keys = [k for k, _title, _t in PROCUREMENT_DATASET_FIELDS]
    by_id = {str(d["id"]): d for d in dataset}
    for row in rows[1:]:
        expected = by_id[row[0]]
        assert row[keys.index("title")] == expected["title"]
        assert row[keys.index("supplier_tax_id")] == expected["supplier_tax_id"]
        assert row[keys.index("status")] == expected["status"]
        assert row[keys.index("number_of_bidders")] == str(
            expected["number_of_bidders"]
        )
    assert PERSON not in document.content.decode("utf-8-sig")
    assert PERSON[:9] + "xxxx" in document.content.decode("utf-8-sig")


def test_register_csv_guards_formulas(organization, year):
    ProcurementFactory(
        organization=organization,
        procured_on=datetime.date(2025, 2, 1),
        title="=cmd|' /C calc'!A0",
    )
    document = exports_files.build(
        organization=organization, fmt="register-csv", fiscal_year=year
    )
    assert document.content.startswith(b"\xef\xbb\xbf")
    assert document.content.count(b"\xef\xbb\xbf") == 1
    assert "'=cmd|' /C calc'!A0" in document.content.decode("utf-8-sig")


def test_ita_csv_guards_formulas_and_shows_buddhist_era_dates(organization, year):
    ProcurementFactory(
        organization=organization,
        budget_category="investment",
        procured_on=datetime.date(2025, 2, 1),
        title="@SUM(1+1)",
    )
    document = exports_files.build(
        organization=organization, fmt="ita-csv", fiscal_year=year
    )
    text = document.content.decode("utf-8-sig")
    assert document.content.startswith(b"\xef\xbb\xbf")
    assert "'@SUM(1+1)" in text
    assert "05/11/2567" in text  # contract date 2024-11-05 for people
    assert "2024-11-05" not in text


def test_dataset_interface(organization, year):
    from prongsai.procurement import selectors

    types = {t for _k, _title, t in selectors.PROCUREMENT_DATASET_FIELDS}
    assert types <= {"text", "integer", "number", "date"}
    assert selectors.procurement_dataset_years(organization=organization) == [2568]
    assert selectors.procurement_last_modified(
        organization=organization, fiscal_year=2568
    )
    assert (
        selectors.procurement_last_modified(organization=organization, fiscal_year=2500)
        is None
    )
    rows = list(
        selectors.procurement_dataset_rows(organization=organization, fiscal_year=2568)
    )
    assert set(rows[0]) == {k for k, _title, _t in selectors.PROCUREMENT_DATASET_FIELDS}


@pytest.mark.postgres
def test_register_rows_come_through_a_server_side_cursor(
    organization, year, postgres_only
):
    """A plain cursor would pull the whole register into memory first."""
    from django.db import connection

    from prongsai.procurement.models import Procurement
    from prongsai.procurement.selectors import procurement_value_rows

    rows = procurement_value_rows(Procurement.objects.filter(organization=organization))
    assert next(rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%'"
        )
        assert cursor.fetchone()[0] == 1
    rows.close()
