"""Writes on API tokens: make one (shown once) and revoke it. Both audited."""

from __future__ import annotations

import hashlib
import secrets
import string
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from .models import ApiToken, Scope

TOKEN_LENGTH = 40
_ALPHABET = string.ascii_letters + string.digits


def token_hash(raw: str) -> str:
    """The SHA-256 (hex) kept in place of a token."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def new_raw_token() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(TOKEN_LENGTH))


@transaction.atomic
def api_token_create(
    *,
    actor: User | None,
    organization: Organization,
    name: str,
    scopes: Iterable[str],
) -> tuple[ApiToken, str]:
    """A new token and its text, which is never stored and never shown again."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name."), field="name")
    chosen = sorted(set(scopes))
    if not chosen:
        raise DomainError(_("Choose at least one permission."), field="scopes")
    if any(scope not in Scope.values for scope in chosen):
        raise DomainError(_("Unknown permission."), field="scopes")
    raw = new_raw_token()
    token = ApiToken.objects.create(
        organization=organization,
        name=name,
        token_hash=token_hash(raw),
        prefix=raw[:6],
        scopes=chosen,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="api_token.create",
        target=token,
        changes={"name": name, "scopes": chosen},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Stop the token from working (already revoked: nothing changes)."""
    if token.revoked_at is not None:
        raise DomainError(_("This token was already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_log(
        actor=actor,
        organization=token.organization,
        action="api_token.revoke",
        target=token,
        changes={"name": token.name},
    )
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note that the token was just used (at most once a minute is written)."""
    now = timezone.now()
    if token.last_used_at and (now - token.last_used_at).total_seconds() < 60:
        return
    ApiToken.objects.for_organization(token.organization_id).filter(pk=token.pk).update(
        last_used_at=now
    )
    token.last_used_at = now
