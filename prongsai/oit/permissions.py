"""Who may work on the OIT checklist."""

from prongsai.organizations.roles import Role


def can_manage_oit(user, membership) -> bool:
    """The data officer, the ITA coordinator and the organisation administrator."""
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.ORG_ADMIN, Role.ITA_COORDINATOR, Role.DATA_OFFICER
    )


def can_appoint_data_officer(user, membership) -> bool:
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.ORG_ADMIN, Role.ITA_COORDINATOR
    )
