"""Background work of the E-Service. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from prongsai.core.urls import absolute_url
from prongsai.notifications.services import (
    Citizen,
    member_scope,
    notify,
    sent_key_record,
)
from prongsai.organizations.models import Membership

from .models import RequestEvent
from .selectors import (
    deadline_flag,
    eservice_settings_get,
    request_list_due_for_reminder,
)


def _absolute(path: str) -> str:
    return absolute_url(path)


@shared_task(acks_late=True)
def request_notify_citizen(event_id: int) -> bool:
    """Tell the citizen about a public change of their request: by e-mail,
    and by LINE push when they chose LINE updates (LINE Login). Sending,
    retries and the delivery log are the notifications' (``notify``)."""
    event = (
        # A task on one event of any organisation (its id is ours).
        RequestEvent.objects.all_organizations()
        .select_related("request", "request__service", "request__organization")
        .filter(pk=event_id, is_public=True)
        .first()
    )
    if event is None:
        return False
    request = event.request
    if not request.citizen_email and not request.line_user_id:
        return False
    notification = notify(
        organization=request.organization,
        citizen=Citizen(email=request.citizen_email, line_user_id=request.line_user_id),
        kind="eservices/status",
        context={"event": event, "request": request},
        url=request.get_tracking_url(),
        dedup_key=f"eservices.status:{event.pk}",
    )
    return notification is not None


@shared_task(acks_late=True)
def request_send_deadline_reminders() -> int:
    """Remind assignees and service officers of overdue and soon-due requests.

    Runs hourly from Celery beat (``CELERY_BEAT_SCHEDULE``): one message per
    member and organisation, by the channels each chose, naming each request
    to each person at most once a day (the notifications' de-duplication
    table). Returns the people reminded.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    windows: dict[int, int] = {}
    batches: dict[tuple[int, int], list] = {}
    for request in request_list_due_for_reminder(now=now):
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
        .select_related("organization", "user")
    }
    told = 0
    for (org_id, user_id), items in batches.items():
        membership = memberships.get((org_id, user_id))
        if membership is None:
            continue
        organization = membership.organization
        new = [
            (r, f)
            for r, f in items
            if sent_key_record(
                organization=organization,
                recipient=member_scope(membership),
                key=f"eservices.deadline:{r.pk}:{today.isoformat()}",
                on=today,
            )
        ]
        if not new:
            continue
        notification = notify(
            organization=organization,
            recipient=membership,
            kind="eservices/deadline",
            context={
                "items": [
                    {
                        "request": r,
                        "flag": f,
                        "link": absolute_url(
                            r.get_staff_url(), organization=organization
                        ),
                    }
                    for r, f in new
                ],
            },
            url=reverse("eservices-staff:queue", kwargs={"org": organization.slug}),
        )
        told += notification is not None
    return told
