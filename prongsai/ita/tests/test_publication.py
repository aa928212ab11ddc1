"""A published ITA analysis report is a frozen snapshot, with official figures.

What the public page and the public PDF show is what the coordinator
published, whatever is edited afterwards; a difference between the NACC's
published figures and the computed ones is for the staff only; changes of
score read as words ("ลดลง 5.44"), never as a signed number.
"""

import hashlib
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from prongsai.core.errors import DomainError
from prongsai.core.publications import publication_list, publication_publish
from prongsai.ita.models import AnalysisReport
from prongsai.ita.report import (
    publication_context,
    report_context,
    report_docx,
    report_publication_files,
    report_snapshot,
)
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.tests.examples import BANDONG_2567, BANDONG_2568
from prongsai.ita.wording import change_text, total_change_sentence
from prongsai.organizations.models import Membership

pytestmark = pytest.mark.django_db

PEOPLE = {
    "prepared_by_name": "นางสาวศิริพร ใจซื่อ",
    "prepared_by_position": "นักวิเคราะห์นโยบายและแผน",
    "approver_name": "นายสมศักดิ์ รักษ์ถิ่น",
    "approver_position": "นายก อบต.",
}


def _indicators(values):
    return dict(zip(range(1, 11), values, strict=True))


def _record(organization, year=2568, values=BANDONG_2568, **kwargs):
    return ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=year,
        indicators=_indicators(values),
        **kwargs,
    )


def _report(organization, summary="สรุปฉบับเผยแพร่"):
    return analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary=summary,
        measures=[{"title": "ทะเบียนการยืม", "responsible_unit": "กองคลัง"}],
        **PEOPLE,
    )


def _publish(report, actor=None):
    snapshot, pdf = report_publication_files(report)
    return analysis_report_publish(
        actor=actor, report=report, snapshot=snapshot, pdf=pdf
    )


def _url(name, organization, **kwargs):
    return reverse(name, kwargs={"org": organization.slug, **kwargs})


def _pdf_text(content: bytes, _tmp_path=None) -> str:
    """The PDF's text without white space (cells wrap lines; see plans tests)."""
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return "".join(text.split()).replace("\u0e4d", "").replace("\u0e33", "\u0e32")


@pytest.fixture
def coordinator_org(ita_coordinator):
    membership = Membership.objects.get(user=ita_coordinator)
    membership.position = "นักวิเคราะห์นโยบายและแผนชำนาญการ"
    membership.save()
    return ita_coordinator, membership.organization


# --------------------------------------------------------------------------
# The wording of a change


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("-5.44"), "ลดลง 5.44"),
        (Decimal("3.10"), "เพิ่มขึ้น 3.10"),
        ("-0.01", "ลดลง 0.01"),
        (Decimal("0.00"), "เท่าเดิม"),
        (None, "–"),
        ("x", "–"),
    ],
)
def test_a_change_reads_as_words(value, text):
    with override("th"):
        assert change_text(value) == text


def test_the_sentence_on_the_total_says_which_way():
    with override("th"):
        down = total_change_sentence(2567, Decimal("-5.44"))
        same = total_change_sentence(2567, Decimal("0"))
    assert "ลดลง 5.44 คะแนน" in down
    assert "-5.44" not in down and "เปลี่ยนแปลง" not in down
    assert "เท่าเดิม" in same
    assert total_change_sentence(None, Decimal("1")) == ""


# --------------------------------------------------------------------------
# Publishing freezes a snapshot


def test_publishing_freezes_a_snapshot_with_its_pdf_and_publisher(coordinator_org):
    user, organization = coordinator_org
    _record(organization)
    report = _report(organization)
    publication = _publish(report, actor=user)
    assert publication.number == 1
    assert publication.published_by == user
    assert publication.published_by_name == user.display_name
    assert publication.published_by_position == "นักวิเคราะห์นโยบายและแผนชำนาญการ"
    content = publication.pdf.read()
    assert content.startswith(b"%PDF")
    assert publication.sha256 == hashlib.sha256(content).hexdigest()
    snapshot = publication.snapshot
    assert snapshot["report"]["summary"] == "สรุปฉบับเผยแพร่"
    assert snapshot["analysis"]["score"]["total"] == "82.50"
    assert snapshot["organization"]["name"] == organization.name
    report.refresh_from_db()
    assert report.is_published
    assert report.published_at == publication.published_at


def test_edits_after_publishing_stay_in_the_draft(coordinator_org, client, tmp_path):
    user, organization = coordinator_org
    _record(organization)
    report = _report(organization)
    publication = _publish(report, actor=user)
    published_pdf = publication.pdf.read()

    # After publishing: the summary and a score change.
    _report(organization, summary="ร่างที่ยังไม่เผยแพร่")
    _record(organization, values=["99.00", *BANDONG_2568[1:]])

    public = client.get(_url("ita-public:report", organization, fiscal_year=2568))
    body = public.content.decode()
    assert "สรุปฉบับเผยแพร่" in body
    assert "ร่างที่ยังไม่เผยแพร่" not in body
    assert "82.50" in body
    assert "99.00" not in body
    # When and by whom, in Buddhist-era years.
    published_by = body.split('id="published-by"')[1].split("</p>")[0]
    assert user.display_name in published_by
    assert "นักวิเคราะห์นโยบายและแผนชำนาญการ" in published_by
    assert str(publication.published_at.year + 543) in published_by
    assert publication.sha256 in body

    pdf = client.get(_url("ita-public:report-pdf", organization, fiscal_year=2568))
    assert b"".join(pdf.streaming_content) == published_pdf
    if shutil.which("pdftotext"):
        text = _pdf_text(published_pdf, tmp_path)
        assert "สรุปฉบับเผยแพร่" in text
        assert "ร่างที่ยังไม่เผยแพร่" not in text

    # The staff see that the draft differs, and can preview it.
    client.force_login(user)
    staff = client.get(_url("ita-staff:report-edit", organization, fiscal_year=2568))
    staff_body = staff.content.decode()
    assert "มีการแก้ไขที่ยังไม่ได้เผยแพร่" in staff_body
    assert 'id="publish"' in staff_body
    preview = client.get(
        _url("ita-staff:report-preview", organization, fiscal_year=2568)
    ).content.decode()
    assert "ร่างที่ยังไม่เผยแพร่" in preview
    assert 'id="draft-preview"' in preview


def test_an_unchanged_report_shows_no_unpublished_changes(coordinator_org, client):
    user, organization = coordinator_org
    _record(organization)
    _publish(_report(organization), actor=user)
    client.force_login(user)
    body = client.get(
        _url("ita-staff:report-edit", organization, fiscal_year=2568)
    ).content.decode()
    assert "มีการแก้ไขที่ยังไม่ได้เผยแพร่" not in body
    assert 'id="publish"' not in body
    with pytest.raises(DomainError, match="ไม่มีการแก้ไข"):
        _publish(AnalysisReport.objects.get(organization=organization))


def test_republishing_adds_a_version_and_keeps_the_history(coordinator_org, client):
    user, organization = coordinator_org
    _record(organization)
    first = _publish(_report(organization), actor=user)
    report = _report(organization, summary="ฉบับที่สอง")
    second = _publish(report, actor=user)
    assert (first.number, second.number) == (1, 2)
    assert len(publication_list(report)) == 2
    first.refresh_from_db()
    assert first.snapshot["report"]["summary"] == "สรุปฉบับเผยแพร่"

    body = client.get(
        _url("ita-public:report", organization, fiscal_year=2568)
    ).content.decode()
    assert "ฉบับที่สอง" in body and "สรุปฉบับเผยแพร่" not in body

    client.force_login(user)
    staff = client.get(
        _url("ita-staff:report-edit", organization, fiscal_year=2568)
    ).content.decode()
    history = staff.split('id="publication-history"')[1].split("<tbody>")[1]
    assert history.split("</tbody>")[0].count("<tr>") == 2
    old_pdf = client.get(
        _url("ita-staff:publication-pdf", organization, fiscal_year=2568, pk=first.pk)
    )
    assert b"".join(old_pdf.streaming_content) == first.pdf.open("rb").read()


def test_unpublishing_hides_the_report_and_keeps_its_publications(
    coordinator_org, client
):
    user, organization = coordinator_org
    _record(organization)
    report = _report(organization)
    publication = _publish(report, actor=user)
    analysis_report_unpublish(actor=user, report=report)
    assert (
        client.get(
            _url("ita-public:report", organization, fiscal_year=2568)
        ).status_code
        == 404
    )
    assert (
        client.get(
            _url("ita-public:report-pdf", organization, fiscal_year=2568)
        ).status_code
        == 404
    )
    publication.refresh_from_db()
    assert publication.withdrawn_at is not None
    with pytest.raises(DomainError):
        analysis_report_unpublish(actor=user, report=report)
    # Publishing again after withdrawing is allowed, even unchanged.
    again = _publish(AnalysisReport.objects.get(pk=report.pk), actor=user)
    assert again.number == 2


def test_a_publication_from_before_snapshots_offers_its_pdf(organization, client):
    from django.utils import timezone

    from prongsai.ita.services import framework_load_files

    framework_load_files()
    _record(organization)
    report = AnalysisReport.objects.create(
        organization=organization,
        fiscal_year=2568,
        status=AnalysisReport.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    publication_publish(actor=None, subject=report, snapshot={}, pdf=b"%PDF-1.4 legacy")
    response = client.get(_url("ita-public:report", organization, fiscal_year=2568))
    assert response.status_code == 200
    assert 'id="public-pdf"' in response.content.decode()
    assert 'id="indicator-table"' not in response.content.decode()


# --------------------------------------------------------------------------
# Official NACC figures


def test_documents_print_the_nacc_figures_and_never_the_difference(
    coordinator_org, client, tmp_path
):
    user, organization = coordinator_org
    # Computed total 82.50; the NACC published 85.10 (a pass, not "ต้องปรับปรุง").
    _record(organization, published={"total": "85.10"})
    report = _report(organization)
    snapshot = report_snapshot(report)
    score = snapshot["analysis"]["score"]
    assert score["total"] == "85.10"
    assert score["official"] is True
    with override("th"):
        html = render_to_string(
            "ita/report_pdf.html", {**publication_context_for(snapshot, organization)}
        )
    assert "85.10" in html
    assert "82.50" not in html
    assert "ต่างจาก" not in html and "±" not in html
    assert "ตามที่สำนักงาน ป.ป.ช. ประกาศ" in html
    # "ผ่าน" with OIT below 85: the next level needs OIT points, not 0.00 total.
    assert "เพิ่มอีก 0.00" not in html
    assert "OIT ต้องได้คะแนนเพิ่มอีก" in html

    publication = _publish(report, actor=user)
    if shutil.which("pdftotext"):
        text = _pdf_text(publication.pdf.read(), tmp_path)
        assert "85.10" in text
        assert "ต่างจาก" not in text and "±" not in text
    public = client.get(
        _url("ita-public:report", organization, fiscal_year=2568)
    ).content.decode()
    assert "85.10" in public and "ต่างจาก" not in public

    # The staff see the difference.
    client.force_login(user)
    staff = client.get(
        _url("ita-staff:report-edit", organization, fiscal_year=2568)
    ).content.decode()
    differences = staff.split('id="published-differences"')[1].split("</div>")[0]
    assert "85.10" in differences and "82.50" in differences


def publication_context_for(snapshot, organization):
    from prongsai.ita.report import snapshot_context

    return {**snapshot_context(snapshot, organization), "images": {}}


def test_the_change_against_last_year_reads_as_words(organization):
    from prongsai.ita.services import framework_load_files

    framework_load_files()
    _record(organization, year=2567, values=BANDONG_2567)
    _record(organization)
    report = _report(organization)
    context = report_context(report)
    analysis = context["analysis"]
    assert analysis["previous_year"] == 2567
    with override("th"):
        html = render_to_string("ita/report_pdf.html", {**context, "images": {}})
    change = analysis["total_change"]
    word = "เพิ่มขึ้น" if change > 0 else "ลดลง"
    assert f"คะแนนรวม{word} {abs(change)} คะแนน" in html
    assert "เปลี่ยนแปลง -" not in html and "เปลี่ยนแปลง +" not in html
    rows = [tool["change"] for tool in analysis["tools"]]
    assert any(value is not None for value in rows)
    docx = report_docx(context)
    assert docx.startswith(b"PK")


def test_a_publication_renders_from_its_snapshot_alone(coordinator_org):
    user, organization = coordinator_org
    result = _record(organization)
    publication = _publish(_report(organization), actor=user)
    # Even with the result gone, the publication still renders.
    result.delete()
    context = publication_context(publication)
    assert context["report"]["summary"] == "สรุปฉบับเผยแพร่"
    assert context["analysis"]["score"]["total"] == Decimal("82.50")
    assert report_docx(context).startswith(b"PK")
