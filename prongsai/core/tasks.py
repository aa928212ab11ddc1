"""Background work of the platform itself: the outbox, the retention run."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready

from . import outbox, retention


@shared_task
def outbox_drain() -> int:
    """Send the tasks that waited in the outbox while the broker was down."""
    return outbox.outbox_drain()


@worker_ready.connect
def _drain_when_worker_starts(sender=None, **kwargs) -> None:
    """A worker that starts after an outage sends what waited at once."""
    outbox.enqueue(outbox_drain)


@shared_task
def retention_apply_task() -> dict:
    """Delete or anonymise every kind of personal data whose term is over."""
    return retention.retention_apply().as_dict()


@shared_task
def document_job_run_task(job_id: int) -> None:
    """Make a long document requested from a page (``core.document_jobs``)."""
    from .document_jobs import document_job_run

    document_job_run(job_id)


@shared_task
def public_documents_refresh_task(organization_id: int, kinds: list[str]) -> int:
    """Make again the kept public documents whose data changed
    (``core.public_documents``)."""
    from .public_documents import public_documents_refresh

    return public_documents_refresh(organization_id, kinds)
