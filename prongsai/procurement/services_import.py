"""Importing a whole procurement table: preview a file, then commit its rows.

The preview parses every worksheet and stages the rows with
``services_register.register_stage`` (matched against the register, checked
with ``validation.check_record``); the commit writes them all or nothing,
checking each row again with the same function, so a row the preview
accepts is a row the commit accepts.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from . import merging, parsing, selectors, services_register, validation
from .models import ImportBatch, ImportRow, Procurement
from .provenance import FILE, Source
from .services import (
    PROCUREMENT_WATCHED,
    procurement_create,
    procurement_update,
)
from .services_year import no_procurement_month_declare

IMPORT_CHUNK = services_register.CHUNK
Action = ImportRow.Action


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
    return services_register.register_stage(
        actor=actor,
        organization=organization,
        rows=result.rows,
        source=Source(FILE, filename),
        layout=result.layout,
        content=content,
        problems=list(parsing.iter_problems(result)),
        sheets=[sheet.as_dict() for sheet in result.sheets],
        no_procurement_months=result.no_procurement_months,
    )


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _money(value):
    return Decimal(value) if value not in (None, "") else None


def _row_fields(row: Mapping) -> dict:
    return {
        "fiscal_year": row["fiscal_year"],
        "procured_on": _date(row["procured_on"]),
        "title": row["title"],
        "procurement_type": row["procurement_type"],
        "method": row["method"],
        "legal_ground": row.get("legal_ground", ""),
        "budget_category": row["budget_category"],
        "fund_source": row["fund_source"],
        "budget_amount": _money(row["budget_amount"]),
        "reference_price": _money(row.get("reference_price")),
        "agreed_price": _money(row.get("agreed_price")),
        "selection_reason": row.get("selection_reason", ""),
        "contract_number": row.get("contract_number", ""),
        "contract_date": _date(row.get("contract_date")),
        "contract_start": _date(row.get("contract_start")),
        "contract_end": _date(row.get("contract_end")),
        "egp_project_number": row.get("egp_project_number", ""),
        "cancelled": bool(row.get("cancelled")),
    }


def _merge_arguments(values: Mapping) -> dict:
    """``procurement_update`` arguments for merged values (row form)."""
    arguments: dict = {}
    for name, value in values.items():
        if name == "supplier":
            arguments["supplier_name"] = value["name"]
            arguments["supplier_tax_id"] = value.get("tax_id", "")
        elif name == "bids":
            arguments["bids"] = value
        elif name in merging.AMOUNTS:
            arguments[name] = _money(value)
        elif name in ("contract_date", "contract_start", "contract_end"):
            arguments[name] = _date(value)
        else:
            arguments[name] = value
    return arguments


def _row_error(row: ImportRow, message: str) -> DomainError:
    where = _("Row %(row)s") % {"row": row.number}
    if row.sheet:
        where = _("Sheet %(sheet)s, row %(row)s") % {
            "sheet": row.sheet,
            "row": row.number,
        }
    return DomainError(f"{where}: {message}")


def _target(row: ImportRow) -> int | None:
    """The record a row merges into: the officer's choice, else the match."""
    return row.decision.get("target") or row.target_id


class _Commit:
    """Writes the rows of one import, counting what happened."""

    def __init__(self, actor: User | None, batch: ImportBatch) -> None:
        self.actor = actor
        self.batch = batch
        self.organization = batch.organization
        self.source = Source(
            batch.result.get("source_kind") or FILE, batch.source or batch.filename
        )
        self.closed = services_register.closed_months(self.organization)
        self.outcome = {"created": 0, "updated": 0, "unchanged": 0}

    def chunk(self, rows: list[ImportRow]) -> None:
        targets = [t for row in rows if (t := _target(row)) is not None]
        records = services_register.record_values(self.organization, targets)
        keys = set(
            Procurement.objects.filter(
                organization=self.organization,
                import_key__in=[
                    row.data.get("key") for row in rows if row.data.get("key")
                ],
            ).values_list("import_key", flat=True)
        )
        for row in rows:
            try:
                self.row(row, records, keys)
            except (DomainError, ValidationError) as error:
                message = (
                    error.message
                    if isinstance(error, DomainError)
                    else " ".join(error.messages)
                )
                raise _row_error(row, str(message)) from error

    def _action(self, row: ImportRow) -> str:
        if row.action == Action.UNCERTAIN:
            return row.decision.get("action") or Action.UNCERTAIN
        if row.decision.get("action") == Action.CREATE:
            return Action.CREATE
        return Action.CREATE if row.action == Action.CREATE else Action.MERGE

    def row(self, row: ImportRow, records, keys: set) -> None:
        action = self._action(row)
        if action == Action.CREATE:
            self._check(row, row.data)
            key = row.data.get("key", "")
            procurement_create(
                actor=self.actor,
                organization=self.organization,
                supplier_name=row.data.get("supplier_name", ""),
                supplier_tax_id=row.data.get("supplier_tax_id", ""),
                bids=row.data.get("bids") or [],
                import_key="" if key in keys else key,
                source=self.source,
                **_row_fields(row.data),
            )
            keys.add(key)
            self.outcome["created"] += 1
            return
        target = _target(row)
        record = records.get(target) if target is not None else None
        if target is None or record is None:
            raise DomainError(_("The record to merge into no longer exists."))
        plan = merging.merge_plan(record, row.data)
        choices = row.decision.get("fields") or {}
        values = merging.merged_values(plan, choices)
        self._check(row, merging.overlay(record, values))
        changed = self._merge(target, row, plan, values, choices, keys)
        self.outcome["updated" if changed else "unchanged"] += 1

    def _check(self, row: ImportRow, values: Mapping) -> None:
        problems = validation.check_record(values, closed_months=self.closed)
        if problems:
            name, message = problems[0]
            raise DomainError(f"{validation.field_name(name)}: {message}")

    def _merge(self, pk: int, row: ImportRow, plan, values, choices, keys) -> bool:
        procurement = Procurement.objects.select_related("supplier").get(
            organization=self.organization, pk=pk
        )
        before = snapshot(procurement, PROCUREMENT_WATCHED)
        key = row.data.get("key", "")
        if not procurement.import_key and key and key not in keys:
            procurement.import_key = key
            procurement.save(update_fields=["import_key"])
            keys.add(key)
        if values:
            procurement_update(
                actor=self.actor,
                procurement=procurement,
                source=self.source,
                **_merge_arguments(values),
            )
        changed = (
            snapshot(procurement, PROCUREMENT_WATCHED) != before or "bids" in values
        )
        audit_log(
            actor=self.actor,
            organization=self.organization,
            action="procurement.merge",
            target=procurement,
            changes={
                "source": self.source.label,
                "row": row.number,
                "sheet": row.sheet,
                "filled": sorted(plan.fills),
                "conflicts": {
                    name: {
                        "existing": old,
                        "incoming": new,
                        "kept": choices.get(name, merging.EXISTING),
                    }
                    for name, (old, new) in plan.conflicts.items()
                },
            },
        )
        return changed


@transaction.atomic
def import_commit(*, actor: User | None, batch: ImportBatch) -> dict:
    """Write every row of a previewed import, or nothing.

    New rows become records; rows matched with a record fill its empty
    fields and, where the officer chose the incoming value, replace a
    different one; each merge is audited with its source. Importing the
    same file twice changes nothing.
    """
    batch = ImportBatch.objects.select_for_update().get(
        pk=batch.pk, organization=batch.organization
    )
    if batch.state != ImportBatch.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    if selectors.import_errors(batch=batch).exists():
        raise DomainError(_("The file has problems; correct them and upload it again."))
    undecided = batch.import_rows.filter(action=Action.UNCERTAIN, decision={}).count()
    if undecided:
        raise DomainError(
            _(
                "%(count)s rows may be purchases already in the register; "
                "decide for each whether to merge it or add it as new."
            )
            % {"count": undecided}
        )
    commit = _Commit(actor, batch)
    rows = batch.import_rows.order_by("number", "id")
    chunk: list[ImportRow] = []
    for row in rows.iterator(chunk_size=IMPORT_CHUNK):
        chunk.append(row)
        if len(chunk) == IMPORT_CHUNK:
            commit.chunk(chunk)
            chunk = []
    commit.chunk(chunk)
    for month in batch.result.get("no_procurement_months", []):
        no_procurement_month_declare(
            actor=actor,
            organization=batch.organization,
            month=datetime.date.fromisoformat(month),
        )
    outcome = commit.outcome
    batch.state = ImportBatch.State.COMMITTED
    batch.result = {
        **batch.result,
        **outcome,
        "committed_at": timezone.now().isoformat(),
    }
    batch.save()
    audit_log(
        actor=actor,
        organization=batch.organization,
        action="procurement.import",
        target=batch,
        changes={"file": batch.filename, **outcome},
    )
    return outcome
