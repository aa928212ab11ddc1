"""Reads of the conflict-of-interest registers, scoped to one organisation and,
for declarations, to who may read them (personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, Count, QuerySet, When
from django.http import Http404

from prongsai.organizations.models import Membership
from prongsai.procurement.models import Procurement

from .models_coi import CoiCommitteeDeclaration, CoiDeclaration, CoiFlag, CoiInterest
from .permissions_coi import can_review_coi_flags, can_see_all_coi

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

__all__ = [
    "CoiSummary",
    "access_coi_declaration",
    "access_coi_flag",
    "access_coi_interest",
    "access_coi_procurement",
    "coi_committee_list",
    "coi_declaration_list",
    "coi_flag_list",
    "coi_procurement_list",
    "coi_summary_get",
]


def access_coi_declaration(
    *, organization: Organization, pk: Any, user, membership
) -> CoiDeclaration:
    """A declaration the user may read (their own; all for HR and integrity
    officers), else 404: a colleague learns nothing, not even that it exists."""
    try:
        declaration = CoiDeclaration.objects.select_related("declarant__user").get(
            organization=organization, pk=pk
        )
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if declaration.declarant != membership and not can_see_all_coi(user, membership):
        raise Http404
    return declaration


def access_coi_interest(
    *, organization: Organization, pk: Any, user, membership
) -> CoiInterest:
    """An interest of the user's own declaration (removing is the declarant's)."""
    try:
        interest = CoiInterest.objects.select_related("declaration__declarant").get(
            organization=organization, pk=pk
        )
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if interest.declaration.declarant != membership:
        raise Http404
    return interest


def access_coi_flag(
    *, organization: Organization, pk: Any, user, membership
) -> CoiFlag:
    if not can_review_coi_flags(user, membership):
        raise Http404
    try:
        return CoiFlag.objects.select_related(
            "interest__declaration__declarant__user", "procurement", "supplier"
        ).get(organization=organization, pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_coi_procurement(*, organization: Organization, pk: Any) -> Procurement:
    try:
        return Procurement.objects.get(organization=organization, pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def coi_declaration_list(
    *,
    organization: Organization,
    fiscal_year: int | None = None,
    declarant: Membership | None = None,
) -> QuerySet[CoiDeclaration]:
    declarations = CoiDeclaration.objects.filter(organization=organization)
    if fiscal_year is not None:
        declarations = declarations.filter(fiscal_year=fiscal_year)
    if declarant is not None:
        declarations = declarations.filter(declarant=declarant)
    return declarations.select_related("declarant__user").prefetch_related("interests")


def coi_flag_list(
    *, organization: Organization, status: str | None = None
) -> QuerySet[CoiFlag]:
    flags = CoiFlag.objects.filter(organization=organization)
    if status:
        flags = flags.filter(status=status)
    waiting = Case(When(status=CoiFlag.Status.OPEN, then=0), default=1)
    return flags.select_related(
        "interest__declaration__declarant__user", "procurement", "supplier"
    ).order_by(waiting, "-procurement__procured_on", "-id")


def coi_procurement_list(
    *, organization: Organization, fiscal_year: int
) -> list[Procurement]:
    """The year's procurement records with how many committee declarations."""
    declared = CoiCommitteeDeclaration.objects.filter(organization=organization)
    counts = {
        row["procurement_id"]: row["n"]
        for row in declared.values("procurement_id").annotate(n=Count("id"))
    }
    records = list(
        Procurement.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).order_by("-procured_on", "-id")
    )
    for record in records:
        record.coi_declarations = counts.get(record.pk, 0)  # shown on the page
    return records


def coi_committee_list(
    *, procurement: Procurement, member: Membership | None = None
) -> QuerySet[CoiCommitteeDeclaration]:
    declarations = CoiCommitteeDeclaration.objects.filter(
        organization_id=procurement.organization_id, procurement=procurement
    )
    if member is not None:
        declarations = declarations.filter(member=member)
    return declarations.select_related("member__user")


@dataclass(frozen=True)
class CoiSummary:
    """Counts only (for executives and the council): never a name."""

    fiscal_year: int
    members: int
    yearly_received: int
    nothing_to_declare: int
    with_interests: int
    ad_hoc: int
    interests: int
    committee: int
    committee_with_interest: int
    procurements_declared: int
    flags_open: int
    flags_no_conflict: int
    flags_action_taken: int

    @property
    def yearly_missing(self) -> int:
        return max(self.members - self.yearly_received, 0)

    @property
    def flags_total(self) -> int:
        return self.flags_open + self.flags_no_conflict + self.flags_action_taken


def coi_summary_get(*, organization: Organization, fiscal_year: int) -> CoiSummary:
    """The year's counts. Members due: the organisation's active members."""
    declarations = CoiDeclaration.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    )
    yearly = declarations.filter(kind=CoiDeclaration.Kind.YEARLY)
    interests = CoiInterest.objects.filter(
        organization=organization, declaration__fiscal_year=fiscal_year
    )
    committee = CoiCommitteeDeclaration.objects.filter(
        organization=organization, procurement__fiscal_year=fiscal_year
    )
    flags = CoiFlag.objects.filter(
        organization=organization, procurement__fiscal_year=fiscal_year
    )
    by_status = dict(
        flags.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return CoiSummary(
        fiscal_year=fiscal_year,
        members=Membership.objects.active().filter(organization=organization).count(),
        yearly_received=yearly.count(),
        nothing_to_declare=yearly.filter(nothing_to_declare=True).count(),
        with_interests=interests.values("declaration__declarant").distinct().count(),
        ad_hoc=declarations.filter(kind=CoiDeclaration.Kind.AD_HOC).count(),
        interests=interests.count(),
        committee=committee.count(),
        committee_with_interest=committee.filter(has_interest=True).count(),
        procurements_declared=committee.values("procurement").distinct().count(),
        flags_open=by_status.get(CoiFlag.Status.OPEN, 0),
        flags_no_conflict=by_status.get(CoiFlag.Status.NO_CONFLICT, 0),
        flags_action_taken=by_status.get(CoiFlag.Status.ACTION_TAKEN, 0),
    )
