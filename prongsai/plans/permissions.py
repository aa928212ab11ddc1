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


# --- No Gift Policy ---------------------------------------------------------------

NO_GIFT_MANAGER_ROLES = (Role.ORG_ADMIN, Role.ITA_COORDINATOR, Role.INTEGRITY_OFFICER)


def can_manage_no_gift(user, membership) -> bool:
    """The announcement, the activities, every gift report, the nil statement."""
    return has_role(user, membership, *NO_GIFT_MANAGER_ROLES)


def can_see_all_gift_reports(user, membership) -> bool:
    """Managers and the executives; other members see their own reports."""
    return has_role(user, membership, *NO_GIFT_MANAGER_ROLES, *APPROVER_ROLES)


# Every active member may report a gift they received (their own report).
can_report_gift = can_view_plans
