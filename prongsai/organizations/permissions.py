"""Who may do what in an organisation's back office."""

from .roles import Role


def _has(user, membership, *roles: str) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(*roles)


def can_manage_members(user, membership) -> bool:
    return _has(user, membership, Role.ORG_ADMIN)


def can_edit_organization(user, membership) -> bool:
    return _has(user, membership, Role.ORG_ADMIN)


def can_view_audit_log(user, membership) -> bool:
    return _has(user, membership, Role.ORG_ADMIN)
