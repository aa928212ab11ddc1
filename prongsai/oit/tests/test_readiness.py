"""Item statuses follow the records (issue #15, "Readiness that follows the
records"): derived from the checks, recomputed when a record behind an item
changes, held back only with a reason, never forced ready, and the readiness
figures always agree with the statuses."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.ita import selectors as ita_selectors
from prongsai.ita.report import report_snapshot
from prongsai.ita.scoring import oit_from_items, round2
from prongsai.ita.services import ita_result_record
from prongsai.ita.services_analysis import (
    analysis_report_publish,
    analysis_report_save,
    analysis_report_unpublish,
)
from prongsai.ita.tests.examples import BANDONG_2568
from prongsai.oit import readiness, registry, selectors, services, services_submission
from prongsai.oit.linkcheck import FetchResult
from prongsai.oit.models import Checklist, ChecklistItem, Evidence
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

S = ChecklistItem.Status


def _item(checklist, code):
    return checklist.items.get(code=code)


def _record_2568_result(organization):
    ita_result_record(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        indicators=dict(zip(range(1, 11), BANDONG_2568, strict=True)),
    )


def _published_analysis(organization):
    _record_2568_result(organization)
    report = analysis_report_save(
        actor=None,
        organization=organization,
        fiscal_year=2568,
        summary="สรุป",
        measures=[{"title": "ปรับปรุงเว็บไซต์", "responsible_unit": "สำนักปลัด"}],
        prepared_by_name="นางสาวศิริพร ใจซื่อ",
        approver_name="นายสมศักดิ์ รักษ์ถิ่น",
    )
    analysis_report_publish(
        actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.4"
    )
    return report


def _upload(officer, item, **options):
    return services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title=f"หลักฐาน {item.code}",
        file=ContentFile(b"a,b\r\n1,2\r\n", name=f"{item.code}.csv"),
        covers_fiscal_year=item.data_year,
        period="h1",
        approved_by_name="นายก",
        approved_on=datetime.date(2025, 10, 1),
        **options,
    )


def _assert_readiness_agrees(checklist):
    """The readiness share, OIT score and ITA total are those of the item
    statuses as stored, and every status the checks decide is what they say."""
    items = list(checklist.items.order_by("position"))
    for state in selectors.checklist_item_list_states(checklist):
        if state.item.status in services.DERIVED and not checklist.is_submitted:
            assert state.item.status == selectors.checklist_item_get_derived_status(
                state
            ), state.item.code
    done = [i for i in items if i.status in (S.READY, S.SUBMITTED)]
    result = selectors.readiness_get(
        organization=checklist.organization, checklist=checklist
    )
    assert (result.done, result.total) == (len(done), len(items))
    assert result.share == round2(Decimal(len(done)) * 100 / Decimal(len(items)))
    framework = ita_selectors.framework_get(fiscal_year=checklist.fiscal_year)
    indicators = oit_from_items(
        framework, {i.code: 100 if i in done else 0 for i in items}
    )
    assert result.indicators == {n: round2(v) for n, v in indicators.items()}
    assert result.oit == round2(sum(indicators.values(), Decimal(0)) / len(indicators))
    return result


# --- derived from the checks --------------------------------------------------------
def test_complete_evidence_makes_an_item_ready_at_once(checklist, officer):
    item = _item(checklist, "O23")
    assert item.status == S.MISSING
    _upload(officer, item)
    item.refresh_from_db()
    assert item.status == S.READY
    event = AuditEvent.objects.get(action="oit_item.status", object_id=str(item.pk))
    assert event.changes["status"] == {"old": "missing", "new": "ready"}
    _assert_readiness_agrees(checklist)


def test_incomplete_evidence_is_in_progress_and_removing_it_missing(checklist, officer):
    item = _item(checklist, "O23")
    evidence = services.evidence_add(
        actor=officer,
        item=item,
        kind=Evidence.Kind.UPLOAD,
        title="ร่างแผน",
        file=ContentFile(b"%PDF", name="draft.pdf"),
        covers_fiscal_year=2569,
    )  # no approval recorded
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS
    services.evidence_remove(actor=officer, evidence=evidence)
    item.refresh_from_db()
    assert item.status == S.MISSING
    _assert_readiness_agrees(checklist)


def test_a_new_checklist_whose_checks_pass_is_ready_immediately(
    frameworks, organization, officer
):
    _published_analysis(organization)
    checklist = services.checklist_open(
        actor=officer, organization=organization, fiscal_year=2569
    )
    assert _item(checklist, "O25").status == S.READY
    result = _assert_readiness_agrees(checklist)
    assert result.done >= 1
    assert result.ita_total is not None


def test_changing_the_generated_evidence_recomputes_the_item(checklist, officer):
    _published_analysis(checklist.organization)
    services.readiness_recompute(organization=checklist.organization)
    item = _item(checklist, "O25")
    assert item.status == S.READY
    services.checklist_item_update(actor=officer, item=item, provider_key="")
    item.refresh_from_db()
    assert item.status == S.MISSING
    _assert_readiness_agrees(checklist)


# --- recomputed when the records behind change ----------------------------------
def test_unpublishing_the_analysis_takes_the_item_back(
    checklist, officer, django_capture_on_commit_callbacks
):
    """O25 (the item keyed ``integrity.ita_result_use``) is backed by the
    published analysis of FY2568: unpublishing it makes O25 not ready, and
    publishing again ready, with nobody touching the checklist."""
    organization = checklist.organization
    with django_capture_on_commit_callbacks(execute=True):
        report = _published_analysis(organization)
    o25 = _item(checklist, "O25")
    assert o25.status == S.READY
    ready = _assert_readiness_agrees(checklist)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        analysis_report_unpublish(actor=officer, report=report)
    # One recompute for the organisation, however many records were saved.
    assert sum(isinstance(c, readiness._Recompute) for c in callbacks) == 1
    o25.refresh_from_db()
    assert o25.status == S.IN_PROGRESS
    unready = _assert_readiness_agrees(checklist)
    assert unready.done == ready.done - 1
    assert unready.ita_total < ready.ita_total
    event = AuditEvent.objects.filter(
        action="oit_item.status", object_id=str(o25.pk)
    ).first()
    assert event.actor is None
    assert event.changes["status"] == {"old": "ready", "new": "in_progress"}

    with django_capture_on_commit_callbacks(execute=True):
        analysis_report_publish(
            actor=None, report=report, snapshot=report_snapshot(report), pdf=b"%PDF-1.4"
        )
    o25.refresh_from_db()
    assert o25.status == S.READY
    assert _assert_readiness_agrees(checklist).ita_total == ready.ita_total


def test_a_submitted_checklist_does_not_follow_the_records(
    checklist, officer, django_capture_on_commit_callbacks
):
    organization = checklist.organization
    with django_capture_on_commit_callbacks(execute=True):
        report = _published_analysis(organization)
    services_submission.checklist_submit(
        actor=officer,
        checklist=checklist,
        fetch_options={
            "fetcher": lambda path, **_: FetchResult(path, 200, path, 0, "h", 1, 1)
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        analysis_report_unpublish(actor=officer, report=report)
    assert _item(checklist, "O25").status == S.SUBMITTED


def test_records_of_another_organisation_change_nothing(
    checklist, officer, other_organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _published_analysis(other_organization)
    assert _item(checklist, "O25").status == S.MISSING


def test_providers_declare_the_models_they_depend_on():
    from prongsai.ita.models import AnalysisReport
    from prongsai.risks.models import Risk

    ita = registry.provider_get("ita.analysis")
    assert registry.provider_models(ita) == [AnalysisReport]
    # Without a declaration: the organisation-owned models of the app.
    assert Risk in registry.provider_models(registry.provider_get("plans.risk_report"))
    assert AnalysisReport in registry.dependency_models()
    assert Checklist not in registry.dependency_models()


def test_the_organisation_of_a_child_record_is_found_by_its_tenant_path(
    organization,
):
    class Parent:
        organization_id = organization.pk

    class Child:
        tenant_path = "parent__organization"
        parent = Parent()

    assert readiness.organization_id_of(Child()) == organization.pk
    assert readiness.organization_id_of(Parent()) == organization.pk


# --- a person's say: hold back with a reason, never force ready -------------------
def test_marking_not_ready_needs_a_reason_which_is_kept(checklist, officer):
    item = _item(checklist, "O23")
    _upload(officer, item)
    item.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(
            actor=officer, item=item, status=S.NOT_READY, reason="  "
        )
    assert error.value.field == "reason"
    assert "เหตุผล" in error.value.message
    assert ChecklistItem.objects.get(pk=item.pk).status == S.READY

    services.checklist_item_set_status(
        actor=officer, item=item, status=S.NOT_READY, reason="รอผู้บริหารลงนามฉบับใหม่"
    )
    item.refresh_from_db()
    assert item.status == S.NOT_READY
    assert item.not_ready_reason == "รอผู้บริหารลงนามฉบับใหม่"
    event = AuditEvent.objects.filter(action="oit_item.status").first()
    assert event.changes["not_ready_reason"]["new"] == "รอผู้บริหารลงนามฉบับใหม่"
    _assert_readiness_agrees(checklist)

    # The checks do not undo a person's hold ...
    services.readiness_recompute(organization=checklist.organization)
    assert ChecklistItem.objects.get(pk=item.pk).status == S.NOT_READY
    # ... until it is released; the reason goes with it.
    services.checklist_item_release(actor=officer, item=item)
    item.refresh_from_db()
    assert (item.status, item.not_ready_reason) == (S.READY, "")
    _assert_readiness_agrees(checklist)


def test_ready_is_never_forced_past_a_failing_check(checklist, officer):
    item = _item(checklist, "O23")
    services.checklist_item_set_status(
        actor=officer, item=item, status=S.NOT_READY, reason="ยังไม่ได้จัดทำ"
    )
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(actor=officer, item=item, status=S.READY)
    assert error.value.field == "status"
    assert "O23" in error.value.message and "ยังไม่พร้อม" in error.value.message
    item.refresh_from_db()
    assert item.status == S.NOT_READY
    # Released, the item takes what the checks say: missing.
    services.checklist_item_release(actor=officer, item=item)
    assert ChecklistItem.objects.get(pk=item.pk).status == S.MISSING


def test_missing_and_in_progress_are_not_a_persons_choice(checklist, officer):
    item = _item(checklist, "O23")
    for status in (S.MISSING, S.IN_PROGRESS, S.SUBMITTED):
        with pytest.raises(DomainError) as error:
            services.checklist_item_set_status(actor=officer, item=item, status=status)
        assert error.value.field == "status"


def test_only_those_who_prepare_the_checklist_may_hold_an_item_back(
    checklist, organization
):
    executive = MembershipFactory(
        organization=organization, roles=[Role.EXECUTIVE.value]
    ).user
    item = _item(checklist, "O23")
    with pytest.raises(DomainError) as error:
        services.checklist_item_set_status(
            actor=executive, item=item, status=S.NOT_READY, reason="ไม่เห็นด้วย"
        )
    assert error.value.field == "status"
    assert ChecklistItem.objects.get(pk=item.pk).status == S.MISSING


def test_the_submission_moves_ready_items_through_the_workflow(checklist, officer):
    _upload(officer, _item(checklist, "O8"))
    services_submission.checklist_submit(
        actor=officer,
        checklist=checklist,
        fetch_options={
            "fetcher": lambda path, **_: FetchResult(path, 200, path, 0, "h", 1, 1)
        },
    )
    item = _item(checklist, "O8")
    assert item.status == S.SUBMITTED
    event = AuditEvent.objects.get(action="oit_item.submit", object_id=str(item.pk))
    assert event.object_id == str(item.pk)
    assert event.changes["status"] == {"old": "ready", "new": "submitted"}
    _assert_readiness_agrees(Checklist.objects.get(pk=checklist.pk))


# --- the confirmation step ------------------------------------------------------
def _fetch():
    return {"fetcher": lambda path, **_: FetchResult(path, 200, path, 0, "h", 1, 1)}


def test_submitting_without_confirming_does_nothing(checklist, officer):
    _upload(officer, _item(checklist, "O8"))
    seen = list(
        selectors.checklist_item_list_not_ready(checklist=checklist).values_list(
            "code", flat=True
        )
    )
    assert "O8" not in seen and "O23" in seen
    with pytest.raises(DomainError) as error:
        services_submission.checklist_submit_confirm(
            actor=officer,
            checklist=checklist,
            confirmed=False,
            not_ready_seen=seen,
            fetch_options=_fetch(),
        )
    assert error.value.field == "confirm"
    checklist.refresh_from_db()
    assert not checklist.is_submitted
    assert _item(checklist, "O8").status == S.READY


def test_confirming_a_list_that_changed_meanwhile_does_nothing(checklist, officer):
    seen = list(
        selectors.checklist_item_list_not_ready(checklist=checklist).values_list(
            "code", flat=True
        )
    )
    _upload(officer, _item(checklist, "O8"))  # O8 became ready meanwhile
    with pytest.raises(DomainError) as error:
        services_submission.checklist_submit_confirm(
            actor=officer,
            checklist=checklist,
            confirmed=True,
            not_ready_seen=seen,
            fetch_options=_fetch(),
        )
    assert "เปลี่ยน" in error.value.message
    checklist.refresh_from_db()
    assert not checklist.is_submitted
    seen.remove("O8")
    services_submission.checklist_submit_confirm(
        actor=officer,
        checklist=checklist,
        confirmed=True,
        not_ready_seen=seen,
        fetch_options=_fetch(),
    )
    checklist.refresh_from_db()
    assert checklist.is_submitted
