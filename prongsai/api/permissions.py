"""Who may make and revoke the organisation's API tokens."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role


def can_manage_api_tokens(user, membership) -> bool:
    return has_role(user, membership, Role.ORG_ADMIN)
