"""LINE for the E-Service: staff deadline reminders and citizen updates."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from prongsai.complaints import messaging_clients
from prongsai.complaints import services as complaint_services
from prongsai.complaints.tests.test_webhooks import LINE_SECRET, LINE_TOKEN, NetworkEdge
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(420))
OFFICER_LINE = "U00000000000000000000000000off1ce"
CITIZEN_LINE = "U0000000000000000000000000c1t1zen"


@pytest.fixture
def edge(monkeypatch, organization):
    complaint_services.complaint_settings_update(
        actor=None,
        organization=organization,
        line_channel_secret=LINE_SECRET,
        line_access_token=LINE_TOKEN,
    )
    stub = NetworkEdge()
    monkeypatch.setattr(messaging_clients, "_open", stub)
    return stub


def pushes(edge):
    return [c for c in edge.calls if c["url"].endswith("/message/push")]


class TestDeadlineReminders:
    def test_linked_officer_also_gets_a_line_push(self, organization, edge, mailoutbox):
        from prongsai.eservices.tasks import request_send_deadline_reminders

        officer_membership = MembershipFactory(
            organization=organization,
            roles=[Role.SERVICE_OFFICER.value],
            line_user_id=OFFICER_LINE,
        )
        assignee = MembershipFactory(organization=organization).user  # no LINE
        service = ServiceFactory(
            organization=organization, officer=officer_membership.user
        )
        with time_machine.travel(T0, tick=False):
            overdue = file_request(service, citizen_email="")
        from prongsai.eservices import services

        services.request_assign(actor=None, request=overdue, assignee=assignee)
        with time_machine.travel(T0 + timedelta(days=8), tick=False):
            mailoutbox.clear()
            assert request_send_deadline_reminders() == 2
        assert sorted(m.to[0] for m in mailoutbox) == sorted(
            [officer_membership.user.email, assignee.email]
        )
        sent = pushes(edge)
        assert len(sent) == 1
        assert sent[0]["body"]["to"] == OFFICER_LINE
        text = sent[0]["body"]["messages"][0]["text"]
        assert overdue.tracking_code in text
        assert overdue.get_staff_url() in text
        assert overdue.citizen_name not in text

    def test_line_linked_in_another_organisation_is_not_used(
        self, organization, other_organization, edge, mailoutbox
    ):
        from prongsai.eservices.tasks import request_send_deadline_reminders

        officer = MembershipFactory(organization=organization).user
        MembershipFactory(
            organization=other_organization, user=officer, line_user_id=OFFICER_LINE
        )
        service = ServiceFactory(organization=organization, officer=officer)
        with time_machine.travel(T0, tick=False):
            file_request(service, citizen_email="")
        with time_machine.travel(T0 + timedelta(days=8), tick=False):
            assert request_send_deadline_reminders() == 1
        assert pushes(edge) == []
