"""ITA results: only what was published, as it was frozen."""

import pytest

from prongsai.ita.report import report_snapshot
from prongsai.ita.services import (
    framework_load_files,
    ita_result_record,
)
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.tests.examples import BANDONG_2568

pytestmark = pytest.mark.django_db


def _report(organization, summary):
    framework_load_files()
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    return analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary=summary,
        measures=[],
        prepared_by_name="นางสาวศิริพร ใจซื่อ",
        prepared_by_position="นักวิเคราะห์นโยบายและแผน",
        approver_name="นายสมศักดิ์ รักษ์ถิ่น",
        approver_position="นายก อบต.",
    )


def test_only_published_reports_appear(api_client, organization):
    report = _report(organization, "ฉบับร่าง")
    url = "/api/v1/bandong/ita/results"
    assert api_client.get(url).json() == []
    analysis_report_publish(
        actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.4"
    )
    body = api_client.get(url).json()
    assert [row["fiscal_year"] for row in body] == [2568]
    row = body[0]
    assert row["publication_number"] == 1
    assert row["score"]["total"]
    assert row["score"]["level_label"]
    assert {item["code"] for item in row["indicators"]} >= {"IIT", "EIT", "OIT"}
    assert row["url"] == "/bandong/ita/2568/"
    analysis_report_unpublish(actor=None, report=report)
    assert api_client.get(url).json() == []
