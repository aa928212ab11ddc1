"""What merging an incoming purchase into a record changes (pure, no database).

Values on both sides are in the form of a parsed row (``parsing_rows``):
amounts and dates as text, the supplier as a name and a tax ID, bidders as
a list. Merging fills the record's empty fields, never empties one (a source
that does not carry a field, or leaves it blank, says nothing about it), and
reports a *conflict* where both sides have different values; the officer
keeps the recorded value or takes the incoming one, field by field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .matching import supplier_key

EXISTING = "existing"
INCOMING = "incoming"

#: Fields merging compares, in the order the preview lists them. The title,
#: the date and the fiscal year identify the record and stay as recorded.
MERGE_FIELDS = (
    "egp_project_number",
    "method",
    "legal_ground",
    "procurement_type",
    "budget_category",
    "fund_source",
    "budget_amount",
    "reference_price",
    "agreed_price",
    "supplier",
    "bids",
    "selection_reason",
    "contract_number",
    "contract_date",
    "contract_start",
    "contract_end",
    "cancelled",
)
AMOUNTS = ("budget_amount", "reference_price", "agreed_price")


def is_blank(value) -> bool:
    return value in (None, "", False, [], {})


def _comparable(name: str, value):
    """The value as compared: amounts as Decimals, names without legal forms."""
    if is_blank(value):
        return None
    if name in AMOUNTS:
        return Decimal(str(value))
    if name == "supplier":
        tax_id = value.get("tax_id") or ""
        return ("id", tax_id) if tax_id else ("name", supplier_key(value["name"]))
    if name == "bids":
        return sorted(
            (supplier_key(bid["name"]), Decimal(str(bid["price"]))) for bid in value
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def row_value(row: Mapping, name: str):
    """The value of merge field *name* in a parsed row."""
    if name == "supplier":
        if not row.get("supplier_name"):
            return None
        return {"name": row["supplier_name"], "tax_id": row.get("supplier_tax_id", "")}
    return row.get(name)


def carried_fields(row: Mapping) -> set[str]:
    """The merge fields the source of *row* carries (all, when it does not say)."""
    carried = row.get("carried")
    if carried is None:
        return set(MERGE_FIELDS)
    names = set(carried)
    if "supplier_name" in names or "winner" in names:
        names.add("supplier")
    return names & set(MERGE_FIELDS)


@dataclass
class MergePlan:
    """Fields to fill, fields in conflict (recorded, incoming), fields alike."""

    fills: dict[str, object] = field(default_factory=dict)
    conflicts: dict[str, tuple[object, object]] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "fills": self.fills,
            "conflicts": {k: [old, new] for k, (old, new) in self.conflicts.items()},
        }


def merge_plan(existing: Mapping, incoming: Mapping) -> MergePlan:
    """Compare a record's values with an incoming row's, field by field."""
    plan = MergePlan()
    for name in MERGE_FIELDS:
        if name not in carried_fields(incoming):
            continue
        new = row_value(incoming, name)
        if is_blank(new):
            continue
        old = row_value(existing, name)
        if is_blank(old):
            plan.fills[name] = new
        elif name == "supplier":
            _merge_supplier(plan, old, new)
        elif _comparable(name, old) != _comparable(name, new):
            plan.conflicts[name] = (old, new)
    return plan


def _merge_supplier(plan: MergePlan, old: dict, new: dict) -> None:
    """Tax IDs decide when both sides have one, else the names; a tax ID the
    record lacks is filled in when the names agree."""
    old_id, new_id = old.get("tax_id") or "", new.get("tax_id") or ""
    if old_id and new_id:
        if old_id != new_id:
            plan.conflicts["supplier"] = (old, new)
    elif supplier_key(old["name"]) != supplier_key(new["name"]):
        plan.conflicts["supplier"] = (old, new)
    elif new_id:
        plan.fills["supplier"] = {"name": old["name"], "tax_id": new_id}


def merged_values(
    plan: MergePlan, choices: Mapping[str, str] | None = None
) -> dict[str, object]:
    """The values to write: every fill, and each conflict the officer settled
    for the incoming value (the recorded one stays otherwise)."""
    choices = choices or {}
    values = dict(plan.fills)
    for name, (_old, new) in plan.conflicts.items():
        if choices.get(name) == INCOMING:
            values[name] = new
    return values


def overlay(existing: Mapping, values: Mapping) -> dict:
    """The record as it will be: *existing* with merged *values* written over."""
    result = dict(existing)
    for name, value in values.items():
        if name == "supplier":
            result["supplier_name"] = value["name"]
            result["supplier_tax_id"] = value.get("tax_id", "")
        else:
            result[name] = value
    return result


def settled(choices: Mapping[str, str], conflicts: Iterable[str]) -> bool:
    return all(choices.get(name) in (EXISTING, INCOMING) for name in conflicts)
