"""The confidential channel holds against insiders (issue #17): reports about
an integrity officer go to the executives, messages to the NACC carry
Buddhist-era dates, and the demo's console e-mail never logs a report."""

import io

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints import selectors, services_confidential, services_settings
from prongsai.complaints.models import ExternalBody, ExternalRecipient
from prongsai.complaints.permissions import confidential_audience
from prongsai.complaints.tasks import confidential_send_digests
from prongsai.core.errors import DomainError
from prongsai.core.mail import CONFIDENTIAL_HEADER, ConsoleBackend
from prongsai.core.models import AuditEvent
from prongsai.core.thai_dates import format_date
from prongsai.notifications.models import Notification
from prongsai.notifications.services import Citizen, delivery_attempt, notify
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

BODY = "นิติกรผู้รับเรื่องร้องเรียนรับเงินเพื่อปิดเรื่อง"
PHONE = "0812345678"
EMAIL = "whistle@reporter.example"


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
    )


@pytest.fixture
def mayor(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.EXECUTIVE.value],
    )


@pytest.fixture
def pacc(organization):
    listed = ExternalRecipient.objects.create(
        name="ป.ป.ท. เขต 4",
        email="intake@pacc.example",
        kind=ExternalBody.PACC,
        province=organization.province,
    )
    services_settings.complaint_settings_update(
        actor=None,
        organization=organization,
        external_recipient=listed,
        external_body=ExternalBody.PACC,
    )
    return listed


def _about_officer(organization, **extra):
    case, _code = services_confidential.confidential_submit(
        organization=organization,
        description=BODY,
        is_anonymous=False,
        reporter_name="สมหญิง กล้าหาญ",
        reporter_phone=PHONE,
        reporter_email=EMAIL,
        concerns_integrity_officer=True,
        **extra,
    )
    return case


def _detail(organization, case) -> str:
    return f"/{organization.slug}/staff/complaints/confidential/{case.pk}/"


class TestRouting:
    def test_audiences(self, officer, mayor, organization):
        both = MembershipFactory(
            organization=organization,
            roles=[Role.EXECUTIVE.value, Role.INTEGRITY_OFFICER.value],
        )
        admin = MembershipFactory(
            organization=organization, roles=[Role.ORG_ADMIN.value]
        )
        superuser = UserFactory(is_superuser=True)
        assert confidential_audience(officer.user, officer) == "officers"
        assert confidential_audience(mayor.user, mayor) == "executives"
        # an executive who is also an integrity officer is an officer here
        assert confidential_audience(both.user, both) == "officers"
        assert confidential_audience(admin.user, admin) is None
        assert confidential_audience(superuser, None) is None

    def test_officer_cannot_see_it_the_executive_can(
        self, client, organization, officer, mayor
    ):
        case = _about_officer(organization)
        assert case.concerns_integrity_officer and case.external_body == ""
        event = AuditEvent.objects.get(action="confidential.submit")
        assert event.changes["routed_to_executives"] is True
        client.force_login(officer.user)
        listing = client.get(
            f"/{organization.slug}/staff/complaints/confidential/"
        ).content.decode()
        assert case.reference not in listing
        assert client.get(_detail(organization, case)).status_code == 404
        response = client.post(_detail(organization, case) + "note/", {"text": "x"})
        assert response.status_code == 404
        client.force_login(mayor.user)
        listing = client.get(
            f"/{organization.slug}/staff/complaints/confidential/"
        ).content.decode()
        assert case.reference in listing
        page = client.get(_detail(organization, case)).content.decode()
        assert BODY in page
        assert 'id="forward-external"' in page

    def test_executive_does_not_see_the_officers_reports(
        self, client, organization, mayor
    ):
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="ทุจริตในงานจ้าง"
        )
        client.force_login(mayor.user)
        assert client.get(_detail(organization, case)).status_code == 404

    def test_attachments_follow_the_audience(self, organization, officer):
        case = _about_officer(organization)
        with pytest.raises(Http404):
            selectors.access_confidential_case(
                organization=organization, pk=case.pk, audience="officers"
            )
        assert (
            selectors.access_confidential_case(
                organization=organization, pk=case.pk, audience="executives"
            )
            == case
        )

    def test_digest_goes_to_executives_not_officers(
        self, organization, officer, mayor, django_capture_on_commit_callbacks
    ):
        _about_officer(organization)
        with django_capture_on_commit_callbacks(execute=True):
            assert confidential_send_digests() == 1
        told = Notification.objects.filter(
            organization=organization, kind="complaints/confidential_digest"
        )
        assert [n.user for n in told] == [mayor.user]


class TestForward:
    def test_executive_forwards_to_the_pacc_with_buddhist_era_dates(
        self, client, organization, mayor, pacc, django_capture_on_commit_callbacks
    ):
        case = _about_officer(organization)
        client.force_login(mayor.user)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_detail(organization, case) + "forward/")
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.external_body == ExternalBody.PACC
        sent = mail.outbox[-1]
        assert sent.to == ["intake@pacc.example"]
        assert BODY in sent.body
        received = format_date(case.received_at)
        assert received in sent.body
        assert str(timezone.localtime(case.received_at).year + 543) in sent.body
        assert timezone.localtime(case.received_at).date().isoformat() not in sent.body
        assert sent.extra_headers[CONFIDENTIAL_HEADER] == "1"
        assert case.reference in sent.subject
        event = AuditEvent.objects.get(action="confidential.forward_external")
        assert event.actor == mayor.user
        # now handled outside: no content on the page
        page = client.get(_detail(organization, case)).content.decode()
        assert BODY not in page

    def test_only_an_executive_forwards(self, organization, officer, pacc):
        case = _about_officer(organization)
        with pytest.raises(DomainError):
            services_confidential.confidential_forward_external(
                actor=officer.user, case=case
            )
        plain, _code = services_confidential.confidential_submit(
            organization=organization, description="x"
        )
        exec_user = MembershipFactory(
            organization=organization, roles=[Role.EXECUTIVE.value]
        ).user
        with pytest.raises(DomainError):
            services_confidential.confidential_forward_external(
                actor=exec_user, case=plain
            )

    def test_report_about_executive_mail_has_buddhist_era_date(
        self, organization, pacc, django_capture_on_commit_callbacks
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            case, _code = services_confidential.confidential_submit(
                organization=organization,
                description="นายกแบ่งงานจ้างให้ญาติ",
                concerns_executive=True,
            )
        body = mail.outbox[-1].body
        assert format_date(case.received_at) in body
        assert timezone.localtime(case.received_at).date().isoformat() not in body


class TestConsoleLog:
    def _console(self):
        stream = io.StringIO()
        return ConsoleBackend(stream=stream), stream

    def test_the_settings_use_the_withholding_console_backend(self):
        from config.settings import base

        if base.EMAIL_CONFIG.get("EMAIL_BACKEND", "").endswith("console.EmailBackend"):
            assert base.EMAIL_BACKEND == "prongsai.core.mail.ConsoleBackend"

    @override_settings(EMAIL_BACKEND="prongsai.core.mail.ConsoleBackend")
    def test_report_to_the_nacc_is_not_printed(self, organization, pacc, capsys):
        from prongsai.complaints import tasks

        case = _about_officer(organization, concerns_executive=True)
        capsys.readouterr()
        assert tasks.confidential_route_external(case.pk) is True
        log = capsys.readouterr().out
        assert "Confidential message withheld" in log
        for secret in (BODY, PHONE, EMAIL, "intake@pacc.example", case.reference):
            assert secret not in log

    @override_settings(EMAIL_BACKEND="prongsai.core.mail.ConsoleBackend")
    def test_reply_to_a_citizen_is_not_printed(self, organization, capsys):
        notification = notify(
            organization=organization,
            citizen=Citizen(email=EMAIL),
            kind="complaints/reply",
            context={"text": BODY},
        )
        delivery = notification.deliveries.get()
        capsys.readouterr()
        assert delivery_attempt(delivery_id=delivery.pk) is True
        log = capsys.readouterr().out
        assert "Confidential message withheld" in log
        assert BODY not in log and EMAIL not in log

    @override_settings(EMAIL_BACKEND="prongsai.core.mail.ConsoleBackend")
    def test_member_notifications_are_still_printed(self, organization, capsys):
        member = MembershipFactory(organization=organization)
        notification = notify(
            organization=organization,
            recipient=member,
            kind="complaints/overdue",
            context={"references": "C2569-0001", "count": 1},
        )
        delivery = notification.deliveries.get()
        capsys.readouterr()
        assert delivery_attempt(delivery_id=delivery.pk) is True
        assert "C2569-0001" in capsys.readouterr().out

    def test_ordinary_mail_is_still_printed(self):
        backend, stream = self._console()
        backend.send_messages([EmailMessage("Hello", "invitation link", to=["a@b.c"])])
        assert "invitation link" in stream.getvalue()

    def test_marked_mail_is_withheld(self):
        backend, stream = self._console()
        backend.send_messages(
            [
                EmailMessage(
                    "Report R2569-0001",
                    BODY,
                    to=[EMAIL],
                    headers={CONFIDENTIAL_HEADER: "1"},
                )
            ]
        )
        log = stream.getvalue()
        assert BODY not in log and EMAIL not in log and "R2569" not in log
