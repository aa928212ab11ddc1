"""Imports, peers, settings, rules and the analysis report, at the service level."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from openpyxl import load_workbook

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.core.publications import publication_list
from prongsai.ita.models import (
    AnalysisReport,
    ItaResult,
    PeerDataset,
    PeerResult,
    RecommendationRule,
)
from prongsai.ita.result_templates import result_template_csv, result_template_xlsx
from prongsai.ita.selectors import (
    access_published_report,
    framework_get,
    ita_analysis_get,
)
from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
    ita_settings_update,
    recommendation_rules_load,
)
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.services_import import ita_result_import
from prongsai.ita.services_peers import peer_dataset_import
from prongsai.ita.tests.examples import BANDONG_2568

pytestmark = pytest.mark.django_db

D = Decimal
INDICATORS = BANDONG_2568


@pytest.fixture
def loaded(db):
    framework_load_files()
    recommendation_rules_load()


def _record(organization, year=2568, values=INDICATORS, **kwargs):
    return ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=year,
        indicators=dict(zip(range(1, 11), values, strict=True)),
        **kwargs,
    )


def _filled_template(rows, fmt="xlsx"):
    """The downloadable template, filled in as a coordinator would."""
    framework = framework_get(fiscal_year=2568)
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(result_template_xlsx(framework).content))
        sheet = book.active
        keys = [c.value for c in sheet[2]]
        sheet.delete_rows(3, sheet.max_row)
        for row in rows:
            sheet.append([row.get(key, "") for key in keys])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "ita.xlsx"
    text = result_template_csv(framework).content.decode("utf-8-sig")
    header, keys, _example = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow(keys)
    for row in rows:
        writer.writerow([row.get(key, "") for key in keys])
    return out.getvalue().encode("utf-8-sig"), "ita.csv"


def _row(year, values=INDICATORS, **extra):
    return {
        "fiscal_year": year,
        **{f"i{n}": v for n, v in enumerate(values, 1)},
    } | extra


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_import_from_the_template_records_every_year(loaded, organization, fmt):
    content, name = _filled_template(
        [_row(2567), _row(2568, published_total="82.50", O9="0", O10="100")], fmt
    )
    outcome = ita_result_import(
        actor=None, organization=organization, content=content, filename=name
    )
    assert sorted(r.fiscal_year for r in outcome.results) == [2567, 2568]
    assert outcome.created_years == [2567, 2568]
    latest = ItaResult.objects.get(organization=organization, fiscal_year=2568)
    assert latest.i10 == D("75.00")
    assert latest.published_total == D("82.50")
    assert latest.item_results == {"O9": 0, "O10": 100}


def test_import_is_all_or_nothing_and_names_every_bad_cell(loaded, organization):
    bad = list(INDICATORS)
    bad[3] = "๘๒.๐๕๕"
    content, name = _filled_template(
        [_row(2567), _row(2568, bad, O9="50", published_iit="abc")]
    )
    with pytest.raises(ValidationError) as error:
        ita_result_import(
            actor=None, organization=organization, content=content, filename=name
        )
    messages = error.value.messages
    assert len(messages) == 3
    assert any("แถว 4 คอลัมน์ E (ตัวชี้วัดที่ 4)" in m for m in messages)
    assert any("(ข้อ O9): ต้องเป็น 0 หรือ 100" in m for m in messages)
    assert any("IIT ที่ประกาศ" in m for m in messages)
    assert not ItaResult.objects.filter(organization=organization).exists()


def test_import_of_a_year_without_framework_saves_nothing(loaded, organization):
    content, name = _filled_template([_row(2568), _row(2571)])
    with pytest.raises(ValidationError) as error:
        ita_result_import(
            actor=None, organization=organization, content=content, filename=name
        )
    assert error.value.messages[0].startswith("แถว 4 คอลัมน์ A:")
    assert not ItaResult.objects.exists()


def test_reimport_corrects_instead_of_duplicating(loaded, organization):
    content, name = _filled_template([_row(2568)])
    ita_result_import(
        actor=None, organization=organization, content=content, filename=name
    )
    changed = ["95.00", *INDICATORS[1:]]
    content, name = _filled_template([_row(2568, changed)])
    ita_result_import(
        actor=None, organization=organization, content=content, filename=name
    )
    assert ItaResult.objects.get(organization=organization).i1 == D("95.00")
    assert AuditEvent.objects.filter(action="ita_result.update").count() == 1


PEER_HEADER = "ชื่อหน่วยงาน,จังหวัด," + ",".join(f"ตัวชี้วัดที่ {n}" for n in range(1, 11))


def _peer_file(*rows):
    lines = [PEER_HEADER, *(f"{name},ขอนแก่น," + ",".join(v) for name, v in rows)]
    return "\n".join(lines).encode("utf-8-sig")


def _import_peers(organization, content):
    return peer_dataset_import(
        actor=None,
        organization=organization,
        name="ขอนแก่น",
        scope="province",
        fiscal_year=2568,
        content=content,
        filename="peers.csv",
        source="https://www.nacc.go.th/ita",
        source_date=datetime.date(2025, 10, 1),
    )


def test_peers_give_rank_percentile_and_averages(loaded, organization):
    _record(organization)
    content = _peer_file(
        ("อบต.ก", ["95"] * 10), ("อบต.ข", ["90"] * 10), ("อบต.ค", ["70"] * 10)
    )
    dataset = _import_peers(organization, content)
    assert dataset.row_count == 3
    assert PeerResult.objects.get(name="อบต.ข").total == D("90.00")
    analysis = ita_analysis_get(organization=organization, fiscal_year=2568)
    peers = analysis.peers
    assert (peers.count, peers.rank, peers.percentile) == (3, 3, D("33.33"))
    assert peers.averages[1] == D("85.00")
    assert analysis.indicators[0].peer_average == D("85.00")


def test_bad_peer_file_saves_nothing(loaded, organization):
    content = _peer_file(("อบต.ก", ["95"] * 10), ("อบต.ข", ["x"] + ["90"] * 9))
    with pytest.raises(ValidationError) as error:
        _import_peers(organization, content)
    assert "แถว 3 คอลัมน์ C (ตัวชี้วัดที่ 1)" in error.value.message_dict["file"][0]
    assert not PeerDataset.objects.exists()


def test_peer_import_checks_its_own_fields(loaded, organization):
    with pytest.raises(ValidationError) as error:
        peer_dataset_import(
            actor=None,
            organization=organization,
            name=" ",
            scope="planet",
            fiscal_year=2500,
            content=b"",
            filename="x.csv",
            source=" ",
            source_date=None,
        )
    assert set(error.value.message_dict) == {
        "name",
        "scope",
        "fiscal_year",
        "source",
        "source_date",
    }


def test_threshold_setting_changes_the_weaknesses(loaded, organization):
    _record(organization)
    before = ita_analysis_get(organization=organization, fiscal_year=2568)
    ita_settings_update(actor=None, organization=organization, weakness_threshold=90)
    after = ita_analysis_get(organization=organization, fiscal_year=2568)
    assert len(after.weak_indicators) > len(before.weak_indicators)
    with pytest.raises(ValidationError):
        ita_settings_update(
            actor=None, organization=organization, weakness_threshold=101
        )


def test_shipped_rules_recommend_the_field_rules_of_thumb(loaded, organization):
    _record(organization)
    analysis = ita_analysis_get(organization=organization, fiscal_year=2568)
    titles = {w.code: [r.title for r in w.recommendations] for w in analysis.urgent}
    assert "แต่งตั้งผู้ดูแลข้อมูล" in titles["OIT"][0]
    assert "ทะเบียนการยืม" in titles["4"][0]


def test_rules_reload_keeps_admin_edits_unless_updated(loaded):
    rule = RecommendationRule.objects.get(key="indicator-4")
    rule.title = "แก้โดยผู้ดูแลระบบ"
    rule.save()
    assert "indicator-4" in recommendation_rules_load()["kept"]
    rule.refresh_from_db()
    assert rule.title == "แก้โดยผู้ดูแลระบบ"
    recommendation_rules_load(update=True)
    rule.refresh_from_db()
    assert rule.title != "แก้โดยผู้ดูแลระบบ"


def test_rule_target_must_fit_its_scope():
    rule = RecommendationRule(key="x", scope="indicator", target="11", title="t")
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_report_needs_a_result_first(loaded, organization):
    with pytest.raises(DomainError):
        analysis_report_save(actor=None, organization=organization, fiscal_year=2568)


def test_report_keeps_measures_with_a_title_only(loaded, organization):
    _record(organization)
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="  สรุป ",
        measures=[
            {"title": "ทะเบียนการยืม", "responsible_unit": "กองคลัง", "steps": "1"},
            {"title": "", "responsible_unit": "ว่าง"},
        ],
    )
    assert report.summary == "สรุป"
    assert report.measures == [
        {
            "weakness": "",
            "title": "ทะเบียนการยืม",
            "responsible_unit": "กองคลัง",
            "steps": "1",
            "timeline": "",
        }
    ]
    assert AuditEvent.objects.filter(action="ita_report.create").exists()


def test_publishing_needs_names_and_gives_a_public_report(loaded, organization):
    _record(organization)
    report = analysis_report_save(
        actor=None, organization=organization, fiscal_year=2568
    )
    with pytest.raises(DomainError):
        analysis_report_publish(
            actor=None, report=report, snapshot={"a": 1}, pdf=b"%PDF-1.7"
        )
    with pytest.raises(Http404):
        access_published_report(organization=organization, fiscal_year=2568)
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        prepared_by_name="ผู้จัดทำ",
        approver_name="นายก",
    )
    analysis_report_publish(
        actor=None, report=report, snapshot={"a": 1}, pdf=b"%PDF-1.7 report"
    )
    published = access_published_report(organization=organization, fiscal_year=2568)
    assert published.status == AnalysisReport.Status.PUBLISHED
    [publication] = publication_list(published)
    assert publication.pdf.read() == b"%PDF-1.7 report"
    analysis_report_unpublish(actor=None, report=published)
    with pytest.raises(Http404):
        access_published_report(organization=organization, fiscal_year=2568)


def test_analysis_of_another_organisation_is_404(
    loaded, organization, other_organization
):
    _record(other_organization)
    with pytest.raises(Http404):
        ita_analysis_get(organization=organization, fiscal_year=2568)
