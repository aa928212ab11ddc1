"""Peer results from the tables agencies publish, with their source and date;
ranks only in a comparison group large enough to mean something."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from prongsai.core.models import AuditEvent
from prongsai.core.spreadsheets import find_header
from prongsai.ita.importing import parse_peers
from prongsai.ita.models import PeerDataset, PeerResult
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_peers import peer_dataset_import
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.ita.tests.test_views import _url, coordinator, loaded  # noqa: F401

D = Decimal
PUBLISHED_HEADER = [
    "ลำดับ",
    "ชื่อหน่วยงาน",
    "จังหวัด",
    "คะแนน IIT",
    "คะแนน EIT",
    "คะแนน OIT",
    "คะแนนรวม",
    "ระดับผลการประเมิน",
]
WITHHELD_12 = "กลุ่มเปรียบเทียบมี 12 หน่วยงาน น้อยกว่า 30 จึงไม่แสดงลำดับ"


def _published_rows(count, *, start=60):
    """A province's table as published: title, header, one row per LAO."""
    rows = [["ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2568 จังหวัดขอนแก่น"]]
    rows.append(PUBLISHED_HEADER)
    for n in range(count):
        total = D(start + n)
        rows.append(
            [n + 1, f"อบต.ที่{n + 1}", "ขอนแก่น", "90.00", "80.00", "70.00", total, "ผ่าน"]
        )
    return rows


def _csv(rows):
    lines = [",".join(str(c) for c in row) for row in rows]
    return "\n".join(lines).encode("utf-8-sig")


def test_a_published_table_with_tools_and_total_only():
    parsed = parse_peers(_published_rows(2))
    assert parsed.errors == []
    first = parsed.records[0]
    assert first["name"] == "อบต.ที่1"
    assert first["province"] == "ขอนแก่น"
    assert first["tools"] == {"iit": D("90.00"), "eit": D("80.00"), "oit": D("70.00")}
    assert first["total"] == D("60")
    assert first["indicators"] == {}


def test_a_header_under_a_merged_group_title_in_xlsx():
    book = Workbook()
    sheet = book.active
    sheet.append(["ชื่อหน่วยงาน", "จังหวัด", "คะแนน", None, None, None])
    sheet.append([None, None, "IIT", "EIT", "OIT", "รวม"])
    sheet.merge_cells("C1:F1")
    sheet.append(["เทศบาลตำบลก", "ขอนแก่น", 91, 85.5, 77, 83.25])
    out = io.BytesIO()
    book.save(out)
    from prongsai.ita.importing import read_table

    parsed = parse_peers(read_table(out.getvalue(), "peers.xlsx"))
    assert parsed.errors == []
    (record,) = parsed.records
    assert record["tools"]["eit"] == D("85.5")
    assert record["total"] == D("83.25")


def test_find_header_takes_one_or_two_rows():
    def key(value):
        return {"a": "a", "b": "b", "c": "c"}.get(str(value or "").lower())

    def accept(keys):
        return {"a", "c"} <= keys

    assert find_header([["x"], ["A", "C"], [1, 2]], key, accept=accept) == (
        2,
        ["a", "c"],
    )
    assert find_header([["A", "group"], [None, "C"], [1, 2]], key, accept=accept) == (
        2,
        ["a", "c"],
    )
    assert find_header([["A"], [1]], key, accept=accept) is None


def test_rows_need_a_total_or_a_way_to_compute_it():
    header = ["ชื่อหน่วยงาน", "คะแนน IIT", "คะแนน EIT", "คะแนน OIT", "คะแนนรวม"]
    parsed = parse_peers([header, ["อบต.ก", "90", "", "70", ""], ["อบต.ข", "x"]])
    assert parsed.errors == [
        "แถว 2: ไม่มีคะแนนรวม และไม่มีคะแนน IIT, EIT และ OIT หรือตัวชี้วัดทั้ง 10 ให้คำนวณ",
        "แถว 3 คอลัมน์ B (IIT): ต้องเป็นตัวเลข 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง (ได้รับ: x)",
    ]


def test_some_indicators_without_the_rest_are_refused():
    header = ["name", *[f"i{n}" for n in range(1, 11)]]
    parsed = parse_peers([header, ["อบต.ก", "80", "80", *[""] * 8]])
    assert parsed.errors == ["แถว 2: ต้องกรอกตัวชี้วัดครบทั้ง 10 หรือไม่กรอกเลย (กรอก 2 จาก 10)"]


def _import(organization, content, filename="peers.csv", **extra):
    arguments = {
        "actor": None,
        "organization": organization,
        "name": "อปท. ขอนแก่น",
        "scope": "province",
        "fiscal_year": 2568,
        "content": content,
        "filename": filename,
        "source": "https://www.nacc.go.th/ita/2568/khonkaen",
        "source_date": datetime.date(2025, 10, 1),
    }
    return peer_dataset_import(**(arguments | extra))


@pytest.mark.django_db
def test_import_keeps_the_published_figures_source_and_date(
    loaded,  # noqa: F811
    organization,
):
    dataset = _import(organization, _csv(_published_rows(3)))
    assert dataset.source == "https://www.nacc.go.th/ita/2568/khonkaen"
    assert dataset.source_date == datetime.date(2025, 10, 1)
    peer = PeerResult.objects.for_organization(organization).get(name="อบต.ที่2")
    assert (peer.iit, peer.eit, peer.oit, peer.total) == (
        D("90.00"),
        D("80.00"),
        D("70.00"),
        D("61.00"),
    )
    assert peer.i1 is None
    event = AuditEvent.objects.get(action="ita_peers.import")
    assert event.changes["source"] == dataset.source


@pytest.mark.django_db
def test_tools_without_a_total_give_the_weighted_total(loaded, organization):  # noqa: F811
    content = _csv([["ชื่อหน่วยงาน", "IIT", "EIT", "OIT"], ["อบต.ก", "90", "80", "70"]])
    _import(organization, content)
    peer = PeerResult.objects.for_organization(organization).get()
    # 0.30 * 90 + 0.30 * 80 + 0.40 * 70
    assert peer.total == D("79.00")


@pytest.mark.django_db
def test_indicators_give_the_tools_and_total(loaded, organization):  # noqa: F811
    header = ["ชื่อหน่วยงาน", *[f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]]
    content = _csv([header, ["อบต.ก", *["80"] * 8, "60", "70"]])
    _import(organization, content)
    peer = PeerResult.objects.for_organization(organization).get()
    assert (peer.iit, peer.eit, peer.oit) == (D("80.00"), D("80.00"), D("65.00"))
    assert peer.total == D("74.00")


@pytest.mark.django_db
def test_source_and_date_are_required(loaded, organization):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        _import(organization, _csv(_published_rows(2)), source="", source_date=None)
    assert set(error.value.message_dict) == {"source", "source_date"}
    assert not PeerDataset.objects.exists()


def _record_own_result(organization):
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )


@pytest.mark.django_db
def test_a_small_group_shows_no_rank(client, coordinator, loaded, organization):  # noqa: F811
    _record_own_result(organization)
    _import(organization, _csv(_published_rows(12)))
    client.force_login(coordinator)
    body = client.get(_url("ita-staff:peers", organization)).content.decode()
    assert WITHHELD_12 in body
    assert "อันดับที่" not in body
    analysis = client.get(_url("ita-staff:analysis", organization, fiscal_year=2568))
    text = analysis.content.decode()
    assert WITHHELD_12 in text
    assert "อันดับที่" not in text


@pytest.mark.django_db
def test_a_group_of_thirty_shows_the_rank(client, coordinator, loaded, organization):  # noqa: F811
    _record_own_result(organization)
    _import(organization, _csv(_published_rows(30)))
    client.force_login(coordinator)
    body = client.get(_url("ita-staff:peers", organization)).content.decode()
    assert "อันดับที่" in body and "จาก 30" in body
    assert "จึงไม่แสดงลำดับ" not in body
    assert "https://www.nacc.go.th/ita/2568/khonkaen" in body
    assert "1 ตุลาคม 2568" in body


@pytest.mark.django_db
def test_the_page_imports_with_a_thai_date(client, coordinator, loaded, organization):  # noqa: F811
    client.force_login(coordinator)
    response = client.post(
        _url("ita-staff:peers", organization),
        {
            "name": "อปท. ขอนแก่น",
            "scope": "province",
            "fiscal_year": "2568",
            "source": "สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น",
            "source_date": "1 ต.ค. 68",
            "file": SimpleUploadedFile("peers.csv", _csv(_published_rows(3))),
        },
    )
    assert response.status_code == 302
    dataset = PeerDataset.objects.get()
    assert dataset.source_date == datetime.date(2025, 10, 1)
    assert dataset.source == "สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น"


@pytest.mark.django_db
def test_the_page_asks_for_the_source(client, coordinator, loaded, organization):  # noqa: F811
    client.force_login(coordinator)
    response = client.post(
        _url("ita-staff:peers", organization),
        {
            "name": "อปท. ขอนแก่น",
            "scope": "province",
            "fiscal_year": "2568",
            "file": SimpleUploadedFile("peers.csv", _csv(_published_rows(3))),
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"source", "source_date"}
    assert not PeerDataset.objects.exists()


def _report_texts(organization):
    import docx
    from django.template.loader import render_to_string

    from prongsai.ita.report import report_context, report_docx
    from prongsai.ita.services_analysis import analysis_report_save

    report = analysis_report_save(
        actor=None, organization=organization, fiscal_year=2568
    )
    context = report_context(report)
    html = render_to_string("ita/report_pdf.html", {**context, "images": {}})
    document = docx.Document(io.BytesIO(report_docx(context)))
    return html, "\n".join(p.text for p in document.paragraphs)


@pytest.mark.django_db
def test_the_report_withholds_the_rank_of_a_small_group(loaded, organization):  # noqa: F811
    _record_own_result(organization)
    _import(organization, _csv(_published_rows(12)))
    html, text = _report_texts(organization)
    for rendered in (html, text):
        assert WITHHELD_12 in rendered
        assert "อยู่ในอันดับ" not in rendered and "อันดับที่" not in rendered


@pytest.mark.django_db
def test_the_report_gives_the_rank_in_a_group_of_thirty(loaded, organization):  # noqa: F811
    _record_own_result(organization)
    _import(organization, _csv(_published_rows(30)))
    html, text = _report_texts(organization)
    for rendered in (html, text):
        assert "จึงไม่แสดงลำดับ" not in rendered
        assert "จำนวน 30 แห่ง อยู่ในอันดับที่" in rendered
