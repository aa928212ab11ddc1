"""Background work of notifications. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def delivery_send_task(delivery_id: int) -> bool:
    return services.delivery_attempt(delivery_id=delivery_id)


@shared_task
def notifications_retry_due() -> int:
    """Celery beat, every minute: the deliveries whose next attempt is due."""
    return services.deliveries_retry_due()


@shared_task
def notifications_send_digests() -> int:
    """Celery beat, daily: one message per member and channel."""
    return services.digests_send()
