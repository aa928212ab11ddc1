"""Writes on an organisation's own host name: request, verification, removal."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from . import hosts
from .messaging import member_notify, retry_key_for
from .models import HostVerification, Organization, host_name_validator
from .roles import Role
from .selectors import (
    forget_host,
    host_name_list_verified,
    host_name_taken,
    membership_list_with_role,
)

_HOST_FIELDS = ("pending_host_name", "host_token", "host_requested_at")
_SERVED_HOST_FIELDS = ("host_name", "host_verified_at", "host_verified_by")
_NO_PENDING_HOST: dict[str, Any] = {
    "pending_host_name": "",
    "host_token": "",
    "host_requested_at": None,
}


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
        and host not in host_name_list_verified()
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
    *, actor: User | None, organization: Organization, host_name: str
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
        model_update(organization, _NO_PENDING_HOST, _HOST_FIELDS, clean=False)
        return organization
    refusal = host_refusal(
        organization=organization, host=host, by_operator=_is_operator(actor)
    )
    if refusal:
        raise ValidationError({"host_name": refusal})
    model_update(
        organization,
        {
            "pending_host_name": host,
            "host_token": hosts.new_token(),
            "host_requested_at": timezone.now(),
        },
        _HOST_FIELDS,
        clean=False,
    )
    _host_audit(
        organization,
        actor=actor,
        action="organization.host_request",
        changes={"pending_host_name": host, "host_name": organization.host_name},
    )
    return organization


def _host_audit(
    organization: Organization, *, actor: User | None, action: str, changes: dict
) -> None:
    audit_log(
        actor=actor,
        organization=organization,
        action=action,
        target=organization,
        changes=changes,
    )


def _is_operator(actor: User | None) -> bool:
    return actor is not None and actor.is_superuser


def organization_host_verify(*, actor: User, organization: Organization) -> str:
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
        _host_audit(
            organization,
            actor=actor,
            action="organization.host_verify_failed",
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


def organization_host_approve(
    *, actor: User | None, organization: Organization
) -> Organization:
    """The platform operator serves the pending host name without a check."""
    if not _is_operator(actor):
        raise DomainError(_("Only the platform operator can approve a host name."))
    return _host_activate(
        actor=actor, organization=organization, method=HostVerification.OPERATOR
    )


@transaction.atomic
def _host_activate(
    *, actor: User | None, organization: Organization, method: str
) -> Organization:
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
    model_update(
        organization,
        {
            **_NO_PENDING_HOST,
            "host_name": host,
            "host_verified_at": timezone.now(),
            "host_verified_by": method,
        },
        _HOST_FIELDS + _SERVED_HOST_FIELDS,
        clean=False,
    )
    _host_audit(
        organization,
        actor=actor,
        action="organization.host_verify",
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
def organization_host_remove(
    *, actor: User | None, organization: Organization
) -> Organization:
    """Stop serving the organisation's own host name and drop a pending one."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    old = organization.host_name
    pending = organization.pending_host_name
    if not old and not pending:
        return organization
    model_update(
        organization,
        {
            **_NO_PENDING_HOST,
            "host_name": "",
            "host_verified_at": None,
            "host_verified_by": "",
        },
        _HOST_FIELDS + _SERVED_HOST_FIELDS,
        clean=False,
    )
    _host_audit(
        organization,
        actor=actor,
        action="organization.host_remove",
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
    for membership in membership_list_with_role(
        organization=organization, role=Role.ORG_ADMIN
    ):
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
