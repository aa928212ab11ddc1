"""Who may do what with the No Gift Policy and the gift register."""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

NO_GIFT_MANAGER_ROLES = (Role.ORG_ADMIN, Role.ITA_COORDINATOR, Role.INTEGRITY_OFFICER)


def can_view_no_gift(user, membership) -> bool:
    """Every active member follows the policy and reports their own gifts."""
    return user.is_superuser or (membership is not None and membership.is_active)


# Every active member may report a gift they received (their own report).
can_report_gift = can_view_no_gift


def can_manage_no_gift(user, membership) -> bool:
    """The announcement, the activities, every gift report, the nil statement."""
    return has_role(user, membership, *NO_GIFT_MANAGER_ROLES)


def can_see_all_gift_reports(user, membership) -> bool:
    """Managers and the executives; other members see their own reports."""
    return has_role(user, membership, *NO_GIFT_MANAGER_ROLES, Role.EXECUTIVE)


# --- the asset register and loans ---------------------------------------------------

ASSET_MANAGER_ROLES = (Role.ORG_ADMIN, Role.INTEGRITY_OFFICER)


def is_asset_custodian(user, membership) -> bool:
    """Whether the member looks after at least one asset of the register."""
    if membership is None or not membership.is_active:
        return False
    from .models_assets import Asset

    return Asset.objects.filter(
        organization_id=membership.organization_id, custodian_id=user.pk
    ).exists()


def can_manage_assets(user, membership) -> bool:
    """Keep the register and decide, hand over and take back loans."""
    return has_role(user, membership, *ASSET_MANAGER_ROLES) or is_asset_custodian(
        user, membership
    )


# Deciding a loan is the managers' (and custodians') work.
can_decide_loans = can_manage_assets


def can_view_assets(user, membership) -> bool:
    """The register, every loan and the statistics: managers and executives."""
    return has_role(
        user, membership, *ASSET_MANAGER_ROLES, Role.EXECUTIVE
    ) or is_asset_custodian(user, membership)


# Every active member may borrow for official use and follow their own loans.
can_request_loan = can_view_no_gift


# --- ethics (code of ethics, working group, Dos & Don'ts, activities) ---

ETHICS_MANAGER_ROLES = (
    Role.ORG_ADMIN,
    Role.ITA_COORDINATOR,
    Role.INTEGRITY_OFFICER,
    Role.HR_OFFICER,
)


def can_view_ethics(user, membership) -> bool:
    """Every active member reads the code and the year's ethics page."""
    return user.is_superuser or (membership is not None and membership.is_active)


def can_acknowledge_ethics(user, membership) -> bool:
    """Members acknowledge the code for themselves (not the platform admin)."""
    return membership is not None and membership.is_active


def can_manage_ethics(user, membership) -> bool:
    """The code versions, the working group, guidance, activities, publishing."""
    return has_role(user, membership, *ETHICS_MANAGER_ROLES)


def can_see_ethics_acknowledgements(user, membership) -> bool:
    """Who has and who has not acknowledged: managers and the executives."""
    return has_role(user, membership, *ETHICS_MANAGER_ROLES, Role.EXECUTIVE)


# --- HR criteria, plan, training records and report --------------------------------

HR_MANAGER_ROLES = (Role.HR_OFFICER, Role.ORG_ADMIN, Role.ITA_COORDINATOR)


def can_manage_hr(user, membership) -> bool:
    """Criteria, plans and projects, every training record, the report."""
    return has_role(user, membership, *HR_MANAGER_ROLES)


def can_see_all_training(user, membership) -> bool:
    """Every training record (personal data): HR managers and integrity officers."""
    return has_role(user, membership, *HR_MANAGER_ROLES, Role.INTEGRITY_OFFICER)


def can_view_hr_plan(user, membership) -> bool:
    """Criteria, plans, reports and the aggregate training figures."""
    return has_role(
        user, membership, *HR_MANAGER_ROLES, Role.INTEGRITY_OFFICER, Role.EXECUTIVE
    )


def can_view_own_training(user, membership) -> bool:
    """Every active member sees their own training records."""
    return user.is_superuser or (membership is not None and membership.is_active)
