"""Scheduled work of the portal: the executives' weekly digest, and the
summaries behind the province and national pages."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from prongsai.core.fanout import PER_ORGANIZATION, fan_out
from prongsai.organizations.models import Organization

from .services_desk import desk_digest_send
from .summaries import province_summaries_refresh, summary_refresh


@shared_task
def desk_digest_all() -> int:
    """Queue the executives' weekly digest of the desk of every active
    organisation (Celery beat, Monday morning; ``core.fanout``). Returns how
    many organisations were queued."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(desk_digest_for, ids, timezone.localdate().isoformat())


@shared_task(**PER_ORGANIZATION)
def desk_digest_for(organization_id: int, today: str) -> int:
    """One organisation's weekly digests, for the week of ``today`` (the day
    the job was queued, so a retry after midnight is still the same week and
    sends nothing twice). Returns how many were sent."""
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return 0
    return desk_digest_send(
        organization=organization, today=datetime.date.fromisoformat(today)
    )


@shared_task(**PER_ORGANIZATION)
def region_summary_refresh(organization_id: int) -> bool:
    """One organisation's summary of the current fiscal year."""
    organization = Organization.objects.active().filter(pk=organization_id).first()
    if organization is None:
        return False
    summary_refresh(organization=organization)
    return True


@shared_task
def region_summaries_refresh_all() -> int:
    """Nightly: one task per active organisation (``core.fanout``);
    ``region_provinces_refresh`` rolls them up an hour later."""
    ids = list(Organization.objects.active().values_list("pk", flat=True))
    return fan_out(region_summary_refresh, ids)


@shared_task
def region_provinces_refresh() -> int:
    """Nightly, after the organisations: the national page's province rows."""
    return province_summaries_refresh()
