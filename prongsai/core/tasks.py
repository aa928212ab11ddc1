"""Background work of the platform itself."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from . import outbox


@shared_task
def outbox_drain() -> int:
    """Send the tasks that waited in the outbox while the broker was down."""
    return outbox.outbox_drain()


@worker_ready.connect
def _drain_when_worker_starts(sender=None, **kwargs) -> None:
    """A worker that starts after an outage sends what waited at once."""
    outbox.enqueue(outbox_drain)
