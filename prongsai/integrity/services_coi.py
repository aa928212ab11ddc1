"""Writes to the conflict-of-interest registers: members' declarations and
their interests, procurement committee declarations, the review of flags and
the yearly reminders. The cross-check itself is in ``services_coi_flags``."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.notifications.services import notify
from prongsai.organizations.models import Membership
from prongsai.procurement.identifiers import clean_digits

from .models_coi import CoiCommitteeDeclaration, CoiDeclaration, CoiFlag, CoiInterest
from .permissions_coi import can_review_coi_flags, can_see_all_coi
from .services_coi_flags import coi_flags_recompute_interest
from .services_common import create_audited, delete_audited

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization
    from prongsai.procurement.models import Procurement

__all__ = [
    "coi_committee_declare",
    "coi_declaration_create",
    "coi_flag_review",
    "coi_interest_add",
    "coi_interest_remove",
    "coi_yearly_reminders_send",
]


def _membership(actor: User, organization: Organization) -> Membership | None:
    return (
        Membership.objects.active()
        .filter(organization=organization, user=actor)
        .first()
    )


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError(_("The date cannot be in the future."), field=field)


def _own(actor: User, membership: Membership) -> None:
    if membership.user_id != actor.pk:
        raise DomainError(_("Members declare their interests only for themselves."))


@transaction.atomic
def coi_declaration_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    declared_on: datetime.date,
    fiscal_year: int | None = None,
    nothing_to_declare: bool = False,
    note: str = "",
) -> CoiDeclaration:
    """The actor's own declaration: yearly (one per fiscal year) or ad hoc."""
    declarant = _membership(actor, organization)
    if declarant is None:
        raise DomainError(_("Only active members of the organisation declare."))
    _not_future(declared_on, "declared_on")
    if kind == CoiDeclaration.Kind.AD_HOC:
        if nothing_to_declare:
            raise DomainError(
                _("An ad hoc declaration is made to declare an interest."),
                field="nothing_to_declare",
            )
        fiscal_year = thai_dates.fiscal_year(declared_on)
    elif kind == CoiDeclaration.Kind.YEARLY:
        if fiscal_year is None:
            raise DomainError(_("Choose the fiscal year."), field="fiscal_year")
        if CoiDeclaration.objects.filter(
            organization=organization,
            fiscal_year=fiscal_year,
            declarant=declarant,
            kind=CoiDeclaration.Kind.YEARLY,
        ).exists():
            raise DomainError(
                _("You have already made your yearly declaration for %(year)s.")
                % {"year": fiscal_year},
                field="fiscal_year",
            )
    else:
        raise DomainError(_("Unknown kind of declaration."), field="kind")
    declaration = CoiDeclaration(
        organization=organization,
        fiscal_year=fiscal_year,
        declarant=declarant,
        kind=kind,
        declared_on=declared_on,
        nothing_to_declare=nothing_to_declare,
        note=note.strip(),
    )
    return create_audited(
        declaration,
        actor=actor,
        action="coi_declaration.create",
        changes={
            "kind": kind,
            "fiscal_year": fiscal_year,
            "nothing_to_declare": nothing_to_declare,
        },
    )


@transaction.atomic
def coi_interest_add(
    *,
    actor: User,
    declaration: CoiDeclaration,
    kind: str,
    name: str,
    relationship: str,
    tax_id: str = "",
    description: str = "",
    value: Decimal | None = None,
) -> CoiInterest:
    """Add an interest to the actor's own declaration and cross-check it."""
    _own(actor, declaration.declarant)
    if declaration.nothing_to_declare:
        raise DomainError(
            _(
                "This declaration says there is nothing to declare; make an ad "
                "hoc declaration to declare an interest."
            )
        )
    interest = CoiInterest(
        organization=declaration.organization,
        declaration=declaration,
        kind=kind,
        name=" ".join(name.split()),
        tax_id=clean_digits(tax_id),
        relationship=relationship,
        description=description.strip(),
        value=value,
    )
    create_audited(
        interest,
        actor=actor,
        action="coi_interest.add",
        # The company's name may identify a relative: not kept in the trail.
        changes={"kind": kind, "relationship": relationship},
    )
    coi_flags_recompute_interest(interest=interest)
    return interest


@transaction.atomic
def coi_interest_remove(*, actor: User, interest: CoiInterest) -> None:
    """Remove a declared interest; refused once an officer reviewed its flags."""
    _own(actor, interest.declaration.declarant)
    if interest.flags.exclude(status=CoiFlag.Status.OPEN).exists():
        raise DomainError(
            _(
                "An integrity officer has reviewed this interest against a "
                "procurement; it stays on the register."
            )
        )
    delete_audited(
        interest,
        actor=actor,
        action="coi_interest.remove",
        fields=("kind", "relationship"),
    )


@transaction.atomic
def coi_committee_declare(
    *,
    actor: User,
    procurement: Procurement,
    role: str,
    has_interest: bool,
    details: str = "",
    declared_on: datetime.date,
    member: Membership | None = None,
) -> CoiCommitteeDeclaration:
    """A committee member's declaration on a procurement (HR and integrity
    officers may record one for a member)."""
    organization = procurement.organization
    actor_membership = _membership(actor, organization)
    member = member or actor_membership
    if member is None or member.organization_id != organization.pk:
        raise DomainError(_("Only active members of the organisation declare."))
    if member != actor_membership and not can_see_all_coi(actor, actor_membership):
        raise DomainError(_("Members declare their interests only for themselves."))
    _not_future(declared_on, "declared_on")
    if has_interest and not details.strip():
        raise DomainError(
            _("Describe the interest: with whom and what it is."), field="details"
        )
    if CoiCommitteeDeclaration.objects.filter(
        procurement=procurement, member=member, role=role
    ).exists():
        raise DomainError(
            _("This member has already declared for this committee."), field="role"
        )
    declaration = CoiCommitteeDeclaration(
        organization=organization,
        procurement=procurement,
        member=member,
        role=role,
        has_interest=has_interest,
        details=details.strip(),
        declared_on=declared_on,
        recorded_by=actor,
    )
    return create_audited(
        declaration,
        actor=actor,
        action="coi_committee.declare",
        changes={"role": role, "has_interest": has_interest},
    )


@transaction.atomic
def coi_flag_review(
    *, actor: User, flag: CoiFlag, status: str, review_note: str
) -> CoiFlag:
    """The integrity officer's conclusion on a flag (no conflict / action taken)."""
    if not can_review_coi_flags(actor, _membership(actor, flag.organization)):
        raise DomainError(_("Only integrity officers review these flags."))
    if status not in (CoiFlag.Status.NO_CONFLICT, CoiFlag.Status.ACTION_TAKEN):
        raise DomainError(_("Choose the outcome of the review."), field="status")
    if not review_note.strip():
        raise DomainError(
            _("Write what was checked and what was decided."), field="review_note"
        )
    old = flag.status
    flag.status = status
    flag.review_note = review_note.strip()
    flag.reviewed_by = actor
    flag.reviewed_at = timezone.now()
    flag.full_clean()
    flag.save()
    audit_log(
        actor=actor,
        organization=flag.organization,
        action="coi_flag.review",
        target=flag,
        changes={"status": {"old": old, "new": status}},
    )
    return flag


def coi_yearly_reminders_send(
    *, organization: Organization, today: datetime.date
) -> int:
    """Remind active members who have not made the year's declaration (once a
    month each, through the notifications' de-duplication key)."""
    fiscal_year = thai_dates.fiscal_year(today)
    declared = set(
        CoiDeclaration.objects.filter(
            organization=organization,
            fiscal_year=fiscal_year,
            kind=CoiDeclaration.Kind.YEARLY,
        ).values_list("declarant_id", flat=True)
    )
    url = reverse("integrity-staff:coi-mine", kwargs={"org": organization.slug})
    sent = 0
    for member in Membership.objects.active().filter(organization=organization):
        if member.pk in declared:
            continue
        if notify(
            organization=organization,
            recipient=member,
            kind="integrity/coi_yearly_reminder",
            context={"fiscal_year": fiscal_year},
            url=url,
            dedup_key=f"integrity.coi_yearly:{fiscal_year}:{today:%Y-%m}",
        ):
            sent += 1
    return sent
