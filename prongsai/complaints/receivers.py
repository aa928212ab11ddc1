"""The complaint centre follows what the notifications really delivered."""

from __future__ import annotations

from django.dispatch import receiver

from prongsai.notifications.signals import delivery_finished

from .models import CaseEntry
from .services import entry_mark_delivery

ENTRY_SOURCE = "complaints.entry:"


@receiver(delivery_finished, dispatch_uid="complaints.entry_follows_delivery")
def entry_follows_delivery(sender, notification, channel, status, **kwargs) -> None:
    """A reply e-mailed to the complainant shows as sent only once it was."""
    source = notification.source or ""
    if not source.startswith(ENTRY_SOURCE):
        return
    entry = (
        CaseEntry.objects.for_organization(notification.organization_id)
        .filter(
            pk=int(source[len(ENTRY_SOURCE) :]), delivery=CaseEntry.Delivery.PENDING
        )
        .first()
    )
    if entry is not None:
        entry_mark_delivery(entry=entry, delivered=status == "sent")
