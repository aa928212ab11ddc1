"""Who may work on the OIT checklist, and who may read it."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

# The roles that prepare the checklist (also the workflow's "who may hold
# an item back").
MANAGER_ROLES = (Role.ORG_ADMIN, Role.ITA_COORDINATOR, Role.DATA_OFFICER)


def can_manage_oit(user, membership) -> bool:
    """The data officer, the ITA coordinator and the organisation administrator."""
    return has_role(user, membership, *MANAGER_ROLES)


def can_read_oit(user, membership) -> bool:
    """Those who prepare it, and the executives (นายก, ปลัด), read-only."""
    return has_role(user, membership, *MANAGER_ROLES, Role.EXECUTIVE)


def can_appoint_data_officer(user, membership) -> bool:
    return has_role(user, membership, Role.ORG_ADMIN, Role.ITA_COORDINATOR)
