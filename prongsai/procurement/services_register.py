"""One record per purchase, whatever the source: match, stage, decide.

Every source of purchases (an uploaded สขร.1 or e-GP file, an officer's hand
entry, an e-GP feed) hands its rows, in the form of a parsed row
(``parsing_rows.parse_row``), to :func:`register_merge`, which says per row
whether it is new, the same as a recorded purchase (merge), perhaps the same
(uncertain) or the same with different values (conflict). A source that
wants the officer to confirm stages its rows with :func:`register_stage`
(an ``ImportBatch`` shown by the import preview page); the officer settles
uncertain rows and conflicts with :func:`import_decide`; the commit is in
``services_register_apply``. Matching itself is pure (``matching``), as are
merging (``merging``) and the checks (``validation``).

A feed would call::

    batch = register_stage(actor=None, organization=org, rows=rows,
                           source=Source(FEED, "e-GP API 2026-12-07"))
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from . import matching, merging, validation
from .models import (
    Bid,
    ImportBatch,
    ImportProblem,
    ImportRow,
    NoProcurementMonth,
    Procurement,
)
from .provenance import Source

CHUNK = 2000
Action = ImportRow.Action

#: The values of a record that matching reads (one query per chunk of rows).
_CANDIDATE_VALUES = (
    "pk",
    "title",
    "procured_on",
    "contract_date",
    "egp_project_number",
    "import_key",
    "supplier__tax_id",
    "supplier__name",
    "budget_amount",
    "agreed_price",
)
#: The values of a record that merging reads.
_RECORD_VALUES = (
    "pk",
    "title",
    "fiscal_year",
    "procured_on",
    "method",
    "legal_ground",
    "procurement_type",
    "budget_category",
    "fund_source",
    "budget_amount",
    "reference_price",
    "agreed_price",
    "selection_reason",
    "contract_number",
    "contract_date",
    "contract_start",
    "contract_end",
    "egp_project_number",
    "cancelled",
    "supplier__name",
    "supplier__tax_id",
)


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value) if value else None


def _amount(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def incoming_purchase(row: Mapping, ref: int) -> matching.Purchase:
    """What matching needs of an incoming row."""
    dates = tuple(
        {
            d
            for d in (_date(row.get("procured_on")), _date(row.get("contract_date")))
            if d
        }
    )
    amounts = tuple(
        {
            a
            for a in (
                _amount(row.get("budget_amount")),
                _amount(row.get("agreed_price")),
            )
            if a
        }
    )
    return matching.Purchase(
        ref=ref,
        title=row.get("title", ""),
        dates=dates,
        egp=row.get("egp_project_number") or "",
        import_key=row.get("key") or "",
        supplier_tax_id=row.get("supplier_tax_id") or "",
        supplier_name=row.get("supplier_name") or "",
        amounts=amounts,
    )


def _recorded_purchase(values: tuple) -> matching.Purchase:
    pk, title, procured_on, contract_date, egp, key, tax_id, name, budget, agreed = (
        values
    )
    return matching.Purchase(
        ref=pk,
        title=title,
        dates=tuple({d for d in (procured_on, contract_date) if d}),
        egp=egp,
        import_key=key,
        supplier_tax_id=tax_id or "",
        supplier_name=name or "",
        amounts=tuple({a for a in (budget, agreed) if a is not None}),
    )


def _candidates(organization: Organization, purchases: Sequence[matching.Purchase]):
    """The recorded purchases any of *purchases* may be: one query."""
    days = [day for p in purchases for day in p.dates]
    condition = Q(pk__in=[])
    if days:
        window = datetime.timedelta(days=matching.DATE_WINDOW_DAYS)
        low, high = min(days) - window, max(days) + window
        condition |= Q(procured_on__range=(low, high)) | Q(
            contract_date__range=(low, high)
        )
    egps = [p.egp for p in purchases if p.egp]
    keys = [p.import_key for p in purchases if p.import_key]
    if egps:
        condition |= Q(egp_project_number__in=egps)
    if keys:
        condition |= Q(import_key__in=keys)
    rows = (
        Procurement.objects.filter(organization=organization)
        .filter(condition)
        .values_list(*_CANDIDATE_VALUES)
    )
    return matching.CandidateIndex(
        _recorded_purchase(v) for v in rows.iterator(chunk_size=CHUNK)
    )


def record_values(organization: Organization, pks: Iterable[int]) -> dict[int, dict]:
    """Recorded purchases in the form of a parsed row, by primary key."""
    pks = list(set(pks))
    if not pks:
        return {}
    records: dict[int, dict] = {}
    queryset = Procurement.objects.filter(organization=organization, pk__in=pks)
    for values in queryset.values(*_RECORD_VALUES):
        values["supplier_name"] = values.pop("supplier__name") or ""
        values["supplier_tax_id"] = values.pop("supplier__tax_id") or ""
        for name in merging.AMOUNTS:
            values[name] = None if values[name] is None else str(values[name])
        for name in ("procured_on", "contract_date", "contract_start", "contract_end"):
            values[name] = values[name].isoformat() if values[name] else None
        values["bids"] = []
        records[values["pk"]] = values
    bids = Bid.objects.filter(procurement_id__in=pks).order_by("price", "id")
    for pk, name, tax_id, price in bids.values_list(
        "procurement_id", "supplier__name", "supplier__tax_id", "price"
    ):
        records[pk]["bids"].append(
            {"name": name, "tax_id": tax_id, "price": str(price)}
        )
    return records


@dataclass
class RowPlan:
    """What registering one incoming row would do."""

    row: dict
    action: str
    target: int | None = None
    candidates: list[dict] = field(default_factory=list)
    fills: dict = field(default_factory=dict)
    conflicts: dict = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "candidates": self.candidates,
            "fills": self.fills,
            "conflicts": self.conflicts,
        }


def _candidate_dict(comparison: matching.Comparison, record: Mapping, plan) -> dict:
    return {
        "pk": comparison.ref,
        "title": record["title"],
        "procured_on": record["procured_on"],
        "budget_amount": record["budget_amount"],
        "agreed_price": record["agreed_price"],
        "supplier_name": record["supplier_name"],
        "certain": comparison.certain,
        "reasons": comparison.reasons,
        "similarity": round(comparison.title_similarity, 2),
        "days_apart": comparison.days_apart,
        "fills": sorted(plan.fills),
        "conflicts": {k: [old, new] for k, (old, new) in plan.conflicts.items()},
    }


def _plan_row(
    row: dict, match: matching.RowMatch, records: Mapping[int, dict], closed: set[str]
) -> RowPlan:
    plans = {c.ref: merging.merge_plan(records[c.ref], row) for c in match.candidates}
    candidates = [
        _candidate_dict(c, records[c.ref], plans[c.ref]) for c in match.candidates
    ]
    if match.action == matching.MERGE and match.target is not None:
        plan = plans[match.target]
        action = Action.CONFLICT if plan.conflicts else Action.MERGE
        merged = merging.overlay(records[match.target], merging.merged_values(plan))
        return RowPlan(
            row,
            action,
            match.target,
            candidates,
            plan.fills,
            {k: [old, new] for k, (old, new) in plan.conflicts.items()},
            validation.check_record(merged, closed_months=closed),
        )
    action = Action.UNCERTAIN if match.action == matching.UNCERTAIN else Action.CREATE
    problems = validation.check_record(row, closed_months=closed)
    return RowPlan(row, action, match.target, candidates, problems=problems)


def closed_months(organization: Organization) -> set[str]:
    """The months declared without procurement (first days, ISO)."""
    return {
        month.isoformat()
        for month in NoProcurementMonth.objects.filter(
            organization=organization
        ).values_list("month", flat=True)
    }


def register_merge(
    *,
    organization: Organization,
    incoming_rows: Sequence[dict],
    source: Source,
    closed: set[str] | None = None,
) -> list[RowPlan]:
    """Plan, for each incoming row, create / merge / uncertain / conflict.

    Reads only: one query for the candidates and one for the records
    matched (with their bidders) per chunk of :data:`CHUNK` rows, taken in
    date order so that each chunk's date window stays narrow. ``source``
    names where the rows come from (kept for the caller's messages).
    """
    closed = closed_months(organization) if closed is None else closed
    order = sorted(
        range(len(incoming_rows)),
        key=lambda i: incoming_rows[i].get("procured_on") or "",
    )
    plans: list[RowPlan | None] = [None] * len(incoming_rows)
    claimed: dict[int, int] = {}
    for start in range(0, len(order), CHUNK):
        chunk = order[start : start + CHUNK]
        purchases = [incoming_purchase(incoming_rows[i], i) for i in chunk]
        index = _candidates(organization, purchases)
        matches = matching.plan_matches(purchases, index, claimed=claimed)
        records = record_values(
            organization, (c.ref for m in matches for c in m.candidates)
        )
        for i, match in zip(chunk, matches, strict=True):
            plans[i] = _plan_row(incoming_rows[i], match, records, closed)
    return [plan for plan in plans if plan is not None]


# --- staging for the officer's confirmation -------------------------------------


def _month_problems(
    organization: Organization, rows: Sequence[dict], months: Sequence[str]
) -> list[str]:
    """What stops declaring the file's months without procurement."""
    problems = []
    today = timezone.localdate()
    for month in sorted(set(months)):
        start = datetime.date.fromisoformat(month)
        label = thai_dates.format_date(start, style="month")
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        if start > today:
            problems.append(_("A month that has not started cannot be declared."))
        elif any((row.get("procured_on") or "")[:7] == month[:7] for row in rows) or (
            Procurement.objects.filter(
                organization=organization,
                procured_on__gte=start,
                procured_on__lt=following,
            ).exists()
        ):
            problems.append(
                _("%(month)s already has procurements recorded.") % {"month": label}
            )
    return problems


def _count(plans: Iterable[RowPlan]) -> dict[str, int]:
    counts = dict.fromkeys(Action.values, 0)
    for plan in plans:
        counts[plan.action] += 1
    return counts


def _problem(*, message: str, row: int = 0, column: str = "", sheet: str = "") -> dict:
    """A problem of the staged file, as ``ImportProblem`` stores it."""
    return {
        "row": row,
        "column": column,
        "message": message,
        "severity": "error",
        "sheet": sheet,
    }


def _stage_problems(
    organization: Organization,
    plans: Sequence[RowPlan],
    *,
    rows: Sequence[dict],
    problems: Sequence[dict],
    no_procurement_months: Sequence[str],
) -> list[dict]:
    """The problems of reading the source, the checks of each planned row and
    what stops declaring the file's months without procurement."""
    found = list(problems)
    for plan in plans:
        for name, message in plan.problems:
            found.append(
                _problem(
                    row=plan.row.get("row") or 0,
                    column=validation.field_name(name),
                    message=message,
                    sheet=plan.row.get("sheet", ""),
                )
            )
    for month_problem in _month_problems(organization, rows, no_procurement_months):
        found.append(_problem(message=month_problem))
    return found


def _sheet_summaries(sheets: Sequence[dict], plans: Sequence[RowPlan]) -> list[dict]:
    """Each sheet read, with the counts of its planned rows."""
    summaries = [dict(sheet) for sheet in sheets]
    for summary in summaries:
        summary["plan"] = _count(
            p for p in plans if p.row.get("sheet", "") == summary["name"]
        )
    return summaries


def _store_plans(batch: ImportBatch, plans: Sequence[RowPlan]) -> None:
    for start in range(0, len(plans), CHUNK):
        ImportRow.objects.bulk_create(
            ImportRow(
                batch=batch,
                sheet=(plan.row.get("sheet") or "")[:100],
                number=plan.row.get("row") or 0,
                exists=plan.action in (Action.MERGE, Action.CONFLICT),
                data=plan.row,
                action=plan.action,
                target_id=plan.target,
                plan=plan.as_dict(),
            )
            for plan in plans[start : start + CHUNK]
        )


def _store_problems(
    batch: ImportBatch, found: list[dict], sheets: Sequence[dict]
) -> None:
    """Keep *found* in the order of the sheets, rows and columns."""
    found.sort(
        key=lambda p: (
            _sheet_order(sheets, p.get("sheet") or ""),
            p["row"] or 0,
            p["column"] or "",
        )
    )
    for start in range(0, len(found), CHUNK):
        ImportProblem.objects.bulk_create(
            ImportProblem(
                batch=batch,
                sheet=(p.get("sheet") or "")[:100],
                row=p["row"] or 0,
                column=(p["column"] or "")[:200],
                severity=p["severity"],
                message=p["message"],
            )
            for p in found[start : start + CHUNK]
        )


def register_stage(
    *,
    actor: User | None,
    organization: Organization,
    rows: Sequence[dict],
    source: Source,
    layout: str = "",
    content: bytes = b"",
    problems: Sequence[dict] = (),
    sheets: Sequence[dict] = (),
    no_procurement_months: Sequence[str] = (),
) -> ImportBatch:
    """Plan *rows* and keep the plan for the officer to confirm (an import).

    *problems* are those found reading the source (dicts of row, column,
    message, severity, sheet); the checks of every planned row are added.
    """
    closed = closed_months(organization)
    plans = register_merge(
        organization=organization, incoming_rows=rows, source=source, closed=closed
    )
    found = _stage_problems(
        organization,
        plans,
        rows=rows,
        problems=problems,
        no_procurement_months=no_procurement_months,
    )
    errors = sum(1 for p in found if p["severity"] == "error")
    counts = _count(plans)
    batch = ImportBatch(
        organization=organization,
        filename=(source.label or "")[:255],
        source=(source.label or "")[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        layout=layout or source.kind,
        row_count=len(plans),
        existing_count=counts[Action.MERGE] + counts[Action.CONFLICT],
        error_count=errors,
        warning_count=len(found) - errors,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        result={
            "no_procurement_months": list(no_procurement_months),
            "plan": counts,
            "sheets": _sheet_summaries(sheets, plans),
            "source_kind": source.kind,
        },
    )
    batch.full_clean()
    batch.save()
    _store_plans(batch, plans)
    _store_problems(batch, found, sheets)
    return batch


def _sheet_order(sheets: Sequence[dict], name: str) -> int:
    for index, sheet in enumerate(sheets):
        if sheet["name"] == name:
            return index
    return 0


# --- the officer's decisions ------------------------------------------------------


def _decided_values(row: ImportRow, decision: Mapping, records: Mapping[int, dict]):
    """The record as *decision* would leave it, and the target (or None)."""
    if decision.get("action") == Action.CREATE:
        return row.data, None
    target: int | None = decision.get("target") or row.target_id
    record = records.get(target) if target is not None else None
    if record is None:
        raise DomainError(_("The record to merge into no longer exists."))
    plan = merging.merge_plan(record, row.data)
    values = merging.merged_values(plan, decision.get("fields") or {})
    return merging.overlay(record, values), target


def import_decide(
    *, actor: User | None, batch: ImportBatch, decisions: Mapping[int, Mapping]
) -> int:
    """Record the officer's decisions, by import row id: ``{"action": "merge"
    | "create", "target": pk, "fields": {field: "existing" | "incoming"}}``.

    A merge is only into a record the row was matched with; each decision is
    checked as the commit will check it. Returns how many rows were decided.
    """
    if batch.state != ImportBatch.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    rows = {row.pk: row for row in batch.import_rows.filter(pk__in=list(decisions))}
    allowed = {
        row.pk: {c["pk"] for c in row.plan.get("candidates", [])} | {row.target_id}
        for row in rows.values()
    }
    targets = {}
    for pk, decision in decisions.items():
        if pk not in rows:
            raise DomainError(
                _("This decision does not match the import; reload the page.")
            )
        targets[pk] = decision.get("target") or rows[pk].target_id
        if decision.get("action") != Action.CREATE and targets[pk] not in allowed[pk]:
            raise DomainError(
                _("This decision does not match the import; reload the page.")
            )
    records = record_values(batch.organization, [t for t in targets.values() if t])
    closed = closed_months(batch.organization)
    for pk, decision in decisions.items():
        row = rows[pk]
        values, target = _decided_values(row, decision, records)
        problems = validation.check_record(values, closed_months=closed)
        if problems:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row.number, "message": " ".join(m for _f, m in problems)}
            )
        row.decision = {
            "action": decision.get("action") or Action.MERGE,
            "target": target,
            "fields": dict(decision.get("fields") or {}),
        }
        row.save(update_fields=["decision"])
    if decisions:
        audit_log(
            actor=actor,
            organization=batch.organization,
            action="procurement.import_decide",
            target=batch,
            changes={"rows": len(decisions)},
        )
    return len(decisions)
