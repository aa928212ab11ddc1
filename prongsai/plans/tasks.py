"""Scheduled reminders to measure owners. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from prongsai.organizations.messaging import member_line_push, retry_key_for

from .models import Measure, Reminder
from .reminders import reminders_due
from .selectors import measures_to_remind
from .services import plan_settings_for, reminder_record


@shared_task
def plans_remind_owners() -> int:
    """Find the reminders owed today and send each one (Celery beat, daily)."""
    today = timezone.localdate()
    settings_cache = {}
    queued = 0
    for measure in measures_to_remind():
        row = settings_cache.get(measure.organization_id)
        if row is None:
            row = settings_cache[measure.organization_id] = plan_settings_for(
                measure.organization
            )
        if not row.reminders_enabled:
            continue
        for reminder in reminders_due(
            start_date=measure.start_date,
            due_date=measure.due_date,
            last_update_on=measure.last_update_on,
            today=today,
            days_before=row.remind_days_before_due,
            stale_after_days=row.stale_after_days,
        ):
            if Reminder.objects.filter(
                measure=measure, kind=reminder.kind, key=reminder.key, channel="email"
            ).exists():
                continue
            measure_reminder_send.delay(measure.pk, reminder.kind, reminder.key)
            queued += 1
    return queued


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def measure_reminder_send(self, measure_id: int, kind: str, key: str) -> bool:
    """Remind the measure's owner once, in Thai: by e-mail and, where the owner
    linked a LINE account, by LINE push (each channel recorded on its own)."""
    measure = (
        Measure.objects.select_related("plan", "organization", "owner__user")
        .filter(pk=measure_id)
        .first()
    )
    if measure is None or measure.owner is None or not measure.owner.is_active:
        return False
    sent_channels = set(
        Reminder.objects.filter(measure=measure, kind=kind, key=key).values_list(
            "channel", flat=True
        )
    )
    send_email = "email" not in sent_channels
    send_line = bool(measure.owner.line_user_id) and "line" not in sent_channels
    if not send_email and not send_line:
        return False
    link = settings.PRONGSAI_BASE_URL.rstrip("/") + measure.get_staff_url()
    with translation.override("th"):
        context = {"measure": measure, "kind": kind, "link": link}
        subject = render_to_string("plans/email/reminder_subject.txt", context).strip()
        body = render_to_string("plans/email/reminder_body.txt", context)
    sent = False
    if send_email:
        send_mail(
            subject=subject,
            message=body,
            from_email=None,
            recipient_list=[measure.owner.user.email],
        )
        reminder_record(measure=measure, kind=kind, key=key, channel="email")
        sent = True
    if send_line and member_line_push(
        measure.owner,
        subject + "\n" + link,
        retry_key=retry_key_for("plans.reminder", measure.pk, kind, key),
    ):
        reminder_record(measure=measure, kind=kind, key=key, channel="line")
        sent = True
    return sent
