"""Importing a whole procurement table: preview a file, then commit its rows."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from . import parsing, parsing_rows, selectors
from .models import ImportBatch, ImportProblem, ImportRow, Procurement
from .services import (
    PROCUREMENT_WATCHED,
    no_procurement_month_declare,
    procurement_create,
    procurement_update,
)

IMPORT_CHUNK = 2000


@transaction.atomic
def import_preview(
    *,
    actor: User | None,
    organization: Organization,
    filename: str,
    content: bytes,
    fiscal_year: int | None = None,
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


def _existing(organization: Organization, row: dict) -> Procurement | None:
    """The record a row updates: same natural key, else same e-GP number."""
    records = Procurement.objects.filter(organization=organization)
    existing = records.filter(import_key=row["key"]).first()
    if existing is None and row["egp_project_number"]:
        existing = records.filter(egp_project_number=row["egp_project_number"]).first()
    return existing


def _commit_row(*, actor: User | None, organization: Organization, row: dict) -> str:
    """Write one row; "created", "updated" or "unchanged"."""
    existing = _existing(organization, row)
    if existing is None:
        procurement_create(
            actor=actor,
            organization=organization,
            supplier_name=row["supplier_name"],
            supplier_tax_id=row["supplier_tax_id"],
            bids=row["bids"],
            import_key=row["key"],
            **_row_fields(row),
        )
        return "created"
    before = (snapshot(existing, PROCUREMENT_WATCHED), _bid_list(existing))
    if existing.import_key != row["key"]:
        existing.import_key = row["key"]
        existing.save(update_fields=["import_key"])
    procurement_update(
        actor=actor,
        procurement=existing,
        supplier_name=row["supplier_name"],
        supplier_tax_id=row["supplier_tax_id"],
        bids=row["bids"] if row["bids"] else None,
        **_row_fields(row),
    )
    existing.refresh_from_db()
    after = (snapshot(existing, PROCUREMENT_WATCHED), _bid_list(existing))
    return "updated" if before != after else "unchanged"


def _row_error(row: dict, error: DomainError | ValidationError) -> DomainError:
    message = (
        error.message if isinstance(error, DomainError) else " ".join(error.messages)
    )
    return DomainError(
        _("Row %(row)s: %(message)s") % {"row": row["row"], "message": message}
    )


@transaction.atomic
def import_commit(*, actor: User | None, batch: ImportBatch) -> dict:
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
    outcome = {"created": 0, "updated": 0, "unchanged": 0}
    rows = batch.import_rows.order_by("number", "id").values_list("data", flat=True)
    for row in rows.iterator(chunk_size=IMPORT_CHUNK):
        try:
            outcome[_commit_row(actor=actor, organization=organization, row=row)] += 1
        except (DomainError, ValidationError) as error:
            raise _row_error(row, error) from error
    for month in batch.result.get("no_procurement_months", []):
        no_procurement_month_declare(
            actor=actor,
            organization=organization,
            month=datetime.date.fromisoformat(month),
        )
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
