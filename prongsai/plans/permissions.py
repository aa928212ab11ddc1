"""Who may do what with plans, measures and progress."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

EDITOR_ROLES = (Role.ITA_COORDINATOR, Role.ORG_ADMIN)
APPROVER_ROLES = (Role.EXECUTIVE,)


def can_view_plans(user, membership) -> bool:
    """Every member follows the plans; taking part is the point."""
    return user.is_superuser or (membership is not None and membership.is_active)


can_propose_measure = can_view_plans


def can_edit_plans(user, membership) -> bool:
    return has_role(user, membership, *EDITOR_ROLES)


def can_approve_plans(user, membership) -> bool:
    return has_role(user, membership, *APPROVER_ROLES)


def can_view_dashboard(user, membership) -> bool:
    return has_role(user, membership, *EDITOR_ROLES, *APPROVER_ROLES)


def can_update_progress(user, membership, measure) -> bool:
    """The measure's owner, and the coordinators, report progress on it."""
    if can_edit_plans(user, membership):
        return True
    return (
        membership is not None
        and membership.is_active
        and measure.owner_id is not None
        and measure.owner_id == membership.pk
    )
