"""Reminding measure owners: one message per owner and run, listing every
measure that needs them (due soon, overdue, no progress report)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse

from prongsai.core.audit import audit_log
from prongsai.core.urls import absolute_url
from prongsai.notifications.services import DigestItem, notify_digest
from prongsai.organizations.models import Membership

from .models import Measure
from .reminders import ReminderDue


def owner_reminders_send(
    *,
    owner: Membership,
    reminders: Iterable[tuple[Measure, ReminderDue]],
    today: datetime.date,
) -> int:
    """Send ``owner`` one message listing their measures with a reminder not
    sent before (each reminder once per measure, kind and key: the
    notifications' de-duplication). Returns the measures listed (0: nothing
    new, no message)."""
    organization = owner.organization
    by_measure: dict[int, tuple[Measure, list[ReminderDue]]] = {}
    for measure, reminder in reminders:
        by_measure.setdefault(measure.pk, (measure, []))[1].append(reminder)
    items = [
        DigestItem(
            keys=tuple(
                f"plans.reminder:{measure.pk}:{due.kind}:{due.key}" for due in dues
            ),
            item={
                "measure": measure,
                "kinds": [due.kind for due in dues],
                "link": absolute_url(
                    measure.get_staff_url(), organization=organization
                ),
            },
        )
        for measure, dues in by_measure.values()
    ]
    notification, sent = notify_digest(
        organization=organization,
        recipient=owner,
        kind="plans/reminder_digest",
        items=items,
        context={"owner": owner},
        url=reverse("plans-staff:my-measures", kwargs={"org": organization.slug}),
        on=today,
    )
    if notification is None:
        return 0
    for entry in sent:
        item = entry.item
        assert isinstance(item, dict)
        audit_log(
            actor=None,
            organization=organization,
            action="reminder.send",
            target=item["measure"],
            changes={"kind": item["kinds"]},
        )
    return len(sent)
