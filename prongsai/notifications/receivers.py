"""Notifications other apps ask for by signal (the apps below this layer)."""

from __future__ import annotations

from django.dispatch import receiver
from django.urls import reverse

from prongsai.core.thai_dates import format_datetime
from prongsai.organizations.models import RoleGrant
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list
from prongsai.organizations.signals import role_grant_requested

from .services import notify


@receiver(role_grant_requested, dispatch_uid="notifications.role_grant_requested")
def role_grant_tell_overseers(sender, grant_id: int, **kwargs) -> int:
    """Tell every current integrity officer and executive (by their own
    channels: e-mail, LINE, inbox) that a confidential role was asked for."""
    grant = (
        RoleGrant.objects.all_organizations()
        .select_related("organization", "membership__user", "requested_by")
        .filter(pk=grant_id)
        .first()
    )
    if grant is None or not grant.is_pending:
        return 0
    organization = grant.organization
    overseers = [
        m
        for m in membership_list(organization=organization)
        if m.has_role(Role.INTEGRITY_OFFICER, Role.EXECUTIVE)
    ]
    context = {
        "member": grant.membership.user.display_name,
        "role": str(Role(grant.role).label),
        "requester": (
            grant.requested_by.display_name if grant.requested_by else "ระบบ"
        ),
        "activates_at": format_datetime(grant.activates_at),
    }
    url = reverse(
        "organizations-staff:confidential-access", kwargs={"org": organization.slug}
    )
    return sum(
        notify(
            organization=organization,
            recipient=membership,
            kind="organizations/role_grant",
            context=context,
            url=url,
            dedup_key=f"organizations.role_grant:{grant.pk}",
            source=f"organizations.role_grant:{grant.pk}",
        )
        is not None
        for membership in overseers
    )
