"""The E-Service workflow through its services: filing, queue, clock, ratings."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import timezone
from PIL import Image

from prongsai.core import codes
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.eservices import services, services_filing, services_workflow
from prongsai.eservices.models import (
    Channel,
    IssuedTrackingCode,
    ReopenRequest,
    RequestEvent,
    ServiceRequest,
    Status,
)
from prongsai.eservices.selectors import (
    deadline_flag,
    request_get_queue_position,
    starter_template_list,
)
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(420))


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.SERVICE_OFFICER.value]
    ).user


@pytest.fixture
def service(organization):
    return ServiceFactory(organization=organization, time_limit_days=7)


def _jpeg_with_exif() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), "blue")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (13.0, 45.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


# --- Catalogue ------------------------------------------------------------------


def test_every_starter_template_can_be_adopted(organization, officer):
    """The data file's templates all make valid services with valid forms."""
    templates = starter_template_list()
    assert len(templates) >= 10
    for template in templates:
        service = services.service_adopt(
            actor=officer, organization=organization, template=template
        )
        assert service.template_code == template["code"]
        assert service.form_versions.get().number == 1
        assert service.steps and service.time_limit_days >= 1


def test_adopting_the_same_template_twice_is_refused(organization, officer):
    template = starter_template_list()[0]
    services.service_adopt(actor=officer, organization=organization, template=template)
    with pytest.raises(DomainError) as error:
        services.service_adopt(
            actor=officer, organization=organization, template=template
        )
    assert error.value.field == "code"


@pytest.mark.parametrize("code", ["track", "mine", "statistics"])
def test_a_code_that_would_hide_a_public_page_is_refused(organization, officer, code):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.service_create(
            actor=officer,
            organization=organization,
            details=services.ServiceDetails(
                code=code,
                name="บริการ",
                time_limit_days=3,
                responsible_unit="สำนักปลัด",
            ),
        )
    assert "code" in error.value.message_dict


def test_publishing_a_form_keeps_old_requests_on_their_version(service, officer):
    old = file_request(service)
    new_fields = [
        *service.form_versions.get().fields,
        {"code": "urgent", "label": "ด่วน", "type": "choice", "choices": ["ใช่", "ไม่"]},
    ]
    version = services.form_version_publish(
        actor=officer, service=service, fields=new_fields
    )
    assert version.number == 2
    new = file_request(service)
    old.refresh_from_db()
    assert old.form_version.number == 1
    assert new.form_version == version
    assert len(old.form_version.fields) == 3


def test_a_broken_form_definition_says_where(service, officer):
    with pytest.raises(DomainError) as error:
        services.form_version_publish(
            actor=officer,
            service=service,
            fields=[{"code": "1bad", "label": "", "type": "colour"}],
        )
    assert "1" in error.value.message
    assert service.form_versions.count() == 1


def test_publishing_an_unchanged_form_is_refused(service, officer):
    with pytest.raises(DomainError):
        services.form_version_publish(
            actor=officer, service=service, fields=service.form_versions.get().fields
        )


# --- Filing ---------------------------------------------------------------------


def test_filing_gives_a_code_a_queue_number_and_a_deadline(service):
    with time_machine.travel(T0, tick=False):
        first = file_request(service)
        second = file_request(service)
    assert first.tracking_code != second.tracking_code
    assert codes.is_valid(first.tracking_code)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.due_at == T0 + timedelta(days=7)
    assert first.status == Status.RECEIVED
    assert first.events.get().kind == RequestEvent.Kind.FILED
    assert IssuedTrackingCode.objects.filter(code=first.tracking_code).exists()
    assert AuditEvent.objects.filter(action="eservice_request.file").count() == 2
    assert first.latitude is not None


def test_working_day_limits_skip_weekends_and_thai_holidays(organization):
    service = ServiceFactory(
        organization=organization, time_limit_days=3, time_limit_unit="working_days"
    )
    friday = timezone.datetime(
        2026, 12, 4, 10, 0, tzinfo=timezone.get_fixed_timezone(420)
    )
    with time_machine.travel(friday, tick=False):
        filed = file_request(service)
    # Mon 7 Dec (Father's Day in lieu) and Thu 10 Dec (Constitution Day) are off:
    # the third working day is Friday 11 December, until 16:30.
    assert filed.due_at == timezone.datetime(
        2026, 12, 11, 16, 30, tzinfo=timezone.get_fixed_timezone(420)
    )
    label = Template(
        "{% load thai %}{{ s.time_limit_days|days_label:s.time_limit_unit }}"
    )
    assert label.render(Context({"s": service})) == "3 วันทำการ"
    calendar = ServiceFactory(organization=organization, time_limit_days=45)
    assert label.render(Context({"s": calendar})) == "45 วัน"


def test_starter_permits_count_calendar_days_and_others_working_days():
    from prongsai.eservices.selectors import starter_template_list

    units = {
        t["code"]: t.get("time_limit_unit", "working_days")
        for t in starter_template_list()
    }
    assert units["building-permit"] == "days"
    assert units["street-light"] == "working_days"


def test_tracking_codes_are_never_reused(service, monkeypatch):
    """A code once issued is skipped even if its request is gone."""
    first = file_request(service)
    code = first.tracking_code
    ServiceRequest.objects.filter(pk=first.pk).delete()
    fresh = codes.new_tracking_code()
    issued = iter([code, fresh])
    monkeypatch.setattr(
        services_filing.codes, "new_tracking_code", lambda: next(issued)
    )
    second = file_request(service)
    assert second.tracking_code == fresh


def test_filing_without_privacy_consent_leaves_nothing(service):
    with pytest.raises(DomainError) as error:
        file_request(service, privacy_accepted=False)
    assert error.value.field == "privacy_accepted"
    assert ServiceRequest.objects.count() == 0


def test_web_filing_needs_a_way_to_reach_the_citizen(service):
    with pytest.raises(DomainError):
        file_request(service, citizen_phone="", citizen_email="")


def test_unpublished_service_takes_no_web_requests_but_staff_can_file(service, officer):
    service.is_published = False
    service.save()
    with pytest.raises(DomainError):
        file_request(service)
    filed = file_request(service, actor=officer, channel=Channel.WALK_IN)
    assert filed.filed_by == officer


def test_photo_metadata_is_removed(service):
    upload = _jpeg_with_exif()
    assert Image.open(io.BytesIO(upload.read())).getexif()
    filed = file_request(service, files=[("photo", upload)])
    attachment = filed.attachments.get()
    assert attachment.content_type == "image/jpeg"
    with attachment.file.open("rb") as stored:
        image = Image.open(stored)
        assert not image.getexif()
        assert image.size == (40, 30)
    assert attachment.original_name == "photo.jpg"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("fake.jpg", b"\xff\xd8\xff" + b"not really a jpeg"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(service, name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(DomainError) as error:
        file_request(service, files=[("photo", upload)])
    assert name in error.value.message
    assert ServiceRequest.objects.count() == 0


def test_too_large_files_are_refused(service, monkeypatch):
    from prongsai.eservices import attachments

    monkeypatch.setattr(attachments, "MAX_BYTES", 10)
    with pytest.raises(DomainError):
        file_request(service, files=[("photo", _jpeg_with_exif())])


def test_pdf_is_kept_as_it_is(service):
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    filed = file_request(service, files=[("photo", upload)])
    assert filed.attachments.get().content_type == "application/pdf"


def test_citizen_is_emailed_on_each_public_change(
    service, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filed = file_request(service)
    with django_capture_on_commit_callbacks(execute=True):
        services_workflow.request_transition(
            actor=officer, request=filed, to_status=Status.ACCEPTED
        )
    with django_capture_on_commit_callbacks(execute=True):
        services_workflow.request_add_note(
            actor=officer, request=filed, text="ภายใน: โทรแล้ว"
        )
    subjects = [m.subject for m in mailoutbox]
    assert len(mailoutbox) == 2  # filed + accepted; the note is internal
    assert filed.tracking_code in subjects[1]
    assert "ภายใน" not in mailoutbox[1].body
    assert filed.get_tracking_url() in mailoutbox[1].body


# --- Workflow and queue ---------------------------------------------------------


def test_whole_workflow_with_history(service, officer):
    filed = file_request(service)
    for status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED):
        filed = services_workflow.request_transition(
            actor=officer, request=filed, to_status=status
        )
    assert filed.status == Status.COMPLETED
    assert filed.closed_at is not None and filed.started_at is not None
    assert filed.assignee == officer
    assert filed.completion_count == 1
    kinds = list(filed.events.values_list("kind", "to_status"))
    assert kinds == [
        ("filed", "received"),
        ("status", "accepted"),
        ("status", "in_progress"),
        ("status", "completed"),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.RECEIVED, Status.COMPLETED),
        (Status.REJECTED, Status.IN_PROGRESS),
        (Status.COMPLETED, Status.RECEIVED),
        (Status.WAITING, Status.COMPLETED),
    ],
)
def test_forbidden_transitions(service, officer, start, target):
    filed = file_request(service)
    ServiceRequest.objects.filter(pk=filed.pk).update(status=start)
    with pytest.raises(DomainError):
        services_workflow.request_transition(
            actor=officer, request=filed, to_status=target
        )


@pytest.mark.parametrize("target", [Status.REJECTED, Status.WAITING])
def test_rejecting_or_returning_needs_a_reason(service, officer, target):
    filed = file_request(service)
    with pytest.raises(DomainError) as error:
        services_workflow.request_transition(
            actor=officer, request=filed, to_status=target
        )
    assert error.value.field == "reason"
    filed = services_workflow.request_transition(
        actor=officer, request=filed, to_status=target, reason="เอกสารไม่ครบ"
    )
    assert filed.public_note == "เอกสารไม่ครบ"


def test_taking_a_later_request_first_needs_a_recorded_reason(service, officer):
    first = file_request(service)
    second = file_request(service)
    assert request_get_queue_position(request=first) == 1
    assert request_get_queue_position(request=second) == 2
    with pytest.raises(DomainError) as error:
        services_workflow.request_transition(
            actor=officer, request=second, to_status=Status.IN_PROGRESS
        )
    assert error.value.field == "jump_reason"
    second = services_workflow.request_transition(
        actor=officer,
        request=second,
        to_status=Status.IN_PROGRESS,
        jump_reason="ผู้ป่วยติดเตียง",
    )
    assert second.queue_jump_reason == "ผู้ป่วยติดเตียง"
    assert second.events.filter(kind=RequestEvent.Kind.QUEUE_JUMP).exists()
    assert request_get_queue_position(request=second) is None
    assert request_get_queue_position(request=first) == 1


def test_first_in_queue_needs_no_reason_and_other_services_do_not_count(
    organization, service, officer
):
    other = ServiceFactory(organization=organization)
    file_request(other)
    first = file_request(service)
    started = services_workflow.request_transition(
        actor=officer, request=first, to_status=Status.IN_PROGRESS
    )
    assert started.queue_jump_reason == ""


def test_requests_waiting_for_the_citizen_do_not_block_the_queue(service, officer):
    first = file_request(service)
    services_workflow.request_transition(
        actor=officer, request=first, to_status=Status.WAITING, reason="ขอเอกสาร"
    )
    second = file_request(service)
    started = services_workflow.request_transition(
        actor=officer, request=second, to_status=Status.IN_PROGRESS
    )
    assert started.queue_jump_reason == ""


def test_assignment_only_to_members(organization, other_organization, service, officer):
    filed = file_request(service)
    outsider = MembershipFactory(organization=other_organization).user
    with pytest.raises(DomainError):
        services_workflow.request_assign(
            actor=officer, request=filed, assignee=outsider
        )
    colleague = MembershipFactory(organization=organization).user
    services_workflow.request_assign(actor=officer, request=filed, assignee=colleague)
    filed.refresh_from_db()
    assert filed.assignee == colleague
    assert filed.events.filter(kind="assign").exists()


def test_internal_notes_are_not_public(service, officer):
    filed = file_request(service)
    note = services_workflow.request_add_note(
        actor=officer, request=filed, text="โทรแล้ว"
    )
    assert note.is_public is False
    with pytest.raises(DomainError):
        services_workflow.request_add_note(actor=officer, request=filed, text="  ")


# --- Deadline clock -------------------------------------------------------------


def test_deadline_flags_follow_the_clock(service, officer):
    with time_machine.travel(T0, tick=False):
        filed = file_request(service)
    for days, flag in ((1, ""), (5.5, "soon"), (7.1, "overdue")):
        now = T0 + timedelta(days=days)
        assert deadline_flag(filed, now=now, soon_days=2) == flag, days


def test_waiting_for_the_citizen_stops_the_clock(service, officer):
    with time_machine.travel(T0, tick=False):
        filed = file_request(service)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        filed = services_workflow.request_transition(
            actor=officer, request=filed, to_status=Status.WAITING, reason="ขอเอกสาร"
        )
    # Ten days of waiting: not overdue, the clock is stopped.
    assert deadline_flag(filed, now=T0 + timedelta(days=11), soon_days=2) == ""
    with time_machine.travel(T0 + timedelta(days=11), tick=False):
        filed = services_workflow.request_transition(
            actor=officer, request=filed, to_status=Status.IN_PROGRESS
        )
    assert filed.due_at == T0 + timedelta(days=17)
    assert filed.paused_at is None


def test_closed_requests_have_no_flag(service, officer):
    filed = file_request(service)
    filed = services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.REJECTED, reason="นอกเขต"
    )
    assert (
        deadline_flag(filed, now=timezone.now() + timedelta(days=99), soon_days=2) == ""
    )


def test_reminders_go_to_assignee_and_officer_once_a_day(
    organization, service, officer, mailoutbox
):
    from django.test import TestCase

    from prongsai.eservices.tasks import request_deadline_reminders_for

    def request_send_deadline_reminders():
        # One organisation's task (the hourly dispatcher queues it).
        now = timezone.now().isoformat()
        with TestCase.captureOnCommitCallbacks(execute=True):
            return request_deadline_reminders_for(organization.pk, now)

    colleague = MembershipFactory(organization=organization).user
    service.officer = officer
    service.save()
    with time_machine.travel(T0, tick=False):
        overdue = file_request(service, citizen_email="")
        file_request(service, citizen_email="")  # far from due
    services_workflow.request_assign(actor=officer, request=overdue, assignee=colleague)
    with time_machine.travel(T0 + timedelta(days=6), tick=False):
        late = file_request(service, citizen_email="")
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        mailoutbox.clear()
        sent = request_send_deadline_reminders()
        assert sent == 2
        recipients = sorted(m.to[0] for m in mailoutbox)
        assert recipients == sorted([officer.email, colleague.email])
        officer_mail = next(m for m in mailoutbox if m.to == [officer.email])
        assert overdue.tracking_code in officer_mail.body
        assert late.tracking_code not in officer_mail.body
        assert request_send_deadline_reminders() == 0  # once a day
    with time_machine.travel(T0 + timedelta(days=9, hours=2), tick=False):
        assert request_send_deadline_reminders() == 2


def test_the_hourly_job_queues_only_organisations_with_requests_due(
    organization, other_organization, service
):
    from prongsai.core.models import OutboxTask
    from prongsai.core.tests.outage import broker_unreachable
    from prongsai.eservices.tasks import request_send_deadline_reminders

    with time_machine.travel(T0, tick=False):
        file_request(service, citizen_email="")
    later = T0 + timedelta(days=8)
    with time_machine.travel(later, tick=False), broker_unreachable():
        assert request_send_deadline_reminders() == 1
    (row,) = OutboxTask.objects.all()
    assert row.task_name == "prongsai.eservices.tasks.request_deadline_reminders_for"
    assert row.args[0] == organization.pk


def test_the_beat_schedule_runs_the_reminders():
    from django.conf import settings

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "prongsai.eservices.tasks.request_send_deadline_reminders" in tasks


# --- Ratings --------------------------------------------------------------------


def _completed(service, officer):
    filed = file_request(service)
    services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.IN_PROGRESS
    )
    return services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.COMPLETED
    )


def test_rating_once_per_completion(service, officer):
    filed = _completed(service, officer)
    rating = services_workflow.request_rate(request=filed, score=5, comment="ดีมาก")
    assert rating.completion == 1
    with pytest.raises(DomainError):
        services_workflow.request_rate(request=filed, score=4)
    assert not ReopenRequest.objects.exists()


def test_only_completed_requests_can_be_rated(service):
    with pytest.raises(DomainError):
        services_workflow.request_rate(request=file_request(service), score=5)


def test_rating_out_of_range_is_refused(service, officer):
    from django.core.exceptions import ValidationError

    filed = _completed(service, officer)
    with pytest.raises(ValidationError):
        services_workflow.request_rate(request=filed, score=6)


def test_low_rating_reopens_at_once_and_allows_a_new_rating(
    service, officer, organization, django_capture_on_commit_callbacks
):
    from prongsai.notifications.models import Notification

    executive = MembershipFactory(organization=organization, roles=[Role.EXECUTIVE])
    head = MembershipFactory(
        organization=organization, unit=service.responsible_unit, is_unit_head=True
    )
    filed = _completed(service, officer)
    with django_capture_on_commit_callbacks(execute=True):
        rating = services_workflow.request_rate(
            request=filed, score=1, comment="ยังดับอยู่"
        )
    reopen = rating.reopen_request
    assert reopen.state == ReopenRequest.State.REOPENED
    filed.refresh_from_db()
    assert filed.status == Status.IN_PROGRESS
    assert filed.closed_at is None
    # Reopening is a move of the workflow helper, with its audit row.
    (event,) = AuditEvent.objects.filter(
        action="eservice_request.reopen", object_id=filed.pk
    )
    assert event.changes["status"] == {
        "old": Status.COMPLETED,
        "new": Status.IN_PROGRESS,
    }
    # The head of the service's unit is told, with the comment; not the
    # executive while the unit has a head.
    (told,) = Notification.objects.filter(kind="eservices/reopened")
    assert told.user == head.user and "ยังดับอยู่" in told.body
    assert not Notification.objects.filter(user=executive.user).exists()
    with pytest.raises(DomainError):
        services_workflow.reopen_decide(
            actor=officer, reopen=reopen, reopen_request=True
        )
    services_workflow.request_transition(
        actor=officer, request=filed, to_status=Status.COMPLETED
    )
    filed.refresh_from_db()
    second = services_workflow.request_rate(request=filed, score=4)
    assert second.completion == 2


def test_without_a_unit_head_the_executives_are_told(
    service, officer, organization, django_capture_on_commit_callbacks
):
    from prongsai.notifications.models import Notification

    executive = MembershipFactory(organization=organization, roles=[Role.EXECUTIVE])
    MembershipFactory(organization=organization, unit="กองอื่น", is_unit_head=True)
    filed = _completed(service, officer)
    with django_capture_on_commit_callbacks(execute=True):
        services_workflow.request_rate(request=filed, score=2)
    (told,) = Notification.objects.filter(kind="eservices/reopened")
    assert told.user == executive.user


def test_reopen_rate_in_the_statistics(service, officer, organization):
    from prongsai.core import thai_dates
    from prongsai.eservices import selectors

    for score in (1, 5, 4, 2):
        filed = _completed(service, officer)
        services_workflow.request_rate(request=filed, score=score)
    report = selectors.eservice_statistics_get(
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(thai_dates.local_date(filed.received_at)),
    )
    figures = report.by_service[service.name]
    assert (len(figures.scores), figures.reopened) == (4, 2)
    assert figures.reopen_percent == 50.0


def _legacy_open_reopen_request(filed, score=2):
    """A reopen request left open before ratings reopened by themselves."""
    from prongsai.eservices.models import Rating

    rating = Rating.objects.create(
        request=filed, completion=filed.completion_count, score=score
    )
    return ReopenRequest.objects.create(rating=rating, request=filed)


def test_dismissing_a_reopen_request_needs_a_reason(service, officer):
    filed = _completed(service, officer)
    reopen = _legacy_open_reopen_request(filed)
    with pytest.raises(DomainError):
        services_workflow.reopen_decide(
            actor=officer, reopen=reopen, reopen_request=False
        )
    services_workflow.reopen_decide(
        actor=officer, reopen=reopen, reopen_request=False, note="ซ่อมครบแล้ว"
    )
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED


# --- Settings -------------------------------------------------------------------


def test_api_key_is_stored_as_a_hash(organization, officer):
    from prongsai.eservices.selectors import open311_key_valid

    key = services.eservice_settings_issue_api_key(
        actor=officer, organization=organization
    )
    row = organization.eservice_settings
    assert key not in row.open311_api_key_hash
    assert open311_key_valid(organization=organization, key=key)
    assert not open311_key_valid(organization=organization, key=key + "x")
    assert not open311_key_valid(organization=organization, key="")
    event = AuditEvent.objects.get(action="eservice_settings.api_key")
    assert key not in str(event.changes)
