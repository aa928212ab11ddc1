"""Background jobs of the open-data catalogue."""

from celery import shared_task

from prongsai.organizations.models import Organization

from .services import dataset_sync


@shared_task
def dataset_sync_all() -> int:
    """Sync the catalogue of every active organisation; returns how many."""
    count = 0
    for pk in Organization.objects.active().values_list("pk", flat=True):
        dataset_sync_organization(pk)
        count += 1
    return count


@shared_task
def dataset_sync_organization(organization_id: int) -> None:
    """Sync one organisation's datasets with the provider registry."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        dataset_sync(organization=organization)
