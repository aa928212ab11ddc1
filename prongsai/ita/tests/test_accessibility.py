"""axe-core finds no WCAG 2.1 A/AA violations on the ITA pages."""

import pytest

from prongsai.conftest import browser_login
from prongsai.core.tests.test_accessibility import _violations
from prongsai.ita.report import report_snapshot
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_analysis import analysis_report_publish, analysis_report_save
from prongsai.ita.tests.examples import BANDONG_2568

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(ita_coordinator):
    user = ita_coordinator
    organization = user.memberships.get().organization
    for year, values in ((2567, ["85"] * 8 + ["70", "60"]), (2568, BANDONG_2568)):
        ita_result_record(
            actor=None,
            organization=organization,
            fiscal_year=year,
            indicators=dict(zip(range(1, 11), values, strict=True)),
            item_results={f"O{n}": 0 if n in (9, 27) else 100 for n in range(1, 28)}
            if year == 2568
            else None,
        )
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        prepared_by_name="ผู้จัดทำ",
        approver_name="ผู้อนุมัติ",
        measures=[{"title": "ทะเบียนการยืม", "responsible_unit": "กองคลัง"}],
    )
    # A real snapshot; a stand-in PDF (rendering one takes seconds).
    analysis_report_publish(
        actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.7"
    )
    # An edit after publishing: the report page shows the unpublished changes.
    analysis_report_save(
        actor=None, organization=organization, fiscal_year=2568, summary="ร่างใหม่"
    )
    return user


@pytest.mark.parametrize(
    "path",
    [
        "/bandong/staff/ita/",
        "/bandong/staff/ita/2568/",
        "/bandong/staff/ita/2568/report/",
        "/bandong/staff/ita/2568/report/preview/",
        "/bandong/staff/ita/results/new/",
        "/bandong/staff/ita/import/",
        "/bandong/staff/ita/peers/",
    ],
)
def test_back_office_pages(live_server, page_factory, coordinator, path):
    page = page_factory(bypass_csp=True)
    browser_login(page, coordinator, live_server.url)
    page.goto(live_server.url + path)
    assert "/accounts/login/" not in page.url
    assert _violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/bandong/ita/", "/bandong/ita/2568/"])
def test_public_pages(live_server, page_factory, coordinator, path, width):
    page = page_factory(width=width, bypass_csp=True)
    page.goto(live_server.url + path)
    assert _violations(page) == []
