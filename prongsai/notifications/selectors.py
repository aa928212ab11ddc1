"""Reads of the notifications app."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

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


def delivery_map_by_source(*, organization, sources: list[str]) -> dict[str, Delivery]:
    """The latest delivery of the notifications about each of ``sources``."""
    rows = (
        Delivery.objects.for_organization(organization)
        .filter(notification__source__in=sources)
        .select_related("notification")
        .order_by("pk")
    )
    return {row.notification.source: row for row in rows}


def delivery_failure_reason(last_error: str) -> str:
    """The kind of a delivery failure in words (never the error's text)."""
    name, _sep, status = (last_error or "").partition(" ")
    if last_error == "not configured":
        return _("The channel is not set up for the organisation.")
    if name.startswith("SMTP"):
        return _("The e-mail server did not accept the message.")
    if status in ("401", "403"):
        return _("The channel refused the organisation's access key.")
    if status == "429":
        return _("The channel asked us to send fewer messages for now.")
    if status.startswith("4"):
        return _(
            "The person cannot be reached there (blocked the account, or the "
            "time to answer has passed)."
        )
    return _("The channel could not be reached or had a fault.")
