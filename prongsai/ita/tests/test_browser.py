"""The coordinator's path in a real browser, from a result file to a public report."""

import io
import re

import pytest
from openpyxl import load_workbook

from prongsai.conftest import browser_login
from prongsai.ita.tests.examples import BANDONG_2568

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(ita_coordinator):
    return ita_coordinator


def _fill(template: bytes, values) -> bytes:
    book = load_workbook(io.BytesIO(template))
    sheet = book.active
    keys = [cell.value for cell in sheet[2]]
    for column, key in enumerate(keys, start=1):
        if key and key.startswith("i") and key[1:].isdigit():
            sheet.cell(row=3, column=column, value=values[int(key[1:]) - 1])
        if key in ("O9", "O10", "O27"):
            sheet.cell(row=3, column=column, value=0)
        elif key and key.startswith("O") and key[1:].isdigit():
            sheet.cell(row=3, column=column, value=100)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_coordinator_imports_analyses_and_publishes_a_report(
    live_server, page_factory, coordinator, tmp_path
):
    page = page_factory()
    # PDFs take seconds on a busy machine: allow more than the default wait.
    page.set_default_timeout(90_000)
    browser_login(page, coordinator, live_server.url)
    page.goto(live_server.url + "/bandong/staff/ita/import/")
    page.get_by_label("แบบฟอร์มของปีงบประมาณ").select_option("2568")
    with page.expect_download() as download:
        page.get_by_role("button", name="ดาวน์โหลดแบบฟอร์ม XLSX").click()
    template = download.value.path().read_bytes()

    # A typo first: nothing is imported and the cell is named.
    bad = tmp_path / "ita-bad.xlsx"
    bad.write_bytes(_fill(template, ["9x", *BANDONG_2568[1:]]))
    page.get_by_label("ไฟล์ (XLSX หรือ CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    errors = page.locator("#import-errors")
    assert "แถว 3 คอลัมน์ B (ตัวชี้วัดที่ 1)" in errors.inner_text()

    good = tmp_path / "ita-2568.xlsx"
    good.write_bytes(_fill(template, BANDONG_2568))
    page.get_by_label("ไฟล์ (XLSX หรือ CSV)").set_input_files(str(good))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    page.wait_for_url(re.compile(r"/bandong/staff/ita/2568/$"))

    # The analysis: scores, charts, weaknesses with recommendations, what-if.
    assert page.locator("#total-score").inner_text() == "82.50"
    assert page.locator("#charts svg[role=img]").count() >= 2
    assert page.locator("#charts svg path").count() > 10
    weaknesses = page.locator("#weaknesses").inner_text()
    assert "ทะเบียนการยืม" in weaknesses
    first_missing = page.locator("#missing-item-table tbody tr").first.inner_text()
    assert "O27" in first_missing

    page.get_by_role("link", name="จัดทำรายงานการวิเคราะห์").click()
    page.get_by_label("ผู้จัดทำ", exact=True).fill("นางสาวศิริพร ใจซื่อ")
    page.get_by_label("ผู้อนุมัติ", exact=True).fill("นายสมศักดิ์ รักษ์ถิ่น")
    page.get_by_label("ตำแหน่งผู้อนุมัติ").fill("นายกองค์การบริหารส่วนตำบลบ้านดง")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    report_url = page.url
    # The PDF is a long document: its page shows the progress, then the link.
    page.locator("#download-pdf").click()
    with page.expect_download() as download:
        page.locator("#document-download").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    page.goto(report_url)
    page.locator("#publish").click()
    public_url = page.locator("#public-link").get_attribute("href")

    visitor = page_factory(width=390, height=844)
    visitor.set_default_timeout(90_000)
    visitor.goto(live_server.url + public_url)
    assert "รายงานการวิเคราะห์ผลการประเมินคุณธรรม" in visitor.locator("h1").inner_text()
    assert "ทะเบียนการยืม" in visitor.locator("#measures").inner_text()
    with visitor.expect_download() as download:
        visitor.locator("#public-pdf").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")


def test_published_report_stays_as_published_while_the_draft_changes(
    live_server, page_factory, coordinator
):
    """Publish, then edit the summary: the public page and PDF do not move."""
    from prongsai.ita.services import ita_result_record
    from prongsai.ita.services_analysis import analysis_report_save
    from prongsai.ita.tests.test_publication import PEOPLE, _pdf_text
    from prongsai.organizations.models import Organization

    organization = Organization.objects.get(slug="bandong")
    ita_result_record(
        actor=coordinator,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    analysis_report_save(
        actor=coordinator,
        organization=organization,
        fiscal_year=2568,
        summary="สรุปที่ผู้บริหารอนุมัติแล้ว",
        **PEOPLE,
    )
    page = page_factory()
    page.set_default_timeout(90_000)
    browser_login(page, coordinator, live_server.url)
    page.goto(live_server.url + "/bandong/staff/ita/2568/report/")
    page.locator("#publish").click()
    page.wait_for_selector("#public-link")
    public_url = live_server.url + page.locator("#public-link").get_attribute("href")

    visitor = page_factory(width=390, height=844)
    visitor.set_default_timeout(90_000)
    visitor.goto(public_url)
    with visitor.expect_download() as download:
        visitor.locator("#public-pdf").click()
    published_pdf = download.value.path().read_bytes()
    assert "สรุปที่ผู้บริหารอนุมัติแล้ว" in _pdf_text(published_pdf)

    # The coordinator edits the summary after publishing.
    page.locator("#id_summary").fill("ร่างใหม่ที่ยังไม่ได้อนุมัติ")
    page.get_by_role("button", name="บันทึกรายงาน").click()
    page.wait_for_selector("#unpublished-changes")
    assert "มีการแก้ไขที่ยังไม่ได้เผยแพร่" in page.locator("#report-status").inner_text()
    page.locator("#preview-draft").click()
    assert "ร่างใหม่ที่ยังไม่ได้อนุมัติ" in page.locator("#summary").inner_text()

    # The public still sees, and downloads, what was published.
    visitor.goto(public_url)
    assert visitor.locator("#summary").inner_text() == "สรุปที่ผู้บริหารอนุมัติแล้ว"
    assert "ร่างใหม่" not in visitor.content()
    assert "ศิริพร" in visitor.locator("#published-by").inner_text()
    with visitor.expect_download() as download:
        visitor.locator("#public-pdf").click()
    assert download.value.path().read_bytes() == published_pdf
