"""Scheduled reminders to measure owners. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .models import Measure
from .reminders import ReminderDue, reminders_due
from .selectors import measure_list_to_remind
from .services import plan_settings_for
from .services_measures import measure_remind
from .services_reminders import owner_reminders_send


@shared_task
def plans_remind_owners() -> int:
    """Remind owners of the reminders owed today (Celery beat, daily).

    Each owner gets one message listing all their measures due soon, overdue
    or without a recent report; each reminder goes once (the notifications'
    de-duplication key), by the channels the owner chose. Plans that are
    closed remind nobody, and the at-risk reminders wait until the day after
    the plan was first approved. Returns the reminders sent.
    """
    today = timezone.localdate()
    settings_cache = {}
    batches: dict[int, tuple[object, list[tuple[Measure, ReminderDue]]]] = {}
    for measure in measure_list_to_remind(today=today):
        row = settings_cache.get(measure.organization_id)
        if row is None:
            row = settings_cache[measure.organization_id] = plan_settings_for(
                measure.organization
            )
        if not row.reminders_enabled:
            continue
        first_approved_at = getattr(measure, "first_approved_at", None)
        for reminder in reminders_due(
            start_date=measure.start_date,
            due_date=measure.due_date,
            last_update_on=measure.last_update_on,
            today=today,
            days_before=row.remind_days_before_due,
            stale_after_days=row.stale_after_days,
            approved_on=timezone.localdate(first_approved_at)
            if first_approved_at
            else None,
        ):
            owner, items = batches.setdefault(measure.owner_id, (measure.owner, []))
            items.append((measure, reminder))
    sent = 0
    for owner, items in batches.values():
        sent += owner_reminders_send(owner=owner, reminders=items, today=today)
    return sent


@shared_task(acks_late=True)
def measure_reminder_send(measure_id: int, kind: str, key: str) -> bool:
    """Remind one measure's owner once (see ``measure_remind``)."""
    measure = (
        # A task names its measure by id, whatever its organisation.
        Measure.objects.all_organizations()
        .select_related("plan", "organization", "owner__user")
        .filter(pk=measure_id)
        .first()
    )
    if measure is None or measure.owner is None or not measure.owner.is_active:
        return False
    return measure_remind(measure=measure, kind=kind, key=key)
