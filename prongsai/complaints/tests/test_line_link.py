"""Staff link their LINE account by sending a one-time code to the webhook."""

import pytest

from prongsai.complaints.models import Case, ChatSession, InboundEvent
from prongsai.complaints.tests.test_webhooks import (
    LINE_SECRET,
    LINE_TOKEN,
    USER,
    NetworkEdge,
    body_of,
    line_event,
    post_line,
    text,
)
from prongsai.organizations import channels
from prongsai.organizations import services_channels as org_services
from prongsai.organizations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def edge(monkeypatch):
    stub = NetworkEdge()
    monkeypatch.setattr(channels, "_open", stub)
    return stub


@pytest.fixture
def configured(organization):
    org_services.channel_settings_update(
        actor=None,
        organization=organization,
        line_channel_secret=LINE_SECRET,
        line_access_token=LINE_TOKEN,
    )
    return organization


def _send(client, org, message_text, captured, n=1, user=USER):
    body = body_of(line_event(f"01HLINK{n:019d}", text(message_text), user=user))
    with captured(execute=True):
        response = post_line(client, org, body)
    assert response.status_code == 200


def test_signed_code_message_links_the_member_and_files_no_case(
    client, configured, edge, staff_membership, django_capture_on_commit_callbacks
):
    code, _expires = org_services.membership_line_code_issue(
        actor=staff_membership.user, membership=staff_membership
    )
    _send(client, configured, f"เชื่อม {code}", django_capture_on_commit_callbacks)
    staff_membership.refresh_from_db()
    assert staff_membership.line_user_id == USER
    assert not Case.objects.exists()
    assert not ChatSession.objects.exists()
    assert InboundEvent.objects.get().processed_at is not None
    reply = edge.texts("/reply")[-1]
    assert "เชื่อม" in reply and staff_membership.user.display_name in reply


def test_wrong_code_answers_in_thai_and_links_nothing(
    client, configured, edge, staff_membership, django_capture_on_commit_callbacks
):
    code, _expires = org_services.membership_line_code_issue(
        actor=staff_membership.user, membership=staff_membership
    )
    wrong = f"{(int(code) + 7) % 1000000:06d}"
    _send(client, configured, f"เชื่อม {wrong}", django_capture_on_commit_callbacks)
    assert Membership.objects.get(pk=staff_membership.pk).line_user_id == ""
    assert "รหัส" in edge.texts("/reply")[-1]
    assert not Case.objects.exists()


def test_other_organizations_code_is_refused(
    client,
    configured,
    edge,
    other_organization,
    django_capture_on_commit_callbacks,
):
    from prongsai.organizations.tests.factories import MembershipFactory

    outsider = MembershipFactory(organization=other_organization)
    code, _expires = org_services.membership_line_code_issue(
        actor=outsider.user, membership=outsider
    )
    _send(client, configured, f"เชื่อม {code}", django_capture_on_commit_callbacks)
    outsider.refresh_from_db()
    assert outsider.line_user_id == ""


def test_badly_signed_code_message_is_refused(
    client, configured, edge, staff_membership
):
    code, _expires = org_services.membership_line_code_issue(
        actor=staff_membership.user, membership=staff_membership
    )
    body = body_of(line_event("01HLINKBAD000000000000001", text(f"เชื่อม {code}")))
    response = post_line(client, configured, body, secret="not-the-secret")
    assert response.status_code == 403
    staff_membership.refresh_from_db()
    assert staff_membership.line_user_id == ""


def test_code_mid_chat_does_not_disturb_the_complaint(
    client, configured, edge, staff_membership, django_capture_on_commit_callbacks
):
    _send(client, configured, "แจ้งเรื่อง", django_capture_on_commit_callbacks, n=1)
    state = ChatSession.objects.get().state
    code, _expires = org_services.membership_line_code_issue(
        actor=staff_membership.user, membership=staff_membership
    )
    _send(client, configured, f"เชื่อม {code}", django_capture_on_commit_callbacks, n=2)
    assert ChatSession.objects.get().state == state
    staff_membership.refresh_from_db()
    assert staff_membership.line_user_id == USER


def test_no_line_user_id_in_logs(
    client,
    configured,
    edge,
    staff_membership,
    django_capture_on_commit_callbacks,
    caplog,
):
    code, _expires = org_services.membership_line_code_issue(
        actor=staff_membership.user, membership=staff_membership
    )
    edge.status = 500  # the reply fails and is logged
    with caplog.at_level("DEBUG"):
        _send(client, configured, f"เชื่อม {code}", django_capture_on_commit_callbacks)
    assert caplog.records
    assert USER not in caplog.text and code not in caplog.text
