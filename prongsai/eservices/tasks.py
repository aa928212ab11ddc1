"""Background work of the E-Service. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from prongsai.core.urls import absolute_url
from prongsai.organizations.messaging import (
    line_push_quietly,
    member_line_push,
    retry_key_for,
)
from prongsai.organizations.models import Membership

from .models import RequestEvent
from .selectors import deadline_flag, eservice_settings_get, request_due_for_reminder
from .services import request_mark_reminded


def _absolute(path: str) -> str:
    return absolute_url(path)


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def request_notify_citizen(self, event_id: int) -> bool:
    """Tell the citizen about a public change of their request: by e-mail,
    and by LINE push when they chose LINE updates (LINE Login)."""
    event = (
        RequestEvent.objects.select_related(
            "request", "request__service", "request__organization"
        )
        .filter(pk=event_id, is_public=True)
        .first()
    )
    if event is None:
        return False
    request = event.request
    if not request.citizen_email and not request.line_user_id:
        return False
    with translation.override("th"):
        context = {
            "event": event,
            "request": request,
            "organization": request.organization,
            "link": _absolute(request.get_tracking_url()),
        }
        subject = render_to_string(
            "eservices/email/status_subject.txt", context
        ).strip()
        body = render_to_string("eservices/email/status_body.txt", context)
    pushed = line_push_quietly(
        request.organization,
        request.line_user_id,
        body.strip(),
        retry_key=retry_key_for("eservices.status", event.pk),
    )
    if request.citizen_email:
        send_mail(
            subject=subject,
            message=body,
            from_email=None,
            recipient_list=[request.citizen_email],
        )
        return True
    return pushed


@shared_task(acks_late=True)
def request_send_deadline_reminders() -> int:
    """Remind assignees and service officers of overdue and soon-due requests.

    Runs from Celery beat (``CELERY_BEAT_SCHEDULE``); one e-mail per person
    and organisation, each request at most once a day. A person who linked
    their LINE account to their membership also gets the list by LINE push.
    Returns the e-mails sent.
    """
    now = timezone.now()
    windows: dict[int, int] = {}
    batches: dict[tuple[int, int], list] = {}
    people: dict[int, object] = {}
    for request in request_due_for_reminder(now=now):
        org_id = request.organization_id
        if org_id not in windows:
            windows[org_id] = eservice_settings_get(
                organization=request.organization
            ).soon_due_days
        flag = deadline_flag(request, now=now, soon_days=windows[org_id])
        if not flag:
            continue
        for user in (request.assignee, request.service.officer):
            if user is None or not user.is_active:
                continue
            people[user.pk] = user
            batch = batches.setdefault((org_id, user.pk), [])
            if all(r.pk != request.pk for r, _f in batch):
                batch.append((request, flag))
    memberships = {
        (m.organization_id, m.user_id): m
        for m in Membership.objects.active()
        .filter(
            organization_id__in={o for o, _u in batches},
            user_id__in={u for _o, u in batches},
        )
        .exclude(line_user_id="")
        .select_related("organization", "user")
    }
    sent = 0
    reminded: list[int] = []
    today = timezone.localdate(now)
    for (org_id, user_id), items in batches.items():
        organization = items[0][0].organization
        with translation.override("th"):
            context = {
                "organization": organization,
                "items": [
                    {
                        "request": r,
                        "flag": f,
                        "link": _absolute(r.get_staff_url()),
                    }
                    for r, f in items
                ],
            }
            subject = render_to_string(
                "eservices/email/reminder_subject.txt", context
            ).strip()
            body = render_to_string("eservices/email/reminder_body.txt", context)
        email = people[user_id].email
        if email:
            send_mail(
                subject=subject, message=body, from_email=None, recipient_list=[email]
            )
            sent += 1
        member_line_push(
            memberships.get((org_id, user_id)),
            subject + "\n\n" + body.strip(),
            retry_key=retry_key_for(
                "eservices.reminder", org_id, user_id, today.isoformat()
            ),
        )
        reminded.extend(r.pk for r, _f in items)
    if reminded:
        request_mark_reminded(request_ids=reminded, on=today)
    return sent
