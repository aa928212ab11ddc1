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


#: Minutes before the first retry of a failed e-GP fetch (doubled each time).
EGP_RETRY_MINUTES = {"rate_limited": 60}
EGP_RETRY_DEFAULT_MINUTES = 10
EGP_MAX_RETRIES = 4


def egp_retry_countdown(kind: str, retries: int) -> int | None:
    """Seconds before retrying a fetch that failed with *kind*, or ``None``."""
    from .cgd import NOT_CONFIGURED

    if kind == NOT_CONFIGURED or retries >= EGP_MAX_RETRIES:
        return None
    minutes = EGP_RETRY_MINUTES.get(kind, EGP_RETRY_DEFAULT_MINUTES)
    return minutes * 60 * 2**retries


@shared_task(bind=True, max_retries=EGP_MAX_RETRIES, acks_late=True)
def egp_feed_task(self, organization_id: int) -> str:
    """Fetch one organisation's e-GP contracts and announcements; a refused
    key, a rate limit, an outage or unreadable data is retried with backoff
    (the settings page shows the failure meanwhile)."""
    from .cgd import FeedError
    from .services_feed import egp_feed_run

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return ""
    try:
        return egp_feed_run(organization=organization)["outcome"]
    except FeedError as error:
        countdown = egp_retry_countdown(error.kind, self.request.retries or 0)
        if countdown is None or self.request.is_eager:
            # Run in the request (no broker): the page shows it; no retry loop.
            return error.kind
        raise self.retry(exc=error, countdown=countdown) from None


@shared_task
def egp_feed_all() -> int:
    """Daily: queue a fetch for every organisation with the feed set up."""
    from prongsai.core.outbox import enqueue

    from .models import ProcurementSettings

    rows = (
        ProcurementSettings.objects.all_organizations()
        .exclude(egp_department_code="")
        .exclude(cgd_api_key="")
        .values_list("organization_id", flat=True)
    )
    count = 0
    for organization_id in rows:
        enqueue(egp_feed_task, organization_id)
        count += 1
    return count
