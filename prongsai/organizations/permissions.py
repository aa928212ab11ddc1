"""Who may do what in an organisation's back office."""

from .roles import CONFIDENTIAL_ROLES, Role


def has_role(user, membership, *roles: str) -> bool:
    """Whether the user is a superuser or holds one of ``roles`` in the membership.

    The building block of every app's ``can_*`` permission functions.
    """
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(*roles)


def can_read_confidential(membership) -> bool:
    """Whether the member reads confidential reports: the organisation's
    integrity officers, not administrators, not superusers without the role.

    A role grant whose 24-hour wait is over takes effect here, so access never
    depends on the periodic task alone.
    """
    from .services_role_grants import confidential_roles_refresh

    confidential_roles_refresh(membership)
    return membership is not None and membership.has_role(*CONFIDENTIAL_ROLES)


def can_manage_members(user, membership) -> bool:
    return has_role(user, membership, Role.ORG_ADMIN)


def can_view_confidential_access(user, membership) -> bool:
    """Who reads confidential reports and the grants waiting: administrators,
    executives (who confirm) and integrity officers (who are told)."""
    return has_role(
        user, membership, Role.ORG_ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER
    )


def can_edit_organization(user, membership) -> bool:
    return has_role(user, membership, Role.ORG_ADMIN)


def can_manage_channels(user, membership) -> bool:
    """The LINE and Facebook channel secrets: administrators only."""
    return has_role(user, membership, Role.ORG_ADMIN)


def can_view_audit_log(user, membership) -> bool:
    return has_role(user, membership, Role.ORG_ADMIN)


def can_handle_personal_data(user, membership) -> bool:
    """The personal-data page: administrators, integrity officers, and
    executives (for the reports about an integrity officer, which only they
    open)."""
    return has_role(
        user, membership, Role.ORG_ADMIN, Role.INTEGRITY_OFFICER, Role.EXECUTIVE
    )


def can_log_subject_requests(user, membership) -> bool:
    """The register of data-subject requests: also complaint officers, who
    often receive them; finding, copying and erasing stays with the above."""
    return has_role(
        user,
        membership,
        Role.ORG_ADMIN,
        Role.INTEGRITY_OFFICER,
        Role.COMPLAINT_OFFICER,
        Role.EXECUTIVE,
    )


def personal_data_access(user, membership) -> tuple[bool, str | None]:
    """``(general, confidential audience)``: which records of a person the user
    handles.

    Administrators handle everything but confidential reports, which only the
    organisation's integrity officers see (not superusers without the role);
    a report about an integrity officer only the executives who are not
    integrity officers themselves.
    """
    from prongsai.core.personal_data import AUDIENCE_EXECUTIVES, AUDIENCE_OFFICERS

    general = has_role(user, membership, Role.ORG_ADMIN)
    if can_read_confidential(membership):
        return general, AUDIENCE_OFFICERS
    if membership is not None and membership.has_role(Role.EXECUTIVE):
        return general, AUDIENCE_EXECUTIVES
    return general, None


def audit_actions_readable(user, membership) -> set[str] | None:
    """Which audit events the member may read: ``None`` for all of them.

    Administrators read the whole trail; other roles read the actions that
    apps registered for them (``core.audit.register_audit_readers``).
    """
    from prongsai.core.audit import audit_actions_for_roles

    if can_view_audit_log(user, membership):
        return None
    if membership is None or not membership.is_active:
        return set()
    return audit_actions_for_roles(membership.roles)


def can_read_audit_log(user, membership) -> bool:
    """Whether the member may open the audit log at all (whole or in part)."""
    return audit_actions_readable(user, membership) != set()
