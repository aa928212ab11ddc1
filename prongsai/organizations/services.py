"""Writes on organisations, memberships and invitations.

Every function is atomic, validates before saving, writes one audit event per
state change and schedules side effects after commit. The organisation's
channels, its own host name and the data-subject register have their own
modules (``services_channels``, ``services_hosts``, ``services_personal_data``).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.accounts.services import user_create
from prongsai.core import images
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit
from prongsai.core.services import model_update

from .models import Invitation, Membership, Organization
from .roles import CONFIDENTIAL_ROLES, Role
from .selectors import forget_host
from .services_role_grants import (
    role_grant_request,
    role_grants_end,
    split_confidential,
)

INVITATION_VALID_DAYS = 14

#: The profile an organisation's administrator edits, in the form's order.
ORGANIZATION_PROFILE_FIELDS = (
    "name",
    "name_en",
    "kind",
    "dla_code",
    "province",
    "district",
    "subdistrict",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "website",
    "line_id",
    "facebook_url",
    "office_hours",
    "hotline",
    "logo",
    "banner",
    "brand_colour",
    "line_qr",
)
#: Every field a service may set (the platform operator sets the others too).
ORGANIZATION_EDITABLE_FIELDS = (
    *ORGANIZATION_PROFILE_FIELDS,
    "slug",
    "valid_from",
    "valid_to",
    "is_active",
)


#: The organisation's pictures as stored: (width, height, fit) of each.
PICTURES = {
    "logo": (256, 256, images.CONTAIN),
    "banner": (1440, 540, images.COVER),
    "line_qr": (360, 360, images.CONTAIN),
}


def _web_pictures(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with each newly uploaded picture resized to its stored size
    as WebP, metadata stripped (``core.images.web_image``)."""
    out = dict(data)
    for name, (width, height, fit) in PICTURES.items():
        if name in out:
            out[name] = images.web_image_value(
                out[name], field=name, width=width, height=height, fit=fit
            )
    return out


def _clean_roles(roles: Iterable[str]) -> list[str]:
    """Roles in their canonical order, without duplicates."""
    wanted = {str(r) for r in roles}
    unknown = wanted - set(Role.values)
    if unknown:
        raise DomainError(
            _("Unknown role: %(roles)s.") % {"roles": ", ".join(sorted(unknown))},
            field="roles",
        )
    if not wanted:
        raise DomainError(_("Choose at least one role."), field="roles")
    return [r for r in Role.values if r in wanted]


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    kind: str,
    name: str,
    dla_code: str,
    slug: str,
    province: str,
    district: str,
    name_en: str = "",
    subdistrict: str = "",
    address: str = "",
    postcode: str = "",
    phone: str = "",
    fax: str = "",
    email: str = "",
    website: str = "",
    line_id: str = "",
    facebook_url: str = "",
    office_hours: str = "",
    logo: File | str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    is_active: bool = True,
) -> Organization:
    """Register an organisation on this install (``actor`` None: a command)."""
    organization = Organization(
        kind=kind,
        name=name,
        name_en=name_en,
        dla_code=dla_code,
        slug=slug,
        province=province,
        district=district,
        subdistrict=subdistrict,
        address=address,
        postcode=postcode,
        phone=phone,
        fax=fax,
        email=email,
        website=website,
        line_id=line_id,
        facebook_url=facebook_url,
        office_hours=office_hours,
        logo=_web_pictures({"logo": logo})["logo"],
        valid_from=valid_from or timezone.localdate(),
        valid_to=valid_to,
        is_active=is_active,
    )
    organization.full_clean()
    organization.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="organization.create",
        target=organization,
        changes=snapshot(organization, ("name", "dla_code", "slug", "kind")),
    )
    return organization


@transaction.atomic
def organization_update(
    *, actor: User | None, organization: Organization, data: Mapping[str, Any]
) -> Organization:
    """Change an organisation's profile: the fields of ``data`` that are editable.

    The audit trail keeps old and new values.
    """
    changes = model_update(
        organization, _web_pictures(data), ORGANIZATION_EDITABLE_FIELDS
    )
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="organization.update",
            target=organization,
            changes=changes,
        )
    transaction.on_commit(lambda: forget_host(organization.host_name))
    return organization


def _audit(
    target: Membership | Invitation,
    *,
    actor: User | None,
    action: str,
    changes: dict | None = None,
) -> None:
    """The audit row of a change to a membership or an invitation."""
    audit_log(
        actor=actor,
        organization=target.organization,
        action=action,
        target=target,
        changes=changes,
    )


def _count_admins(organization: Organization, *, excluding: Membership) -> int:
    return sum(
        1
        for m in Membership.objects.active()
        .filter(organization=organization)
        .exclude(pk=excluding.pk)
        if Role.ORG_ADMIN in m.roles
    )


@transaction.atomic
def membership_create(
    *,
    actor: User | None,
    organization: Organization,
    user: User,
    roles: Iterable[str],
    position: str = "",
    unit: str = "",
    invitation: Invitation | None = None,
) -> Membership:
    """Give a user roles in an organisation (re-activating a former membership).

    A role that reads confidential reports is only asked for (a pending
    grant, ``services_role_grants``); the inviter of ``invitation`` is then
    its requester.
    """
    roles = _clean_roles(roles)
    membership = Membership.objects.filter(organization=organization, user=user).first()
    if membership is not None and membership.is_active:
        raise DomainError(
            _("%(name)s is already a member of this organisation.")
            % {"name": user.display_name}
        )
    if membership is None:
        membership = Membership(organization=organization, user=user)
    stored, requested = split_confidential(roles, held=[])
    membership.roles = stored
    membership.position = position.strip()
    membership.unit = unit.strip()
    membership.is_active = True
    membership.full_clean()
    membership.save()
    _audit(
        membership,
        actor=actor,
        action="membership.create",
        changes={
            "roles": stored,
            "position": membership.position,
            "unit": membership.unit,
        },
    )
    _request_grants(actor, membership, requested, invitation)
    return membership


def _request_grants(
    actor: User | None,
    membership: Membership,
    roles: list[str],
    invitation: Invitation | None,
) -> None:
    requester = invitation.invited_by if invitation is not None else actor
    for role in roles:
        role_grant_request(
            actor=requester, membership=membership, role=role, invitation=invitation
        )


@transaction.atomic
def membership_update(
    *,
    actor: User,
    membership: Membership,
    roles: Iterable[str],
    position: str,
    unit: str,
    is_unit_head: bool | None = None,
    invitation: Invitation | None = None,
) -> Membership:
    """Change a member's roles, position, unit and whether they head it
    (``is_unit_head``; None leaves it as it is).

    The last organisation administrator cannot give up that role, so an
    organisation is never left without someone who can manage it. A role
    that reads confidential reports is only asked for (a pending grant);
    taking one away is immediate.
    """
    roles = _clean_roles(roles)
    # The roles held now decide what is asked for and what is taken away.
    membership.refresh_from_db(fields=["roles", "is_active"])
    if (
        Role.ORG_ADMIN in membership.roles
        and Role.ORG_ADMIN not in roles
        and _count_admins(membership.organization, excluding=membership) == 0
    ):
        raise DomainError(
            _("The organisation must keep at least one administrator."), field="roles"
        )
    stored, requested = split_confidential(roles, held=membership.roles)
    removed = [
        r for r in membership.roles if r in CONFIDENTIAL_ROLES and r not in roles
    ]
    values: dict[str, object] = {
        "roles": stored,
        "position": position.strip(),
        "unit": unit.strip(),
    }
    if is_unit_head is not None:
        values["is_unit_head"] = is_unit_head
    changes = model_update(
        membership, values, ("roles", "position", "unit", "is_unit_head")
    )
    if changes:
        _audit(membership, actor=actor, action="membership.update", changes=changes)
    if removed:
        role_grants_end(actor=actor, membership=membership, roles=removed)
    _request_grants(actor, membership, requested, invitation)
    return membership


@transaction.atomic
def membership_deactivate(*, actor: User, membership: Membership) -> Membership:
    """End a membership; the person keeps their account but loses access here."""
    if not membership.is_active:
        raise DomainError(_("This membership has already ended."))
    if (
        Role.ORG_ADMIN in membership.roles
        and _count_admins(membership.organization, excluding=membership) == 0
    ):
        raise DomainError(_("The organisation must keep at least one administrator."))
    # A former member gets no more pushes; the LINE link is forgotten. The
    # audit row says so without keeping the LINE user id.
    changes: dict[str, Any] = model_update(
        membership,
        {"is_active": False, "line_user_id": "", "line_linked_at": None},
        ("is_active", "line_user_id", "line_linked_at"),
        clean=False,
    )
    if changes.pop("line_user_id", None):
        changes["line"] = "unlinked"
    changes.pop("line_linked_at", None)
    _audit(membership, actor=actor, action="membership.deactivate", changes=changes)
    role_grants_end(
        actor=actor, membership=membership, roles=sorted(CONFIDENTIAL_ROLES)
    )
    return membership


def _schedule_invitation_email(invitation: Invitation) -> None:
    from .tasks import invitation_send_email as invitation_send_email_task

    enqueue_on_commit(invitation_send_email_task, invitation.pk)


@transaction.atomic
def invitation_create(
    *,
    actor: User | None,
    organization: Organization,
    email: str,
    full_name: str,
    roles: Iterable[str],
    title: str = "",
    position: str = "",
    unit: str = "",
) -> Invitation:
    """Invite a person by e-mail; the e-mail is sent after commit."""
    roles = _clean_roles(roles)
    email = User.objects.normalize_email(email.strip()).lower()
    if (
        Membership.objects.active()
        .filter(organization=organization, user__email__iexact=email)
        .exists()
    ):
        raise DomainError(
            _("%(email)s is already a member of this organisation.") % {"email": email},
            field="email",
        )
    pending = Invitation.objects.filter(
        organization=organization,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).first()
    if pending is not None:
        if pending.is_pending:
            raise DomainError(
                _("%(email)s already has a pending invitation; resend it instead.")
                % {"email": email},
                field="email",
            )
        # An expired invitation is closed so that a new one can take its place.
        model_update(pending, {"revoked_at": timezone.now()}, ("revoked_at",))
    invitation = Invitation(
        organization=organization,
        email=email,
        title=title.strip(),
        full_name=full_name.strip(),
        roles=roles,
        position=position.strip(),
        unit=unit.strip(),
        nonce=secrets.token_urlsafe(24),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="invitation.create",
        target=invitation,
        changes={"email": email, "roles": roles},
    )
    _schedule_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> Invitation:
    """Send a fresh link (the old one stops working) and extend the deadline."""
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is closed and cannot be sent again."))
    model_update(
        invitation,
        {
            "nonce": secrets.token_urlsafe(24),
            "expires_at": timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
        },
        ("nonce", "expires_at"),
    )
    _audit(invitation, actor=actor, action="invitation.resend")
    _schedule_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw an invitation so that its link stops working."""
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is already closed."))
    model_update(invitation, {"revoked_at": timezone.now()}, ("revoked_at",))
    _audit(invitation, actor=actor, action="invitation.revoke")
    return invitation


@transaction.atomic
def invitation_mark_sent(*, invitation: Invitation) -> None:
    model_update(invitation, {"sent_at": timezone.now()}, ("sent_at",))


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    full_name: str = "",
    title: str = "",
    phone: str = "",
    password: str | None = None,
) -> Membership:
    """Accept an invitation, creating the account when the person has none.

    A person who already has an account must be signed in as that account;
    the invitation's e-mail address has to match it.
    """
    invitation = (
        Invitation.objects.for_organization(invitation.organization_id)
        .select_for_update()
        .get(pk=invitation.pk)
    )
    if not invitation.is_pending:
        raise DomainError(_("This invitation is no longer valid."))
    account = _invitee_account(
        invitation,
        user=user,
        full_name=full_name,
        title=title,
        phone=phone,
        password=password,
    )
    membership = _invitee_join(invitation, account=account)
    model_update(
        invitation,
        {"accepted_at": timezone.now(), "accepted_by": account},
        ("accepted_at", "accepted_by"),
    )
    _audit(invitation, actor=account, action="invitation.accept")
    return membership


def _invitee_account(
    invitation: Invitation,
    *,
    user: User | None,
    full_name: str,
    title: str,
    phone: str,
    password: str | None,
) -> User:
    """The invitee's existing account (they must be signed in as it), or a new one."""
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise DomainError(
                _("Sign in as %(email)s to accept this invitation.")
                % {"email": invitation.email}
            )
        return existing
    if user is not None and user.is_authenticated:
        raise DomainError(
            _("This invitation is for %(email)s; sign out first.")
            % {"email": invitation.email}
        )
    return user_create(
        email=invitation.email,
        full_name=full_name or invitation.full_name,
        title=title or invitation.title,
        phone=phone,
        password=password,
        organization=invitation.organization,
    )


def _invitee_join(invitation: Invitation, *, account: User) -> Membership:
    """A member gains the invitation's roles; anyone else becomes a member."""
    membership = Membership.objects.filter(
        organization=invitation.organization, user=account
    ).first()
    if membership is not None and membership.is_active:
        return membership_update(
            actor=account,
            membership=membership,
            roles=_clean_roles([*membership.roles, *invitation.roles]),
            position=invitation.position or membership.position,
            unit=invitation.unit or membership.unit,
            invitation=invitation,
        )
    return membership_create(
        actor=account,
        organization=invitation.organization,
        user=account,
        roles=invitation.roles,
        position=invitation.position,
        unit=invitation.unit,
        invitation=invitation,
    )
