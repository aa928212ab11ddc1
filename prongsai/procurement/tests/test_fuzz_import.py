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
