"""One record per purchase: messy multi-sheet files against an existing register."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.procurement import exports_files, services_import, services_register
from prongsai.procurement.models import Procurement

from .factories import thai_id
from .test_parsing import EGP_HEADER, SOR1_HEADER, egp_row

pytestmark = pytest.mark.django_db

TONGDEE = thai_id("010555012345")


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


def sor1_sheet(month: str, *rows, header=SOR1_HEADER, footer=True):
    """A สขร.1 as LAOs send it: title lines, merged contract header, rows,
    a totals row, notes and a two-column signature block."""
    lines = [
        ["แบบ สขร.1"],
        [f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน {month}"],
        ["องค์การบริหารส่วนตำบลทดสอบ"],
        header,
        [None] * (len(header) - 2) + ["เลขที่", "วันที่"],
        *rows,
    ]
    if footer:
        lines += [
            [None] * len(header),
            [None, "รวม", "32,000.00"],
            ["หมายเหตุ ข้อมูลจากทะเบียนคุมสัญญา"],
            [
                None,
                "(ลงชื่อ).........................ผู้รายงาน",
                None,
                None,
                None,
                "(ลงชื่อ).........................หัวหน้าเจ้าหน้าที่",
            ],
            [None, "(นางสาวสมศรี ใจดี)", None, None, None, "(นายสมชาย รักงาน)"],
            [None, "ตำแหน่ง เจ้าพนักงานพัสดุ", None, None, None, "ตำแหน่ง ผู้อำนวยการกองคลัง"],
        ]
    return lines


def sor1_row(seq, title, amount, supplier, date, method="เฉพาะเจาะจง", number="1/2568"):
    return [
        seq,
        title,
        amount,
        "-",
        method,
        f"{supplier} {amount}",
        f"{supplier} ราคา {amount} บาท",
        "ราคาต่ำสุด",
        number,
        date,
    ]


def workbook(sheets: dict) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def preview(organization, name, content):
    return services_import.import_preview(
        actor=None, organization=organization, filename=name, content=content
    )


def commit(batch):
    return services_import.import_commit(actor=None, batch=batch)


def _budget(row, amount):
    row = list(row)
    row[2] = amount
    return row


JANUARY = [
    sor1_row("1", "จัดซื้อวัสดุสำนักงาน", "12,000.00", "ร้านสมหวังการค้า", "10 ม.ค. 68"),
    sor1_row(
        "2", "จ้างซ่อมรถบรรทุกขยะ", "20,000.00", "อู่ช่างแดง", "15 ม.ค. 68", number="2/2568"
    ),
    # the e-GP purchase, as the สขร.1 writes it (no e-GP number, other spelling)
    _budget(
        sor1_row(
            "3",
            "ก่อสร้างถนน คสล. หมู่ที่ 3",
            "1,290,000.00",
            "หจก.ทองดี",
            "27 ม.ค. 68",
            method="e-bidding",
            number="3/2568",
        ),
        "1,500,000.00",
    ),
]
FEBRUARY = [
    sor1_row(
        "1",
        "จัดซื้อน้ำมันเชื้อเพลิง",
        "8,500.00",
        "สหกรณ์การเกษตร",
        "3 ก.พ. 68",
        number="4/2568",
    ),
    sor1_row(
        "2",
        "จ้างเหมาทำความสะอาดสำนักงาน",
        "9,000.00",
        "นางสาวมาลี ขยัน",
        "20 ก.พ. 68",
        number="5/2568",
    ),
]


def _two_months() -> bytes:
    return workbook(
        {
            "ม.ค. 68": sor1_sheet("มกราคม 2568", *JANUARY),
            "ก.พ. 68": sor1_sheet("กุมภาพันธ์ 2568", *FEBRUARY),
            "Sheet3": [],
            "คำอธิบาย": [["วิธีกรอกแบบฟอร์ม"], ["กรอกทุกช่อง"]],
        }
    )


def _egp_record(organization):
    content = _csv([EGP_HEADER, egp_row(**{"ชื่อผู้ชนะ": "ห้างหุ้นส่วนจำกัด ทองดี"})])
    commit(preview(organization, "cgd-2568.csv", content))
    return Procurement.objects.get()


def test_two_month_workbook_with_footers_merges_the_e_gp_purchase(organization):
    egp = _egp_record(organization)
    batch = preview(organization, "sor1-2568.xlsx", _two_months())
    assert batch.error_count == 0, list(
        batch.import_problems.values_list("message", flat=True)
    )
    sheets = {sheet["name"]: sheet for sheet in batch.result["sheets"]}
    assert list(sheets) == ["ม.ค. 68", "ก.พ. 68", "Sheet3", "คำอธิบาย"]
    assert sheets["ม.ค. 68"]["rows"] == 3
    assert sheets["ก.พ. 68"]["rows"] == 2
    skipped = {s["reason"]: s["count"] for s in sheets["ม.ค. 68"]["skipped"]}
    assert skipped == {"total": 1, "note": 1, "signature": 3}
    assert sheets["Sheet3"]["note"] == "empty"
    assert sheets["คำอธิบาย"]["note"] == "no_header"
    assert sheets["ม.ค. 68"]["plan"] == {
        "create": 2,
        "merge": 1,
        "uncertain": 0,
        "conflict": 0,
    }
    assert batch.result["plan"]["create"] == 4
    merged = batch.import_rows.get(action="merge")
    assert merged.target_id == egp.pk
    outcome = commit(batch)
    assert outcome == {"created": 4, "updated": 1, "unchanged": 0}
    assert Procurement.objects.count() == 5  # 1 from e-GP + 4 new, no duplicate
    egp.refresh_from_db()
    assert egp.contract_number == "3/2568"  # filled from the สขร.1
    assert egp.egp_project_number == "68019205582"  # kept
    assert egp.sources["contract_number"]["source"] == "sor1-2568.xlsx"
    assert egp.sources["egp_project_number"]["source"] == "cgd-2568.csv"
    audit = AuditEvent.objects.get(action="procurement.merge")
    assert audit.changes["source"] == "sor1-2568.xlsx"
    # the same workbook again changes nothing
    again = preview(organization, "sor1-2568.xlsx", _two_months())
    assert again.result["plan"]["merge"] == 5
    assert commit(again) == {"created": 0, "updated": 0, "unchanged": 5}
    assert Procurement.objects.count() == 5


def test_reimport_with_fewer_columns_loses_nothing(organization):
    first = sor1_sheet(
        "มกราคม 2568",
        sor1_row(
            "1",
            "จัดซื้อวัสดุสำนักงาน",
            "12,000.00",
            "ร้านสมหวังการค้า",
            "10 ม.ค. 68",
            method="เฉพาะเจาะจง มาตรา 56(2)(ข)",
        ),
    )
    first[5][3] = "12,500.00"  # ราคากลาง
    commit(preview(organization, "full.xlsx", workbook({"ม.ค.": first})))
    record = Procurement.objects.get()
    assert record.legal_ground == "มาตรา 56(2)(ข)"
    # The same month, from a shorter table: no ราคากลาง, reason or bidders.
    header = [
        "ลำดับที่",
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงินที่จะซื้อหรือจ้าง",
        "วิธีซื้อหรือจ้าง",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
        None,
    ]
    row = [
        "1",
        "จัดซื้อวัสดุสำนักงาน",
        "12,000",
        "เฉพาะเจาะจง",
        "ร้านสมหวังการค้า 12,000",
        "1/2568",
        "10 ม.ค. 68",
    ]
    short = sor1_sheet("มกราคม 2568", row, header=header, footer=False)
    batch = preview(organization, "short.xlsx", workbook({"ม.ค.": short}))
    assert batch.error_count == 0
    assert batch.result["plan"] == {
        "create": 0,
        "merge": 1,
        "uncertain": 0,
        "conflict": 0,
    }
    assert commit(batch) == {"created": 0, "updated": 0, "unchanged": 1}
    record.refresh_from_db()
    assert record.legal_ground == "มาตรา 56(2)(ข)"
    assert record.reference_price == Decimal("12500.00")
    assert record.selection_reason == "ราคาต่ำสุด"
    assert record.bids.count() == 1


@pytest.mark.parametrize("choice", ["existing", "incoming"])
def test_a_conflicting_amount_is_shown_and_settled(organization, choice):
    _egp_record(organization)
    row = sor1_row(
        "1",
        "ก่อสร้างถนน คสล. หมู่ที่ 3",
        "1,290,000.00",
        "หจก.ทองดี",
        "27 ม.ค. 68",
        method="e-bidding",
    )
    row[2] = "1,550,000.00"  # the budget differs from e-GP's 1,500,000
    batch = preview(
        organization, "sor1.xlsx", workbook({"ม.ค.": sor1_sheet("มกราคม 2568", row)})
    )
    assert batch.result["plan"]["conflict"] == 1
    import_row = batch.import_rows.get()
    assert import_row.plan["conflicts"] == {
        "budget_amount": ["1500000.00", "1550000.00"]
    }
    services_register.import_decide(
        actor=None,
        batch=batch,
        decisions={
            import_row.pk: {"action": "merge", "fields": {"budget_amount": choice}}
        },
    )
    commit(batch)
    record = Procurement.objects.get()
    expected = "1550000.00" if choice == "incoming" else "1500000.00"
    assert str(record.budget_amount) == expected
    source = "sor1.xlsx" if choice == "incoming" else "cgd-2568.csv"
    assert record.sources["budget_amount"]["source"] == source
    audit = AuditEvent.objects.get(action="procurement.merge")
    assert audit.changes["conflicts"]["budget_amount"]["kept"] == choice


@pytest.mark.parametrize("choice", ["new", "merge"])
def test_an_uncertain_match_waits_for_the_officer(organization, choice):
    from .factories import ProcurementFactory

    hand = ProcurementFactory(
        organization=organization,
        title="จัดซื้อวัสดุสำนักงาน",
        procured_on=datetime.date(2025, 1, 12),
        fiscal_year=2568,
        budget_amount=Decimal("12000.00"),
    )  # entered by hand, without a supplier
    content = workbook({"ม.ค.": sor1_sheet("มกราคม 2568", JANUARY[0])})
    batch = preview(organization, "sor1.xlsx", content)
    import_row = batch.import_rows.get()
    assert import_row.action == "uncertain"
    assert import_row.plan["candidates"][0]["pk"] == hand.pk
    with pytest.raises(DomainError):
        commit(batch)
    decision = (
        {"action": "create"}
        if choice == "new"
        else {"action": "merge", "target": hand.pk}
    )
    services_register.import_decide(
        actor=None, batch=batch, decisions={import_row.pk: decision}
    )
    commit(batch)
    assert Procurement.objects.count() == (2 if choice == "new" else 1)
    if choice == "merge":
        hand.refresh_from_db()
        assert hand.supplier.name == "ร้านสมหวังการค้า"


def test_a_missing_column_is_reported_once_in_thai(organization):
    header = [h for h in SOR1_HEADER if h != "วิธีซื้อหรือจ้าง"]
    rows = [
        sor1_row("1", "ก", "1,000", "ร้าน ก", "10 ม.ค. 68"),
        sor1_row("2", "ข", "2,000", "ร้าน ข", "11 ม.ค. 68"),
    ]
    rows = [r[:4] + r[5:] for r in rows]
    batch = preview(
        organization,
        "s.xlsx",
        workbook({"ม.ค.": sor1_sheet("มกราคม 2568", *rows, header=header)}),
    )
    messages = list(batch.import_problems.values_list("message", flat=True))
    assert messages == ["ไม่พบคอลัมน์ วิธีซื้อหรือจ้าง"]


def test_all_problems_of_all_sheets_are_listed_at_once(organization):
    bad_january = sor1_row("1", "ก", "มาก", "ร้าน ก", "10 ม.ค. 68")
    bad_february = sor1_row("1", "ข", "1,000", "ร้าน ข", "31 ก.พ. 68")
    content = workbook(
        {
            "ม.ค.": sor1_sheet("มกราคม 2568", bad_january),
            "ก.พ.": sor1_sheet("กุมภาพันธ์ 2568", bad_february),
        }
    )
    batch = preview(organization, "s.xlsx", content)
    problems = list(
        batch.import_problems.filter(severity="error").values_list(
            "sheet", "row", "column"
        )
    )
    assert ("ม.ค.", 6, "วงเงินที่จะซื้อหรือจ้าง (บาท)") in problems
    assert any(sheet == "ก.พ." and row == 6 for sheet, row, _c in problems)
    with pytest.raises(DomainError):
        commit(batch)
    assert Procurement.objects.count() == 0


def test_sor1_xlsx_has_numbers_and_print_set_up(organization):
    from .factories import ProcurementFactory

    for amount in ("12000.00", "500.50"):
        ProcurementFactory(
            organization=organization,
            budget_amount=Decimal(amount),
            reference_price=None,
        )
    document = exports_files.build(
        organization=organization, fmt="sor1-xlsx", fiscal_year=2568, month=11
    )
    sheet = openpyxl.load_workbook(io.BytesIO(document.content)).active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "ลำดับที่")
    first, second = header + 1, header + 2
    assert sheet.cell(first, 1).value == 1 and sheet.cell(first, 1).data_type == "n"
    assert sheet.cell(second, 1).value == 2
    amounts = {sheet.cell(first, 3).value, sheet.cell(second, 3).value}
    assert amounts == {12000, 500.5}
    assert sheet.cell(first, 3).number_format == "#,##0.00"
    assert sheet.cell(first, 4).value == "-"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == str(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows.replace("$", "") == f"1:{header}"


def test_hand_entry_of_a_recorded_purchase_warns_and_asks(
    client, organization, officer
):
    from django.urls import reverse

    from .test_views import FORM

    _egp_record(organization)
    client.force_login(officer)
    url = reverse("procurement-staff:create", kwargs={"org": organization.slug})
    typed = {
        **FORM,
        "title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก ม.3",
        "procured_on": "25/01/2568",
        "budget_amount": "1500000",
        "agreed_price": "1290000",
        "supplier_name": "หจก.ทองดี",
        "method": "e_bidding",
    }
    response = client.post(url, typed, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    body = response.content.decode()
    record = Procurement.objects.get()
    assert "รายการนี้คล้ายกับ" in body
    detail = reverse(
        "procurement-staff:detail", kwargs={"org": organization.slug, "pk": record.pk}
    )
    assert detail in body
    assert Procurement.objects.count() == 1
    response = client.post(url, {**typed, "confirm_new": "on"})
    assert response.status_code == 302
    assert Procurement.objects.count() == 2
    created = Procurement.objects.exclude(pk=record.pk).get()
    assert created.sources["title"]["kind"] == "hand"
    page = client.get(
        reverse(
            "procurement-staff:detail",
            kwargs={"org": organization.slug, "pk": created.pk},
        ),
        HTTP_ACCEPT_LANGUAGE="th",
    )
    assert "บันทึกโดยเจ้าหน้าที่" in page.content.decode()
