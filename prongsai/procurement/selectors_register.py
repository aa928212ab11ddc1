"""Reads for the register's matching pages: the rows of an import the officer
must settle, values as the page shows them, a record's sources, look-alikes
of a purchase entered by hand."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates

from . import matching, merging, provenance, validation
from .models import ImportBatch, ImportRow, Procurement
from .vocab import BUDGET_CATEGORY_THAI, FUND_SOURCE_THAI, METHOD_THAI, TYPE_THAI

REASON_LABELS = {
    matching.SAME_ROW: _("the same row of an earlier file"),
    matching.SAME_EGP: _("the same e-GP project number"),
    matching.SUPPLIER_ID: _("the same supplier tax ID"),
    matching.SUPPLIER_NAME: _("the same supplier name"),
    matching.AMOUNT_EQUAL: _("the same amount"),
    matching.AMOUNT_NEAR: _("an amount within 1%"),
    matching.TITLE: _("a similar title"),
    matching.DATE: _("dated within 7 days"),
    matching.SHARED_TARGET: _("another row of this import matches it too"),
}
SKIP_LABELS = {
    "signature": _("signature block"),
    "note": _("notes"),
    "total": _("totals row"),
    "caption": _("caption or note under the table"),
    "no_procurement": _("no procurement this month"),
}
SHEET_NOTES = {
    "no_header": _("no procurement table in this sheet; skipped"),
    "empty": _("empty sheet; skipped"),
}
_CHOICES = {
    "method": METHOD_THAI,
    "procurement_type": TYPE_THAI,
    "budget_category": BUDGET_CATEGORY_THAI,
    "fund_source": FUND_SOURCE_THAI,
}


def value_text(name: str, value) -> str:
    """A value of a parsed row or record as the page shows it."""
    if merging.is_blank(value):
        return "–"
    if name in merging.AMOUNTS:
        return f"{Decimal(str(value)):,.2f}"
    if name in ("procured_on", "contract_date", "contract_start", "contract_end"):
        return thai_dates.format_date(datetime.date.fromisoformat(str(value)))
    if name == "supplier":
        tax_id = value.get("tax_id") or ""
        return f"{value['name']} ({tax_id})" if tax_id else value["name"]
    if name == "bids":
        return "; ".join(f"{b['name']} {Decimal(str(b['price'])):,.2f}" for b in value)
    if name == "cancelled":
        return str(_("cancelled"))
    if name in _CHOICES:
        return _CHOICES[name].get(value, value)
    return str(value)


def _differences(conflicts: Mapping, choices: Mapping) -> list[dict]:
    return [
        {
            "name": name,
            "label": validation.field_name(name),
            "existing": value_text(name, old),
            "incoming": value_text(name, new),
            "choice": choices.get(name, merging.EXISTING),
        }
        for name, (old, new) in conflicts.items()
    ]


def import_attention(*, batch: ImportBatch) -> QuerySet[ImportRow]:
    """The rows the officer settles: uncertain matches and conflicts."""
    return batch.import_rows.filter(
        action__in=[ImportRow.Action.UNCERTAIN, ImportRow.Action.CONFLICT]
    ).order_by("action", "sheet", "number", "id")


def attention_items(rows: Iterable[ImportRow]) -> list[dict]:
    """What the preview shows of each row to settle."""
    items = []
    for row in rows:
        decision = row.decision or {}
        candidates = []
        for candidate in row.plan.get("candidates", []):
            candidates.append(
                {
                    "pk": candidate["pk"],
                    "title": candidate["title"],
                    "procured_on": candidate["procured_on"],
                    "amount": candidate["agreed_price"] or candidate["budget_amount"],
                    "supplier": candidate["supplier_name"],
                    "reasons": [
                        str(REASON_LABELS.get(r, r)) for r in candidate["reasons"]
                    ],
                    "differences": _differences(candidate["conflicts"], {}),
                    "chosen": decision.get("action") == "merge"
                    and decision.get("target") == candidate["pk"],
                }
            )
        items.append(
            {
                "row": row,
                "data": row.data,
                "candidates": candidates,
                "differences": _differences(
                    row.plan.get("conflicts", {}), decision.get("fields") or {}
                ),
                "decided_new": decision.get("action") == "create",
            }
        )
    return items


def source_rows(*, procurement: Procurement) -> list[dict]:
    """The source of each recorded value of *procurement*, in form order."""
    from .services import PROCUREMENT_WATCHED

    rows = []
    for name in (*PROCUREMENT_WATCHED, "bids"):
        entry = (procurement.sources or {}).get(name)
        if not entry:
            continue
        at = entry.get("at")
        rows.append(
            {
                "field": validation.field_name(name),
                "source": provenance.describe(entry),
                "at": datetime.datetime.fromisoformat(at) if at else None,
            }
        )
    return rows


def lookalikes(*, organization, values: Mapping) -> list[dict]:
    """Recorded purchases a hand entry may duplicate (best first)."""
    from . import services_register

    (plan,) = services_register.register_merge(
        organization=organization,
        incoming_rows=[dict(values)],
        source=provenance.HAND_ENTRY,
    )
    if plan.action == ImportRow.Action.CREATE:
        return []
    return [
        {
            "pk": candidate["pk"],
            "title": candidate["title"],
            "procured_on": candidate["procured_on"],
            "amount": candidate["agreed_price"] or candidate["budget_amount"],
            "reasons": [str(REASON_LABELS.get(r, r)) for r in candidate["reasons"]],
        }
        for candidate in plan.candidates
    ]
