"""A complaint is answered with its tracking code even when the broker is down."""

import pytest
from django.core import mail
from django.core.management import call_command

from prongsai.complaints.models import Case
from prongsai.complaints.tests.factories import CategoryFactory
from prongsai.core.models import OutboxTask
from prongsai.core.tests.outage import broker_unreachable
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_web_complaint_gets_its_code_and_officers_hear_later(client, organization):
    MembershipFactory(organization=organization, roles=[Role.COMPLAINT_OFFICER])
    category = CategoryFactory(organization=organization)
    with broker_unreachable():
        response = client.post(
            f"/{organization.slug}/complaints/new/complaint/",
            {
                "category": category.pk,
                "subject": "ไฟถนนดับ",
                "description": "ไฟถนนหน้าวัดดับมาสามคืน",
                "privacy_ack": "on",
            },
        )
    case = Case.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert case.tracking_code in page
    assert case.reference in page
    # The officers' notice waits (with the OIT readiness recompute the case sets off).
    row = OutboxTask.objects.get(task_name="prongsai.complaints.tasks.case_notify_new")
    assert row.args == [case.pk]
    assert mail.outbox == []

    call_command("drain_task_outbox")  # the broker answers again (eager here)

    assert OutboxTask.objects.count() == 0
    (message,) = mail.outbox
    assert case.reference in message.subject
