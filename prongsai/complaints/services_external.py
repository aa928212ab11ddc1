"""The organisation's own address for reports about executives: proposed,
verified with an e-mailed code, confirmed by a second person."""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Membership, Organization

from .models import (
    ExternalAddressChange,
    ExternalRecipient,
)
from .services import locked
from .services_settings import (
    REVIEWER_ROLES,
    actor_name,
    complaint_settings_ensure,
    reviewers_notify,
)

ADDRESS_CODE_VALID = datetime.timedelta(days=3)
ADDRESS_CODE_ATTEMPTS = 5
ADDRESS_CODE_LENGTH = 8

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _code_hash(change: ExternalAddressChange, code: str) -> str:
    return salted_hmac(
        "prongsai.complaints.external-address",
        f"{change.pk}:{change.email.lower()}:{code.strip().upper()}",
        algorithm="sha256",
    ).hexdigest()


def _address_notice(
    change: ExternalAddressChange, event: str, actor: User | None
) -> None:
    """Audit a step of an address change and tell the reviewers about it."""
    organization = change.organization
    audit_log(
        actor=actor,
        organization=organization,
        action="complaint_external_address." + event,
        target=change,
        changes={"email": change.email, "status": change.status},
        public=False,
    )
    with translation.override("th"):
        context = {
            "event": event,
            "actor": actor_name(actor),
            "email": change.email,
            "body": f"({change.body_name})" if change.body_name else "",
            "proposer": actor_name(change.proposed_by),
        }
    reviewers_notify(organization, kind="complaints/external_address", context=context)


def _send_address_code(change: ExternalAddressChange) -> None:
    """A fresh one-time code, e-mailed (after commit) to the proposed address."""
    code = get_random_string(ADDRESS_CODE_LENGTH, _CODE_ALPHABET)
    model_update(
        change,
        {
            "code_hash": _code_hash(change, code),
            "code_sent_at": timezone.now(),
            "code_attempts": 0,
        },
        ["code_hash", "code_sent_at", "code_attempts"],
        clean=False,
    )
    organization = change.organization
    with translation.override("th"):
        subject = _("Confirm this address for reports from %(organization)s") % {
            "organization": organization.name
        }
        body = _(
            "%(organization)s asked the Prongsai platform to send corruption "
            "reports about its executives to this address (%(email)s).\n\n"
            "If this is right, give this code to the organisation: %(code)s\n"
            "It is valid for %(days)s days.\n\n"
            "If you did not expect this message, ignore it: nothing is sent to "
            "this address without the code."
        ) % {
            "organization": organization.name,
            "email": change.email,
            "code": code,
            "days": ADDRESS_CODE_VALID.days,
        }
    email = change.email
    transaction.on_commit(
        lambda: send_mail(
            subject=subject, message=body, from_email=None, recipient_list=[email]
        )
    )


@transaction.atomic
def external_address_propose(
    *, actor: User, organization: Organization, email: str, body_name: str = ""
) -> ExternalAddressChange:
    """Propose an own address for reports about executives.

    Nothing is sent there until the code e-mailed to it is entered and a second
    person confirms; the recipient in force stays until then. An earlier open
    proposal is withdrawn.
    """
    email = (email or "").strip()
    listed = ExternalRecipient.objects.filter(
        is_active=True, email__iexact=email
    ).first()
    if listed is not None:
        raise DomainError(
            _(
                "%(email)s is on the platform's list as %(name)s: choose it from "
                "the list in the settings instead."
            )
            % {"email": email, "name": listed},
            field="email",
        )
    for older in ExternalAddressChange.objects.select_for_update().filter(
        organization=organization, status__in=ExternalAddressChange.OPEN_STATUSES
    ):
        model_update(
            older,
            {
                "status": ExternalAddressChange.Status.REJECTED,
                "decided_by": actor,
                "decided_at": timezone.now(),
                "note": _("Replaced by a newer proposal."),
            },
            ["status", "decided_by", "decided_at", "note"],
            clean=False,
        )
        _address_notice(older, "reject", actor)
    change = ExternalAddressChange(
        organization=organization,
        email=email,
        body_name=(body_name or "").strip(),
        proposed_by=actor,
    )
    change.full_clean()
    change.save()
    _send_address_code(change)
    _address_notice(change, "propose", actor)
    return change


@transaction.atomic
def external_address_send_code(*, actor: User, change: ExternalAddressChange) -> None:
    """Send a new code to an address still waiting for one (old codes stop working)."""
    change = locked(change)
    if change.status != ExternalAddressChange.Status.UNVERIFIED:
        raise DomainError(_("This address is not waiting for a code."))
    _send_address_code(change)
    audit_log(
        actor=actor,
        organization=change.organization,
        action="complaint_external_address.send_code",
        target=change,
        changes={"email": change.email},
        public=False,
    )


def external_address_verify(
    *, actor: User, change: ExternalAddressChange, code: str
) -> ExternalAddressChange:
    """Enter the code from the e-mail: the address exists and is read."""
    with transaction.atomic():
        change = locked(change)
        if change.status != ExternalAddressChange.Status.UNVERIFIED:
            raise DomainError(_("This address is not waiting for a code."))
        if not change.code_hash or change.code_sent_at is None:
            raise DomainError(
                _("No code was sent to this address yet: send one first."),
                field="code",
            )
        if (
            change.code_sent_at + ADDRESS_CODE_VALID < timezone.now()
            or change.code_attempts >= ADDRESS_CODE_ATTEMPTS
        ):
            raise DomainError(
                _("The code has expired or was mistyped too often: send a new one."),
                field="code",
            )
        if not constant_time_compare(change.code_hash, _code_hash(change, code)):
            model_update(
                change,
                {"code_attempts": change.code_attempts + 1},
                ["code_attempts"],
                clean=False,
            )
            wrong = True
        else:
            wrong = False
            model_update(
                change,
                {
                    "status": ExternalAddressChange.Status.VERIFIED,
                    "verified_at": timezone.now(),
                    "code_hash": "",
                },
                ["status", "verified_at", "code_hash"],
                clean=False,
            )
            _address_notice(change, "verify", actor)
    if wrong:
        raise DomainError(
            _("The code is not right. Check the e-mail sent to %(email)s.")
            % {"email": change.email},
            field="code",
        )
    return change


def _reviewer_membership(
    actor: User | None, organization: Organization
) -> Membership | None:
    if actor is None:
        return None
    membership = (
        Membership.objects.active()
        .filter(organization=organization, user=actor)
        .first()
    )
    if membership is None or not membership.has_role(*REVIEWER_ROLES):
        return None
    return membership


@transaction.atomic
def external_address_confirm(
    *, actor: User, change: ExternalAddressChange
) -> ExternalAddressChange:
    """A second person puts a verified address in use.

    Only an executive or integrity officer of the organisation who did not
    propose the address may confirm it.
    """
    change = locked(change)
    organization = change.organization
    if _reviewer_membership(actor, organization) is None:
        raise DomainError(
            _("Only an executive or an integrity officer can confirm the address.")
        )
    if change.proposed_by_id is not None and change.proposed_by_id == actor.pk:
        raise DomainError(
            _(
                "You proposed this address; another executive or integrity "
                "officer must confirm it."
            )
        )
    if change.status != ExternalAddressChange.Status.VERIFIED:
        raise DomainError(
            _("The address must be verified with the code from the e-mail first.")
        )
    model_update(
        change,
        {
            "status": ExternalAddressChange.Status.CONFIRMED,
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
        ["status", "decided_by", "decided_at"],
        clean=False,
    )
    row = complaint_settings_ensure(organization=organization)
    model_update(
        row,
        {"external_body_email": change.email, "external_recipient": None},
        ["external_body_email", "external_recipient"],
        clean=False,
    )
    _address_notice(change, "confirm", actor)
    return change


@transaction.atomic
def external_address_reject(
    *, actor: User, change: ExternalAddressChange, reason: str = ""
) -> ExternalAddressChange:
    """Reject (or, for the proposer, withdraw) an address not yet in use."""
    change = locked(change)
    is_proposer = (
        actor is not None
        and change.proposed_by_id is not None
        and change.proposed_by_id == actor.pk
    )
    if not is_proposer and _reviewer_membership(actor, change.organization) is None:
        raise DomainError(
            _("Only an executive or an integrity officer can reject the address.")
        )
    if not change.is_open:
        raise DomainError(_("This address is no longer waiting for a decision."))
    model_update(
        change,
        {
            "status": ExternalAddressChange.Status.REJECTED,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "note": (reason or "").strip()[:300],
            "code_hash": "",
        },
        ["status", "decided_by", "decided_at", "note", "code_hash"],
        clean=False,
    )
    _address_notice(change, "reject", actor)
    return change
