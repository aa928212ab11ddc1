"""Owner reminders also go by LINE push to owners who linked LINE."""

import pytest
from django.core import mail

from prongsai.complaints.tests.test_webhooks import LINE_SECRET, LINE_TOKEN, NetworkEdge
from prongsai.notifications.models import Delivery, SentKey
from prongsai.organizations import channels
from prongsai.organizations import services_channels as org_services
from prongsai.plans.tasks import plans_remind_owners
from prongsai.plans.tests.factories import approved_improvement_plan, due_in

pytestmark = pytest.mark.django_db

OWNER_LINE = "U0000000000000000000000000000a11e"


@pytest.fixture
def edge(monkeypatch, organization):
    org_services.channel_settings_update(
        actor=None,
        organization=organization,
        line_channel_secret=LINE_SECRET,
        line_access_token=LINE_TOKEN,
    )
    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


def _approved_measure(organization, coordinator, executive, owner):
    (measure,) = approved_improvement_plan(
        organization,
        coordinator,
        executive,
        due_in(3, title="อบรมจริยธรรมเจ้าหน้าที่", owner=owner),
    )
    return measure


def remind(commit):
    with commit(execute=True):
        return plans_remind_owners()


def test_linked_owner_gets_email_and_line_push_once(
    organization,
    coordinator,
    executive,
    owner,
    edge,
    django_capture_on_commit_callbacks,
):
    owner.line_user_id = OWNER_LINE
    owner.save()
    measure = _approved_measure(organization, coordinator, executive, owner)
    assert remind(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [[owner.user.email]]
    pushes = [c for c in edge.calls if c["url"].endswith("/message/push")]
    assert len(pushes) == 1
    push = pushes[0]
    assert push["body"]["to"] == OWNER_LINE
    assert push["headers"]["Authorization"] == "Bearer " + LINE_TOKEN
    text = push["body"]["messages"][0]["text"]
    assert "อบรมจริยธรรมเจ้าหน้าที่" in text
    assert measure.get_staff_url() in text
    assert push["headers"]["X-line-retry-key"]
    assert list(
        SentKey.objects.filter(key__startswith="plans.reminder:").values_list(
            "key", flat=True
        )
    ) == [f"plans.reminder:{measure.pk}:due_soon:{measure.due_date.isoformat()}"]
    assert remind(django_capture_on_commit_callbacks) == 0
    assert len([c for c in edge.calls if c["url"].endswith("/push")]) == 1


def test_unlinked_owner_gets_email_only(
    organization,
    coordinator,
    executive,
    owner,
    edge,
    django_capture_on_commit_callbacks,
):
    _approved_measure(organization, coordinator, executive, owner)
    assert remind(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    assert edge.calls == []


def test_line_failure_keeps_the_email_and_is_retried(
    organization,
    coordinator,
    executive,
    owner,
    edge,
    django_capture_on_commit_callbacks,
):
    owner.line_user_id = OWNER_LINE
    owner.save()
    edge.status = 500
    _approved_measure(organization, coordinator, executive, owner)
    assert remind(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    line = Delivery.objects.get(channel="line")
    assert (line.status, line.attempts) == ("queued", 1)
    assert line.next_attempt_at is not None


def test_organisation_without_line_sends_email_only(
    organization,
    coordinator,
    executive,
    owner,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    owner.line_user_id = OWNER_LINE
    owner.save()
    _approved_measure(organization, coordinator, executive, owner)
    assert remind(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    assert stub.calls == []
