"""Who may do what with ITA results, analyses and reports."""

from prongsai.organizations.roles import Role


def _has(user, membership, *roles: str) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(*roles)


def can_view_ita(user, membership) -> bool:
    """Read results and analyses: the coordinator, executives, data officer."""
    return _has(
        user,
        membership,
        Role.ORG_ADMIN,
        Role.ITA_COORDINATOR,
        Role.EXECUTIVE,
        Role.DATA_OFFICER,
        Role.INTEGRITY_OFFICER,
    )


def can_manage_ita(user, membership) -> bool:
    """Record results, import peers, write and publish the analysis report."""
    return _has(user, membership, Role.ORG_ADMIN, Role.ITA_COORDINATOR)
