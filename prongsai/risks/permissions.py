"""Who may read and keep the corruption risk register."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role


def can_view_risks(user, membership) -> bool:
    """Every member reads the register."""
    return user.is_superuser or (membership is not None and membership.is_active)


def can_manage_risks(user, membership) -> bool:
    return has_role(
        user, membership, Role.ITA_COORDINATOR, Role.ORG_ADMIN, Role.INTEGRITY_OFFICER
    )
