"""Writes on the procurement register. Every change is audited.

Imports of whole tables are in ``services_import``; the year's plan, the
months without procurement and the annual notes in ``services_year``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import UNSET, model_update
from prongsai.organizations.models import Organization

from . import parsing_cells, provenance
from .models import (
    Bid,
    NoProcurementMonth,
    PlanItem,
    Procurement,
    ProcurementDocument,
    Supplier,
)
from .services_common import delete_audited, given_fields, month_start
from .services_indicators import indicators_year_changed
from .vocab import FundSource

PROCUREMENT_FIELDS = (
    # In the order of the form.
    "title",
    "fiscal_year",
    "procured_on",
    "procurement_type",
    "method",
    "legal_ground",
    "budget_category",
    "budget_plan",
    "budget_work",
    "expense_type",
    "budget_line",
    "fund_source",
    "budget_amount",
    "reference_price",
    "egp_project_number",
    "agreed_price",
    "selection_reason",
    "contract_number",
    "contract_date",
    "contract_start",
    "contract_end",
    "inspection_date",
    "payment_date",
    "cancelled",
    "plan_item",
)
#: What an update of a procurement compares for its audit row.
PROCUREMENT_WATCHED = (*PROCUREMENT_FIELDS, "supplier")


# --- suppliers -------------------------------------------------------------------


def supplier_get_or_create(
    *, actor: User | None, organization: Organization, name: str, tax_id: str = ""
) -> Supplier:
    """The organisation's supplier with this tax ID (or, without one, name)."""
    name = parsing_cells.clean_name(name)
    tax_id = (tax_id or "").strip()
    if not name:
        raise DomainError(_("Give the supplier's name."), field="supplier_name")
    suppliers = Supplier.objects.filter(organization=organization)
    if tax_id:
        supplier = suppliers.filter(tax_id=tax_id).first()
    else:
        supplier = suppliers.filter(tax_id="", name=name).first()
    if supplier is not None:
        if supplier.name != name and tax_id:
            changes = model_update(supplier, {"name": name}, ["name"])
            audit_log(
                actor=actor,
                organization=organization,
                action="supplier.update",
                target=supplier,
                changes=changes,
            )
        return supplier
    supplier = Supplier(organization=organization, name=name, tax_id=tax_id)
    supplier.full_clean()
    supplier.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="supplier.create",
        target=supplier,
        changes={"name": name},  # the tax ID may be a citizen ID: not logged
    )
    return supplier


# --- procurements ----------------------------------------------------------------


def _check_in_month(day: datetime.date | None, month: datetime.date | None) -> None:
    """A procurement recorded under ``month`` must be dated in it."""
    if day is None or month is None:
        return
    outside = parsing_cells.date_outside_month(day, month)
    if outside:
        raise DomainError(outside, field="procured_on")


def _check_month_open(*, organization: Organization, day: datetime.date) -> None:
    if NoProcurementMonth.objects.filter(
        organization=organization, month=month_start(day)
    ).exists():
        raise DomainError(
            _(
                "%(month)s is declared a month without procurement; withdraw "
                "that declaration first."
            )
            % {"month": thai_dates.format_date(day, style="month")},
            field="procured_on",
        )


def _set_bids(
    *, actor: User | None, procurement: Procurement, bids: Iterable[dict]
) -> None:
    procurement.bids.all().delete()
    seen = set()
    for bid in bids:
        supplier = supplier_get_or_create(
            actor=actor,
            organization=procurement.organization,
            name=bid["name"],
            tax_id=bid.get("tax_id", ""),
        )
        if supplier.pk in seen:
            raise DomainError(
                _("“%(name)s” is listed twice among the bidders.")
                % {"name": supplier.name},
                field="bids",
            )
        seen.add(supplier.pk)
        item = Bid(
            procurement=procurement, supplier=supplier, price=Decimal(bid["price"])
        )
        item.full_clean()
        item.save()


def _bid_pairs(procurement: Procurement) -> list[tuple[str, str]]:
    return sorted(
        (b.supplier.name, str(b.price))
        for b in procurement.bids.select_related("supplier")
    )


def _validate_unique_egp(
    *, organization: Organization, number: str, pk: int | None
) -> None:
    if not number:
        return
    clash = Procurement.objects.filter(
        organization=organization, egp_project_number=number
    ).exclude(pk=pk)
    if clash.exists():
        raise ValidationError(
            {
                "egp_project_number": _(
                    "Another procurement already has this e-GP project number."
                )
            }
        )


def _has_value(procurement: Procurement, name: str) -> bool:
    if name == "supplier":
        return procurement.supplier_id is not None
    return getattr(procurement, name) not in (None, "", False)


def _supplier_for(
    *, actor: User | None, organization: Organization, name: str, tax_id: str
) -> Supplier | None:
    if not name:
        return None
    return supplier_get_or_create(
        actor=actor, organization=organization, name=name, tax_id=tax_id
    )


def _first_sources(
    procurement: Procurement, *, bids: bool, source: provenance.Source
) -> dict:
    """The origin of every value a new record is given (and of its bids)."""
    given = [name for name in PROCUREMENT_WATCHED if _has_value(procurement, name)]
    return provenance.stamp(
        {}, given + (["bids"] if bids else []), source, timezone.now()
    )


@transaction.atomic
def procurement_create(
    # One argument per field of the record.
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    procured_on: datetime.date,
    title: str,
    procurement_type: str,
    method: str,
    budget_category: str,
    budget_amount: Decimal,
    budget_plan: str = "",
    budget_work: str = "",
    expense_type: str = "",
    budget_line: str = "",
    fund_source: str = FundSource.BUDGET_ORDINANCE,
    legal_ground: str = "",
    reference_price: Decimal | None = None,
    egp_project_number: str = "",
    agreed_price: Decimal | None = None,
    selection_reason: str = "",
    contract_number: str = "",
    contract_date: datetime.date | None = None,
    contract_start: datetime.date | None = None,
    contract_end: datetime.date | None = None,
    inspection_date: datetime.date | None = None,
    payment_date: datetime.date | None = None,
    cancelled: bool = False,
    plan_item: PlanItem | None = None,
    supplier_name: str = "",
    supplier_tax_id: str = "",
    bids: Iterable[dict] = (),
    import_key: str = "",
    report_month: datetime.date | None = None,
    source: provenance.Source = provenance.HAND_ENTRY,
) -> Procurement:
    """Add a procurement; ``bids`` are dicts of name, tax_id and price.

    ``report_month`` (any day of it) is the month of the monthly summary the
    record is entered under; ``procured_on`` must fall in it. ``source`` is
    recorded as the origin of every value given (an officer's hand entry
    unless an import or a feed says otherwise).
    """
    _check_in_month(procured_on, report_month)
    procurement = Procurement(
        organization=organization,
        import_key=import_key,
        **given_fields(locals(), PROCUREMENT_FIELDS),
    )
    if procurement.procured_on:
        _check_month_open(organization=organization, day=procurement.procured_on)
    procurement.supplier = _supplier_for(
        actor=actor,
        organization=organization,
        name=supplier_name,
        tax_id=supplier_tax_id,
    )
    _validate_unique_egp(
        organization=organization,
        number=procurement.egp_project_number,
        pk=None,
    )
    procurement.full_clean()
    bids = list(bids)
    procurement.sources = _first_sources(procurement, bids=bool(bids), source=source)
    procurement.save()
    _set_bids(actor=actor, procurement=procurement, bids=bids)
    indicators_year_changed(
        organization=organization, fiscal_year=procurement.fiscal_year
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement.create",
        target=procurement,
        changes=snapshot(procurement, PROCUREMENT_FIELDS),
    )
    return procurement


@transaction.atomic
def procurement_update(
    *,
    actor: User | None,
    procurement: Procurement,
    fiscal_year: int = UNSET,
    procured_on: datetime.date = UNSET,
    title: str = UNSET,
    procurement_type: str = UNSET,
    method: str = UNSET,
    budget_category: str = UNSET,
    budget_amount: Decimal = UNSET,
    budget_plan: str = UNSET,
    budget_work: str = UNSET,
    expense_type: str = UNSET,
    budget_line: str = UNSET,
    fund_source: str = UNSET,
    legal_ground: str = UNSET,
    reference_price: Decimal | None = UNSET,
    egp_project_number: str = UNSET,
    agreed_price: Decimal | None = UNSET,
    selection_reason: str = UNSET,
    contract_number: str = UNSET,
    contract_date: datetime.date | None = UNSET,
    contract_start: datetime.date | None = UNSET,
    contract_end: datetime.date | None = UNSET,
    inspection_date: datetime.date | None = UNSET,
    payment_date: datetime.date | None = UNSET,
    cancelled: bool = UNSET,
    plan_item: PlanItem | None = UNSET,
    supplier_name: str | None = None,
    supplier_tax_id: str = "",
    bids: Iterable[dict] | None = None,
    report_month: datetime.date | None = None,
    source: provenance.Source = provenance.HAND_ENTRY,
) -> Procurement:
    """Change the fields given; ``supplier_name=None`` and ``bids=None`` keep the
    supplier and the bidders as they are ("" removes the supplier).
    ``report_month``: the month the record is entered under, which its date
    must fall in."""
    organization = procurement.organization
    data = given_fields(locals(), PROCUREMENT_FIELDS)
    new_day = data.get("procured_on") or procurement.procured_on
    _check_in_month(new_day, report_month)
    if new_day and month_start(new_day) != month_start(procurement.procured_on):
        _check_month_open(organization=organization, day=new_day)
    if supplier_name is not None:
        data["supplier"] = _supplier_for(
            actor=actor,
            organization=organization,
            name=supplier_name,
            tax_id=supplier_tax_id,
        )
    _validate_unique_egp(
        organization=organization,
        number=data.get("egp_project_number", procurement.egp_project_number),
        pk=procurement.pk,
    )
    old_year = procurement.fiscal_year
    changes = model_update(procurement, data, PROCUREMENT_WATCHED)
    if bids is not None:
        old_bids = _bid_pairs(procurement)
        _set_bids(actor=actor, procurement=procurement, bids=bids)
        new_bids = _bid_pairs(procurement)
        if old_bids != new_bids:
            changes["bids"] = {"old": old_bids, "new": new_bids}
    if changes:
        procurement.sources = provenance.stamp(
            procurement.sources, changes, source, timezone.now()
        )
        procurement.save(update_fields=["sources"])
        for year in {old_year, procurement.fiscal_year}:
            indicators_year_changed(organization=organization, fiscal_year=year)
        audit_log(
            actor=actor,
            organization=organization,
            action="procurement.update",
            target=procurement,
            changes=changes,
        )
    return procurement


@transaction.atomic
def procurement_delete(*, actor: User | None, procurement: Procurement) -> None:
    indicators_year_changed(
        organization=procurement.organization, fiscal_year=procurement.fiscal_year
    )
    delete_audited(
        actor=actor,
        record=procurement,
        organization=procurement.organization,
        action="procurement.delete",
        changes={"title": procurement.title},
    )


# --- documents -------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor: User | None,
    procurement: Procurement,
    kind: str,
    title: str,
    published_on: datetime.date,
    file=None,
    url: str = "",
) -> ProcurementDocument:
    document = ProcurementDocument(
        procurement=procurement,
        kind=kind,
        title=title,
        published_on=published_on,
        url=url,
    )
    if file is not None:
        document.file = file
    document.full_clean()
    document.save()
    audit_log(
        actor=actor,
        organization=procurement.organization,
        action="procurement_document.create",
        target=document,
        changes={"kind": kind, "title": title, "published_on": published_on},
    )
    return document


@transaction.atomic
def document_remove(*, actor: User | None, document: ProcurementDocument) -> None:
    if document.file:
        document.file.delete(save=False)
    delete_audited(
        actor=actor,
        record=document,
        organization=document.procurement.organization,
        action="procurement_document.delete",
        changes={"title": document.title},
    )
