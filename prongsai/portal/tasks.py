"""Scheduled work of the province and national pages: the summaries."""

import logging

from celery import group, shared_task

from prongsai.organizations.models import Organization

from .summaries import province_summaries_refresh, summary_refresh

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def region_summary_refresh(organization_id: int) -> bool:
    """One organisation's summary of the current fiscal year."""
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return False
    summary_refresh(organization=organization)
    return True


@shared_task
def region_summaries_refresh_all() -> int:
    """Nightly: fan out one task per active organisation (a Celery group);
    ``region_provinces_refresh`` rolls them up an hour later."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    if ids:
        group(region_summary_refresh.s(pk) for pk in ids).apply_async()
    return len(ids)


@shared_task
def region_provinces_refresh() -> int:
    """Nightly, after the organisations: the national page's province rows."""
    return province_summaries_refresh()
