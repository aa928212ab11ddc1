"""Who may edit the public site's content."""

from prongsai.organizations.roles import Role


def can_edit_site(user, membership) -> bool:
    """The data officer and the organisation administrator."""
    if user.is_superuser:
        return True
    return membership is not None and membership.has_role(
        Role.ORG_ADMIN, Role.DATA_OFFICER
    )


def can_view_site(user, membership) -> bool:
    """Read the content overview and the inquiries: its editors and the
    executives (นายก, ปลัด), read-only."""
    return can_edit_site(user, membership) or (
        membership is not None and membership.has_role(Role.EXECUTIVE)
    )
