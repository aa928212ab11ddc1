"""Reads of the e-GP feed: department proposals, the last fetch as the
settings page says it, and a record's e-GP announcements."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from prongsai.organizations.models import Organization

from . import cgd, egp_departments, services_feed
from .models import EgpAnnouncement, EgpDepartment, Procurement, ProcurementSettings


def outcome_messages() -> dict[str, str]:
    """What the settings page says of each outcome of the last fetch."""
    return {
        services_feed.OK: _("The fetch succeeded."),
        services_feed.WAITING: _(
            "The fetch succeeded; some purchases may already be in the register "
            "or need checking. Confirm them on the import page."
        ),
        services_feed.RUNNING: _("A fetch has been requested and will run shortly."),
        cgd.KEY_REFUSED: _(
            "The CGD open API refused the key (401/403). Check the key or ask "
            "the data portal for a new one."
        ),
        cgd.RATE_LIMITED: _(
            "The CGD open API limited the number of requests (429). The fetch "
            "will be tried again later."
        ),
        cgd.UNAVAILABLE: _(
            "The CGD open API did not answer or is down. The fetch will be "
            "tried again later."
        ),
        cgd.MALFORMED: _(
            "The CGD open API answered with data that could not be read. The "
            "fetch will be tried again later."
        ),
        cgd.NOT_CONFIGURED: _("Enter the e-GP department code and the API key."),
    }


@dataclass(frozen=True)
class FeedStatus:
    configured: bool
    key_set: bool
    fetched_at: object
    outcome: str
    message: str
    failed: bool
    result: dict


def feed_status(*, organization: Organization) -> FeedStatus:
    settings = ProcurementSettings.for_organization(organization)
    outcome = settings.egp_outcome
    ok = (services_feed.OK, services_feed.WAITING, services_feed.RUNNING, "")
    return FeedStatus(
        configured=bool(settings.egp_department_code and settings.cgd_api_key),
        key_set=bool(settings.cgd_api_key),
        fetched_at=settings.egp_fetched_at,
        outcome=outcome,
        message=outcome_messages().get(outcome, ""),
        failed=outcome not in ok,
        result=settings.egp_result or {},
    )


def department_proposals(
    *, organization: Organization
) -> list[egp_departments.Proposal]:
    """The e-GP departments that may be the organisation's (officer confirms)."""
    departments = (
        egp_departments.Department(code, name, province)
        for code, name, province in EgpDepartment.objects.values_list(
            "code", "name", "province"
        ).iterator()
    )
    return egp_departments.propose(
        name=organization.name, province=organization.province, departments=departments
    )


def announcements_for(*, procurement: Procurement) -> list[EgpAnnouncement]:
    """The e-GP announcements of a record (by its e-GP project number)."""
    if not procurement.egp_project_number:
        return []
    return list(
        EgpAnnouncement.objects.filter(
            organization_id=procurement.organization_id,
            project_number=procurement.egp_project_number,
        )
    )
