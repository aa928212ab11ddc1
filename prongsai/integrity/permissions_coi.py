"""Who may see and do what in the conflict-of-interest registers.

Declarations are personal data: the declarant, HR officers and integrity
officers read them (an organisation administrator only when holding one of
those roles); executives see counts only.
"""

from prongsai.organizations.permissions import has_role
from prongsai.organizations.roles import Role

COI_READER_ROLES = (Role.HR_OFFICER, Role.INTEGRITY_OFFICER)
COI_SUMMARY_ROLES = (*COI_READER_ROLES, Role.EXECUTIVE, Role.ITA_COORDINATOR)


def can_declare_coi(user, membership) -> bool:
    """Every active member declares their own interests."""
    return membership is not None and membership.is_active


def can_see_all_coi(user, membership) -> bool:
    """Every declaration and committee declaration (HR and integrity officers)."""
    return has_role(user, membership, *COI_READER_ROLES)


def can_review_coi_flags(user, membership) -> bool:
    """The cross-check's flags: integrity officers only."""
    return has_role(user, membership, Role.INTEGRITY_OFFICER)


def can_view_coi_summary(user, membership) -> bool:
    """Counts without names: executives (for the council), HR, integrity, ITA."""
    return has_role(user, membership, *COI_SUMMARY_ROLES)


def can_open_coi_area(user, membership) -> bool:
    """The conflict-of-interest pages: every active member (own declarations)."""
    return user.is_superuser or can_declare_coi(user, membership)
