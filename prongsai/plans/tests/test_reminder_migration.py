"""After the upgrade, a reminder sent before it is not sent again."""

import pytest
from django.core import mail

from prongsai.core.testing import migrate_to, migrate_to_latest, migration_targets
from prongsai.notifications.models import SentKey
from prongsai.plans.tests.test_line_reminders import _approved_measure, remind

BEFORE = migration_targets(("plans", "0004_no_gift_policy"))


@pytest.mark.django_db(transaction=True)
def test_reminders_already_sent_are_carried_over(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    measure = _approved_measure(organization, coordinator, executive, owner)
    try:
        old = migrate_to(BEFORE)
        Reminder = old.get_model("plans", "Reminder")
        for channel in ("email", "line"):
            Reminder.objects.create(
                organization_id=organization.pk,
                measure_id=measure.pk,
                kind="due_soon",
                key=measure.due_date.isoformat(),
                channel=channel,
            )
    finally:
        migrate_to_latest()
    assert list(
        SentKey.objects.filter(key__startswith="plans.reminder:").values_list(
            "recipient", "key"
        )
    ) == [
        (
            f"m:{owner.pk}",
            f"plans.reminder:{measure.pk}:due_soon:{measure.due_date.isoformat()}",
        )
    ]
    mail.outbox.clear()
    assert remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
