"""The cross-check: every declared interest against the selected suppliers and
bidders of the organisation's procurement (``coi_matching`` decides a match).

A recompute is idempotent: one flag per (interest, procurement, supplier),
never two; a flag an officer reviewed keeps its status and note; an open flag
whose match has gone (a bid removed, a name corrected) is removed. New flags
tell every integrity officer of the organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from prongsai.notifications.services import notify
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import membership_list_with_role
from prongsai.procurement.models import Bid, Procurement, Supplier

from .coi_matching import Party, find_matches
from .models_coi import CoiFlag, CoiInterest

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

__all__ = [
    "coi_flags_recompute_interest",
    "coi_flags_recompute_organization",
    "coi_flags_recompute_procurement",
    "coi_flags_recompute_supplier",
]

# (interest id, procurement id, supplier id) -> (found as, matched on)
Matches = dict[tuple[int, int, int], tuple[str, str]]


def _interest_parties(interests) -> list[Party]:
    return [
        Party(key=pk, name=name, tax_id=tax_id)
        for pk, name, tax_id in interests.values_list("pk", "name", "tax_id")
    ]


def _involvements(
    organization: Organization, supplier_ids: set[int], procurement: Procurement | None
) -> list[tuple[int, int, str]]:
    """(procurement, supplier, found as) where those suppliers take part."""
    records = Procurement.objects.filter(organization=organization)
    bids = Bid.objects.filter(procurement__organization=organization)
    if procurement is not None:
        records = records.filter(pk=procurement.pk)
        bids = bids.filter(procurement=procurement)
    rows: list[tuple[int, int, str]] = [
        (p, s, CoiFlag.Source.SELECTED.value)
        for p, s in records.filter(supplier_id__in=supplier_ids).values_list(
            "pk", "supplier_id"
        )
    ]
    rows += [
        (p, s, CoiFlag.Source.BIDDER.value)
        for p, s in bids.filter(supplier_id__in=supplier_ids).values_list(
            "procurement_id", "supplier_id"
        )
    ]
    return rows


def _matches(
    organization: Organization,
    interests,
    suppliers,
    procurement: Procurement | None = None,
) -> Matches:
    supplier_parties = [
        Party(key=pk, name=name, tax_id=tax_id)
        for pk, name, tax_id in suppliers.values_list("pk", "name", "tax_id")
    ]
    pairs = find_matches(_interest_parties(interests), supplier_parties)
    by_supplier: dict[int, list[tuple[int, str]]] = {}
    for interest_id, supplier_id, how in pairs:
        by_supplier.setdefault(cast(int, supplier_id), []).append(
            (cast(int, interest_id), how)
        )
    matches: Matches = {}
    for procurement_id, supplier_id, source in _involvements(
        organization, set(by_supplier), procurement
    ):
        for interest_id, how in by_supplier[supplier_id]:
            key = (interest_id, procurement_id, supplier_id)
            if key not in matches or source == CoiFlag.Source.SELECTED:
                matches[key] = (source, how)
    return matches


def _sync(organization: Organization, matches: Matches, scope: Q) -> list[CoiFlag]:
    """Make the flags in ``scope`` follow ``matches``; returns the new ones."""
    existing = {
        (f.interest_id, f.procurement_id, f.supplier_id): f
        for f in CoiFlag.objects.filter(organization=organization).filter(scope)
    }
    created = []
    for key, (source, how) in matches.items():
        flag = existing.pop(key, None)
        if flag is None:
            flag, made = CoiFlag.objects.get_or_create(
                organization=organization,
                interest_id=key[0],
                procurement_id=key[1],
                supplier_id=key[2],
                defaults={"source": source, "matched_on": how},
            )
            if made:
                created.append(flag)
                continue
        if (flag.source, flag.matched_on) != (source, how):
            flag.source, flag.matched_on = source, how
            flag.save(update_fields=["source", "matched_on", "updated_at"])
    gone = [f.pk for f in existing.values() if f.status == CoiFlag.Status.OPEN]
    if gone:
        CoiFlag.objects.filter(organization=organization, pk__in=gone).delete()
    _notify_new(organization, created)
    return created


def _notify_new(organization: Organization, flags: list[CoiFlag]) -> None:
    if not flags:
        return
    officers = membership_list_with_role(
        organization=organization, role=Role.INTEGRITY_OFFICER
    )
    for flag in flags:
        url = reverse(
            "integrity-staff:coi-flag-review",
            kwargs={"org": organization.slug, "pk": flag.pk},
        )
        title = (
            Procurement.objects.filter(
                organization=organization, pk=flag.procurement_id
            )
            .values_list("title", flat=True)
            .first()
        )
        for officer in officers:
            notify(
                organization=organization,
                recipient=officer,
                kind="integrity/coi_flag",
                context={"procurement_title": title or "", "source": flag.source},
                url=url,
                dedup_key=f"integrity.coi_flag:{flag.pk}",
                source=f"integrity.coi_flag:{flag.pk}",
            )


@transaction.atomic
def coi_flags_recompute_interest(*, interest: CoiInterest) -> list[CoiFlag]:
    """Cross-check one declared interest against every supplier and bidder."""
    organization = interest.organization
    matches = _matches(
        organization,
        CoiInterest.objects.filter(organization=organization, pk=interest.pk),
        Supplier.objects.filter(organization=organization),
    )
    return _sync(organization, matches, Q(interest=interest))


@transaction.atomic
def coi_flags_recompute_procurement(*, procurement: Procurement) -> list[CoiFlag]:
    """Cross-check a procurement's selected supplier and bidders."""
    interests = CoiInterest.objects.filter(organization=procurement.organization)
    if not interests.exists():
        return []
    return _recompute_procurement(procurement, interests)


def _recompute_procurement(procurement: Procurement, interests) -> list[CoiFlag]:
    organization = procurement.organization
    supplier_ids = set(procurement.bids.values_list("supplier_id", flat=True))
    if procurement.supplier_id:
        supplier_ids.add(procurement.supplier_id)
    matches = _matches(
        organization,
        interests,
        Supplier.objects.filter(organization=organization, pk__in=supplier_ids),
        procurement=procurement,
    )
    return _sync(organization, matches, Q(procurement=procurement))


def coi_flags_recompute_supplier(*, supplier: Supplier) -> list[CoiFlag]:
    """A supplier's name or tax ID changed: the procurements it is part of."""
    organization = supplier.organization
    interests = CoiInterest.objects.filter(organization=organization)
    if not interests.exists():
        return []
    ids = set(
        Procurement.objects.filter(
            organization=organization, supplier=supplier
        ).values_list("pk", flat=True)
    ) | set(supplier.bids.values_list("procurement_id", flat=True))
    created: list[CoiFlag] = []
    for procurement in Procurement.objects.filter(
        organization=organization, pk__in=ids
    ).select_related("organization"):
        created += _recompute_procurement(procurement, interests)
    return created


@transaction.atomic
def coi_flags_recompute_organization(*, organization: Organization) -> list[CoiFlag]:
    """Everything at once (the demo, an operator's repair)."""
    matches = _matches(
        organization,
        CoiInterest.objects.filter(organization=organization),
        Supplier.objects.filter(organization=organization),
    )
    return _sync(organization, matches, Q())
