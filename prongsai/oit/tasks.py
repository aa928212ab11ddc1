"""Background work for OIT: link checks and reminders (tasks call services)."""

import logging

from celery import shared_task

from prongsai.organizations.models import Organization

from .models import Checklist
from .services import reminders_send
from .services_submission import link_check_run

logger = logging.getLogger(__name__)


def _checklist(checklist_id: int) -> Checklist | None:
    # A task gets one checklist by its id, whichever organisation holds it.
    return (
        Checklist.objects.all_organizations()
        .select_related("organization")
        .filter(pk=checklist_id)
        .first()
    )


@shared_task(acks_late=True)
def oit_check_links(checklist_id: int) -> int:
    """Check every evidence URL of one checklist; returns the warning count."""
    checklist = _checklist(checklist_id)
    if checklist is None:
        return 0
    warnings = link_check_run(organization=checklist.organization, checklist=checklist)
    if warnings:
        logger.warning(
            "OIT link check: %d warnings for checklist %d", len(warnings), checklist.pk
        )
    return len(warnings)


@shared_task
def oit_check_links_all() -> int:
    """Daily: the latest checklist of every active organisation."""
    count = 0
    for organization in Organization.objects.active():
        checklist = (
            Checklist.objects.filter(organization=organization)
            .order_by("-fiscal_year")
            .first()
        )
        if checklist is not None:
            oit_check_links.delay(checklist.pk)
            count += 1
    return count


@shared_task(acks_late=True)
def oit_send_reminders_for(checklist_id: int) -> int:
    checklist = _checklist(checklist_id)
    if checklist is None or not checklist.organization.is_active:
        return 0
    return reminders_send(checklist=checklist)


@shared_task
def oit_send_reminders() -> int:
    """Daily: remind the people responsible for this fiscal year's OIT items
    (due dates, and recurring content such as the monthly procurement summary
    or a six-month report that the records no longer cover)."""
    from django.utils import timezone

    from prongsai.core.thai_dates import fiscal_year

    year = fiscal_year(timezone.localdate())
    count = 0
    # The daily job covers every organisation.
    for checklist_id in (
        Checklist.objects.all_organizations()
        .filter(fiscal_year__in=(year, year + 1), organization__is_active=True)
        .values_list("pk", flat=True)
    ):
        oit_send_reminders_for.delay(checklist_id)
        count += 1
    return count


@shared_task(acks_late=True)
def oit_readiness_recompute(organization_id: int) -> None:
    """Item statuses follow the records (``prongsai.oit.readiness``)."""
    from .readiness import recompute

    recompute(organization_id)
