"""What the notifications keep and for how long (prongsai.core.retention).

A notification holds its text and, for each channel, the encrypted address
it went to. Once every delivery is finished (sent or failed for good), it
goes after the term; the de-duplication keys (no personal data) stay.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from prongsai.core.retention import (
    Effect,
    RetentionKind,
    cutoff,
    delete_expired,
    register,
)

from .models import Delivery, Notification


def notifications_expire(*, days: int, now: datetime.datetime, dry_run: bool):
    """Notifications older than the term with no delivery still to make."""
    # Retention runs over every organisation.
    expired = (
        Notification.objects.all_organizations()
        .filter(created_at__lt=cutoff(days=days, now=now))
        .exclude(
            deliveries__status__in=[Delivery.Status.QUEUED, Delivery.Status.DIGEST]
        )
    )
    return delete_expired(expired, dry_run=dry_run)


register(
    RetentionKind(
        key="notifications.notification",
        label=_("Notifications and their delivery log"),
        effect=Effect.DELETE,
        default_days=180,
        apply=notifications_expire,
    )
)
