"""ITA back-office and public pages over HTTP: permissions, forms, downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.testing import fetch_document
from prongsai.ita.models import AnalysisReport, ItaResult
from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
    recommendation_rules_load,
)
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
VALUES = BANDONG_2568


@pytest.fixture
def loaded(db):
    framework_load_files()
    recommendation_rules_load()


def _member(organization, *roles):
    user = UserFactory(totp=True)
    MembershipFactory(organization=organization, user=user, roles=list(roles))
    return user


@pytest.fixture
def coordinator(organization):
    return _member(organization, Role.ITA_COORDINATOR.value)


@pytest.fixture
def result(loaded, organization):
    return ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), VALUES, strict=True)),
    )


def _url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def test_coordinator_sees_the_analysis_with_charts(client, coordinator, result):
    client.force_login(coordinator)
    response = client.get(
        _url("ita-staff:analysis", result.organization, fiscal_year=2568)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('role="img"') >= 2
    assert "ทะเบียนการยืม" in body  # the recommendation for indicator 4
    assert "ต้องปรับปรุง" in body


@pytest.mark.parametrize(
    ("role", "analysis", "edit"),
    [
        (Role.EXECUTIVE, 200, 403),
        (Role.DATA_OFFICER, 200, 403),
        (Role.STAFF, 403, 403),
        (Role.PROCUREMENT_OFFICER, 403, 403),
    ],
)
def test_who_may_read_and_who_may_change(client, result, role, analysis, edit):
    client.force_login(_member(result.organization, role.value))
    org = result.organization
    assert client.get(
        _url("ita-staff:analysis", org, fiscal_year=2568)
    ).status_code == (analysis)
    assert client.get(_url("ita-staff:result-create", org)).status_code == edit
    assert client.get(
        _url("ita-staff:report-edit", org, fiscal_year=2568)
    ).status_code == (edit)


def test_result_form_records_and_keeps_input_on_error(client, coordinator, loaded):
    organization = coordinator.memberships.first().organization
    client.force_login(coordinator)
    url = _url("ita-staff:result-create", organization)
    data = {"fiscal_year": 2568, **{f"i{n}": v for n, v in enumerate(VALUES, 1)}}
    bad = {**data, "i3": "123.456"}
    response = client.post(url, bad)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="92.40"' in body
    assert not ItaResult.objects.exists()
    response = client.post(url, {**data, "item_O9": "0"})
    assert response.status_code == 302
    saved = ItaResult.objects.get(organization=organization, fiscal_year=2568)
    assert saved.item_results == {"O9": 0}


def test_import_page_lists_every_problem(client, coordinator, loaded):
    organization = coordinator.memberships.first().organization
    client.force_login(coordinator)
    keys = ["fiscal_year", *[f"i{n}" for n in range(1, 11)]]
    content = "\n".join(
        ["label", ",".join(keys), ",".join(["2568", "x", *VALUES[1:]])]
    ).encode()
    response = client.post(
        _url("ita-staff:result-import", organization),
        {"file": SimpleUploadedFile("r.csv", content, "text/csv")},
    )
    assert response.status_code == 200
    assert "แถว 3 คอลัมน์ B (ตัวชี้วัดที่ 1)" in response.content.decode()
    assert not ItaResult.objects.exists()


def test_import_page_stays_small_for_a_file_wrong_everywhere(
    client, coordinator, loaded
):
    """20,000 rows with eleven problems each: the page lists the first 100."""
    organization = coordinator.memberships.first().organization
    client.force_login(coordinator)
    keys = ["fiscal_year", *[f"i{n}" for n in range(1, 11)]]
    bad = ",".join(["2568", *["x"] * 10])
    content = "\n".join(["label", ",".join(keys), *[bad] * 20_000]).encode()
    response = client.post(
        _url("ita-staff:result-import", organization),
        {"file": SimpleUploadedFile("r.csv", content, "text/csv")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 100 * 1024
    assert body.count("<li>แถว ") == 100
    # Ten bad scores per row, and every row after the first repeats the year.
    assert "และอีก 219,899 ปัญหา" in body
    assert not ItaResult.objects.exists()


def test_templates_download(client, coordinator, loaded):
    organization = coordinator.memberships.first().organization
    client.force_login(coordinator)
    xlsx = client.get(
        _url("ita-staff:result-template-xlsx", organization), {"fiscal_year": 2568}
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv = client.get(_url("ita-staff:result-template-csv", organization))
    assert csv.content.startswith(b"\xef\xbb\xbf")
    assert csv.content.count(b"\xef\xbb\xbf") == 1
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''ita-result-template-" in csv["Content-Disposition"]
    assert (
        client.get(
            _url("ita-staff:result-template-csv", organization), {"fiscal_year": "x"}
        ).status_code
        == 404
    )


def test_report_from_draft_to_public(client, coordinator, result):
    organization = result.organization
    client.force_login(coordinator)
    edit_url = _url("ita-staff:report-edit", organization, fiscal_year=2568)
    page = client.get(edit_url).content.decode()
    assert "จัดทำแนวปฏิบัติการยืมใช้ทรัพย์สินของราชการ" in page  # prefilled measure
    data = {
        "summary": "สรุปผล",
        "prepared_by_name": "นางสาวศิริพร ใจซื่อ",
        "prepared_by_position": "นักวิเคราะห์นโยบายและแผน",
        "approver_name": "นายสมศักดิ์ รักษ์ถิ่น",
        "approver_position": "นายก อบต.",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-0-title": "ทะเบียนการยืม",
        "measures-0-responsible_unit": "กองคลัง",
        "measures-0-steps": "จัดทำทะเบียน",
        "measures-0-timeline": "ไตรมาส 2",
    }
    assert client.post(edit_url, data).status_code == 302
    public_url = _url("ita-public:report", organization, fiscal_year=2568)
    assert client.get(public_url).status_code == 404
    pdf = fetch_document(
        client, _url("ita-staff:report-pdf", organization, fiscal_year=2568)
    )
    assert pdf.content.startswith(b"%PDF")
    docx = fetch_document(
        client, _url("ita-staff:report-docx", organization, fiscal_year=2568)
    )
    assert docx.content.startswith(b"PK")
    client.post(_url("ita-staff:report-publish", organization, fiscal_year=2568))
    assert AnalysisReport.objects.get().is_published
    client.logout()
    response = client.get(public_url)
    assert response.status_code == 200
    assert "ทะเบียนการยืม" in response.content.decode()
    pdf = client.get(_url("ita-public:report-pdf", organization, fiscal_year=2568))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    listing = client.get(_url("ita-public:list", organization)).content.decode()
    assert "2568" in listing


def test_command_writes_pdf_and_docx(result, tmp_path):
    from django.core.management import CommandError, call_command

    for fmt in ("pdf", "docx"):
        out = tmp_path / f"r.{fmt}"
        call_command(
            "ita_report",
            org=result.organization.slug,
            fiscal_year="2568",
            format=fmt,
            output=str(out),
        )
        assert out.read_bytes()[:4] in (b"%PDF", b"PK\x03\x04")
    with pytest.raises(CommandError, match="ยังไม่มีผลการประเมิน"):
        call_command(
            "ita_report",
            org=result.organization.slug,
            fiscal_year="2560",
            format="pdf",
            output=str(tmp_path / "x.pdf"),
        )
    with pytest.raises(CommandError, match="pdf หรือ docx"):
        call_command(
            "ita_report",
            org=result.organization.slug,
            fiscal_year="2568",
            format="odt",
            output=str(tmp_path / "x.odt"),
        )
