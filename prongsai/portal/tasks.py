"""Scheduled work of the portal: the executives' weekly digest."""

from __future__ import annotations

from celery import shared_task

from prongsai.organizations.models import Organization

from .services_desk import desk_digest_send


@shared_task
def desk_digest_all() -> int:
    """Send every active organisation's executives their weekly digest of the
    desk (Celery beat, Monday morning). Returns how many were sent."""
    return sum(
        desk_digest_send(organization=organization)
        for organization in Organization.objects.active()
    )
