"""Background jobs of the core: the one retention run (Celery beat, daily)."""

from celery import shared_task

from . import retention


@shared_task
def retention_apply_task() -> dict:
    """Delete or anonymise every kind of personal data whose term is over."""
    return retention.retention_apply().as_dict()
