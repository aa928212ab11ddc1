"""Who may run the pulse surveys and who may read their results."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role


def can_manage_surveys(user, membership) -> bool:
    """Make, open, close and send surveys: the ITA coordinator and the
    organisation's administrators."""
    return has_role(user, membership, Role.ITA_COORDINATOR, Role.ORG_ADMIN)


def can_view_survey_results(user, membership) -> bool:
    """Read surveys and their results: the managers and the executives."""
    return has_role(
        user, membership, Role.ITA_COORDINATOR, Role.ORG_ADMIN, Role.EXECUTIVE
    )
