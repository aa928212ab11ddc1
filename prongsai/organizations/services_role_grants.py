"""The two-person rule for roles that read confidential reports.

Ticking the integrity-officer role (any of ``CONFIDENTIAL_ROLES``) for a
member, inviting someone with it, or a platform superuser doing either, makes
a pending :class:`RoleGrant`, not a role. At the request every current
integrity officer and executive is told (through the notification service,
which listens to :data:`~prongsai.organizations.signals.role_grant_requested`).
The grant takes effect when an executive who is neither the requester nor the
grantee confirms it, or by itself ``GRANT_WAIT`` after the request. Taking the
role away is immediate. Every step is in the audit trail.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError

from .models import Invitation, Membership, Organization, RoleGrant
from .roles import CONFIDENTIAL_ROLES, Role
from .signals import role_grant_requested

#: How long a grant nobody confirmed waits before it takes effect by itself.
GRANT_WAIT = timedelta(hours=24)


def split_confidential(
    roles: list[str], *, held: list[str]
) -> tuple[list[str], list[str]]:
    """``(stored, requested)``: the roles to set on the membership now and the
    confidential roles it does not hold yet, which need a grant."""
    requested = [r for r in roles if r in CONFIDENTIAL_ROLES and r not in held]
    stored = [r for r in roles if r not in requested]
    # A member waiting only for a confidential role is staff meanwhile.
    return stored or [Role.STAFF.value], requested


def _audit(grant: RoleGrant, *, actor: User | None, action: str, **changes) -> None:
    audit_log(
        actor=actor,
        organization=grant.organization,
        action=action,
        target=grant,
        changes={
            "membership": grant.membership.user.display_name,
            "role": grant.role,
            **changes,
        },
    )


@transaction.atomic
def role_grant_request(
    *,
    actor: User | None,
    membership: Membership,
    role: str,
    invitation: Invitation | None = None,
) -> RoleGrant:
    """Ask for ``role`` for ``membership``: a pending grant, told to every
    integrity officer and executive. An open request is returned as it is."""
    if role not in CONFIDENTIAL_ROLES:
        raise DomainError(_("This role does not need a confirmation."))
    if not membership.is_active:
        raise DomainError(_("This membership has ended."))
    organization = membership.organization
    existing = (
        RoleGrant.objects.pending()
        .filter(organization=organization, membership=membership, role=role)
        .first()
    )
    if existing is not None:
        return existing
    now = timezone.now()
    grant = RoleGrant.objects.create(
        organization=organization,
        membership=membership,
        role=role,
        requested_by=actor,
        requested_at=now,
        activates_at=now + GRANT_WAIT,
        invitation=invitation,
    )
    _audit(
        grant,
        actor=actor,
        action="role_grant.request",
        activates_at=grant.activates_at.isoformat(),
        invitation=bool(invitation),
    )
    grant_id = grant.pk
    transaction.on_commit(
        lambda: role_grant_requested.send(sender=RoleGrant, grant_id=grant_id)
    )
    return grant


def _activate(grant: RoleGrant, *, now: datetime) -> None:
    membership = grant.membership
    if grant.role not in membership.roles:
        membership.roles = [
            r for r in Role.values if r in membership.roles or r == grant.role
        ]
        membership.save(update_fields=["roles", "updated_at"])
    grant.activated_at = now
    grant.save(update_fields=["activated_at", "updated_at"])


def _locked(grant: RoleGrant) -> RoleGrant:
    return (
        RoleGrant.objects.select_for_update()
        .select_related("membership__user", "organization")
        .get(organization=grant.organization_id, pk=grant.pk)
    )


def can_confirm_grant(user: User | None, grant: RoleGrant) -> bool:
    """An active executive of the organisation who neither asked for the
    grant nor receives it (a superuser without that membership cannot)."""
    if user is None or not user.is_authenticated or not grant.is_pending:
        return False
    if user.pk in (grant.requested_by_id, grant.membership.user_id):
        return False
    membership = (
        Membership.objects.active()
        .filter(organization=grant.organization_id, user=user)
        .first()
    )
    return membership is not None and membership.has_role(Role.EXECUTIVE)


def can_cancel_grant(user: User | None, grant: RoleGrant) -> bool:
    """The requester, or an administrator, executive or integrity officer of
    the organisation, while the grant waits."""
    if user is None or not user.is_authenticated or not grant.is_pending:
        return False
    if user.pk == grant.requested_by_id:
        return True
    membership = (
        Membership.objects.active()
        .filter(organization=grant.organization_id, user=user)
        .first()
    )
    return membership is not None and membership.has_role(
        Role.ORG_ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER
    )


@transaction.atomic
def role_grant_confirm(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """A second person (an executive, not the requester nor the grantee)
    puts the grant in force at once."""
    grant = _locked(grant)
    if not grant.is_pending:
        raise DomainError(_("This grant is no longer waiting for confirmation."))
    if actor.pk == grant.membership.user_id:
        raise DomainError(_("You cannot confirm a role given to yourself."))
    if actor.pk == grant.requested_by_id:
        raise DomainError(
            _("You asked for this grant; another executive must confirm it.")
        )
    if not can_confirm_grant(actor, grant):
        raise DomainError(_("Only an executive of the organisation can confirm it."))
    if not grant.membership.is_active:
        raise DomainError(_("This membership has ended."))
    now = timezone.now()
    grant.confirmed_by = actor
    grant.confirmed_at = now
    grant.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    _activate(grant, now=now)
    _audit(grant, actor=actor, action="role_grant.confirm")
    return grant


@transaction.atomic
def role_grant_cancel(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """Stop a grant before it takes effect."""
    grant = _locked(grant)
    if not grant.is_pending:
        raise DomainError(_("This grant is no longer waiting for confirmation."))
    if not can_cancel_grant(actor, grant):
        raise DomainError(
            _(
                "Only the requester, an administrator, an executive or an "
                "integrity officer can cancel it."
            )
        )
    grant.cancelled_by = actor
    grant.cancelled_at = timezone.now()
    grant.save(update_fields=["cancelled_by", "cancelled_at", "updated_at"])
    _audit(grant, actor=actor, action="role_grant.cancel")
    return grant


def _activate_due(grants, *, now: datetime) -> int:
    done = 0
    for grant in grants.select_related("membership__user", "organization"):
        grant = _locked(grant)
        if not grant.is_pending or grant.activates_at > now:
            continue
        if not grant.membership.is_active:
            grant.cancelled_at = now
            grant.save(update_fields=["cancelled_at", "updated_at"])
            _audit(grant, actor=None, action="role_grant.cancel")
            continue
        _activate(grant, now=now)
        _audit(grant, actor=None, action="role_grant.activate")
        done += 1
    return done


@transaction.atomic
def role_grants_activate_due(
    *, organization: Organization | None = None, now: datetime | None = None
) -> int:
    """Put in force every grant whose wait is over; how many took effect."""
    now = now or timezone.now()
    grants = RoleGrant.objects.pending().filter(activates_at__lte=now)
    grants = (
        grants.filter(organization=organization)
        if organization is not None
        else grants.all_organizations()
    )
    return _activate_due(grants, now=now)


def confidential_roles_refresh(membership: Membership | None) -> None:
    """Checked when confidential access is decided: a grant whose wait is
    over takes effect now, without waiting for the periodic task."""
    if membership is None or membership.pk is None:
        return
    due = RoleGrant.objects.pending().filter(
        organization=membership.organization_id,
        membership=membership,
        activates_at__lte=timezone.now(),
    )
    if not due.exists():
        return
    with transaction.atomic():
        _activate_due(due, now=timezone.now())
    membership.refresh_from_db(fields=["roles"])


def role_grants_end(
    *, actor: User | None, membership: Membership, roles: list[str]
) -> None:
    """``roles`` were taken away (at once): their grants in force end and the
    grants still waiting are cancelled. Call inside the caller's transaction."""
    now = timezone.now()
    base = RoleGrant.objects.filter(
        organization=membership.organization_id, membership=membership, role__in=roles
    )
    for grant in base.in_force():
        grant.ended_at = now
        grant.save(update_fields=["ended_at", "updated_at"])
        _audit(grant, actor=actor, action="role_grant.end")
    for grant in base.pending():
        grant.cancelled_by = actor
        grant.cancelled_at = now
        grant.save(update_fields=["cancelled_by", "cancelled_at", "updated_at"])
        _audit(grant, actor=actor, action="role_grant.cancel")
