"""Reads of the notifications app."""

from __future__ import annotations

from django.db.models import QuerySet

from prongsai.organizations.models import Membership

from .models import Delivery, Notification, NotificationPreference, SentKey


def notification_list_inbox(*, user, organization) -> QuerySet[Notification]:
    return Notification.objects.filter(
        user=user, organization=organization, in_inbox=True
    ).order_by("-created_at", "-pk")


def notification_get_unread_count(*, user, organization) -> int:
    if user is None or not user.is_authenticated or organization is None:
        return 0
    return (
        notification_list_inbox(user=user, organization=organization)
        .filter(read_at__isnull=True)
        .count()
    )


def notification_get_delivery_status(notification: Notification | None) -> str | None:
    """``sent`` once a delivery went out, ``failed`` when every one failed
    for good, else ``queued``; None without deliveries."""
    if notification is None:
        return None
    statuses = set(notification.deliveries.values_list("status", flat=True))
    if not statuses:
        return None
    if Delivery.Status.SENT in statuses:
        return Delivery.Status.SENT
    if statuses == {Delivery.Status.FAILED}:
        return Delivery.Status.FAILED
    return Delivery.Status.QUEUED


def sent_key_get_last(*, organization, recipient: str, prefix: str) -> SentKey | None:
    """The latest key starting with ``prefix`` sent to ``recipient``."""
    return (
        SentKey.objects.filter(
            organization=organization, recipient=recipient, key__startswith=prefix
        )
        .order_by("-sent_on", "-pk")
        .first()
    )


def preference_get(*, membership: Membership) -> NotificationPreference:
    """The member's saved preferences, or unsaved defaults."""
    row = (
        NotificationPreference.objects.for_organization(membership.organization_id)
        .filter(membership=membership)
        .first()
    )
    return row or NotificationPreference(membership=membership)
