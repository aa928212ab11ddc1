"""After the upgrade, a reminder sent before it is not sent again."""

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from prongsai.notifications.models import SentKey
from prongsai.plans.tests.test_line_reminders import _approved_measure, remind

BEFORE = [("plans", "0004_no_gift_policy")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_reminders_already_sent_are_carried_over(
    organization, coordinator, executive, owner, django_capture_on_commit_callbacks
):
    measure = _approved_measure(organization, coordinator, executive, owner)
    executor = _migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
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
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert list(SentKey.objects.values_list("recipient", "key")) == [
        (
            f"m:{owner.pk}",
            f"plans.reminder:{measure.pk}:due_soon:{measure.due_date.isoformat()}",
        )
    ]
    mail.outbox.clear()
    assert remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
