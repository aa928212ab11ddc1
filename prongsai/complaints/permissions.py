"""Who may do what in the complaint centre."""

from prongsai.organizations.permissions import can_read_confidential, has_role
from prongsai.organizations.roles import Role


def can_handle_complaints(user, membership) -> bool:
    """Complaint officers and organisation administrators handle general cases."""
    return has_role(user, membership, Role.COMPLAINT_OFFICER, Role.ORG_ADMIN)


def can_manage_complaint_settings(user, membership) -> bool:
    """Channel secrets and retention are set by organisation administrators."""
    return has_role(user, membership, Role.ORG_ADMIN)


def can_handle_confidential(user, membership) -> bool:
    """Only the organisation's integrity officers: not administrators, not
    executives, not platform superusers without the role."""
    return can_read_confidential(membership)


def confidential_audience(user, membership) -> str | None:
    """Which confidential reports the member reads: the integrity officers
    read those not about an integrity officer; executives who are not
    integrity officers read those about one; anyone else none."""
    from .selectors import AUDIENCE_EXECUTIVES, AUDIENCE_OFFICERS

    if can_read_confidential(membership):
        return AUDIENCE_OFFICERS
    if membership is not None and membership.has_role(Role.EXECUTIVE):
        return AUDIENCE_EXECUTIVES
    return None


def can_open_confidential(user, membership) -> bool:
    """The confidential pages: integrity officers, and executives for the
    reports about an integrity officer."""
    return confidential_audience(user, membership) is not None


def can_manage_external_address(user, membership) -> bool:
    """Administrators propose an own address for reports about executives;
    executives and integrity officers verify, confirm or reject it."""
    return membership is not None and membership.has_role(
        Role.ORG_ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER
    )


def can_view_complaints(user, membership) -> bool:
    """Read the general cases (list, case pages, statistics): those who
    handle them, and the executives (นายก, ปลัด), read-only."""
    return can_handle_complaints(user, membership) or has_role(
        user, membership, Role.EXECUTIVE
    )
