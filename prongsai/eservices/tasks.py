"""Background work of the E-Service. Tasks take ids and call services."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.core.urls import absolute_url
from prongsai.notifications.services import (
    Citizen,
    member_scope,
    notify,
    sent_key_record,
)
from prongsai.organizations.models import Membership, Organization

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


@shared_task
def request_send_deadline_reminders() -> int:
    """Queue the deadline reminders of every organisation with open requests
    due within a month or overdue (``core.fanout``).

    Runs hourly from Celery beat (``CELERY_BEAT_SCHEDULE``). Returns how
    many organisations were queued.
    """
    now = timezone.now()
    ids = list(
        request_list_due_for_reminder(now=now)
        .order_by()
        .values_list("organization_id", flat=True)
        .distinct()
    )
    return fan_out(request_deadline_reminders_for, ids, now.isoformat())


@shared_task(**PER_ORGANIZATION)
def request_deadline_reminders_for(organization_id: int, now: str) -> int:
    """Remind one organisation's assignees and service officers of overdue
    and soon-due requests: one message per member, by the channels each
    chose, naming each request to each person at most once a day (the
    notifications' de-duplication table; ``now`` is the dispatcher's time,
    so a retry names the same day). Returns the people reminded.
    """
    at = datetime.datetime.fromisoformat(now)
    today = timezone.localdate(at)
    organization = Organization.objects.filter(
        pk=organization_id, is_active=True
    ).first()
    if organization is None:
        return 0
    window = eservice_settings_get(organization=organization).soon_due_days
    batches: dict[int, list] = {}
    for request in request_list_due_for_reminder(
        now=at, organization_id=organization_id
    ):
        flag = deadline_flag(request, now=at, soon_days=window)
        if not flag:
            continue
        for user in (request.assignee, request.service.officer):
            if user is None or not user.is_active:
                continue
            batch = batches.setdefault(user.pk, [])
            if all(r.pk != request.pk for r, _f in batch):
                batch.append((request, flag))
    memberships = {
        m.user_id: m
        for m in Membership.objects.active()
        .filter(organization=organization, user_id__in=batches)
        .select_related("organization", "user")
    }
    told = 0
    for user_id, items in batches.items():
        membership = memberships.get(user_id)
        if membership is not None:
            told += _remind(organization, membership, items, today)
    return told


def _remind(organization, membership, items, today) -> bool:
    """One member's message of the requests not yet named to them today."""
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
        return False
    notification = notify(
        organization=organization,
        recipient=membership,
        kind="eservices/deadline",
        context={
            "items": [
                {
                    "request": r,
                    "flag": f,
                    "link": absolute_url(r.get_staff_url(), organization=organization),
                }
                for r, f in new
            ],
        },
        url=reverse("eservices-staff:queue", kwargs={"org": organization.slug}),
    )
    return notification is not None
