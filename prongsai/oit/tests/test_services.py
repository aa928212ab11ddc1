"""OIT checklist services: items, evidence, readiness, submission, scores."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.ita.models import ItaResult
from prongsai.ita.report import report_snapshot
from prongsai.ita.services import ita_result_record
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.oit import selectors, services, services_submission
from prongsai.oit.linkcheck import FetchResult
from prongsai.oit.models import ChecklistItem, Evidence, SubmittedUrl
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("upload_only_items")]


def _item(checklist, code):
    return checklist.items.get(code=code)


def _pdf(name="plan.pdf"):
    return ContentFile(b"%PDF-1.4 test", name=name)


def test_checklist_has_one_row_per_item_of_the_year(checklist):
    codes = list(checklist.items.order_by("position").values_list("code", flat=True))
    assert codes[:3] == ["O1", "O2", "O3"]
    assert len(codes) == 26
    o11 = _item(checklist, "O11")
    assert o11.machine_readable is True
    assert o11.data_year == 2569
    assert o11.requirements_th[0].startswith("สรุปผล") or o11.requirements_th


def test_opening_again_adds_nothing_and_keeps_work(checklist, officer):
    item = _item(checklist, "O5")
    services.checklist_item_update(actor=officer, item=item, explanation="หน้า 3")
    again = services.checklist_open(
        actor=officer, organization=checklist.organization, fiscal_year=2569
    )
    assert again.pk == checklist.pk
    assert again.items.count() == 26
    assert _item(again, "O5").explanation == "หน้า 3"


def test_no_framework_is_a_thai_error(frameworks, organization):
    with pytest.raises(DomainError, match="2590"):
        services.checklist_open(actor=None, organization=organization, fiscal_year=2590)


def test_generated_evidence_is_chosen_automatically(checklist):
    keys = dict(checklist.items.values_list("code", "provider_key"))
    assert keys["O1"] == "site.structure"
    assert keys["O2"] == "site.executives"
    assert keys["O3"] == "site.contacts"
    assert keys["O4"] == "site.news"
    assert keys["O11"] == "procurement.monthly"
    assert keys["O18"] == "complaints.statistics"
    assert keys["O23"] == "plans.anti_corruption"
    assert keys["O25"] == "ita.analysis"
    assert keys["O26"] == "plans.integrity_report"
    assert keys["O8"] == ""  # staff manuals: uploaded documents only


def test_item_cannot_be_ready_while_something_is_missing(checklist, officer):
    item = _item(checklist, "O23")
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(
            actor=officer, item=item, status=ChecklistItem.Status.READY
        )
    assert "O23" in error.value.message
    # The plans provider says what is missing, in Thai.
    assert "ยังไม่มีแผนปฏิบัติการป้องกันการทุจริตของปีงบประมาณ พ.ศ. 2569" in error.value.message


def test_item_becomes_ready_with_complete_evidence(checklist, officer):
    item = _item(checklist, "O23")
    services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title="แผนปฏิบัติการป้องกันการทุจริต 2569",
        file=_pdf(),
        covers_fiscal_year=2569,
        approved_by_name="นายสมศักดิ์ รักษ์ถิ่น",
        approved_on=datetime.date(2025, 10, 15),
    )
    item.refresh_from_db()
    # Every check passes: the item is ready at once (issue #15).
    assert item.status == ChecklistItem.Status.READY
    moves = AuditEvent.objects.filter(action="oit_item.status", object_id=str(item.pk))
    assert moves.count() == 1
    assert AuditEvent.objects.filter(action="oit_evidence.add").count() == 1


def test_upload_without_file_and_link_without_url_are_refused(checklist, officer):
    item = _item(checklist, "O8")
    with pytest.raises(DomainError) as error:
        services.evidence_add(
            actor=officer, item=item, kind=Evidence.Kind.UPLOAD, title="คู่มือ"
        )
    assert error.value.field == "file"
    with pytest.raises(DomainError) as error:
        services.evidence_add(
            actor=officer, item=item, kind=Evidence.Kind.LINK, title="คู่มือ"
        )
    assert error.value.field == "url"
    with pytest.raises(DomainError):
        services.evidence_add(
            actor=officer,
            item=item,
            kind=Evidence.Kind.LINK,
            title="คู่มือ",
            url="https://example.org/x",
            requirement_indexes=[5],
        )
    assert not Evidence.objects.exists()


def test_removing_evidence_takes_a_ready_item_back(checklist, officer):
    item = _item(checklist, "O8")
    evidence = services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.LINK,
        title="คู่มือ",
        url="https://example.org/manual.pdf",
    )
    item.refresh_from_db()
    assert item.status == ChecklistItem.Status.READY
    services.evidence_remove(actor=officer, evidence=evidence)
    item.refresh_from_db()
    assert item.status == ChecklistItem.Status.MISSING  # no evidence left


def test_responsible_person_must_be_a_member(checklist, officer, other_organization):
    outsider = MembershipFactory(organization=other_organization).user
    item = _item(checklist, "O5")
    with pytest.raises(DomainError):
        services.checklist_item_update(actor=officer, item=item, responsible=outsider)
    services.checklist_item_update(
        actor=officer,
        item=item,
        responsible=officer,
        due_date=datetime.date(2026, 3, 1),
    )
    item.refresh_from_db()
    assert item.responsible == officer


def test_data_officer_appointment_is_a_dated_record(organization, officer, admin_user):
    services.data_officer_appoint(
        actor=admin_user,
        organization=organization,
        officer=officer,
        appointed_on=datetime.date(2025, 10, 1),
        order_reference="คำสั่งที่ 245/2568",
    )
    current = selectors.data_officer_get_current(organization=organization)
    assert current.officer == officer
    assert current.appointed_by == admin_user
    event = AuditEvent.objects.get(action="oit_officer.appoint")
    assert event.changes["order_reference"] == "คำสั่งที่ 245/2568"


def _ready(checklist, officer, *codes):
    for code in codes:
        item = _item(checklist, code)
        services.evidence_add(
            actor=officer,
            item=item,
            kind=Evidence.Kind.UPLOAD,
            title=f"หลักฐาน {code}",
            file=ContentFile(b"a,b\r\n1,2\r\n", name=f"{code}.csv"),
            covers_fiscal_year=item.data_year,
            period="h1",
            approved_by_name="นายก",
            approved_on=datetime.date(2025, 10, 1),
        )
        services.checklist_item_set_status(actor=officer, item=item, status="ready")


def test_readiness_scores_items_through_sub_indicators(checklist, officer):
    # Only O25 and O26 count (items ready by themselves are put aside).
    checklist.items.update(status=ChecklistItem.Status.MISSING)
    _ready(checklist, officer, "O25", "O26")
    readiness = selectors.readiness_get(
        organization=checklist.organization, checklist=checklist
    )
    assert readiness.done == 2
    assert readiness.total == 26
    # O25 and O26 form sub-indicator 10.2: indicator 10 = (0 + 100) / 2.
    assert readiness.indicators[10] == Decimal("50.00")
    assert readiness.indicators[9] == Decimal("0.00")
    assert readiness.oit == Decimal("25.00")
    assert readiness.ita_total is None  # no ITA result recorded


def test_readiness_total_with_indicators_that_do_not_divide_evenly(checklist, officer):
    ita_result_record(
        actor=None,
        organization=checklist.organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    codes = "O1 O2 O3 O4 O5 O6 O8 O9 O10 O11 O12 O16 O17 O18 O19 O22 O23 O26"
    for code in codes.split():
        ChecklistItem.objects.filter(checklist=checklist, code=code).update(
            status="ready"
        )
    readiness = selectors.readiness_get(
        organization=checklist.organization, checklist=checklist
    )
    assert readiness.indicators[9] == Decimal("76.67")  # 76.666...
    assert readiness.error == ""
    assert readiness.ita_total is not None and readiness.ita_level


def test_readiness_implies_the_ita_total_and_what_to_fix_first(checklist, officer):
    ita_result_record(
        actor=None,
        organization=checklist.organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    _ready(checklist, officer, "O25")
    readiness = selectors.readiness_get(
        organization=checklist.organization, checklist=checklist
    )
    assert readiness.based_on_year == 2568
    assert readiness.ita_total is not None
    # O26 alone completes sub-indicator 10.2: the biggest gain.
    assert readiness.fix_first[0].code == "O26"


def _fake_fetch(content=b"page"):
    def fetch(url, **_options):
        return FetchResult(url, 200, url, 0, "hash-" + content.decode(), 4, 1)

    return {"fetcher": fetch}


def test_submission_freezes_urls_with_snapshots(checklist, officer):
    _ready(checklist, officer, "O8")
    services_submission.checklist_submit(
        actor=officer, checklist=checklist, fetch_options=_fake_fetch()
    )
    checklist.refresh_from_db()
    assert checklist.is_submitted
    assert _item(checklist, "O8").status == ChecklistItem.Status.SUBMITTED
    rows = SubmittedUrl.objects.filter(item__code="O8")
    assert rows.count() == 1
    assert rows[0].content_hash == "hash-page"
    assert rows[0].retrieved_at is not None
    with pytest.raises(DomainError, match="2569"):
        services.evidence_add(
            actor=officer,
            item=_item(checklist, "O9"),
            kind=Evidence.Kind.LINK,
            title="x",
            url="https://example.org/",
        )


def test_submission_fetches_before_its_transaction_opens(checklist, officer):
    """This site's own pages may write while they are made (a kept public
    document): they are fetched before the submission takes its locks."""
    from django.db import connection

    _ready(checklist, officer, "O8")
    depth = len(connection.savepoint_ids)  # the test's own transaction
    seen = []

    def fetch(url, **_options):
        seen.append(len(connection.savepoint_ids))
        return FetchResult(url, 200, url, 0, "hash-page", 4, 1)

    services_submission.checklist_submit(
        actor=officer, checklist=checklist, fetch_options={"fetcher": fetch}
    )
    assert seen and set(seen) == {depth}
    assert SubmittedUrl.objects.filter(item__code="O8").count() == 1


def test_submission_needs_a_ready_item(checklist, officer):
    checklist.items.update(status=ChecklistItem.Status.MISSING)
    with pytest.raises(DomainError):
        services_submission.checklist_submit(
            actor=officer, checklist=checklist, fetch_options=_fake_fetch()
        )


def test_link_check_warns_when_content_changes_after_submission(checklist, officer):
    _ready(checklist, officer, "O8")
    services_submission.checklist_submit(
        actor=officer, checklist=checklist, fetch_options=_fake_fetch(b"old")
    )
    warnings = services_submission.link_check_run(
        organization=checklist.organization,
        checklist=checklist,
        fetch_options=_fake_fetch(b"new"),
    )
    assert any(w.startswith("O8: เนื้อหาเปลี่ยนไปหลังส่งแบบ OIT") for w in warnings)


def test_final_scores_feed_the_ita_result(checklist, officer):
    ita_result_record(
        actor=None,
        organization=checklist.organization,
        fiscal_year=2569,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    codes = list(checklist.items.values_list("code", flat=True))
    scores = dict.fromkeys(codes, 100)
    scores["O9"] = 0
    services_submission.item_scores_record(
        actor=officer, checklist=checklist, scores=scores, final=True
    )
    result = ItaResult.objects.get(fiscal_year=2569)
    assert result.item_results["O9"] == 0
    assert result.item_results["O1"] == 100
    assert _item(checklist, "O9").final_score == 0


def test_scores_must_be_0_or_100(checklist, officer):
    with pytest.raises(DomainError, match="O1"):
        services_submission.item_scores_record(
            actor=officer, checklist=checklist, scores={"O1": "50"}, final=False
        )
    with pytest.raises(DomainError, match="O99"):
        services_submission.item_scores_record(
            actor=officer, checklist=checklist, scores={"O99": "0"}, final=False
        )


def test_evidence_not_there_yet_is_no_public_link(checklist, officer):
    """O25 points at the ITA list while the analysis is unpublished: staff see
    where it will be, but it is neither a public link nor a submitted URL."""
    from prongsai.ita.services_analysis import (
        analysis_report_publish,
        analysis_report_save,
    )

    organization = checklist.organization
    o25 = _item(checklist, "O25")
    state = selectors.checklist_item_get_state(o25)
    assert state.generated is not None and state.generated.placeholder
    assert state.links == []
    assert "ยังไม่มีรายงานการวิเคราะห์" in state.missing[0]

    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="สรุป",
        measures=[{"title": "ปรับปรุงเว็บไซต์", "responsible_unit": "สำนักปลัด"}],
        prepared_by_name="นางสาวศิริพร ใจซื่อ",
        approver_name="นายสมศักดิ์ รักษ์ถิ่น",
    )
    # A complete draft only needs publishing: the checks say so, and no more.
    missing = selectors.checklist_item_get_state(o25).missing
    assert len(missing) == 2, missing
    assert "ยังเป็นฉบับร่าง" in missing[0]
    assert "รอเผยแพร่" in missing[1]
    assert not any("ผู้อนุมัติ" in text and "ยังไม่" in text for text in missing)
    analysis_report_publish(
        actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.4"
    )
    state = selectors.checklist_item_get_state(o25)
    assert state.passed, state.missing
    assert not state.generated.placeholder
    assert [url for url, _t in state.links] == ["/bandong/ita/2568/"]
