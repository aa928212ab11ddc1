"""After the upgrade, a request reminded today is not reminded again today."""

from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.utils import timezone

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.organizations.tests.factories import MembershipFactory

T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(420))
BEFORE = migration_targets(("eservices", "0010_remove_line_login"))


def _remind():
    from django.utils import timezone

    from prongsai.eservices.tasks import request_deadline_reminders_for
    from prongsai.organizations.models import Organization

    now = timezone.now().isoformat()
    ids = Organization.objects.values_list("pk", flat=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return sum(request_deadline_reminders_for(pk, now) for pk in ids)


@pytest.mark.django_db(transaction=True)
def test_requests_reminded_today_are_carried_over(organization, mailoutbox):
    officer = MembershipFactory(organization=organization).user
    service = ServiceFactory(organization=organization, officer=officer)
    with time_machine.travel(T0, tick=False):
        reminded = file_request(service, citizen_email="")
        fresh = file_request(service, citizen_email="")
    day = timezone.localdate(T0 + timedelta(days=8))
    try:
        old = migrate_to(BEFORE)
        old.get_model("eservices", "ServiceRequest").objects.filter(
            pk=reminded.pk
        ).update(last_reminded_on=day)
    finally:
        migrate_to_latest()
    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        assert _remind() == 1
    [message] = mailoutbox
    assert fresh.tracking_code in message.body
    assert reminded.tracking_code not in message.body
