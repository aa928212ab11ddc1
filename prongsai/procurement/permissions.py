"""Who may do what with the procurement register."""

from prongsai.organizations.roles import Role


def can_manage_procurement(user, membership) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.PROCUREMENT_OFFICER, Role.ORG_ADMIN
    )


def can_view_procurement(user, membership) -> bool:
    """Read the register, the plan and the exports: its officers and the
    executives (นายก, ปลัด), read-only."""
    return can_manage_procurement(user, membership) or (
        membership is not None and membership.has_role(Role.EXECUTIVE)
    )
