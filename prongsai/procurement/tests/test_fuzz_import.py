"""Fuzzing the procurement import: hostile files never cause a server error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import CELL, FUZZ, HUGE, bad_files, csv_bytes
from prongsai.procurement.models import ImportBatch

from .test_parsing import EGP_HEADER, egp_row
from .test_views import url

pytestmark = pytest.mark.django_db


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


@pytest.fixture
def browser(organization, officer):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(officer)
    return client


def _upload(browser, organization, name, content):
    response = browser.post(
        url("procurement-staff:import", organization),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code < 500
    return response


def _check_preview(browser, organization, response):
    """Every problem is in Thai and names its row; a clean file commits."""
    if response.status_code == 200:  # no table at all: the form says why
        (message,) = response.context["form"].errors["file"]
        assert _thai(message)
        return
    assert response.status_code == 302
    batch = ImportBatch.objects.order_by("-pk").first()
    problems = list(batch.import_problems.order_by("row", "pk"))
    for problem in problems:
        assert _thai(problem.message)
    page = browser.get(response["Location"])
    assert page.status_code == 200
    errors = [p for p in problems if p.severity == "error"]
    for problem in errors[:3]:
        if problem.row:
            assert f"แถวที่ {problem.row}" in page.content.decode()
    if not errors and batch.row_count:
        assert browser.post(response["Location"]).status_code < 500


@FUZZ
@given(upload=bad_files(header=EGP_HEADER))
def test_hostile_files_are_refused_in_thai(browser, organization, upload):
    name, content = upload
    response = _upload(browser, organization, name, content)
    _check_preview(browser, organization, response)


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(EGP_HEADER), CELL, min_size=1),
    encoding=st.sampled_from(["utf-8-sig", "cp874"]),
)
def test_random_cells_under_a_real_header(browser, organization, changes, encoding):
    row = egp_row(**changes)
    content = csv_bytes([EGP_HEADER, row], encoding)
    response = _upload(browser, organization, "egp.csv", content)
    _check_preview(browser, organization, response)


def test_a_huge_amount_names_the_cell(browser, organization):
    content = csv_bytes([EGP_HEADER, egp_row(**{"งบประมาณ(บาท)": HUGE})])
    response = _upload(browser, organization, "egp.csv", content)
    batch = ImportBatch.objects.get()
    (problem,) = batch.import_problems.filter(severity="error")
    assert problem.row == 2
    assert "มากเกินไป" in problem.message
    assert response.status_code == 302


def test_nul_bytes_never_reach_the_database(browser, organization):
    content = csv_bytes([EGP_HEADER, egp_row(**{"ชื่อโครงการ": "ถนน\x00ลูกรัง"})])
    _upload(browser, organization, "egp.csv", content)
    batch = ImportBatch.objects.get()
    assert batch.import_rows.get().data["title"] == "ถนนลูกรัง"


def test_a_long_bad_cell_is_quoted_short(browser, organization):
    content = csv_bytes([EGP_HEADER, egp_row(**{"ราคากลาง": "ก" * 30_000})])
    _upload(browser, organization, "egp.csv", content)
    (problem,) = ImportBatch.objects.get().import_problems.all()
    assert problem.row == 2
    assert "ก" * 60 + "…" in problem.message
    assert len(problem.message) < 200


# --- workbooks of several sheets; what the preview accepts, the commit accepts --

MESSY = {
    "title": st.sampled_from(
        ["จัดซื้อวัสดุสำนักงาน", "ก" * 600, "จ้างซ่อมถนน หมู่ที่ ๓", "", "รวม"]
    ),
    "amount": st.sampled_from(["12,000.-", "๕,๐๐๐ บาท", "-", "มาก", "1e9", 7500.5]),
    "method": st.sampled_from(
        ["เฉพาะเจาะจง", "e-bidding มาตรา 56(2)(ข)", "", "แลกเปลี่ยน", "ตกลงราคา"]
    ),
    "winner": st.sampled_from(
        ["ร้าน ก 11,500", "", "บริษัท ข จำกัด " + "ข" * 320 + " 5,000", "ร้าน ค"]
    ),
    "bids": st.sampled_from(["ร้าน ก 11,500 / ร้าน ก 11,600", "ร้าน ก 1,000", "", "-"]),
    "contract": st.sampled_from(["12/2568", "ใบสั่งซื้อเลขที่ 3/68 ลว. 5 ม.ค. 68", ""]),
    "date": st.sampled_from(["10 ม.ค. 68", "31 ก.พ. 68", "", "20 ก.พ. 68", "xx"]),
}


@st.composite
def messy_sor1_rows(draw):
    rows = []
    for number in range(draw(st.integers(1, 4))):
        rows.append(
            [
                str(number + 1),
                draw(MESSY["title"]),
                draw(MESSY["amount"]),
                "-",
                draw(MESSY["method"]),
                draw(MESSY["bids"]),
                draw(MESSY["winner"]),
                "ราคาต่ำสุด",
                draw(MESSY["contract"]),
                draw(MESSY["date"]),
            ]
        )
    return rows


def _messy_workbook(months):
    from .test_register_import import sor1_sheet, workbook

    names = ["มกราคม 2568", "กุมภาพันธ์ 2568", "มีนาคม 2568"]
    return workbook(
        {
            f"เดือน {i + 1}": sor1_sheet(names[i], *rows, footer=bool(i % 2))
            for i, rows in enumerate(months)
        }
    )


@FUZZ
@given(months=st.lists(messy_sor1_rows(), min_size=1, max_size=3))
def test_multi_sheet_workbooks_preview_in_thai(browser, organization, months):
    response = _upload(browser, organization, "sor1.xlsx", _messy_workbook(months))
    _check_preview(browser, organization, response)


@FUZZ
@given(months=st.lists(messy_sor1_rows(), min_size=1, max_size=3))
def test_every_row_the_preview_accepts_the_commit_accepts(organization, months):
    from django.db import transaction

    from prongsai.procurement import services_import

    with transaction.atomic():
        batch = services_import.import_preview(
            actor=None,
            organization=organization,
            filename="sor1.xlsx",
            content=_messy_workbook(months),
        )
        refused = set(
            batch.import_problems.filter(severity="error").values_list("sheet", "row")
        )
        sheets = [f"เดือน {i + 1}" for i in range(len(months))]
        kept = [
            [row for n, row in enumerate(rows, 6) if (sheets[i], n) not in refused]
            for i, rows in enumerate(months)
        ]
        transaction.set_rollback(True)
    if any(r == ("", 0) or r[1] == 0 for r in refused):
        return  # a file-level problem: no row was accepted
    batch = services_import.import_preview(
        actor=None,
        organization=organization,
        filename="accepted.xlsx",
        content=_messy_workbook(kept),
    )
    messages = list(
        batch.import_problems.filter(severity="error").values_list("message", flat=True)
    )
    assert batch.error_count == 0, messages
    for row in batch.import_rows.filter(action="uncertain"):
        from prongsai.procurement import services_register

        services_register.import_decide(
            actor=None, batch=batch, decisions={row.pk: {"action": "create"}}
        )
    services_import.import_commit(actor=None, batch=batch)  # never raises
