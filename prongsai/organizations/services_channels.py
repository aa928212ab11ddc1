"""Writes on the LINE and Facebook channels and on members' LINE links."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from .messaging import LINK_CODE_DIGITS
from .models import ChannelSettings, LineLinkCode, Membership, Organization

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
    entered = {
        "line_channel_secret": line_channel_secret,
        "line_access_token": line_access_token,
        "facebook_app_secret": facebook_app_secret,
        "facebook_page_token": facebook_page_token,
        "facebook_verify_token": facebook_verify_token,
        "line_login_channel_secret": line_login_channel_secret,
    }
    cleared = set(clear)
    data: dict[str, str] = {}
    if line_login_channel_id is not None:
        data["line_login_channel_id"] = line_login_channel_id.strip()
        if not data["line_login_channel_id"]:
            if line_login_channel_secret.strip():
                raise ValidationError(
                    {
                        "line_login_channel_id": _(
                            "Enter the LINE Login channel ID together with its secret."
                        )
                    }
                )
            cleared.add("line_login_channel_secret")
    for name in CHANNEL_SECRET_FIELDS:
        value = (entered[name] or "").strip()
        if name in cleared:
            data[name] = ""
        elif value:
            data[name] = value
    changes = model_update(row, data, ("line_login_channel_id", *CHANNEL_SECRET_FIELDS))
    audit_log(
        actor=actor,
        organization=organization,
        action="channel_settings.update",
        target=row,
        changes=changes,
        sensitive=CHANNEL_SECRET_FIELDS,
    )
    return row


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
    *, actor: User, membership: Membership
) -> tuple[str, datetime]:
    """A new one-time code for linking LINE; earlier unused codes stop working.

    Returns the code (shown once, never stored) and when it expires.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.is_active:
        raise DomainError(_("This membership has ended."))
    now = timezone.now()
    organization_id = membership.organization_id
    in_organization = LineLinkCode.objects.for_organization(organization_id)
    mine = in_organization.filter(membership=membership)
    recent = mine.filter(created_at__gte=now - timedelta(hours=1)).count()
    if recent >= LINE_CODES_PER_HOUR:
        raise DomainError(_("You have asked for too many codes. Try again in an hour."))
    mine.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    for _attempt in range(20):
        code = f"{secrets.randbelow(10**LINK_CODE_DIGITS):0{LINK_CODE_DIGITS}d}"
        code_hash = line_link_code_hash(organization_id, code)
        clash = in_organization.filter(
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


def _failure_keys(organization: Organization, line_user_id: str) -> tuple[str, str]:
    who = hashlib.sha256(line_user_id.encode()).hexdigest()[:24]
    return (
        f"line-link-fail:{organization.pk}:{who}",
        f"line-link-fail:{organization.pk}",
    )


def _line_link_limited(organization: Organization, line_user_id: str) -> bool:
    user_key, org_key = _failure_keys(organization, line_user_id)
    return (
        cache.get(user_key, 0) >= LINE_LINK_FAILURES_PER_USER
        or cache.get(org_key, 0) >= LINE_LINK_FAILURES_PER_ORG
    )


def _line_link_failed(organization: Organization, line_user_id: str) -> None:
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
            LineLinkCode.objects.for_organization(organization)
            .select_for_update()
            .select_related("membership__user", "membership__organization")
            .filter(code_hash=line_link_code_hash(organization.pk, code))
            .order_by("-expires_at")
        )
        row = next((r for r in rows if r.is_usable), rows[0] if rows else None)
        outcome = _line_code_outcome(row, now=now)
        if row is not None and outcome == LINE_LINK_LINKED:
            membership = _line_link_apply(row, line_user_id=line_user_id, now=now)
            return LineLinkResult(LINE_LINK_LINKED, membership)
    _line_link_failed(organization, line_user_id)
    return LineLinkResult(outcome)


def _line_code_outcome(row: LineLinkCode | None, *, now: datetime) -> str:
    """Whether the code found (if any) links now, or why it does not."""
    if row is None:
        return LINE_LINK_INVALID
    if row.used_at is not None:
        return LINE_LINK_USED
    if row.expires_at <= now:
        return LINE_LINK_EXPIRED
    if not row.membership.is_active or not row.membership.user.is_active:
        return LINE_LINK_INVALID
    return LINE_LINK_LINKED


def _line_link_apply(
    row: LineLinkCode, *, line_user_id: str, now: datetime
) -> Membership:
    """Use the code and link the LINE account, taking it from another member."""
    membership = row.membership
    organization = membership.organization
    model_update(row, {"used_at": now}, ("used_at",), clean=False)
    for other in (
        Membership.objects.select_for_update()
        .filter(organization=organization, line_user_id=line_user_id)
        .exclude(pk=membership.pk)
    ):
        _line_clear(other, actor=None, reason="moved")
    model_update(
        membership,
        {"line_user_id": line_user_id, "line_linked_at": now},
        ("line_user_id", "line_linked_at"),
        clean=False,
    )
    audit_log(
        actor=membership.user,
        organization=organization,
        action="membership.line_link",
        target=membership,
        changes={"line": "linked"},
    )
    return membership


def _line_clear(membership: Membership, *, actor: User | None, reason: str) -> None:
    model_update(
        membership,
        {"line_user_id": "", "line_linked_at": None},
        ("line_user_id", "line_linked_at"),
        clean=False,
    )
    audit_log(
        actor=actor,
        organization=membership.organization,
        action="membership.line_unlink",
        target=membership,
        changes={"line": reason},
    )


@transaction.atomic
def membership_line_unlink(*, actor: User, membership: Membership) -> Membership:
    """Stop LINE notifications to a member (their own choice or an admin's)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not membership.line_user_id:
        raise DomainError(_("No LINE account is linked."))
    _line_clear(membership, actor=actor, reason="unlinked")
    return membership
