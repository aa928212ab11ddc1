"""Background jobs of the open-data catalogue."""

from __future__ import annotations

from celery import shared_task

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.organizations.models import Organization

from .services import dataset_sync


@shared_task
def dataset_sync_all() -> int:
    """Hourly: queue one sync per active organisation (``core.fanout``);
    returns how many were queued. One organisation's failing provider stops
    none of the others."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(dataset_sync_organization, ids)


@shared_task(**PER_ORGANIZATION)
def dataset_sync_organization(organization_id: int) -> bool:
    """Sync one organisation's datasets with the provider registry (running
    it twice changes nothing the second time)."""
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return False
    dataset_sync(organization=organization)
    return True
