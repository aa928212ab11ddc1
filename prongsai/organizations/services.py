"""Writes on organisations, memberships and invitations.

Every function is atomic, validates before saving, writes one audit event per
state change and schedules side effects after commit.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.accounts.services import user_create
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.outbox import enqueue_on_commit

from . import hosts
from .messaging import LINK_CODE_DIGITS, member_notify, retry_key_for
from .models import (
    ChannelSettings,
    HostVerification,
    Invitation,
    LineLinkCode,
    Membership,
    Organization,
    host_name_validator,
)
from .roles import Role
from .selectors import (
    forget_host,
    host_name_taken,
    members_with_role,
    verified_host_names,
)

INVITATION_VALID_DAYS = 14

ORGANIZATION_EDITABLE_FIELDS = (
    "kind",
    "name",
    "name_en",
    "dla_code",
    "slug",
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
    "logo",
    "valid_from",
    "valid_to",
    "is_active",
)


def _clean_roles(roles) -> list[str]:
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
def organization_create(*, actor, **fields: Any) -> Organization:
    """Register an organisation on this install."""
    unknown = set(fields) - set(ORGANIZATION_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown organization fields: {sorted(unknown)}")
    organization = Organization(**fields)
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
    *, actor, organization: Organization, data: dict[str, Any]
) -> Organization:
    """Change an organisation's profile; the audit trail keeps old and new values."""
    fields = [f for f in data if f in ORGANIZATION_EDITABLE_FIELDS]
    before = snapshot(organization, fields)
    for name in fields:
        setattr(organization, name, data[name])
    organization.full_clean()
    organization.save()
    changes = diff(before, snapshot(organization, fields))
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


# --- LINE and Facebook channels ------------------------------------------------------
CHANNEL_SECRET_FIELDS = (
    "line_channel_secret",
    "line_access_token",
    "facebook_app_secret",
    "facebook_page_token",
    "facebook_verify_token",
    "line_login_channel_secret",
)


@transaction.atomic
def channel_settings_update(
    *,
    actor: User | None,
    organization: Organization,
    line_channel_secret: str = "",
    line_access_token: str = "",
    facebook_app_secret: str = "",
    facebook_page_token: str = "",
    facebook_verify_token: str = "",
    line_login_channel_id: str | None = None,
    line_login_channel_secret: str = "",
    clear: Iterable[str] = (),
) -> ChannelSettings:
    """Change the organisation's channels.

    An empty secret keeps the stored one; a name in ``clear`` removes it.
    Removing the LINE Login channel ID switches LINE Login off and forgets its
    secret. The audit row says which secrets changed, never their values.
    """
    row, _created = ChannelSettings.objects.get_or_create(organization=organization)
    before = snapshot(row, ("line_login_channel_id",))
    entered = {
        "line_channel_secret": line_channel_secret,
        "line_access_token": line_access_token,
        "facebook_app_secret": facebook_app_secret,
        "facebook_page_token": facebook_page_token,
        "facebook_verify_token": facebook_verify_token,
        "line_login_channel_secret": line_login_channel_secret,
    }
    if line_login_channel_id is not None:
        row.line_login_channel_id = line_login_channel_id.strip()
        if not row.line_login_channel_id and (line_login_channel_secret or "").strip():
            raise ValidationError(
                {
                    "line_login_channel_id": _(
                        "Enter the LINE Login channel ID together with its secret."
                    )
                }
            )
        if not row.line_login_channel_id:
            clear = [*clear, "line_login_channel_secret"]
            entered["line_login_channel_secret"] = ""
    changed = []
    for name in CHANNEL_SECRET_FIELDS:
        value = (entered[name] or "").strip()
        if name in clear:
            if getattr(row, name):
                changed.append(name)
            setattr(row, name, "")
        elif value:
            setattr(row, name, value)
            changed.append(name)
    row.full_clean()
    row.save()
    changes: dict[str, Any] = diff(before, snapshot(row, ("line_login_channel_id",)))
    changes.update(dict.fromkeys(changed, "changed"))
    audit_log(
        actor=actor,
        organization=organization,
        action="channel_settings.update",
        target=row,
        changes=changes,
        sensitive=CHANNEL_SECRET_FIELDS,
    )
    return row


# --- Own host name --------------------------------------------------------------------
_HOST_FIELDS = ("pending_host_name", "host_token", "host_requested_at")


def host_refusal(
    *, organization: Organization | None, host: str, by_operator: bool = False
) -> str | None:
    """Why ``host`` cannot become the organisation's host name, or None.

    A literal ``ALLOWED_HOSTS`` entry that no organisation has verified is
    taken for one of the platform's names, except when the platform operator
    gives it (the operator lists an organisation's host there before serving
    it).
    """
    if hosts.is_platform_host(host):
        return _(
            "“%(host)s” is an address of the platform itself; an organisation "
            "cannot take it as its own host name."
        ) % {"host": host}
    if (
        not by_operator
        and host in hosts.allowed_host_names()
        and host not in verified_host_names()
    ):
        return _(
            "“%(host)s” is an address this platform serves itself; an "
            "organisation cannot take it as its own host name."
        ) % {"host": host}
    parent = hosts.platform_parent(host)
    if parent and not settings.PRONGSAI_ALLOW_PLATFORM_SUBDOMAINS:
        return _(
            "“%(host)s” is a name under the platform's address %(parent)s; only "
            "the platform operator can give out such names. Use your "
            "organisation's own domain, e.g. www.bandong.go.th."
        ) % {"host": host, "parent": parent}
    if host_name_taken(host=host, organization=organization):
        return _("“%(host)s” is already used by another organisation.") % {"host": host}
    return None


@transaction.atomic
def organization_host_request(
    *, actor, organization: Organization, host_name: str
) -> Organization:
    """Ask for ``host_name`` as the organisation's own host name.

    The name is only recorded as pending with a fresh verification token; the
    current verified host name (if any) keeps being served until the new one
    is verified by DNS, by a file or by the platform operator.
    """
    host = hosts.normalize(host_name)
    if not host:
        return organization_host_remove(actor=actor, organization=organization)
    try:
        host_name_validator(host)
    except ValidationError as error:
        raise ValidationError({"host_name": error.messages}) from None
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if host == organization.host_name and organization.host_verified_at:
        # Asking again for the name already served drops a pending change.
        organization.pending_host_name = ""
        organization.host_token = ""
        organization.host_requested_at = None
        organization.save(update_fields=[*_HOST_FIELDS, "updated_at"])
        return organization
    refusal = host_refusal(
        organization=organization, host=host, by_operator=_is_operator(actor)
    )
    if refusal:
        raise ValidationError({"host_name": refusal})
    organization.pending_host_name = host
    organization.host_token = hosts.new_token()
    organization.host_requested_at = timezone.now()
    organization.save(update_fields=[*_HOST_FIELDS, "updated_at"])
    audit_log(
        actor=actor,
        organization=organization,
        action="organization.host_request",
        target=organization,
        changes={"pending_host_name": host, "host_name": organization.host_name},
    )
    return organization


def _is_operator(actor) -> bool:
    return actor is not None and actor.is_superuser


def organization_host_verify(*, actor, organization: Organization) -> str:
    """Check DNS and the web site for the token; serve the pending host if found.

    Returns how it was verified (``dns`` or ``file``). A failed check is
    audited and raises :class:`DomainError` with what to publish where.
    """
    organization = Organization.objects.get(pk=organization.pk)
    host = organization.pending_host_name
    if not host or not organization.host_token:
        raise DomainError(_("No host name is waiting for verification."))
    method = hosts.verify(host, organization.host_token)
    if not method:
        audit_log(
            actor=actor,
            organization=organization,
            action="organization.host_verify_failed",
            target=organization,
            changes={"pending_host_name": host},
        )
        raise DomainError(
            _(
                "The token for %(host)s was not found: neither in a DNS TXT record "
                "at %(record)s nor in the file %(url)s. DNS changes can take a "
                "while to spread; try again later."
            )
            % {
                "host": host,
                "record": hosts.dns_record_name(host),
                "url": "https://" + host + hosts.WELL_KNOWN_PATH,
            }
        )
    _host_activate(actor=actor, organization=organization, method=method)
    return method


def organization_host_approve(*, actor, organization: Organization) -> Organization:
    """The platform operator serves the pending host name without a check."""
    if not _is_operator(actor):
        raise DomainError(_("Only the platform operator can approve a host name."))
    return _host_activate(
        actor=actor, organization=organization, method=HostVerification.OPERATOR
    )


@transaction.atomic
def _host_activate(*, actor, organization: Organization, method: str) -> Organization:
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    host = organization.pending_host_name
    if not host:
        raise DomainError(_("No host name is waiting for verification."))
    refusal = host_refusal(
        organization=organization,
        host=host,
        by_operator=method == HostVerification.OPERATOR,
    )
    if refusal:
        raise DomainError(refusal)
    old = organization.host_name
    organization.host_name = host
    organization.host_verified_at = timezone.now()
    organization.host_verified_by = method
    organization.pending_host_name = ""
    organization.host_token = ""
    organization.host_requested_at = None
    organization.save(
        update_fields=[
            *_HOST_FIELDS,
            "host_name",
            "host_verified_at",
            "host_verified_by",
            "updated_at",
        ]
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="organization.host_verify",
        target=organization,
        changes={"host_name": {"old": old, "new": host}, "method": method},
    )
    organization_id = organization.pk

    def after_commit() -> None:
        forget_host(old)
        forget_host(host)
        _host_notify(organization_id=organization_id, host=host, method=method)

    transaction.on_commit(after_commit)
    return organization


@transaction.atomic
def organization_host_remove(*, actor, organization: Organization) -> Organization:
    """Stop serving the organisation's own host name and drop a pending one."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    old = organization.host_name
    pending = organization.pending_host_name
    if not old and not pending:
        return organization
    organization.host_name = ""
    organization.host_verified_at = None
    organization.host_verified_by = ""
    organization.pending_host_name = ""
    organization.host_token = ""
    organization.host_requested_at = None
    organization.save(
        update_fields=[
            *_HOST_FIELDS,
            "host_name",
            "host_verified_at",
            "host_verified_by",
            "updated_at",
        ]
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="organization.host_remove",
        target=organization,
        changes={"host_name": old, "pending_host_name": pending},
    )
    transaction.on_commit(lambda: forget_host(old))
    return organization


def _host_notify(*, organization_id: int, host: str, method: str) -> None:
    """Tell the organisation's administrators and the platform operator."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return
    with translation.override("th"):
        subject = _("%(organization)s is now served at %(host)s") % {
            "organization": organization.name,
            "host": host,
        }
        body = _(
            "The host name %(host)s of %(organization)s was verified (%(method)s) "
            "and is now served by the platform. If nobody in your organisation "
            "asked for this, tell the platform operator at once."
        ) % {
            "host": host,
            "organization": organization.name,
            "method": HostVerification(method).label,
        }
    for membership in members_with_role(organization=organization, role=Role.ORG_ADMIN):
        member_notify(
            membership,
            subject=subject,
            body=body,
            retry_key=retry_key_for("host-verified", organization.pk, host),
        )
    operators = list(
        User.objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if operators:
        send_mail(
            subject=subject, message=body, from_email=None, recipient_list=operators
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
    actor,
    organization: Organization,
    user: User,
    roles,
    position: str = "",
    unit: str = "",
) -> Membership:
    """Give a user roles in an organisation (re-activating a former membership)."""
    roles = _clean_roles(roles)
    membership = Membership.objects.filter(organization=organization, user=user).first()
    if membership is not None and membership.is_active:
        raise DomainError(
            _("%(name)s is already a member of this organisation.")
            % {"name": user.display_name}
        )
    if membership is None:
        membership = Membership(organization=organization, user=user)
    membership.roles = roles
    membership.position = position.strip()
    membership.unit = unit.strip()
    membership.is_active = True
    membership.full_clean()
    membership.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="membership.create",
        target=membership,
        changes={
            "roles": roles,
            "position": membership.position,
            "unit": membership.unit,
        },
    )
    return membership


@transaction.atomic
def membership_update(
    *, actor, membership: Membership, roles, position: str, unit: str
) -> Membership:
    """Change a member's roles, position and unit.

    The last organisation administrator cannot give up that role, so an
    organisation is never left without someone who can manage it.
    """
    roles = _clean_roles(roles)
    if (
        Role.ORG_ADMIN in membership.roles
        and Role.ORG_ADMIN not in roles
        and _count_admins(membership.organization, excluding=membership) == 0
    ):
        raise DomainError(
            _("The organisation must keep at least one administrator."), field="roles"
        )
    before = snapshot(membership, ("roles", "position", "unit"))
    membership.roles = roles
    membership.position = position.strip()
    membership.unit = unit.strip()
    membership.full_clean()
    membership.save()
    changes = diff(before, snapshot(membership, ("roles", "position", "unit")))
    if changes:
        audit_log(
            actor=actor,
            organization=membership.organization,
            action="membership.update",
            target=membership,
            changes=changes,
        )
    return membership


@transaction.atomic
def membership_deactivate(*, actor, membership: Membership) -> Membership:
    """End a membership; the person keeps their account but loses access here."""
    if not membership.is_active:
        raise DomainError(_("This membership has already ended."))
    if (
        Role.ORG_ADMIN in membership.roles
        and _count_admins(membership.organization, excluding=membership) == 0
    ):
        raise DomainError(_("The organisation must keep at least one administrator."))
    changes: dict[str, Any] = {"is_active": {"old": True, "new": False}}
    if membership.line_user_id:
        # A former member gets no more pushes; the LINE link is forgotten.
        changes["line"] = "unlinked"
    membership.is_active = False
    membership.line_user_id = ""
    membership.line_linked_at = None
    membership.save(
        update_fields=["is_active", "line_user_id", "line_linked_at", "updated_at"]
    )
    audit_log(
        actor=actor,
        organization=membership.organization,
        action="membership.deactivate",
        target=membership,
        changes=changes,
    )
    return membership


def _schedule_invitation_email(invitation: Invitation) -> None:
    from .tasks import invitation_send_email as invitation_send_email_task

    enqueue_on_commit(invitation_send_email_task, invitation.pk)


@transaction.atomic
def invitation_create(
    *,
    actor,
    organization: Organization,
    email: str,
    full_name: str,
    roles,
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
        pending.revoked_at = timezone.now()
        pending.save(update_fields=["revoked_at", "updated_at"])
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
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    """Send a fresh link (the old one stops working) and extend the deadline."""
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is closed and cannot be sent again."))
    invitation.nonce = secrets.token_urlsafe(24)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    invitation.save(update_fields=["nonce", "expires_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=invitation.organization,
        action="invitation.resend",
        target=invitation,
    )
    _schedule_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    """Withdraw an invitation so that its link stops working."""
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(_("This invitation is already closed."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=invitation.organization,
        action="invitation.revoke",
        target=invitation,
    )
    return invitation


@transaction.atomic
def invitation_mark_sent(*, invitation: Invitation) -> None:
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at", "updated_at"])


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
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise DomainError(_("This invitation is no longer valid."))
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise DomainError(
                _("Sign in as %(email)s to accept this invitation.")
                % {"email": invitation.email}
            )
        account = existing
    else:
        if user is not None and user.is_authenticated:
            raise DomainError(
                _("This invitation is for %(email)s; sign out first.")
                % {"email": invitation.email}
            )
        account = user_create(
            email=invitation.email,
            full_name=full_name or invitation.full_name,
            title=title or invitation.title,
            phone=phone,
            password=password,
            organization=invitation.organization,
        )
    membership = Membership.objects.filter(
        organization=invitation.organization, user=account
    ).first()
    if membership is not None and membership.is_active:
        merged = _clean_roles([*membership.roles, *invitation.roles])
        membership = membership_update(
            actor=account,
            membership=membership,
            roles=merged,
            position=invitation.position or membership.position,
            unit=invitation.unit or membership.unit,
        )
    else:
        membership = membership_create(
            actor=account,
            organization=invitation.organization,
            user=account,
            roles=invitation.roles,
            position=invitation.position,
            unit=invitation.unit,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = account
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_log(
        actor=account,
        organization=invitation.organization,
        action="invitation.accept",
        target=invitation,
    )
    return membership


# --- LINE account of a member -----------------------------------------------------

LINE_CODE_VALID_MINUTES = 15
LINE_CODES_PER_HOUR = 5
# Wrong codes sent from one LINE account, and to one organisation, per window.
LINE_LINK_FAILURES_PER_USER = 5
LINE_LINK_FAILURES_PER_ORG = 30
LINE_LINK_FAILURE_WINDOW = 15 * 60


def line_link_code_hash(organization_id: int, code: str) -> str:
    """Keyed hash of a link code, bound to the organisation it was issued in."""
    return salted_hmac(
        "prongsai.organizations.line-link", f"{organization_id}:{code}"
    ).hexdigest()


@transaction.atomic
def membership_line_code_issue(
    *, actor, membership: Membership
) -> tuple[str, datetime]:
    """A new one-time code for linking LINE; earlier unused codes stop working.

    Returns the code (shown once, never stored) and when it expires.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise DomainError(_("This membership has ended."))
    now = timezone.now()
    recent = LineLinkCode.objects.filter(
        membership=membership, created_at__gte=now - timedelta(hours=1)
    ).count()
    if recent >= LINE_CODES_PER_HOUR:
        raise DomainError(_("You have asked for too many codes. Try again in an hour."))
    LineLinkCode.objects.filter(
        membership=membership, used_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now)
    organization_id = membership.organization_id
    for _attempt in range(20):
        code = f"{secrets.randbelow(10**LINK_CODE_DIGITS):0{LINK_CODE_DIGITS}d}"
        code_hash = line_link_code_hash(organization_id, code)
        clash = LineLinkCode.objects.filter(
            membership__organization_id=organization_id,
            code_hash=code_hash,
            used_at__isnull=True,
            expires_at__gt=now,
        ).exists()
        if not clash:
            break
    else:  # pragma: no cover - a million codes and a few members
        raise DomainError(_("No code could be made just now. Try again."))
    expires_at = now + timedelta(minutes=LINE_CODE_VALID_MINUTES)
    LineLinkCode.objects.create(
        membership=membership, code_hash=code_hash, expires_at=expires_at
    )
    audit_log(
        actor=actor,
        organization=membership.organization,
        action="membership.line_code",
        target=membership,
    )
    return code, expires_at


@dataclass(frozen=True)
class LineLinkResult:
    outcome: str  # one of the LINE_LINK_* values below
    membership: Membership | None = None


LINE_LINK_LINKED = "linked"
LINE_LINK_INVALID = "invalid"
LINE_LINK_EXPIRED = "expired"
LINE_LINK_USED = "used"
LINE_LINK_LIMITED = "limited"


def _failure_keys(organization, line_user_id: str) -> tuple[str, str]:
    who = hashlib.sha256(line_user_id.encode()).hexdigest()[:24]
    return (
        f"line-link-fail:{organization.pk}:{who}",
        f"line-link-fail:{organization.pk}",
    )


def _line_link_limited(organization, line_user_id: str) -> bool:
    user_key, org_key = _failure_keys(organization, line_user_id)
    return (
        cache.get(user_key, 0) >= LINE_LINK_FAILURES_PER_USER
        or cache.get(org_key, 0) >= LINE_LINK_FAILURES_PER_ORG
    )


def _line_link_failed(organization, line_user_id: str) -> None:
    for key in _failure_keys(organization, line_user_id):
        cache.add(key, 0, LINE_LINK_FAILURE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, LINE_LINK_FAILURE_WINDOW)


def membership_line_link(
    *, organization: Organization, code: str, line_user_id: str
) -> LineLinkResult:
    """Link the LINE account that sent ``code`` to the member who asked for it.

    Called by the organisation's LINE webhook. Codes of other organisations
    never match (the hash includes the organisation). Wrong, used and expired
    codes count towards a limit per LINE account and per organisation. A LINE
    account linked to another member of the organisation moves to this one.
    """
    if not line_user_id or _line_link_limited(organization, line_user_id):
        return LineLinkResult(LINE_LINK_LIMITED)
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            LineLinkCode.objects.select_for_update()
            .select_related("membership__user", "membership__organization")
            .filter(
                code_hash=line_link_code_hash(organization.pk, code),
                membership__organization=organization,
            )
            .order_by("-expires_at")
        )
        row = next((r for r in rows if r.is_usable), rows[0] if rows else None)
        outcome = LINE_LINK_LINKED
        if row is None:
            outcome = LINE_LINK_INVALID
        elif row.used_at is not None:
            outcome = LINE_LINK_USED
        elif row.expires_at <= now:
            outcome = LINE_LINK_EXPIRED
        elif not row.membership.is_active or not row.membership.user.is_active:
            outcome = LINE_LINK_INVALID
        if outcome == LINE_LINK_LINKED:
            assert row is not None  # a missing code is LINE_LINK_INVALID
            membership = row.membership
            row.used_at = now
            row.save(update_fields=["used_at", "updated_at"])
            for other in (
                Membership.objects.select_for_update()
                .filter(organization=organization, line_user_id=line_user_id)
                .exclude(pk=membership.pk)
            ):
                _line_clear(other, actor=None, reason="moved")
            membership.line_user_id = line_user_id
            membership.line_linked_at = now
            membership.save(
                update_fields=["line_user_id", "line_linked_at", "updated_at"]
            )
            audit_log(
                actor=membership.user,
                organization=organization,
                action="membership.line_link",
                target=membership,
                changes={"line": "linked"},
            )
            return LineLinkResult(LINE_LINK_LINKED, membership)
    _line_link_failed(organization, line_user_id)
    return LineLinkResult(outcome)


def _line_clear(membership: Membership, *, actor, reason: str) -> None:
    membership.line_user_id = ""
    membership.line_linked_at = None
    membership.save(update_fields=["line_user_id", "line_linked_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=membership.organization,
        action="membership.line_unlink",
        target=membership,
        changes={"line": reason},
    )


@transaction.atomic
def membership_line_unlink(*, actor, membership: Membership) -> Membership:
    """Stop LINE notifications to a member (their own choice or an admin's)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.line_user_id:
        raise DomainError(_("No LINE account is linked."))
    _line_clear(membership, actor=actor, reason="unlinked")
    return membership


# --- Data-subject requests (PDPA) -----------------------------------------------------
@transaction.atomic
def subject_request_log(
    *,
    actor,
    organization: Organization,
    kind: str,
    requester: str,
    received_on: date | None = None,
    details: str = "",
    related_reference: str = "",
):
    """Log a request as it arrives; it is to be answered within 30 days."""
    from .models import DataSubjectRequest

    received = received_on or timezone.localdate()
    entry = DataSubjectRequest(
        organization=organization,
        kind=kind,
        requester=requester,
        received_on=received,
        due_on=received + timedelta(days=DataSubjectRequest.ANSWER_DAYS),
        details=details,
        related_reference=related_reference.strip().upper(),
        handled_by=actor,
    )
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="subject_request.create",
        target=entry,
        changes={"kind": entry.kind, "due_on": entry.due_on},
    )
    return entry


@transaction.atomic
def subject_request_answer(
    *,
    actor,
    entry,
    outcome: str,
    answered_on: date | None = None,
    details: str = "",
):
    """Record how a logged request was answered."""
    from .models import DataSubjectRequest

    entry = DataSubjectRequest.objects.select_for_update().get(pk=entry.pk)
    if not outcome or outcome not in DataSubjectRequest.Outcome.values:
        raise DomainError(_("Choose the outcome."), field="outcome")
    if not entry.is_pending:
        raise DomainError(_("This request has already been answered."))
    entry.outcome = outcome
    entry.answered_on = answered_on or timezone.localdate()
    if details:
        entry.details = (entry.details + "\n" + details).strip()
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        organization=entry.organization,
        action="subject_request.answer",
        target=entry,
        changes={"outcome": outcome},
    )
    return entry


def _subject_request_record(
    *, actor, organization, kind: str, identifiers, result, counts, reason: str = ""
):
    from .models import DataSubjectRequest

    if not result.total:
        outcome = (
            DataSubjectRequest.Outcome.PARTLY
            if result.hidden_confidential
            else DataSubjectRequest.Outcome.NOTHING_FOUND
        )
    elif result.hidden_confidential:
        outcome = DataSubjectRequest.Outcome.PARTLY
    else:
        outcome = DataSubjectRequest.Outcome.DONE
    today = timezone.localdate()
    entry = DataSubjectRequest(
        organization=organization,
        kind=kind,
        received_on=today,
        answered_on=today,
        identifier_hashes=identifiers.hashed(),
        handled_by=actor,
        reason=reason,
        outcome=outcome,
        counts=counts,
        confidential_left_out=result.hidden_confidential,
    )
    entry.full_clean()
    entry.save()
    audit_log(
        actor=actor,
        organization=organization,
        action=f"subject_request.{kind}",
        target=entry,
        changes={"counts": counts, "outcome": outcome},
    )
    return entry


@transaction.atomic
def subject_request_export(
    *,
    actor,
    organization: Organization,
    identifiers,
    general_access: bool,
    confidential_access: bool,
):
    """Export one person's data (PDPA access) and enter it in the register.

    ``general_access`` (organisation administrators) covers every record but
    confidential reports; ``confidential_access`` (integrity officers) covers
    those. Returns ``(export, register entry)``; ``export`` is a JSON-able dict.
    """
    from prongsai.core import personal_data

    if identifiers.is_empty():
        raise DomainError(_("Enter at least one way to find the person."))
    result = personal_data.personal_data_find(
        organization=organization,
        identifiers=identifiers,
        confidential_access=confidential_access,
        general_access=general_access,
    )
    export = personal_data.personal_data_export(
        organization=organization, result=result
    )
    entry = _subject_request_record(
        actor=actor,
        organization=organization,
        kind="access",
        identifiers=identifiers,
        result=result,
        counts=result.counts(),
    )
    return export, entry


@transaction.atomic
def subject_request_erase(
    *,
    actor,
    organization: Organization,
    identifiers,
    general_access: bool,
    confidential_access: bool,
    reason: str,
):
    """Erase or anonymise one person's data (PDPA erasure), with a register entry."""
    from prongsai.core import personal_data

    if identifiers.is_empty():
        raise DomainError(_("Enter at least one way to find the person."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Write why the data is erased (e.g. the person's request)."),
            field="reason",
        )
    result = personal_data.personal_data_find(
        organization=organization,
        identifiers=identifiers,
        confidential_access=confidential_access,
        general_access=general_access,
    )
    counts = personal_data.personal_data_erase(
        organization=organization, result=result, actor=actor, reason=reason
    )
    return _subject_request_record(
        actor=actor,
        organization=organization,
        kind="erasure",
        identifiers=identifiers,
        result=result,
        counts=counts,
        reason=reason,
    )
