"""Reads on the audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AuditEvent


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(
    *,
    organization,
    actor_id: int | None = None,
    action: str = "",
    object_type: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    query: str = "",
    only_actions: Iterable[str] | None = None,
) -> QuerySet[AuditEvent]:
    """The organisation's audit events, newest first, filtered as asked.

    ``action`` matches a whole action or a prefix such as ``membership``;
    dates are local calendar days, both ends included. ``only_actions``, when
    given, limits the events to those actions (a reader of part of the trail).
    """
    events = AuditEvent.objects.filter(organization=organization).select_related(
        "actor"
    )
    if only_actions is not None:
        events = events.filter(action__in=list(only_actions))
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if action:
        events = events.filter(Q(action=action) | Q(action__startswith=action + "."))
    if object_type:
        events = events.filter(object_type=object_type)
    if date_from:
        events = events.filter(created_at__gte=_day_start(date_from))
    if date_to:
        events = events.filter(
            created_at__lt=_day_start(date_to + datetime.timedelta(days=1))
        )
    if query:
        events = events.filter(
            Q(object_repr__icontains=query) | Q(actor_name__icontains=query)
        )
    return events.order_by("-created_at", "-id")


def audit_action_choices(
    *, organization, only_actions: Iterable[str] | None = None
) -> list[str]:
    """The distinct actions recorded for the organisation, for a filter list."""
    events = AuditEvent.objects.filter(organization=organization)
    if only_actions is not None:
        events = events.filter(action__in=list(only_actions))
    return list(events.order_by("action").values_list("action", flat=True).distinct())
