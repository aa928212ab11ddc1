"""Writes on the procurement register. Every change is audited."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError

from . import parsing, parsing_cells, parsing_rows, selectors
from .models import (
    AnnualReportNote,
    Bid,
    ImportBatch,
    ImportProblem,
    ImportRow,
    NoProcurementMonth,
    PlanItem,
    Procurement,
    ProcurementDocument,
    Supplier,
)

PROCUREMENT_FIELDS = (
    "fiscal_year",
    "procured_on",
    "budget_plan",
    "budget_work",
    "budget_category",
    "expense_type",
    "budget_line",
    "fund_source",
    "title",
    "procurement_type",
    "method",
    "legal_ground",
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
PLAN_FIELDS = (
    "fiscal_year",
    "title",
    "budget_category",
    "budget_amount",
    "method",
    "expected_month",
    "published_on",
)


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


# --- suppliers -------------------------------------------------------------------


def supplier_get_or_create(
    *, actor, organization, name: str, tax_id: str = ""
) -> Supplier:
    """The organisation's supplier with this tax ID (or, without one, name)."""
    name = parsing_cells.clean_name(name)
    tax_id = (tax_id or "").strip()
    if not name:
        raise DomainError(_("Give the supplier's name."), field="supplier_name")
    if tax_id:
        supplier = Supplier.objects.filter(
            organization=organization, tax_id=tax_id
        ).first()
    else:
        supplier = Supplier.objects.filter(
            organization=organization, tax_id="", name=name
        ).first()
    if supplier is not None:
        if supplier.name != name and tax_id:
            before = snapshot(supplier, ["name"])
            supplier.name = name
            supplier.full_clean()
            supplier.save()
            audit_log(
                actor=actor,
                organization=organization,
                action="supplier.update",
                target=supplier,
                changes=diff(before, snapshot(supplier, ["name"])),
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


def _check_month_open(*, organization, day: datetime.date) -> None:
    if NoProcurementMonth.objects.filter(
        organization=organization, month=_month_start(day)
    ).exists():
        raise DomainError(
            _(
                "%(month)s is declared a month without procurement; withdraw "
                "that declaration first."
            )
            % {"month": thai_dates.format_date(day, style="month")},
            field="procured_on",
        )


def _set_bids(*, actor, procurement: Procurement, bids: Iterable[dict]) -> None:
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


def _validate_unique_egp(procurement: Procurement) -> None:
    if not procurement.egp_project_number:
        return
    clash = Procurement.objects.filter(
        organization=procurement.organization,
        egp_project_number=procurement.egp_project_number,
    ).exclude(pk=procurement.pk)
    if clash.exists():
        raise ValidationError(
            {
                "egp_project_number": _(
                    "Another procurement already has this e-GP project number."
                )
            }
        )


@transaction.atomic
def procurement_create(
    *,
    actor,
    organization,
    supplier_name: str = "",
    supplier_tax_id: str = "",
    bids: Iterable[dict] = (),
    import_key: str = "",
    **fields,
) -> Procurement:
    """Add a procurement; ``bids`` are dicts of name, tax_id and price."""
    procurement = Procurement(organization=organization, import_key=import_key)
    for name, value in fields.items():
        if name not in PROCUREMENT_FIELDS:
            raise TypeError(name)
        setattr(procurement, name, value)
    if procurement.procured_on:
        _check_month_open(organization=organization, day=procurement.procured_on)
    if supplier_name:
        procurement.supplier = supplier_get_or_create(
            actor=actor,
            organization=organization,
            name=supplier_name,
            tax_id=supplier_tax_id,
        )
    _validate_unique_egp(procurement)
    procurement.full_clean()
    procurement.save()
    _set_bids(actor=actor, procurement=procurement, bids=bids)
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
    actor,
    procurement: Procurement,
    supplier_name: str | None = None,
    supplier_tax_id: str = "",
    bids: Iterable[dict] | None = None,
    **fields,
) -> Procurement:
    """Change a procurement; ``bids=None`` keeps the bidders as they are."""
    organization = procurement.organization
    before = snapshot(procurement, (*PROCUREMENT_FIELDS, "supplier"))
    old_month = _month_start(procurement.procured_on)
    for name, value in fields.items():
        if name not in PROCUREMENT_FIELDS:
            raise TypeError(name)
        setattr(procurement, name, value)
    if procurement.procured_on and _month_start(procurement.procured_on) != old_month:
        _check_month_open(organization=organization, day=procurement.procured_on)
    if supplier_name is not None:
        procurement.supplier = (
            supplier_get_or_create(
                actor=actor,
                organization=organization,
                name=supplier_name,
                tax_id=supplier_tax_id,
            )
            if supplier_name
            else None
        )
    _validate_unique_egp(procurement)
    procurement.full_clean()
    procurement.save()
    changes = diff(before, snapshot(procurement, (*PROCUREMENT_FIELDS, "supplier")))
    if bids is not None:
        old_bids = sorted(
            (b.supplier.name, str(b.price)) for b in procurement.bids.all()
        )
        _set_bids(actor=actor, procurement=procurement, bids=bids)
        new_bids = sorted(
            (b.supplier.name, str(b.price)) for b in procurement.bids.all()
        )
        if old_bids != new_bids:
            changes["bids"] = {"old": old_bids, "new": new_bids}
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="procurement.update",
            target=procurement,
            changes=changes,
        )
    return procurement


@transaction.atomic
def procurement_delete(*, actor, procurement: Procurement) -> None:
    audit_log(
        actor=actor,
        organization=procurement.organization,
        action="procurement.delete",
        target=procurement,
        changes={"title": procurement.title},
    )
    procurement.delete()


# --- documents -------------------------------------------------------------------


@transaction.atomic
def document_add(
    *,
    actor,
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
def document_remove(*, actor, document: ProcurementDocument) -> None:
    audit_log(
        actor=actor,
        organization=document.procurement.organization,
        action="procurement_document.delete",
        target=document,
        changes={"title": document.title},
    )
    if document.file:
        document.file.delete(save=False)
    document.delete()


# --- plan ------------------------------------------------------------------------


@transaction.atomic
def plan_item_create(*, actor, organization, **fields) -> PlanItem:
    item = PlanItem(organization=organization)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(name)
        setattr(item, name, value)
    item.full_clean()
    item.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement_plan_item.create",
        target=item,
        changes=snapshot(item, PLAN_FIELDS),
    )
    return item


@transaction.atomic
def plan_item_update(*, actor, item: PlanItem, **fields) -> PlanItem:
    before = snapshot(item, PLAN_FIELDS)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(name)
        setattr(item, name, value)
    item.full_clean()
    item.save()
    changes = diff(before, snapshot(item, PLAN_FIELDS))
    if changes:
        audit_log(
            actor=actor,
            organization=item.organization,
            action="procurement_plan_item.update",
            target=item,
            changes=changes,
        )
    return item


@transaction.atomic
def plan_item_delete(*, actor, item: PlanItem) -> None:
    audit_log(
        actor=actor,
        organization=item.organization,
        action="procurement_plan_item.delete",
        target=item,
        changes={"title": item.title},
    )
    item.delete()


# --- months without procurement ------------------------------------------------


@transaction.atomic
def no_procurement_month_declare(
    *, actor, organization, month: datetime.date, note: str = ""
) -> NoProcurementMonth:
    """Declare that nothing was procured in ``month`` (any day of it)."""
    start = _month_start(month)
    if start > thai_dates.local_date(datetime.datetime.now(tz=thai_dates.BANGKOK)):
        raise DomainError(
            _("A month that has not started cannot be declared."), field="month"
        )
    next_month = (start + datetime.timedelta(days=32)).replace(day=1)
    if Procurement.objects.filter(
        organization=organization, procured_on__gte=start, procured_on__lt=next_month
    ).exists():
        raise DomainError(
            _("%(month)s already has procurements recorded.")
            % {"month": thai_dates.format_date(start, style="month")},
            field="month",
        )
    existing = NoProcurementMonth.objects.filter(
        organization=organization, month=start
    ).first()
    if existing is not None:
        return existing
    record = NoProcurementMonth(organization=organization, month=start, note=note)
    record.full_clean()
    record.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement_no_month.declare",
        target=record,
        changes={"month": start, "note": note},
    )
    return record


@transaction.atomic
def no_procurement_month_withdraw(*, actor, record: NoProcurementMonth) -> None:
    audit_log(
        actor=actor,
        organization=record.organization,
        action="procurement_no_month.withdraw",
        target=record,
        changes={"month": record.month},
    )
    record.delete()


# --- annual notes and settings ---------------------------------------------------


@transaction.atomic
def report_note_save(
    *, actor, organization, fiscal_year: int, problems: str, proposals: str
) -> AnnualReportNote:
    note, _created = AnnualReportNote.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    before = snapshot(note, ["problems", "proposals"])
    note.problems = problems
    note.proposals = proposals
    note.full_clean()
    note.save()
    changes = diff(before, snapshot(note, ["problems", "proposals"]))
    if changes:
        audit_log(
            actor=actor,
            organization=organization,
            action="procurement_report_note.save",
            target=note,
            changes=changes,
        )
    return note


# --- import ----------------------------------------------------------------------


IMPORT_CHUNK = 2000


@transaction.atomic
def import_preview(
    *, actor, organization, filename: str, content: bytes, fiscal_year=None
) -> ImportBatch:
    """Parse an uploaded file and keep the result for the officer to confirm.

    Rows and problems are written in chunks to their own tables, so that the
    preview pages and the commit read them a page at a time. Raises
    ``DomainError`` (on the ``file`` field) when no table can be read at all:
    an unreadable file or one without a recognisable header row.
    """
    result = parsing.parse_file(filename, content, fiscal_year=fiscal_year)
    if not result.layout:
        raise DomainError(
            " ".join(problem.message for problem in result.errors), field="file"
        )
    problems = list(parsing.iter_problems(result))
    errors = sum(1 for p in problems if p["severity"] == parsing_rows.ERROR)
    batch = ImportBatch(
        organization=organization,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        layout=result.layout,
        row_count=len(result.rows),
        error_count=errors,
        warning_count=len(problems) - errors,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        result={"no_procurement_months": result.no_procurement_months},
    )
    batch.full_clean()
    batch.save()
    existing = 0
    for start in range(0, len(result.rows), IMPORT_CHUNK):
        chunk = result.rows[start : start + IMPORT_CHUNK]
        known = set(
            Procurement.objects.filter(
                organization=organization,
                import_key__in=[row["key"] for row in chunk],
            ).values_list("import_key", flat=True)
        )
        existing += sum(1 for row in chunk if row["key"] in known)
        ImportRow.objects.bulk_create(
            ImportRow(
                batch=batch,
                number=row.get("row") or 0,
                exists=row["key"] in known,
                data=row,
            )
            for row in chunk
        )
    for start in range(0, len(problems), IMPORT_CHUNK):
        ImportProblem.objects.bulk_create(
            ImportProblem(
                batch=batch,
                row=problem["row"] or 0,
                column=(problem["column"] or "")[:200],
                severity=problem["severity"],
                message=problem["message"],
            )
            for problem in problems[start : start + IMPORT_CHUNK]
        )
    if existing:
        batch.existing_count = existing
        batch.save(update_fields=["existing_count"])
    return batch


def _row_fields(row: dict) -> dict:
    def date(value):
        return datetime.date.fromisoformat(value) if value else None

    def money(value):
        return Decimal(value) if value is not None else None

    return {
        "fiscal_year": row["fiscal_year"],
        "procured_on": date(row["procured_on"]),
        "title": row["title"],
        "procurement_type": row["procurement_type"],
        "method": row["method"],
        "legal_ground": row["legal_ground"],
        "budget_category": row["budget_category"],
        "fund_source": row["fund_source"],
        "budget_amount": money(row["budget_amount"]),
        "reference_price": money(row["reference_price"]),
        "agreed_price": money(row["agreed_price"]),
        "selection_reason": row["selection_reason"],
        "contract_number": row["contract_number"],
        "contract_date": date(row["contract_date"]),
        "contract_start": date(row["contract_start"]),
        "contract_end": date(row["contract_end"]),
        "egp_project_number": row["egp_project_number"],
        "cancelled": row["cancelled"],
    }


@transaction.atomic
def import_commit(*, actor, batch: ImportBatch) -> dict:
    """Write every row of a previewed import, or nothing.

    A row whose natural key (e-GP number, or title + contract + date) is
    already in the register updates that record, so importing the same file
    twice changes nothing.
    """
    if batch.state != ImportBatch.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    if selectors.import_errors(batch=batch).exists():
        raise DomainError(_("The file has problems; correct them and upload it again."))
    organization = batch.organization
    created = updated = unchanged = 0
    rows = batch.import_rows.order_by("number", "id").values_list("data", flat=True)
    for row in rows.iterator(chunk_size=IMPORT_CHUNK):
        fields = _row_fields(row)
        try:
            existing = Procurement.objects.filter(
                organization=organization, import_key=row["key"]
            ).first()
            if existing is None and row["egp_project_number"]:
                existing = Procurement.objects.filter(
                    organization=organization,
                    egp_project_number=row["egp_project_number"],
                ).first()
            if existing is None:
                procurement_create(
                    actor=actor,
                    organization=organization,
                    supplier_name=row["supplier_name"],
                    supplier_tax_id=row["supplier_tax_id"],
                    bids=row["bids"],
                    import_key=row["key"],
                    **fields,
                )
                created += 1
            else:
                watched = (*PROCUREMENT_FIELDS, "supplier")
                before = (snapshot(existing, watched), _bid_list(existing))
                existing.import_key = row["key"]
                procurement_update(
                    actor=actor,
                    procurement=existing,
                    supplier_name=row["supplier_name"],
                    supplier_tax_id=row["supplier_tax_id"],
                    bids=row["bids"] if row["bids"] else None,
                    **fields,
                )
                existing.refresh_from_db()
                if before != (snapshot(existing, watched), _bid_list(existing)):
                    updated += 1
                else:
                    unchanged += 1
        except DomainError as error:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": error.message}
            ) from error
        except ValidationError as error:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": " ".join(error.messages)}
            ) from error
    for month in batch.result.get("no_procurement_months", []):
        no_procurement_month_declare(
            actor=actor,
            organization=organization,
            month=datetime.date.fromisoformat(month),
        )
    outcome = {"created": created, "updated": updated, "unchanged": unchanged}
    batch.state = ImportBatch.State.COMMITTED
    batch.result = {**batch.result, **outcome}
    batch.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="procurement.import",
        target=batch,
        changes={"file": batch.filename, **outcome},
    )
    return outcome


def _bid_list(procurement: Procurement) -> list:
    return sorted(
        (b.supplier.name, b.supplier.tax_id, str(b.price))
        for b in procurement.bids.select_related("supplier")
    )
