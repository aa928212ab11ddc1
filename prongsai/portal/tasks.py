"""Scheduled work of the portal: the executives' weekly digest, and the
summaries behind the province and national pages."""

from __future__ import annotations

from celery import group, shared_task

from prongsai.organizations.models import Organization

from .services_desk import desk_digest_send
from .summaries import province_summaries_refresh, summary_refresh


@shared_task
def desk_digest_all() -> int:
    """Send every active organisation's executives their weekly digest of the
    desk (Celery beat, Monday morning). Returns how many were sent."""
    return sum(
        desk_digest_send(organization=organization)
        for organization in Organization.objects.active()
    )


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
