"""Who may do what in the E-Service back office."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role


def can_work_requests(user, membership) -> bool:
    """Work the queue: accept, assign, note, complete, reject, file for walk-ins."""
    return has_role(user, membership, Role.SERVICE_OFFICER, Role.ORG_ADMIN)


def can_manage_services(user, membership) -> bool:
    """Edit the catalogue, manuals, forms and E-Service settings."""
    return has_role(user, membership, Role.SERVICE_OFFICER, Role.ORG_ADMIN)


def can_view_requests(user, membership) -> bool:
    """Read the queue, requests and statistics: those who work them, and the
    executives (นายก, ปลัด), read-only."""
    return can_work_requests(user, membership) or has_role(
        user, membership, Role.EXECUTIVE
    )


def can_view_services(user, membership) -> bool:
    """Read the catalogue and its procedures: its managers and the executives."""
    return can_manage_services(user, membership) or has_role(
        user, membership, Role.EXECUTIVE
    )
