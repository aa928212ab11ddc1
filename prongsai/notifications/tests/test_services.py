"""notify(): channels by preference, digests, de-duplication, retries, inbox."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from prongsai.accounts.tests.factories import UserFactory
from prongsai.notifications import selectors, services
from prongsai.notifications.models import Delivery, Frequency, Notification
from prongsai.organizations import messaging
from prongsai.organizations.tests.factories import MembershipFactory

LINE_USER = "U0123456789abcdef0123456789abcdef"
KIND = "complaints/overdue"
CONTEXT = {"count": 2, "references": "ร-001, ร-002"}


class LineEdge:
    """Stands in for ``organizations.messaging.line_push`` (the LINE edge)."""

    def __init__(self):
        self.pushes = []
        self.fail_with = None
        self.configured = True

    def __call__(self, organization, line_user_id, text, *, retry_key):
        if self.fail_with is not None:
            raise self.fail_with
        if not self.configured:
            return False
        self.pushes.append((line_user_id, text, retry_key))
        return True


@pytest.fixture
def line(monkeypatch):
    edge = LineEdge()
    monkeypatch.setattr(services, "line_push", edge)
    return edge


@pytest.fixture
def member(organization):
    user = UserFactory(email="somchai@bandong.example")
    return MembershipFactory(
        organization=organization, user=user, line_user_id=LINE_USER
    )


def tell(organization, recipient, commit, **kwargs):
    with commit(execute=True):
        return services.notify(
            organization=organization,
            recipient=recipient,
            kind=kwargs.pop("kind", KIND),
            context=kwargs.pop("context", CONTEXT),
            url=kwargs.pop("url", "/bandong/staff/complaints/"),
            **kwargs,
        )


def test_member_is_told_by_email_line_and_inbox_in_thai(
    organization, member, line, django_capture_on_commit_callbacks, settings
):
    settings.PRONGSAI_BASE_URL = "https://prongsai.example.go.th"
    with translation.override("en"):
        notification = tell(organization, member, django_capture_on_commit_callbacks)
    assert notification.subject == "เรื่องร้องเรียนเกินกำหนด 2 เรื่อง"
    assert "ร-001, ร-002" in notification.body
    assert notification.in_inbox is True
    assert [m.to for m in mail.outbox] == [["somchai@bandong.example"]]
    assert mail.outbox[0].subject == notification.subject
    link = "https://prongsai.example.go.th/bandong/staff/complaints/"
    assert link in mail.outbox[0].body
    assert len(line.pushes) == 1
    assert line.pushes[0][0] == LINE_USER
    assert line.pushes[0][1].startswith("เรื่องร้องเรียนเกินกำหนด 2 เรื่อง")
    assert set(notification.deliveries.values_list("channel", "status")) == {
        ("email", "sent"),
        ("line", "sent"),
    }


def test_nothing_is_sent_before_the_transaction_commits(organization, member, line):
    services.notify(
        organization=organization, recipient=member, kind=KIND, context=CONTEXT
    )
    assert mail.outbox == []
    assert line.pushes == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"queued"}


@pytest.mark.parametrize(
    ("preference", "channels", "in_inbox"),
    [
        ({"email_enabled": False}, {"line"}, True),
        ({"line_enabled": False}, {"email"}, True),
        ({"inbox_enabled": False}, {"email", "line"}, False),
    ],
)
def test_channels_follow_the_members_preferences(
    organization,
    member,
    line,
    django_capture_on_commit_callbacks,
    preference,
    channels,
    in_inbox,
):
    values = {
        "email_enabled": True,
        "line_enabled": True,
        "inbox_enabled": True,
        "frequency": Frequency.IMMEDIATE,
        **preference,
    }
    services.preference_update(membership=member, **values)
    notification = tell(organization, member, django_capture_on_commit_callbacks)
    assert set(notification.deliveries.values_list("channel", flat=True)) == channels
    assert notification.in_inbox is in_inbox
    assert len(mail.outbox) == int("email" in channels)
    assert len(line.pushes) == int("line" in channels)


def test_no_line_delivery_for_a_member_who_did_not_link_line(
    organization, line, django_capture_on_commit_callbacks
):
    member = MembershipFactory(organization=organization)
    notification = tell(organization, member, django_capture_on_commit_callbacks)
    assert list(notification.deliveries.values_list("channel", flat=True)) == ["email"]


def test_a_user_is_told_through_their_membership_and_never_when_inactive(
    organization, other_organization, member, line, django_capture_on_commit_callbacks
):
    assert tell(organization, member.user, django_capture_on_commit_callbacks)
    outsider = MembershipFactory(organization=other_organization)
    assert tell(organization, outsider, django_capture_on_commit_callbacks) is None
    member.is_active = False
    member.save()
    assert tell(organization, member, django_capture_on_commit_callbacks) is None
    assert len(mail.outbox) == 1


def test_channels_argument_narrows_the_channels(
    organization, member, line, django_capture_on_commit_callbacks
):
    notification = tell(
        organization, member, django_capture_on_commit_callbacks, channels={"line"}
    )
    assert notification.in_inbox is False
    assert mail.outbox == []
    assert len(line.pushes) == 1


def test_same_dedup_key_is_sent_once_per_recipient(
    organization, member, line, django_capture_on_commit_callbacks
):
    other = MembershipFactory(organization=organization)
    for _ in range(2):
        for person in (member, other):
            tell(
                organization,
                person,
                django_capture_on_commit_callbacks,
                dedup_key="complaints.overdue:2026-12-06",
            )
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member.user.email, other.user.email]
    )
    assert len(line.pushes) == 1


def test_daily_digest_waits_and_then_sends_one_message_per_channel(
    organization, member, line, django_capture_on_commit_callbacks
):
    services.preference_update(
        membership=member,
        email_enabled=True,
        line_enabled=True,
        inbox_enabled=True,
        frequency=Frequency.DAILY,
    )
    first = tell(organization, member, django_capture_on_commit_callbacks)
    second = tell(
        organization,
        member,
        django_capture_on_commit_callbacks,
        context={"count": 1, "references": "ร-009"},
    )
    assert mail.outbox == []
    assert line.pushes == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {"digest"}

    assert services.digests_send() == 2
    assert len(mail.outbox) == 1
    assert "2 รายการ" in mail.outbox[0].subject
    assert first.subject in mail.outbox[0].body
    assert second.subject in mail.outbox[0].body
    assert len(line.pushes) == 1
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert services.digests_send() == 0


def test_failed_line_push_is_retried_with_exponential_backoff(
    organization, member, line, django_capture_on_commit_callbacks
):
    line.fail_with = messaging.LinePushError(500)
    now = timezone.now()
    notification = tell(
        organization, member, django_capture_on_commit_callbacks, channels={"line"}
    )
    delivery = notification.deliveries.get()
    assert delivery.status == "queued"
    assert delivery.attempts == 1
    assert delivery.last_error == "LinePushError 500"
    assert LINE_USER not in delivery.last_error
    first_wait = delivery.next_attempt_at - now
    assert timedelta(seconds=55) < first_wait < timedelta(seconds=70)

    # Not due yet: nothing happens.
    assert services.deliveries_retry_due(now=now + timedelta(seconds=30)) == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 1

    later = delivery.next_attempt_at
    assert services.deliveries_retry_due(now=later) == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at == later + timedelta(minutes=2)

    line.fail_with = None
    assert services.deliveries_retry_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert len(line.pushes) == 1
    assert selectors.notification_get_delivery_status(notification) == "sent"


def test_delivery_fails_for_good_after_the_last_attempt(
    organization, member, line, django_capture_on_commit_callbacks
):
    line.fail_with = OSError("connection refused to somchai")
    notification = tell(
        organization, member, django_capture_on_commit_callbacks, channels={"line"}
    )
    delivery = notification.deliveries.get()
    for _ in range(services.MAX_ATTEMPTS - 1):
        services.deliveries_retry_due(now=delivery.next_attempt_at)
        delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert delivery.last_error == "OSError"
    assert delivery.next_attempt_at is None
    assert selectors.notification_get_delivery_status(notification) == "failed"


def test_line_not_configured_is_a_failure_without_retry(
    organization, member, line, django_capture_on_commit_callbacks
):
    line.configured = False
    notification = tell(
        organization, member, django_capture_on_commit_callbacks, channels={"line"}
    )
    delivery = notification.deliveries.get()
    assert delivery.status == "failed"
    assert delivery.last_error == "not configured"


def test_citizen_is_told_by_email_and_line_without_inbox(
    organization, line, django_capture_on_commit_callbacks
):
    def tell(email):
        return services.notify(
            organization=organization,
            citizen=services.Citizen(email=email, line_user_id=LINE_USER),
            kind=KIND,
            context=CONTEXT,
            dedup_key="x",
        )

    with django_capture_on_commit_callbacks(execute=True):
        notification = tell("a@example.org")
        again = tell("A@example.org")  # the same address: already told
    assert again is None
    assert notification.user is None
    assert notification.in_inbox is False
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert len(line.pushes) == 1


def test_addresses_are_stored_encrypted(organization, member, line):
    from django.db import connection

    services.notify(
        organization=organization, recipient=member, kind=KIND, context=CONTEXT
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM notifications_delivery")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored
    assert all(LINE_USER not in s and "somchai" not in s for s in stored)


def test_unread_count_and_mark_read(
    organization, member, line, django_capture_on_commit_callbacks
):
    user = member.user
    first = tell(organization, member, django_capture_on_commit_callbacks)
    tell(organization, member, django_capture_on_commit_callbacks)
    assert (
        selectors.notification_get_unread_count(user=user, organization=organization)
        == 2
    )
    assert (
        services.notification_mark_read(
            user=user, organization=organization, pks=[first.pk]
        )
        == 1
    )
    assert (
        selectors.notification_get_unread_count(user=user, organization=organization)
        == 1
    )
    services.notification_mark_read(user=user, organization=organization)
    assert (
        selectors.notification_get_unread_count(user=user, organization=organization)
        == 0
    )


def test_absolute_url_uses_the_verified_own_host(organization, settings):
    from prongsai.core.urls import absolute_url
    from prongsai.organizations.tests.factories import verified_host_name

    settings.PRONGSAI_BASE_URL = "https://prongsai.example.go.th/"
    assert absolute_url("/bandong/x/") == "https://prongsai.example.go.th/bandong/x/"
    assert absolute_url("/bandong/x/", organization=organization) == (
        "https://prongsai.example.go.th/bandong/x/"
    )
    assert absolute_url("https://elsewhere.example/y") == (
        "https://elsewhere.example/y"
    )
    organization = verified_host_name(organization, "www.bandong.go.th")
    assert absolute_url("/bandong/x/", organization=organization) == (
        "https://www.bandong.go.th/bandong/x/"
    )
    settings.PRONGSAI_ALLOW_ORGANIZATION_HOSTS = False
    assert absolute_url("/bandong/x/", organization=organization) == (
        "https://prongsai.example.go.th/bandong/x/"
    )


def test_old_finished_notifications_go_at_the_end_of_retention(
    organization, member, line, django_capture_on_commit_callbacks
):
    from prongsai.core import retention

    done = tell(organization, member, django_capture_on_commit_callbacks)
    line.fail_with = messaging.LinePushError(500)
    waiting = tell(organization, member, django_capture_on_commit_callbacks)
    later = timezone.now() + timedelta(days=181)
    kind = retention.kind_get("notifications.notification")
    assert kind.apply(days=180, now=later, dry_run=True) == {organization.pk: 1}
    assert Notification.objects.count() == 2
    kind.apply(days=180, now=later, dry_run=False)
    assert list(Notification.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not Delivery.objects.filter(notification_id=done.pk).exists()
