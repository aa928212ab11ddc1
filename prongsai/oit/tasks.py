"""Background work for OIT: link checks and reminders (tasks call services)."""

import logging

from celery import shared_task

from prongsai.core.fanout import PER_ORGANIZATION, fan_out

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


@shared_task(**PER_ORGANIZATION)
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
    """Daily: queue one check of the latest checklist of every active
    organisation (``core.fanout``); returns how many were queued."""
    latest: dict[int, int] = {}
    for organization_id, checklist_id in (
        # One query for every organisation: the newest year comes first.
        Checklist.objects.all_organizations()
        .filter(organization__is_active=True)
        .order_by("organization_id", "-fiscal_year")
        .values_list("organization_id", "pk")
    ):
        latest.setdefault(organization_id, checklist_id)
    return fan_out(oit_check_links, latest.values())


@shared_task(**PER_ORGANIZATION)
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
    # The daily job covers every organisation, one task per checklist.
    ids = list(
        Checklist.objects.all_organizations()
        .filter(fiscal_year__in=(year, year + 1), organization__is_active=True)
        .values_list("pk", flat=True)
    )
    return fan_out(oit_send_reminders_for, ids)


@shared_task(**PER_ORGANIZATION)
def oit_readiness_recompute(organization_id: int) -> None:
    """Item statuses follow the records (``prongsai.oit.readiness``)."""
    from .readiness import recompute

    recompute(organization_id)
