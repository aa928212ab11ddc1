"""Fuzzing the ITA result and peer imports: never a server error, always Thai."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import CELL, FUZZ, HUGE, bad_files, csv_bytes
from prongsai.ita.models import ItaResult, PeerDataset
from prongsai.organizations.roles import Role

from .test_views import _member, _url, loaded  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

RESULT_HEADER = ["fiscal_year", *[f"i{n}" for n in range(1, 11)], "notes", "O1"]
PEER_HEADER = ["name", "code", "province", "kind", *[f"i{n}" for n in range(1, 11)]]
WHERE = ("แถว", "ไฟล์", "คอลัมน์")


def _thai(text: str) -> bool:
    return any("\u0e00" <= char <= "\u0e7f" for char in text)


@pytest.fixture
def browser(organization, loaded):  # noqa: F811
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(_member(organization, Role.ITA_COORDINATOR.value))
    return client


def _import_results(browser, organization, name, content):
    response = browser.post(
        _url("ita-staff:result-import", organization),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code < 500
    if response.status_code == 200:
        errors = response.context["errors"] or response.context["form"].errors["file"]
        for message in errors:
            assert _thai(message)
            assert any(word in message for word in WHERE), message
    return response


def _import_peers(browser, organization, name, content):
    response = browser.post(
        _url("ita-staff:peers", organization),
        {
            "name": "อปท. ในจังหวัด",
            "scope": PeerDataset.Scope.values[0],
            "fiscal_year": "2568",
            "source": "https://www.nacc.go.th/",
            "source_date": "1/10/2568",
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code < 500
    if response.status_code == 200:
        for message in response.context["form"].errors["file"]:
            assert _thai(message)
            assert any(word in message for word in WHERE), message
    return response


@FUZZ
@given(upload=bad_files(header=RESULT_HEADER))
def test_result_import_survives_hostile_files(browser, organization, upload):
    _import_results(browser, organization, *upload)


@FUZZ
@given(cells=st.lists(CELL, min_size=len(RESULT_HEADER), max_size=14))
def test_result_import_random_cells(browser, organization, cells):
    content = csv_bytes([["label"], RESULT_HEADER, ["2568", *cells[1:]]])
    _import_results(browser, organization, "r.csv", content)


@FUZZ
@given(upload=bad_files(header=PEER_HEADER))
def test_peer_import_survives_hostile_files(browser, organization, upload):
    _import_peers(browser, organization, *upload)


@FUZZ
@given(cells=st.lists(CELL, min_size=len(PEER_HEADER), max_size=16))
def test_peer_import_random_cells(browser, organization, cells):
    content = csv_bytes([PEER_HEADER, cells], "cp874")
    _import_peers(browser, organization, "p.csv", content)


def test_huge_score_and_nul_notes(browser, organization):
    row = ["2568", HUGE, *["80"] * 9, "หมาย\x00เหตุ", "100"]
    response = _import_results(
        browser, organization, "r.csv", csv_bytes([RESULT_HEADER, row])
    )
    assert "แถว 2 คอลัมน์ B (ตัวชี้วัดที่ 1)" in response.context["errors"][0]
    row[1] = "80"
    _import_results(browser, organization, "r.csv", csv_bytes([RESULT_HEADER, row]))
    assert ItaResult.objects.get().notes == "หมายเหตุ"


def test_peer_names_are_cut_and_cleaned(browser, organization):
    row = ["อบต.\x00ก" + "ข" * 400, "1" * 40, "ขอนแก่น", "อบต.", *["80"] * 10]
    response = _import_peers(
        browser, organization, "p.csv", csv_bytes([PEER_HEADER, row])
    )
    assert response.status_code == 302
    peer = PeerDataset.objects.get().rows.get()
    assert peer.name.startswith("อบต.กข") and len(peer.name) <= 255


@pytest.mark.parametrize("year", ["abc", HUGE, "-1", "1e3"])
def test_result_form_and_template_take_any_year(browser, organization, year):
    new = browser.get(
        _url("ita-staff:result-create", organization), {"fiscal_year": year}
    )
    assert new.status_code == 200
    posted = browser.post(
        _url("ita-staff:result-create", organization), {"fiscal_year": year}
    )
    assert posted.status_code == 200
    template = browser.get(
        _url("ita-staff:result-template-csv", organization), {"fiscal_year": year}
    )
    assert template.status_code == 404
