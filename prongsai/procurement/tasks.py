"""Background work of the procurement register. Tasks take ids and call services."""

from __future__ import annotations

from celery import shared_task

from prongsai.organizations.models import Organization


@shared_task
def indicators_refresh_task(organization_id: int, fiscal_year: int) -> int:
    """Recompute the stored risk indicators of one fiscal year."""
    from .services_indicators import indicators_refresh

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return 0
    year = indicators_refresh(organization=organization, fiscal_year=fiscal_year)
    return year.indicator_total
