"""Background work for OIT: link checks. Tasks take ids and call services."""

import logging

from celery import shared_task

from prongsai.organizations.models import Organization

from .models import Checklist
from .services import link_check_run

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def oit_check_links(checklist_id: int) -> int:
    """Check every evidence URL of one checklist; returns the warning count."""
    checklist = (
        Checklist.objects.select_related("organization").filter(pk=checklist_id).first()
    )
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
