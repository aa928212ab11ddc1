"""Reads of the two-person rule: who reads confidential reports, since when,
and the grants waiting for confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404

from .models import Membership, Organization, RoleGrant
from .roles import CONFIDENTIAL_ROLES, Role
from .selectors import membership_list


@dataclass(frozen=True)
class ConfidentialReader:
    membership: Membership
    role_label: str
    #: When the role took effect; None for a role given before the rule.
    since: datetime | None
    confirmed_by: str


def confidential_readers(*, organization: Organization) -> list[ConfidentialReader]:
    """Active members who read confidential reports, with their grant in force."""
    grants: dict[tuple[int, str], RoleGrant] = {}
    for grant in (
        RoleGrant.objects.in_force()
        .filter(organization=organization)
        .select_related("confirmed_by")
        .order_by("activated_at")
    ):
        grants[(grant.membership_id, grant.role)] = grant
    readers = []
    for membership in membership_list(organization=organization):
        for role in sorted(CONFIDENTIAL_ROLES.intersection(membership.roles)):
            grant = grants.get((membership.pk, role))
            readers.append(
                ConfidentialReader(
                    membership=membership,
                    role_label=str(Role(role).label),
                    since=grant.activated_at if grant else None,
                    confirmed_by=(
                        grant.confirmed_by.display_name
                        if grant is not None and grant.confirmed_by
                        else ""
                    ),
                )
            )
    return readers


def role_grant_list_pending(*, organization: Organization) -> list[RoleGrant]:
    """Grants waiting for a second person, oldest first."""
    return list(
        RoleGrant.objects.pending()
        .filter(organization=organization, membership__is_active=True)
        .select_related("membership__user", "requested_by", "organization")
        .order_by("requested_at")
    )


def role_grant_list_pending_for(*, membership: Membership) -> list[RoleGrant]:
    """The member's grants still waiting."""
    return list(
        RoleGrant.objects.pending().filter(
            organization=membership.organization_id, membership=membership
        )
    )


def access_role_grant(*, organization: Organization, pk) -> RoleGrant:
    """A grant of this organisation, or 404."""
    try:
        return RoleGrant.objects.select_related("membership__user", "organization").get(
            organization=organization, pk=pk
        )
    except (RoleGrant.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
