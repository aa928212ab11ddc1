"""Background jobs of the open-data catalogue."""

import logging

from celery import shared_task

from prongsai.organizations.models import Organization

from .services import dataset_sync

logger = logging.getLogger(__name__)


@shared_task
def dataset_sync_all() -> int:
    """Sync the catalogue of every active organisation; returns how many synced.

    One organisation's failing provider does not stop the others.
    """
    count = 0
    for pk in Organization.objects.active().values_list("pk", flat=True):
        try:
            dataset_sync_organization(pk)
        except Exception:
            logger.exception("open-data sync failed for organisation %s", pk)
            continue
        count += 1
    return count


@shared_task
def dataset_sync_organization(organization_id: int) -> None:
    """Sync one organisation's datasets with the provider registry."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        dataset_sync(organization=organization)
