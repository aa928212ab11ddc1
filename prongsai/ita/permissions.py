"""Who may do what with ITA results, analyses and reports."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role


def can_view_ita(user, membership) -> bool:
    """Read results and analyses: the coordinator, executives, data officer."""
    return has_role(
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
    return has_role(user, membership, Role.ORG_ADMIN, Role.ITA_COORDINATOR)
