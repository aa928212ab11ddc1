"""Who may do what with the development plan, the budget and its spending."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

PLAN_MANAGER_ROLES = (Role.ORG_ADMIN, Role.PLANNING_OFFICER)
SPENDING_ROLES = (Role.ORG_ADMIN, Role.FINANCE_OFFICER, Role.PLANNING_OFFICER)
LINKING_ROLES = (
    Role.ORG_ADMIN,
    Role.PLANNING_OFFICER,
    Role.FINANCE_OFFICER,
    Role.PROCUREMENT_OFFICER,
)
VIEWER_ROLES = (
    Role.ORG_ADMIN,
    Role.PLANNING_OFFICER,
    Role.FINANCE_OFFICER,
    Role.PROCUREMENT_OFFICER,
    Role.EXECUTIVE,
    Role.ITA_COORDINATOR,
    Role.DATA_OFFICER,
)


def can_view_budget(user, membership) -> bool:
    """The plan, the budget, spending and results in the back office."""
    return has_role(user, membership, *VIEWER_ROLES)


def can_manage_plan(user, membership) -> bool:
    """The development plan, its amendments, the budget, transfers, the
    operation plan, project results and publishing the reports."""
    return has_role(user, membership, *PLAN_MANAGER_ROLES)


def can_record_spending(user, membership) -> bool:
    """Monthly disbursements (entered or imported)."""
    return has_role(user, membership, *SPENDING_ROLES)


def can_link_procurement(user, membership) -> bool:
    """Confirm or reject a procurement's link to a budget line."""
    return has_role(user, membership, *LINKING_ROLES)
