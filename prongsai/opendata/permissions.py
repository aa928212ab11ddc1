"""Who may manage the open-data catalogue of an organisation."""

from prongsai.organizations.roles import Role


def can_manage_open_data(user, membership) -> bool:
    """Data officers and organisation administrators edit dataset metadata."""
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.DATA_OFFICER, Role.ORG_ADMIN
    )


def can_view_open_data(user, membership) -> bool:
    """Read the catalogue's staff list: its managers and the executives."""
    return can_manage_open_data(user, membership) or (
        membership is not None and membership.has_role(Role.EXECUTIVE)
    )
