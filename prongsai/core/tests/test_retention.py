"""The one retention job: every registered kind, dry runs, the report, the audit."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from prongsai.complaints import services as complaint_services
from prongsai.complaints import services_confidential as complaint_confidential
from prongsai.complaints import services_intake as complaint_intake
from prongsai.complaints.models import (
    Case,
    ChatSession,
    ComplaintSettings,
    InboundEvent,
    Kind,
    Status,
)
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core import retention
from prongsai.core.models import AuditEvent
from prongsai.eservices import services_workflow as eservice_services_workflow
from prongsai.eservices.models import Attachment, Rating, ServiceRequest
from prongsai.eservices.models import Status as RequestStatus
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.eservices.tests.test_private_files import _photo

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _later(days):
    return timezone.now() + datetime.timedelta(days=days) + DAY


def _closed_request(organization, **overrides):
    request = file_request(
        ServiceFactory(organization=organization), files=[("photo", _photo())]
    )
    eservice_services_workflow.request_transition(
        actor=None, request=request, to_status=RequestStatus.IN_PROGRESS
    )
    eservice_services_workflow.request_transition(
        actor=None, request=request, to_status=RequestStatus.COMPLETED
    )
    eservice_services_workflow.request_rate(
        request=request, score=5, comment="คุณสมศรีใจดี"
    )
    request.refresh_from_db()
    return request


def _event(organization, n):
    return InboundEvent.objects.create(
        organization=organization,
        source=InboundEvent.Source.LINE,
        event_id=f"e{n}",
        payload={"source": {"userId": "U" + "a" * 32}, "message": {"text": "ขอ"}},
    )


def test_every_kind_is_registered_by_the_apps():
    keys = {kind.key for kind in retention.kinds()}
    assert {
        "complaints.inbound_event",
        "complaints.chat_session",
        "complaints.confidential_case",
        "complaints.case_personal_data",
        "eservices.request",
        "eservices.attachment",
        "integrity.asset_loan",
    } <= keys


def test_periods_come_from_settings_then_defaults(settings):
    settings.PRONGSAI_RETENTION_DAYS = {"complaints.inbound_event": 7}
    assert retention.period_days(retention.kind_get("complaints.inbound_event")) == 7
    assert retention.period_days(retention.kind_get("complaints.chat_session")) == 30
    assert (
        retention.period_days(retention.kind_get("complaints.confidential_case"))
        is None
    )


def test_old_inbound_events_go_new_stay(organization, other_organization):
    old = [_event(organization, 1), _event(other_organization, 2)]
    InboundEvent.objects.filter(pk__in=[e.pk for e in old]).update(
        created_at=timezone.now() - 91 * DAY
    )
    new = _event(organization, 3)

    report = retention.retention_apply()

    assert report.counts["complaints.inbound_event"] == {
        organization.pk: 1,
        other_organization.pk: 1,
    }
    assert list(InboundEvent.objects.values_list("pk", flat=True)) == [new.pk]


def test_idle_chat_sessions_go_active_stay(organization):
    idle = ChatSession.objects.create(
        organization=organization, channel="line", user_id="U1", state="ask"
    )
    ChatSession.objects.filter(pk=idle.pk).update(updated_at=timezone.now() - 31 * DAY)
    active = ChatSession.objects.create(
        organization=organization, channel="line", user_id="U2", state="ask"
    )

    report = retention.retention_apply()

    assert report.total("complaints.chat_session") == 1
    assert list(ChatSession.objects.values_list("pk", flat=True)) == [active.pk]


def test_dry_run_changes_nothing_but_counts(organization):
    _event(organization, 1)
    InboundEvent.objects.update(created_at=timezone.now() - 100 * DAY)
    request = _closed_request(organization)

    report = retention.retention_apply(now=_later(730), dry_run=True)

    assert report.dry_run is True
    assert report.total("complaints.inbound_event") == 1
    assert report.total("eservices.request") == 1
    assert report.total("eservices.attachment") == 1
    assert InboundEvent.objects.count() == 1
    request.refresh_from_db()
    assert request.citizen_name and request.attachments.count() == 1
    assert not AuditEvent.objects.filter(action=retention.AUDIT_ACTION).exists()


def test_closed_request_is_anonymised_and_kept_for_statistics(organization):
    request = _closed_request(organization)
    open_request = file_request(ServiceFactory(organization=organization))
    path = request.attachments.get().file.path

    report = retention.retention_apply(now=_later(730))

    assert report.counts["eservices.request"] == {organization.pk: 1}
    request.refresh_from_db()
    assert ServiceRequest.objects.filter(pk=request.pk).exists()
    assert request.citizen_name == request.citizen_phone == request.citizen_email == ""
    assert request.answers == {} and request.latitude is None
    assert request.personal_data_removed_at is not None
    assert request.status == RequestStatus.COMPLETED  # statistics stay
    assert Rating.objects.get(request=request).comment == ""
    assert Rating.objects.get(request=request).score == 5
    assert not request.attachments.exists()
    import os

    assert not os.path.exists(path)
    open_request.refresh_from_db()
    assert open_request.citizen_name == "สมศรี ทดสอบ"
    # A second run finds nothing more to do.
    again = retention.retention_apply(now=_later(731))
    assert again.total("eservices.request") == 0


def test_attachments_go_before_the_request_data(organization):
    request = _closed_request(organization)
    report = retention.retention_apply(now=_later(365))
    assert report.counts["eservices.attachment"] == {organization.pk: 1}
    assert report.total("eservices.request") == 0
    assert Attachment.objects.count() == 0
    request.refresh_from_db()
    assert request.citizen_name == "สมศรี ทดสอบ"


def test_new_closed_request_stays(organization):
    request = _closed_request(organization)
    report = retention.retention_apply(now=_later(30))
    assert report.total("eservices.request") == 0
    assert report.total("eservices.attachment") == 0
    assert request.attachments.count() == 1


def test_complaint_terms_per_organisation_are_folded_in(
    organization, other_organization
):
    category = CategoryFactory(organization=organization, retention_days=30)
    case = complaint_intake.case_submit(
        organization=organization,
        kind=Kind.COMPLAINT,
        channel="web",
        subject="ไฟถนนดับ",
        description="ไฟถนนหน้าโรงเรียนดับ",
        category=category,
        complainant_name="นายสมศักดิ์",
    )
    complaint_services.case_change_status(actor=None, case=case, status=Status.RESOLVED)
    confidential, _code = complaint_confidential.confidential_submit(
        organization=organization, description="ปลัดรับเงิน"
    )
    complaint_services.case_change_status(
        actor=None, case=confidential, status=Status.RESOLVED
    )
    ComplaintSettings.objects.filter(organization=organization).update(
        confidential_retention_days=60
    )

    report = retention.retention_apply(now=_later(61))

    assert report.counts["complaints.case_personal_data"] == {organization.pk: 1}
    assert report.counts["complaints.confidential_case"] == {organization.pk: 1}
    case.refresh_from_db()
    assert case.complainant_name == ""
    assert not Case.objects.filter(pk=confidential.pk).exists()


def test_one_audit_row_per_organisation_with_counts(organization, other_organization):
    _event(organization, 1)
    _event(organization, 2)
    _event(other_organization, 3)
    InboundEvent.objects.update(created_at=timezone.now() - 100 * DAY)

    retention.retention_apply()

    rows = AuditEvent.objects.filter(action=retention.AUDIT_ACTION)
    assert {row.organization_id: row.changes for row in rows} == {
        organization.pk: {"complaints.inbound_event": 2},
        other_organization.pk: {"complaints.inbound_event": 1},
    }


def test_command_dry_run_prints_counts_and_changes_nothing(organization):
    _event(organization, 1)
    InboundEvent.objects.update(created_at=timezone.now() - 100 * DAY)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    line = next(
        line
        for line in out.getvalue().splitlines()
        if line.startswith("complaints.inbound_event")
    )
    assert "(90 " in line and ": 1 " in line
    assert InboundEvent.objects.count() == 1
    call_command("apply_retention", stdout=io.StringIO())
    assert InboundEvent.objects.count() == 0


def test_task_returns_the_report(organization):
    from prongsai.core.tasks import retention_apply_task

    result = retention_apply_task.delay().get()
    assert result["dry_run"] is False
    assert result["kinds"]["complaints.inbound_event"] == {"days": 90, "rows": 0}


def test_check_warns_about_an_unknown_kind(settings):
    from prongsai.core.checks import retention_days_check

    assert retention_days_check(None) == []
    settings.PRONGSAI_RETENTION_DAYS = {"complaints.inbound_events": 30}
    (warning,) = retention_days_check(None)
    assert warning.id == "prongsai.W010"
    assert "complaints.inbound_events" in warning.msg
