"""Who may open the executive's desk."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

DESK_ROLES = (Role.EXECUTIVE, Role.ITA_COORDINATOR, Role.ORG_ADMIN)


def can_view_desk(user, membership) -> bool:
    """The executives (นายก, ปลัด), the ITA coordinator and the
    organisation's administrators."""
    return has_role(user, membership, *DESK_ROLES)
