import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from prongsai.complaints import (
    selectors,
    selectors_statistics,
    services,
    services_confidential,
    services_intake,
    services_retention,
    services_settings,
)
from prongsai.complaints.models import (
    Case,
    CaseAttachment,
    CaseEntry,
    Channel,
    ComplaintSettings,
    ExternalBody,
    ExternalRecipient,
    Kind,
    Status,
)
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core import codes, deadlines
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    """A small JPEG carrying EXIF with a GPS position and a camera make."""
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (16.0, 25.0, 30.0), 3: "E", 4: (102.0, 50.0, 1.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
    ).user


@pytest.fixture
def category(organization):
    return CategoryFactory(
        organization=organization,
        name="ไฟฟ้าส่องสว่าง",
        acknowledge_days=2,
        resolve_days=7,
    )


def submit(organization, **kwargs):
    defaults = {
        "organization": organization,
        "kind": Kind.COMPLAINT,
        "channel": Channel.WEB,
        "subject": "ไฟถนนดับ",
        "description": "ไฟถนนหน้าโรงเรียนดับสามต้น",
    }
    defaults.update(kwargs)
    return services_intake.case_submit(**defaults)


class TestSubmit:
    def test_case_gets_reference_code_and_deadlines(self, organization, category):
        case = submit(organization, category=category)
        assert case.reference.startswith("C25")
        assert case.reference.endswith("-0001")
        assert codes.is_valid(case.tracking_code)
        assert case.status == Status.RECEIVED
        assert case.acknowledge_due == deadlines.due_at(case.received_at, 2)
        assert case.resolve_due == deadlines.due_at(case.received_at, 7)
        assert case.entries.get().type == CaseEntry.Type.RECEIVED
        event = AuditEvent.objects.get(action="case.submit")
        assert event.organization == organization

    def test_references_count_up_per_organization(
        self, organization, other_organization
    ):
        first = submit(organization)
        second = submit(organization)
        other = submit(other_organization)
        assert first.reference[-4:] == "0001"
        assert second.reference[-4:] == "0002"
        assert other.reference[-4:] == "0001"

    def test_foreign_category_is_refused(self, organization, other_organization):
        foreign = CategoryFactory(organization=other_organization)
        with pytest.raises(DomainError):
            submit(organization, category=foreign)
        assert not Case.objects.exists()

    def test_corruption_kind_is_refused_on_the_general_form(self, organization):
        with pytest.raises(DomainError):
            submit(organization, kind=Kind.CORRUPTION)

    def test_photo_is_stored_without_metadata(self, organization):
        case = submit(organization, photos=[jpeg_with_gps()])
        attachment = case.attachments.get()
        data = attachment.file.read()
        assert b"SecretPhoneMaker" not in data
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
        assert attachment.file.name.endswith(".jpg")

    def test_photos_live_outside_the_public_media_root(self, organization, settings):
        case = submit(organization, photos=[jpeg_with_gps()])
        path = case.attachments.get().file.path
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert "private-media" in path
        with pytest.raises(ValueError):
            _ = case.attachments.get().file.url

    def test_a_bad_photo_leaves_nothing_behind(self, organization):
        with pytest.raises(ValidationError) as info:
            submit(organization, photos=[jpeg_with_gps(), b"not an image"])
        assert "photos" in info.value.message_dict
        assert not Case.objects.exists()
        assert not CaseAttachment.objects.exists()

    def test_empty_description_is_refused(self, organization):
        with pytest.raises(ValidationError):
            submit(organization, description="  ")
        assert not Case.objects.exists()

    def test_officers_are_emailed_without_content(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            case = submit(organization, description="รายละเอียดลับเฉพาะ 0812345678")
        assert len(mail.outbox) == 1
        assert case.reference in mail.outbox[0].subject
        assert "0812345678" not in mail.outbox[0].body
        assert officer.email in mail.outbox[0].to

    def test_staff_record_walk_in(self, organization, officer):
        case = services_intake.case_record(
            actor=officer,
            organization=organization,
            channel=Channel.WALK_IN,
            kind=Kind.SUGGESTION,
            subject="ขอให้ติดตั้งไฟ",
            description="ขอให้ติดตั้งไฟส่องสว่างที่ซอย 3",
            complainant_name="นางบุญเรือน ใจงาม",
        )
        assert case.channel == Channel.WALK_IN
        assert AuditEvent.objects.filter(action="case.record", actor=officer).exists()

    def test_staff_cannot_record_web_channel(self, organization, officer):
        with pytest.raises(DomainError):
            services_intake.case_record(
                actor=officer,
                organization=organization,
                channel=Channel.WEB,
                kind=Kind.COMPLAINT,
                subject="x",
                description="y",
            )


class TestWorkflow:
    def test_full_path(self, organization, officer):
        case = submit(organization)
        case = services.case_change_status(
            actor=officer, case=case, status=Status.ACKNOWLEDGED
        )
        assert case.acknowledged_at is not None
        case = services.case_change_status(
            actor=officer, case=case, status=Status.IN_PROGRESS
        )
        case = services.case_change_status(
            actor=officer, case=case, status=Status.RESOLVED, text="ซ่อมแล้ว"
        )
        assert case.closed_at is not None
        statuses = [
            e.to_status for e in case.entries.filter(type=CaseEntry.Type.STATUS)
        ]
        assert statuses == ["acknowledged", "in_progress", "resolved"]
        assert AuditEvent.objects.filter(action="case.status").count() == 3

    def test_illegal_transition(self, organization, officer):
        case = submit(organization)
        case = services.case_change_status(
            actor=officer, case=case, status=Status.RESOLVED
        )
        with pytest.raises(DomainError):
            services.case_change_status(
                actor=officer, case=case, status=Status.ACKNOWLEDGED
            )

    @pytest.mark.parametrize(
        ("status", "field", "value"),
        [
            (Status.FORWARDED, "forwarded_to", "การไฟฟ้าส่วนภูมิภาค"),
            (Status.REJECTED, "rejection_reason", "อยู่นอกเขตพื้นที่"),
        ],
    )
    def test_forward_and_reject_need_their_reason(
        self, organization, officer, status, field, value
    ):
        case = submit(organization)
        with pytest.raises(DomainError) as info:
            services.case_change_status(actor=officer, case=case, status=status)
        assert info.value.field == field
        case = services.case_change_status(
            actor=officer, case=case, status=status, **{field: value}
        )
        assert getattr(case, field) == value
        assert value in case.entries.last().text

    def test_assign_only_to_members(self, organization, other_organization, officer):
        case = submit(organization)
        outsider = MembershipFactory(organization=other_organization).user
        with pytest.raises(DomainError):
            services.case_assign(actor=officer, case=case, assignee=outsider)
        services.case_assign(actor=officer, case=case, assignee=officer)
        case.refresh_from_db()
        assert case.assigned_to == officer

    def test_note_is_internal(self, organization, officer):
        case = submit(organization)
        services.case_add_note(actor=officer, case=case, text="โทรถามแล้ว")
        public = selectors.case_entry_list(case=case, public_only=True)
        assert "โทรถามแล้ว" not in [e.text for e in public]

    def test_web_reply_is_page_only(self, organization, officer):
        case = submit(organization)
        entry = services.case_reply(actor=officer, case=case, text="จะไปซ่อมพรุ่งนี้")
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.PAGE_ONLY
        assert entry in selectors.case_entry_list(case=case, public_only=True)

    def test_reply_by_email(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        case = submit(organization, complainant_email="citizen@example.org")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="จะไปซ่อมพรุ่งนี้")
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT
        assert mail.outbox[-1].to == ["citizen@example.org"]
        assert case.tracking_code in mail.outbox[-1].body

    @pytest.fixture
    def reply_while_smtp_down(
        self, organization, officer, django_capture_on_commit_callbacks, monkeypatch
    ):
        """An e-mailed reply whose first sending failed: (entry, delivery)."""
        import smtplib

        from prongsai.notifications import services as notifications
        from prongsai.notifications.models import Delivery

        def smtp_down(**kwargs):
            raise smtplib.SMTPServerDisconnected("down")

        case = submit(organization, complainant_email="citizen@example.org")
        monkeypatch.setattr(notifications, "send_mail", smtp_down)
        with django_capture_on_commit_callbacks(execute=True):
            entry = services.case_reply(actor=officer, case=case, text="จะไปซ่อม")
        delivery = Delivery.objects.get(
            notification__source=f"complaints.entry:{entry.pk}"
        )
        return entry, delivery

    def test_email_reply_shows_as_sent_only_once_it_was(
        self, reply_while_smtp_down, django_capture_on_commit_callbacks, monkeypatch
    ):
        from prongsai.notifications import services as notifications

        entry, delivery = reply_while_smtp_down
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.PENDING
        assert (delivery.status, delivery.attempts) == ("queued", 1)
        assert delivery.last_error == "SMTPServerDisconnected"

        monkeypatch.undo()
        with django_capture_on_commit_callbacks(execute=True):
            notifications.deliveries_retry_due(now=delivery.next_attempt_at)
        entry.refresh_from_db()
        assert entry.delivery == CaseEntry.Delivery.SENT

    def test_email_reply_that_never_goes_out_shows_as_failed(
        self, reply_while_smtp_down, django_capture_on_commit_callbacks
    ):
        from prongsai.notifications import services as notifications

        entry, delivery = reply_while_smtp_down
        with django_capture_on_commit_callbacks(execute=True):
            while delivery.status == "queued":
                notifications.deliveries_retry_due(now=delivery.next_attempt_at)
                delivery.refresh_from_db()
        entry.refresh_from_db()
        assert delivery.attempts == notifications.MAX_ATTEMPTS
        assert entry.delivery == CaseEntry.Delivery.FAILED


class TestSatisfaction:
    def test_rate_once_and_unhappy_reopens(self, organization, officer):
        case = submit(organization)
        with pytest.raises(DomainError):
            services.case_rate(case=case, satisfaction=5)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        case = services.case_rate(case=case, satisfaction=1, comment="ยังไม่ซ่อม")
        assert case.status == Status.IN_PROGRESS and case.closed_at is None
        assert case.satisfaction is None  # asked again after the next answer
        with pytest.raises(DomainError):
            services.case_rate(case=case, satisfaction=5)
        reopen = case.entries.get(type=CaseEntry.Type.REOPEN)
        assert (reopen.score, reopen.text) == (1, "ยังไม่ซ่อม")
        assert case.entries.get(type=CaseEntry.Type.RATING).score == 1
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        case = services.case_rate(case=case, satisfaction=4)
        assert case.status == Status.RESOLVED and case.satisfaction == 4

    def test_happy_does_not_reopen(self, organization, officer):
        case = submit(organization)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        case = services.case_rate(case=case, satisfaction=3)
        assert case.status == Status.RESOLVED
        assert not case.entries.filter(type=CaseEntry.Type.REOPEN).exists()


class TestDuplicates:
    def test_similar_nearby_case_is_suggested_and_merged(
        self, organization, officer, category
    ):
        first = submit(
            organization,
            category=category,
            subject="ไฟถนนดับหน้าโรงเรียน",
            description="ไฟถนนหน้าโรงเรียนบ้านดงดับสามต้น มืดมาก",
            latitude="16.400000",
            longitude="102.800000",
        )
        second = submit(
            organization,
            category=category,
            subject="ไฟถนนดับหน้าโรงเรียน",
            description="ไฟถนนหน้าโรงเรียนบ้านดงดับหลายต้น มืดมาก",
            latitude="16.400500",
            longitude="102.800300",
        )
        far = submit(
            organization,
            category=category,
            subject="ไฟกิ่งหักที่ตลาด",
            description="เสาไฟล้มขวางทางตลาดนัดวันพุธ",
            latitude="16.500000",
            longitude="102.900000",
        )
        found = [d.case for d in selectors.case_list_duplicates(case=second)]
        assert first in found
        assert far not in found
        services.case_merge(actor=officer, case=second, into=first)
        second.refresh_from_db()
        assert second.merged_into == first
        assert second.status == Status.RESOLVED
        # The merge is a move of the case workflow, audited once with both facts.
        (event,) = AuditEvent.objects.filter(action="case.merge", object_id=second.pk)
        assert event.changes["merged_into"] == first.reference
        assert event.changes["status"]["new"] == Status.RESOLVED
        with pytest.raises(DomainError):
            services.case_merge(actor=officer, case=first, into=first)

    def test_other_category_is_not_a_duplicate(self, organization, category):
        other_category = CategoryFactory(organization=organization)
        a = submit(organization, category=category, description="ขยะล้นถังหน้าตลาด")
        submit(organization, category=other_category, description="ขยะล้นถังหน้าตลาด")
        assert selectors.case_list_duplicates(case=a) == []


class TestConfidential:
    def test_anonymous_report_keeps_no_identity_and_only_a_hash(self, organization):
        case, code = services_confidential.confidential_submit(
            organization=organization,
            description="เจ้าหน้าที่เรียกรับเงิน",
            is_anonymous=True,
            reporter_name="ชื่อที่ไม่ควรเก็บ",
            reporter_phone="0812345678",
        )
        assert len(code) == 16 and code.isdigit()
        assert case.complainant_name == ""
        assert case.complainant_phone == ""
        assert case.tracking_code == ""
        assert code not in case.receipt_hash
        assert case.reference.startswith("R")
        stored = Case.objects.filter(pk=case.pk).values()[0]
        assert code not in str(stored)
        event = AuditEvent.objects.get(action="confidential.submit")
        assert "เรียกรับเงิน" not in str(event.changes)
        assert event.actor is None

    def test_receipt_code_finds_the_report(self, organization, other_organization):
        case, code = services_confidential.confidential_submit(
            organization=organization, description="ใช้รถราชการส่วนตัว"
        )
        spaced = codes.format_receipt_code(code)
        assert (
            selectors.access_confidential_by_receipt(
                organization=organization, code=spaced
            )
            == case
        )
        wrong = ("1" if code[0] != "1" else "2") + code[1:]
        assert (
            selectors.access_confidential_by_receipt(
                organization=organization, code=wrong
            )
            is None
        )
        assert (
            selectors.access_confidential_by_receipt(
                organization=other_organization, code=code
            )
            is None
        )

    def test_receipt_hash_uses_django_hasher(self, organization):
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="x"
        )
        from django.contrib.auth.hashers import identify_hasher

        assert identify_hasher(case.receipt_hash).algorithm

    def test_named_report_needs_a_name(self, organization):
        with pytest.raises(ValidationError):
            services_confidential.confidential_submit(
                organization=organization, description="x", is_anonymous=False
            )

    def test_report_about_executive_goes_to_external_body(
        self, organization, django_capture_on_commit_callbacks
    ):
        listed = ExternalRecipient.objects.create(
            name="ป.ป.ท. เขต 4",
            email="intake@pacc.example",
            kind=ExternalBody.PACC,
            province=organization.province,
        )
        services_settings.complaint_settings_update(
            actor=None, organization=organization, external_recipient=listed
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            case, _code = services_confidential.confidential_submit(
                organization=organization,
                description="นายกแบ่งงานจ้างให้ญาติ",
                concerns_executive=True,
            )
        assert case.external_body == ExternalBody.PACC
        assert mail.outbox[-1].to == ["intake@pacc.example"]
        assert "นายกแบ่งงานจ้างให้ญาติ" in mail.outbox[-1].body

    def test_follow_up_and_reply(self, organization):
        integrity = MembershipFactory(
            organization=organization, roles=[Role.INTEGRITY_OFFICER.value]
        ).user
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="x"
        )
        services.case_reply(actor=integrity, case=case, text="ขอหลักฐานเพิ่ม")
        services_confidential.confidential_follow_up(case=case, text="มีภาพถ่ายใบเสร็จ")
        texts = [e.text for e in selectors.case_entry_list(case=case, public_only=True)]
        assert texts[-2:] == ["ขอหลักฐานเพิ่ม", "มีภาพถ่ายใบเสร็จ"]
        reply = case.entries.get(type=CaseEntry.Type.REPLY)
        assert reply.delivery == CaseEntry.Delivery.PAGE_ONLY

    def test_digest_has_counts_but_no_content(
        self, organization, django_capture_on_commit_callbacks
    ):
        from prongsai.complaints.tasks import confidential_send_digests

        MembershipFactory(
            organization=organization, roles=[Role.INTEGRITY_OFFICER.value]
        )
        services_confidential.confidential_submit(
            organization=organization,
            subject="หัวข้อลับ",
            description="เนื้อหาลับมาก",
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert confidential_send_digests() == 1
        message = mail.outbox[0]
        assert "เนื้อหาลับมาก" not in message.body + message.subject
        assert "หัวข้อลับ" not in message.body + message.subject
        assert "R25" not in message.body  # not even the reference

    def test_retention_deletes_closed_reports_and_files(self, organization):
        integrity = MembershipFactory(
            organization=organization, roles=[Role.INTEGRITY_OFFICER.value]
        ).user
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="x", photos=[jpeg_with_gps()]
        )
        open_case, _code = services_confidential.confidential_submit(
            organization=organization, description="y"
        )
        path = case.attachments.get().file.path
        services.case_change_status(actor=integrity, case=case, status=Status.RESOLVED)
        row = ComplaintSettings.objects.get(organization=organization)
        later = timezone.now() + datetime.timedelta(
            days=row.confidential_retention_days + 1
        )
        assert services_retention.confidential_purge_expired(now=timezone.now()) == {}
        assert services_retention.confidential_purge_expired(now=later) == {
            organization.pk: 1
        }
        assert not Case.objects.filter(pk=case.pk).exists()
        assert Case.objects.filter(pk=open_case.pk).exists()
        import os

        assert not os.path.exists(path)


class TestSettingsAndRetention:
    def test_secrets_are_encrypted_and_not_audited(self, organization, officer):
        from prongsai.organizations.models import ChannelSettings
        from prongsai.organizations.services_channels import channel_settings_update

        channel_settings_update(
            actor=officer,
            organization=organization,
            line_channel_secret="line-secret-value",
            line_access_token="line-token-value",
        )
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT line_channel_secret FROM organizations_channelsettings"
            )
            raw = cursor.fetchone()[0]
        assert raw.startswith("fernet:")
        assert "line-secret-value" not in raw
        row = ChannelSettings.objects.get(organization=organization)
        assert row.line_channel_secret == "line-secret-value"
        event = AuditEvent.objects.get(action="channel_settings.update")
        assert "line-secret-value" not in str(event.changes)
        # Empty keeps, clear removes.
        channel_settings_update(
            actor=officer, organization=organization, line_channel_secret=""
        )
        row.refresh_from_db()
        assert row.line_channel_secret == "line-secret-value"
        channel_settings_update(
            actor=officer, organization=organization, clear=["line_channel_secret"]
        )
        row.refresh_from_db()
        assert row.line_channel_secret == ""

    def test_personal_data_removed_after_category_term(self, organization, officer):
        category = CategoryFactory(organization=organization, retention_days=30)
        case = submit(
            organization,
            category=category,
            complainant_name="นายสมศักดิ์",
            complainant_phone="0812345678",
        )
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        later = timezone.now() + datetime.timedelta(days=31)
        assert services_retention.case_remove_personal_data_expired(now=later) == {
            organization.pk: 1
        }
        case.refresh_from_db()
        assert case.complainant_name == "" and case.complainant_phone == ""
        assert case.description  # the matter itself stays for the record

    def test_category_names_unique_per_organization(
        self, organization, other_organization, officer
    ):
        services_settings.category_create(
            actor=officer, organization=organization, name="ขยะ", responsible_unit="กอง"
        )
        services_settings.category_create(
            actor=officer,
            organization=other_organization,
            name="ขยะ",
            responsible_unit="กอง",
        )
        with pytest.raises(ValidationError) as info:
            services_settings.category_create(
                actor=officer,
                organization=organization,
                name="ขยะ",
                responsible_unit="กอง",
            )
        assert "name" in info.value.message_dict


class TestOpenDataAndReminders:
    def test_dataset_rows_hold_no_personal_data(self, organization, officer):
        case = submit(
            organization,
            subject="ถนนหน้าบ้านเลขที่ 45/2 พัง โทร 0812345678",
            complainant_name="นายสมศักดิ์ ดีมาก",
            complainant_phone="0899999999",
            complainant_email="somsak@example.org",
            latitude="16.400000",
            longitude="102.800000",
        )
        services_confidential.confidential_submit(
            organization=organization, description="ลับ"
        )
        rows = selectors_statistics.complaint_dataset_row_list(
            organization=organization
        )
        assert [r["reference"] for r in rows] == [case.reference]
        flat = repr(rows)
        for value in (
            "นายสมศักดิ์",
            "0899999999",
            "0812345678",
            "45/2",
            "somsak@",
            "16.4",
            "ลับ",
        ):
            assert value not in flat
        assert set(rows[0]) == set(selectors_statistics.COMPLAINT_DATASET_FIELDS)

    def test_reminders_list_overdue_references(
        self, organization, officer, django_capture_on_commit_callbacks
    ):
        from prongsai.complaints.tasks import (
            complaints_reminders_for,
            complaints_send_reminders,
        )

        case = submit(
            organization, received_at=timezone.now() - datetime.timedelta(days=30)
        )
        submit(organization)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert complaints_send_reminders() == 1
        assert case.reference in mail.outbox[0].body
        assert "ไฟถนน" not in mail.outbox[0].body
        # Once a day: a second run the same day sends nothing new.
        with django_capture_on_commit_callbacks(execute=True):
            assert complaints_send_reminders() == 1  # queued again
        assert len(mail.outbox) == 1
        today = timezone.localdate().isoformat()
        assert complaints_reminders_for(organization.pk, today) is False


def test_complaint_dataset_in_the_open_data_catalogue(organization):
    from prongsai.opendata.models import Dataset
    from prongsai.opendata.registry import get
    from prongsai.opendata.selectors import dataset_rows
    from prongsai.opendata.services import dataset_sync

    provider = get("complaints")
    assert provider is not None
    assert provider.years(organization=organization) == []
    submit(
        organization,
        subject="ถนนพัง โทร 0812345678",
        complainant_name="นายสมศักดิ์ ดีมาก",
    )
    services_confidential.confidential_submit(
        organization=organization, description="ลับ"
    )
    dataset_sync(organization=organization)
    dataset = Dataset.objects.get(organization=organization)
    rows = list(dataset_rows(dataset))
    assert len(rows) == 1
    assert "0812345678" not in repr(rows) and "นายสมศักดิ์" not in repr(rows)
    assert rows[0]["received_date"] is not None
