"""Issue #17: replies acknowledge, "sent" means the channel confirmed it,
unhappy ratings reopen, and a fix of a case with a photo shows a photo."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from prongsai.complaints import (
    selectors_entries,
    selectors_statistics,
    services,
)
from prongsai.complaints.models import (
    Case,
    CaseAttachment,
    CaseEntry,
    Channel,
    Status,
)
from prongsai.complaints.tests.factories import (
    AttachmentFactory,
    CaseFactory,
    CategoryFactory,
)
from prongsai.complaints.tests.test_webhooks import FB_TOKEN, USER
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.notifications import services as notifications
from prongsai.notifications.models import Delivery, Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def photo_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (10, 200, 10))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user


def line_case(organization, **extra):
    return CaseFactory(
        organization=organization,
        channel=Channel.LINE,
        line_user_id=USER,
        **extra,
    )


def delivery_of(entry) -> Delivery:
    return Delivery.objects.get(notification__source=f"complaints.entry:{entry.pk}")


class TestReplyAcknowledges:
    def test_reply_acknowledges_and_is_audited(self, organization, officer):
        case = CaseFactory(
            organization=organization,
            acknowledge_due=timezone.now() - datetime.timedelta(days=1),
        )
        assert case.is_overdue
        services.case_reply(actor=officer, case=case, text="รับทราบ กำลังตรวจสอบ")
        case.refresh_from_db()
        assert case.acknowledged_at is not None
        assert case.status == Status.RECEIVED and not case.is_overdue
        event = AuditEvent.objects.get(action="case.reply", object_id=case.pk)
        assert "acknowledged_at" in event.changes

    def test_a_note_does_not_acknowledge(self, organization, officer):
        case = CaseFactory(organization=organization)
        services.case_add_note(actor=officer, case=case, text="ภายใน")
        case.refresh_from_db()
        assert case.acknowledged_at is None

    def test_a_second_reply_keeps_the_first_time(self, organization, officer):
        case = CaseFactory(organization=organization)
        services.case_reply(actor=officer, case=case, text="หนึ่ง")
        first = Case.objects.get(pk=case.pk).acknowledged_at
        services.case_reply(actor=officer, case=case, text="สอง")
        assert Case.objects.get(pk=case.pk).acknowledged_at == first


class TestDeliveryFollowsTheChannel:
    def test_line_sent_only_after_the_channel_answered_200(
        self, configured, edge, officer, django_capture_on_commit_callbacks
    ):
        case = line_case(configured)
        entry = services.case_reply(actor=officer, case=case, text="ส่งช่างแล้ว")
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.PENDING  # not yet sent
        assert not edge.calls
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="อีกครั้ง")
        entry.refresh_from_db()
        assert edge.calls[-1]["body"]["to"] == USER
        assert "อีกครั้ง" in edge.calls[-1]["body"]["messages"][0]["text"]
        assert entry.delivery == CaseEntry.Delivery.SENT
        assert delivery_of(entry).sent_at is not None

    def test_failure_then_retry_then_sent(
        self, configured, edge, officer, django_capture_on_commit_callbacks
    ):
        case = line_case(configured)
        edge.status = 503
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="ตอบ")
        entry.refresh_from_db()
        delivery = delivery_of(entry)
        assert entry.delivery == CaseEntry.Delivery.PENDING
        assert (delivery.attempts, delivery.status) == (1, "queued")
        # The staff page says it is being retried, and why (the kind only).
        (shown,) = [
            e
            for e in selectors_entries.case_entry_list_with_delivery(case=case)
            if e.pk == entry.pk
        ]
        assert shown.delivery_state.attempts == 1
        assert shown.delivery_state.reason
        assert "LinePushError" not in str(shown.delivery_state.reason)
        edge.status = 200
        with django_capture_on_commit_callbacks(execute=True):
            notifications.deliveries_retry_due(now=delivery.next_attempt_at)
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT

    def test_failed_for_good_then_retry_now(
        self, configured, edge, officer, django_capture_on_commit_callbacks
    ):
        case = line_case(configured)
        edge.status = 500
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="ตอบ")
        delivery = delivery_of(entry)
        with django_capture_on_commit_callbacks(execute=True):
            while delivery.status == "queued":
                notifications.deliveries_retry_due(now=delivery.next_attempt_at)
                delivery.refresh_from_db()
        entry.refresh_from_db()
        assert delivery.attempts == notifications.MAX_ATTEMPTS
        assert entry.delivery == CaseEntry.Delivery.FAILED
        with pytest.raises(DomainError):  # only failed messages are retried
            services.entry_retry_delivery(
                actor=officer,
                entry=services.case_reply(actor=officer, case=case, text="x"),
            )
        edge.status = 200
        with django_capture_on_commit_callbacks(execute=True):
            services.entry_retry_delivery(actor=officer, entry=entry)
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT
        assert AuditEvent.objects.filter(
            action="case.entry_retry", object_id=case.pk
        ).exists()

    def test_retry_now_from_the_case_page(
        self, client, configured, edge, officer, django_capture_on_commit_callbacks
    ):
        case = line_case(configured)
        entry = CaseEntry.objects.create(
            case=case,
            type=CaseEntry.Type.REPLY,
            text="ตอบ",
            is_public=True,
            delivery=CaseEntry.Delivery.FAILED,
        )
        client.force_login(officer)
        page = client.get(f"/{configured.slug}/staff/complaints/{case.pk}/")
        assert f"entries/{entry.pk}/retry/" in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/{configured.slug}/staff/complaints/{case.pk}/entries/{entry.pk}/retry/"
            )
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT

    def test_messenger_goes_through_the_notifications(
        self, configured, edge, officer, django_capture_on_commit_callbacks
    ):
        case = CaseFactory(
            organization=configured,
            channel=Channel.FACEBOOK,
            facebook_psid="6543210987654321",
            facebook_last_message_at=timezone.now(),
        )
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="ส่งช่างแล้ว")
        entry.refresh_from_db()
        call = [c for c in edge.calls if c["url"].endswith("/me/messages")][-1]
        assert call["body"]["recipient"]["id"] == "6543210987654321"
        assert call["headers"]["Authorization"] == "Bearer " + FB_TOKEN
        assert entry.delivery == CaseEntry.Delivery.SENT
        assert delivery_of(entry).channel == "messenger"

    def test_messenger_outside_the_window_cannot_be_retried(
        self, configured, edge, officer
    ):
        case = CaseFactory(
            organization=configured,
            channel=Channel.FACEBOOK,
            facebook_psid="6543210987654321",
            facebook_last_message_at=timezone.now() - datetime.timedelta(hours=30),
        )
        entry = CaseEntry.objects.create(
            case=case,
            type=CaseEntry.Type.REPLY,
            text="ตอบ",
            is_public=True,
            delivery=CaseEntry.Delivery.FAILED,
        )
        with pytest.raises(DomainError):
            services.entry_retry_delivery(actor=officer, entry=entry)


class TestUnhappyRatingReopens:
    def test_reopens_and_tells_the_head_of_the_unit(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        category = CategoryFactory(organization=organization, responsible_unit="กองช่าง")
        head = MembershipFactory(
            organization=organization, unit=" กองช่าง ", is_unit_head=True
        )
        MembershipFactory(organization=organization, roles=[Role.EXECUTIVE])
        MembershipFactory(organization=organization, unit="กองช่าง")  # not the head
        case = CaseFactory(organization=organization, category=category)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        with django_capture_on_commit_callbacks(execute=True):
            services.case_rate(case=case, satisfaction=2, comment="ยังไม่ซ่อมจริง")
        case.refresh_from_db()
        assert case.status == Status.IN_PROGRESS
        (told,) = Notification.objects.filter(kind="complaints/reopened")
        assert told.user == head.user
        assert "ยังไม่ซ่อมจริง" in told.body and case.reference in told.subject
        assert AuditEvent.objects.filter(
            action="case.status", object_id=case.pk, actor__isnull=True
        ).exists()

    def test_without_a_head_every_executive_is_told(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        executives = [
            MembershipFactory(organization=organization, roles=[Role.EXECUTIVE])
            for _ in range(2)
        ]
        case = CaseFactory(organization=organization)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        with django_capture_on_commit_callbacks(execute=True):
            services.case_rate(case=case, satisfaction=1)
        told = {n.user for n in Notification.objects.filter(kind="complaints/reopened")}
        assert told == {m.user for m in executives}

    def test_the_assignees_unit_when_there_is_no_category(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        MembershipFactory(organization=organization, roles=[Role.EXECUTIVE])
        assignee = MembershipFactory(organization=organization, unit="กองคลัง")
        head = MembershipFactory(
            organization=organization, unit="กองคลัง", is_unit_head=True
        )
        case = CaseFactory(organization=organization, assigned_to=assignee.user)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        with django_capture_on_commit_callbacks(execute=True):
            services.case_rate(case=case, satisfaction=1)
        (told,) = Notification.objects.filter(kind="complaints/reopened")
        assert told.user == head.user

    def test_reopen_rates_come_from_the_records(self, organization, officer):
        roads = CategoryFactory(organization=organization, name="ถนน")
        lights = CategoryFactory(organization=organization, name="ไฟฟ้า")
        for category, score in ((roads, 1), (roads, 5), (lights, 4), (roads, 2)):
            case = CaseFactory(organization=organization, category=category)
            services.case_change_status(
                actor=officer, case=case, status=Status.RESOLVED
            )
            services.case_rate(case=case, satisfaction=score)
        # A reopened case rated again counts as a second rating.
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        services.case_rate(case=case, satisfaction=5)
        stats = selectors_statistics.complaint_statistics_get(
            organization=organization,
            fiscal_year=selectors_statistics.statistics_year_list(
                organization=organization
            )[0],
        )
        rates = {r.category: (r.rated, r.reopened) for r in stats["reopen_rates"]}
        assert rates == {"ถนน": (4, 2), "ไฟฟ้า": (1, 0), "*": (5, 2)}
        assert stats["satisfaction_count"] == 5  # the unhappy ratings stay counted
        assert stats["satisfaction_mean"] == pytest.approx((1 + 5 + 4 + 2 + 5) / 5)


class TestAfterFixPhoto:
    @pytest.fixture
    def case(self, organization):
        case = CaseFactory(organization=organization, status=Status.IN_PROGRESS)
        AttachmentFactory(case=case)
        return case

    def test_resolve_needs_a_photo_or_a_reason(self, case, officer):
        with pytest.raises(DomainError) as refused:
            services.case_change_status(
                actor=officer, case=case, status=Status.RESOLVED
            )
        assert refused.value.field == "after_photo"
        assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS

    def test_a_reason_is_enough_and_the_complainant_reads_it(self, case, officer):
        services.case_change_status(
            actor=officer,
            case=case,
            status=Status.RESOLVED,
            no_after_photo_reason="ซ่อมใต้ดิน มองไม่เห็น",
        )
        entry = case.entries.get(type=CaseEntry.Type.STATUS)
        assert "ซ่อมใต้ดิน มองไม่เห็น" in entry.text and entry.is_public

    def test_photo_is_kept_private_without_metadata(
        self, case, officer, client, organization
    ):
        services.case_change_status(
            actor=officer,
            case=case,
            status=Status.RESOLVED,
            after_photo=photo_with_exif(),
            after_photo_public=False,
        )
        photo = case.attachments.get(kind=CaseAttachment.Kind.AFTER_FIX)
        data = photo.file.open("rb").read()
        assert b"SecretPhoneMaker" not in data
        assert not Image.open(io.BytesIO(data)).getexif()
        assert photo.entry.to_status == Status.RESOLVED
        # The complainant sees it on the tracking page; the public does not.
        track = f"/{organization.slug}/complaints/track/{case.tracking_code}/"
        page = client.get(track).content.decode()
        assert f"{track}photos/{photo.pk}/" in page
        assert client.get(f"{track}photos/{photo.pk}/").status_code == 200
        report = case.attachments.get(kind=CaseAttachment.Kind.REPORT)
        assert client.get(f"{track}photos/{report.pk}/").status_code == 404
        assert selectors_entries.case_public_after_photo_url(case) is None
        url = f"/{organization.slug}/complaints/after-fix/{photo.pk}/"
        assert client.get(url).status_code == 404

    def test_public_after_photo_url(self, case, officer, client, organization):
        assert selectors_entries.case_public_after_photo_url(case) is None
        services.case_change_status(
            actor=officer,
            case=case,
            status=Status.RESOLVED,
            after_photo=photo_with_exif(),
        )
        url = selectors_entries.case_public_after_photo_url(case)
        photo = case.attachments.get(kind=CaseAttachment.Kind.AFTER_FIX)
        assert url == f"/{organization.slug}/complaints/after-fix/{photo.pk}/"
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        report = case.attachments.get(kind=CaseAttachment.Kind.REPORT)
        gone = f"/{organization.slug}/complaints/after-fix/{report.pk}/"
        assert client.get(gone).status_code == 404

    def test_an_unreadable_photo_is_refused_in_thai(self, case, officer):
        with pytest.raises(DomainError) as refused:
            services.case_change_status(
                actor=officer,
                case=case,
                status=Status.RESOLVED,
                after_photo=b"not a photo",
            )
        assert refused.value.field == "after_photo"

    def test_the_status_form_keeps_the_text_on_an_error(
        self, case, officer, client, organization
    ):
        client.force_login(officer)
        url = f"/{organization.slug}/staff/complaints/{case.pk}/status/"
        response = client.post(url, {"status": "resolved", "text": "ซ่อมไฟเรียบร้อยแล้ว"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "ซ่อมไฟเรียบร้อยแล้ว" in page and 'id="after-fix"' in page
        response = client.post(
            url,
            {
                "status": "resolved",
                "text": "ซ่อมแล้ว",
                "after_photo_public": "on",
                "after_photo": io.BytesIO(photo_with_exif()),
            },
        )
        assert response.status_code == 302
        assert Case.objects.get(pk=case.pk).status == Status.RESOLVED
