"""Every kind of PDF the platform publishes reads back as the Thai it was written in.

Each document is rendered as its app renders it; the HTML handed to
WeasyPrint is kept, and every word of its text must be found in what
``pdftotext`` extracts (copy, search and screen readers read the same text
layer).  Before the PDF fonts gave SARA AM its own glyph
(:mod:`prongsai.core.pdf_fonts`), ``ประจำปี`` read back as ``ประจาปี`` or
``องค์การ`` as ``องค์กำร``.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from prongsai.plans.tests.conftest import coordinator, executive, owner  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None,
        reason="poppler-utils (pdftotext) is not installed; CI installs it",
    ),
]

ORGANIZATION = "องค์การบริหารส่วนตำบลบ้านดง"


def pdftotext(pdf: bytes, *args: str) -> str:
    executable = shutil.which("pdftotext")
    assert executable is not None
    return subprocess.run(  # noqa: S603 - fixed tool, our own arguments
        [executable, *args, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


class _TextOf(HTMLParser):
    """The text a reader sees: no <title>, <style> or <script>."""

    HIDDEN = frozenset({"title", "style", "script", "head"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def thai_words(html: str) -> list[str]:
    parser = _TextOf()
    parser.feed(html)
    words = " ".join(parser.parts).split()  # also splits at no-break spaces
    return [w for w in words if any("\u0e01" <= c <= "\u0e4f" for c in w)]


def assert_reads_back(pdf: bytes, html: str, *phrases: str) -> str:
    """Every Thai word of *html* (and each phrase) is in the PDF's text layer.

    With ``PRONGSAI_KEEP_PDFS=<dir>`` the PDFs are kept there, to look at.
    """
    assert pdf.startswith(b"%PDF")
    keep = os.environ.get("PRONGSAI_KEEP_PDFS")
    if keep:
        name = os.environ.get("PYTEST_CURRENT_TEST", "pdf").split("::")[-1]
        (Path(keep) / f"{name.split(' ')[0]}.pdf").write_bytes(pdf)
    # -raw keeps the drawing order: the lines of one table cell stay together.
    flat = "".join(pdftotext(pdf, "-raw").split())
    words = thai_words(html)
    assert words
    missing = sorted({w for w in words if w not in flat})
    assert not missing, f"not in the PDF text layer: {missing[:20]}"
    for phrase in phrases:
        assert "".join(phrase.split()) in flat, phrase
    return flat


@pytest.fixture
def rendered(monkeypatch):
    """The HTML of every document WeasyPrint prints during the test."""
    import weasyprint

    pages: list[str] = []
    real = weasyprint.HTML

    def keep(*args, **kwargs):
        pages.append(kwargs["string"])
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", keep)
    return pages


# ---------------------------------------------------------------------------
# The documents


@pytest.fixture
def procurement_year(organization):
    from prongsai.procurement import services
    from prongsai.procurement.tests.factories import thai_id

    person = thai_id("340010001234")

    services.procurement_create(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        procured_on=datetime.date(2024, 11, 5),
        title="จัดซื้อวัสดุสำนักงานประจำปี",
        procurement_type="purchase",
        method="specific",
        budget_category="operating",
        budget_amount=Decimal("12000"),
        reference_price=Decimal("12000"),
        supplier_name="ร้านสมหวังการค้า",
        supplier_tax_id=person,
        agreed_price=Decimal("11500"),
        contract_number="12/2568",
        contract_date=datetime.date(2024, 11, 5),
        bids=[{"name": "ร้านสมหวังการค้า", "tax_id": person, "price": "11500"}],
    )
    return 2568


def test_sor1(organization, procurement_year, rendered):
    from prongsai.procurement import exports_files

    document = exports_files.build(
        organization=organization, fmt="sor1-pdf", fiscal_year=2568, month=11
    )
    assert_reads_back(
        document.content, rendered[-1], ORGANIZATION, "จัดซื้อวัสดุสำนักงานประจำปี"
    )


def test_annual_procurement_report(organization, procurement_year, rendered):
    from prongsai.procurement import exports_files

    document = exports_files.build(
        organization=organization, fmt="annual-pdf", fiscal_year=2568
    )
    assert_reads_back(
        document.content,
        rendered[-1],
        ORGANIZATION,
        "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ",
    )


def test_complaint_statistics(organization, rendered):
    from prongsai.complaints import reports

    pdf = reports.statistics_pdf(organization=organization, fiscal_year=2569)
    assert_reads_back(pdf, rendered[-1], ORGANIZATION)


def test_eservice_statistics(organization, rendered):
    from prongsai.eservices.documents import statistics_response
    from prongsai.eservices.selectors import eservice_statistics_get

    report = eservice_statistics_get(organization=organization, fiscal_year=2569)
    response = statistics_response(organization, report, "pdf")
    assert_reads_back(response.content, rendered[-1], ORGANIZATION)


def test_eservice_manual(client, organization, rendered):
    from prongsai.eservices.tests.factories import ServiceFactory

    service = ServiceFactory(
        organization=organization,
        name="ขอรับเบี้ยยังชีพผู้สูงอายุประจำปี",
        responsible_unit="กองสวัสดิการสังคม สำนักงานปลัด",
        steps=["ยื่นคำขอ", "ตรวจสอบคุณสมบัติ", "แจ้งผลการพิจารณา"],
    )
    response = client.get(service.get_absolute_url(), {"format": "pdf"})
    assert response.status_code == 200
    assert_reads_back(response.content, rendered[-1], "ขอรับเบี้ยยังชีพผู้สูงอายุประจำปี")


def test_ita_analysis_report(organization, rendered, tmp_path):
    from django.core.management import call_command

    from prongsai.ita.services import (
        framework_load_files,
        ita_result_record,
        recommendation_rules_load,
    )
    from prongsai.ita.tests.examples import BANDONG_2568

    framework_load_files()
    recommendation_rules_load()
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    out = tmp_path / "report.pdf"
    call_command(
        "ita_report",
        org=organization.slug,
        fiscal_year="2568",
        format="pdf",
        output=str(out),
    )
    flat = assert_reads_back(out.read_bytes(), rendered[-1], ORGANIZATION)
    assert "ประจำปี" in flat or "ปีงบประมาณ" in flat


def test_plan_report(client, organization, coordinator, executive, owner, rendered):  # noqa: F811
    from prongsai.plans import services, services_measures
    from prongsai.plans.models import Plan

    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=2569,
        kind=Plan.Kind.INTEGRITY,
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2569",
    )
    services_measures.measure_create(
        actor=coordinator.user,
        plan=plan,
        data={
            "title": "จัดทำทะเบียนการยืมพัสดุและคำสั่งแต่งตั้ง",
            "responsible_unit": "กองคลัง",
            "owner": owner,
            "budget": Decimal("12000"),
            "kpi_name": "ทะเบียนเผยแพร่ทุกเดือน",
            "kpi_unit": "เดือน",
            "kpi_baseline": Decimal(0),
            "kpi_target": Decimal(12),
        },
    )
    services.plan_submit(actor=coordinator.user, plan=plan)
    services.plan_approve(actor=executive.user, plan=plan)
    client.force_login(coordinator.user)
    response = client.get(
        reverse(
            "plans-staff:plan-report", kwargs={"org": organization.slug, "pk": plan.pk}
        ),
        {"period": "year", "format": "pdf"},
    )
    assert response.status_code == 200
    assert_reads_back(
        response.content,
        rendered[-1],
        ORGANIZATION,
        "ประจำปีงบประมาณ",
        "จัดทำทะเบียนการยืมพัสดุและคำสั่งแต่งตั้ง",
    )


def test_risk_report(client, organization, coordinator, rendered):  # noqa: F811
    from prongsai.risks.models import Risk
    from prongsai.risks.tests.factories import add_risk, assessment_of

    assessment = assessment_of(organization, coordinator)
    add_risk(
        assessment,
        coordinator,
        Risk.Process.PROCUREMENT,
        "กำหนดคุณลักษณะเฉพาะเอื้อประโยชน์แก่ผู้ค้ารายใดรายหนึ่ง",
        4,
        4,
    )
    client.force_login(coordinator.user)
    response = client.get(
        reverse(
            "risks-staff:risk-report",
            kwargs={"org": organization.slug, "pk": assessment.pk},
        ),
        {"format": "pdf"},
    )
    assert response.status_code == 200
    assert_reads_back(
        response.content,
        rendered[-1],
        ORGANIZATION,
        "กำหนดคุณลักษณะเฉพาะเอื้อประโยชน์แก่ผู้ค้ารายใดรายหนึ่ง",
    )


def test_a_text_with_every_sara_am_case_reads_back(rendered):
    from prongsai.core.documents import render_pdf

    text = "องค์การบริหารส่วนตำบลบ้านดง รายงานประจำปี น้ำ ค่ำ ป่ำ ฟ้ำ ป๊ำ ต๋ำ ทำ ตาม"
    pdf = render_pdf(
        "documents/example_pdf.html",
        {"title": text, "intro": text, "headers": ["ลำดับ"], "rows": [["ประจำ"]]},
    )
    flat = assert_reads_back(pdf, rendered[-1])
    assert "".join(text.split()) in flat


def test_conflict_of_interest_summary(organization, rendered):
    from prongsai.integrity.coi_documents import coi_summary_pdf
    from prongsai.integrity.selectors_coi import coi_summary_get

    summary = coi_summary_get(organization=organization, fiscal_year=2569)
    pdf = coi_summary_pdf(organization=organization, summary=summary)
    assert_reads_back(pdf, rendered[-1], "ปีงบประมาณ พ.ศ. 2569", "ผลประโยชน์ทับซ้อน")


def test_survey_summary_report(organization, rendered):
    from prongsai.surveys import reports
    from prongsai.surveys.models import Survey
    from prongsai.surveys.tests.factories import add_responses, make_survey

    survey = make_survey(organization, kind=Survey.Kind.EIT)
    add_responses(survey, 6)
    pdf = reports.report_pdf(reports.report_context(survey=survey))
    assert_reads_back(pdf, rendered[-1], ORGANIZATION, "คุณภาพการดำเนินงาน")


def test_executive_desk(client, organization, rendered):
    from prongsai.accounts.tests.factories import UserFactory
    from prongsai.complaints.tests.factories import CaseFactory
    from prongsai.organizations.roles import Role
    from prongsai.organizations.tests.factories import MembershipFactory

    CaseFactory(organization=organization)
    mayor = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.EXECUTIVE.value],
    )
    client.force_login(mayor.user)
    response = client.get(f"/{organization.slug}/staff/desk/desk.pdf")
    assert response.status_code == 200
    assert_reads_back(response.content, rendered[-1], "สรุปสถานการณ์สำหรับผู้บริหาร")
