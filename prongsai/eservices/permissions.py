"""Who may do what in the E-Service back office."""

from prongsai.organizations.roles import Role


def _has(user, membership, *roles: str) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(*roles)


def can_work_requests(user, membership) -> bool:
    """Work the queue: accept, assign, note, complete, reject, file for walk-ins."""
    return _has(user, membership, Role.SERVICE_OFFICER, Role.ORG_ADMIN)


def can_manage_services(user, membership) -> bool:
    """Edit the catalogue, manuals, forms and E-Service settings."""
    return _has(user, membership, Role.SERVICE_OFFICER, Role.ORG_ADMIN)
