"""After the upgrade, an OIT digest sent before it is not sent again at once."""

import datetime

import pytest
from django.core import mail

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.oit import reminders, selectors
from prongsai.oit.tests.test_reminders import TODAY, _appoint, _set, send

BEFORE = migration_targets(("oit", "0002_oit_reminder_digest"))


@pytest.mark.django_db(transaction=True)
def test_digests_already_sent_are_carried_over(checklist, organization, officer):
    _appoint(organization, officer)
    _set(checklist, "O6", due_date=TODAY)
    lines = reminders.digest_lines(
        selectors.checklist_item_list_states(checklist), today=TODAY
    )
    try:
        old = migrate_to(BEFORE)
        old.get_model("oit", "ReminderDigest").objects.create(
            organization_id=organization.pk,
            checklist_id=checklist.pk,
            recipient_id=officer.pk,
            sent_on=TODAY - datetime.timedelta(days=2),
            digest_key=reminders.digest_key(lines),
            item_codes=["O6"],
        )
    finally:
        migrate_to_latest()
    mail.outbox.clear()
    assert send(checklist=checklist, today=TODAY) == 0
    # ... and the weekly rhythm goes on from the day it was sent.
    assert send(checklist=checklist, today=TODAY + datetime.timedelta(days=5)) == 1
    assert len(mail.outbox) == 1
