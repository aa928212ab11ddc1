"""Who may do what with the procurement register."""

from prongsai.organizations.roles import Role


def can_manage_procurement(user, membership) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.PROCUREMENT_OFFICER, Role.ORG_ADMIN
    )
