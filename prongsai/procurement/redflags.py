"""Red flags over one fiscal year of procurements (pure, no database).

These are indicators for a closer look, never accusations:

* ``near_limit`` - a specific-method purchase just under the limit (500,000
  baht by default) above which an open method is required;
* ``split`` - several specific-method purchases from the same supplier within
  30 days, each under the limit but together over it;
* ``supplier_share`` - one supplier winning a large share of the year's value;
* ``reference_above_budget`` - a reference price above the budget amount.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.core import thai_dates

DIRECT_METHODS = frozenset(
    {"specific", "legacy_agreed_price", "legacy_special", "legacy_special_case"}
)
SPLIT_WINDOW = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Record:
    id: int
    title: str
    method: str
    procured_on: datetime.date
    budget_amount: Decimal
    reference_price: Decimal | None
    agreed_price: Decimal | None
    supplier_id: int | None
    supplier_name: str = ""


@dataclass
class Flag:
    kind: str
    message: str
    procurement_ids: list[int] = field(default_factory=list)


def _baht(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _value(record: Record) -> Decimal:
    return (
        record.agreed_price if record.agreed_price is not None else record.budget_amount
    )


def find_flags(
    records: Iterable[Record],
    *,
    limit: Decimal = Decimal("500000"),
    margin_percent: int = 10,
    share_percent: int = 40,
    min_year_value: Decimal = Decimal("0"),
) -> list[Flag]:
    records = sorted(records, key=lambda r: (r.procured_on, r.id))
    floor = limit * (Decimal(100 - margin_percent) / Decimal(100))
    return [
        *_record_flags(records, limit=limit, floor=floor),
        *_split_flags(records, limit=limit),
        *_share_flags(
            records, share_percent=share_percent, min_year_value=min_year_value
        ),
    ]


def _record_flags(
    records: list[Record], *, limit: Decimal, floor: Decimal
) -> list[Flag]:
    """A reference price above the budget; a direct purchase just under the limit."""
    flags: list[Flag] = []
    for record in records:
        if record.reference_price is not None and (
            record.reference_price > record.budget_amount
        ):
            flags.append(
                Flag(
                    "reference_above_budget",
                    _(
                        "“%(title)s”: the reference price %(reference)s baht is "
                        "above the budget amount %(budget)s baht."
                    )
                    % {
                        "title": record.title,
                        "reference": _baht(record.reference_price),
                        "budget": _baht(record.budget_amount),
                    },
                    [record.id],
                )
            )
        if record.method in DIRECT_METHODS and floor <= _value(record) <= limit:
            flags.append(
                Flag(
                    "near_limit",
                    _(
                        "“%(title)s”: %(amount)s baht by the specific method, just "
                        "under the %(limit)s baht limit."
                    )
                    % {
                        "title": record.title,
                        "amount": _baht(_value(record)),
                        "limit": _baht(limit),
                    },
                    [record.id],
                )
            )
    return flags


def _split_flags(records: list[Record], *, limit: Decimal) -> list[Flag]:
    """Direct purchases from one supplier within the window, together over the limit."""
    flags: list[Flag] = []
    # Split purchases: same supplier, direct method, within the window.
    by_supplier: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        if (
            record.method in DIRECT_METHODS
            and record.supplier_id is not None
            and _value(record) < limit
        ):
            by_supplier[record.supplier_id].append(record)
    for group in by_supplier.values():
        start = 0
        used_until = -1
        for end in range(len(group)):
            while group[end].procured_on - group[start].procured_on > SPLIT_WINDOW:
                start += 1
            window = group[start : end + 1]
            total = sum((_value(r) for r in window), Decimal("0"))
            if len(window) >= 2 and total > limit and end > used_until:
                flags.append(
                    Flag(
                        "split",
                        _(
                            "%(count)s specific-method purchases from %(supplier)s "
                            "between %(first)s and %(last)s total %(total)s baht, "
                            "over the %(limit)s baht limit."
                        )
                        % {
                            "count": len(window),
                            "supplier": window[0].supplier_name,
                            "first": thai_dates.format_date(
                                window[0].procured_on, style="medium"
                            ),
                            "last": thai_dates.format_date(
                                window[-1].procured_on, style="medium"
                            ),
                            "total": _baht(total),
                            "limit": _baht(limit),
                        },
                        [r.id for r in window],
                    )
                )
                used_until = end
                start = end + 1 if end + 1 < len(group) else start
    return flags


def _share_flags(
    records: list[Record], *, share_percent: int, min_year_value: Decimal
) -> list[Flag]:
    """A supplier winning a large share of the year's agreed value."""
    flags: list[Flag] = []
    # Supplier share of the year's agreed value.
    totals: dict[int, Decimal] = defaultdict(Decimal)
    names: dict[int, str] = {}
    ids: dict[int, list[int]] = defaultdict(list)
    for record in records:
        if record.supplier_id is not None and record.agreed_price is not None:
            totals[record.supplier_id] += record.agreed_price
            names[record.supplier_id] = record.supplier_name
            ids[record.supplier_id].append(record.id)
    year_total = sum(totals.values(), Decimal("0"))
    if len(totals) >= 2 and year_total > min_year_value:
        for supplier_id, total in sorted(totals.items(), key=lambda kv: -kv[1]):
            share = total * 100 / year_total
            if share >= share_percent:
                flags.append(
                    Flag(
                        "supplier_share",
                        _(
                            "%(supplier)s won %(share)s%% of the year's agreed "
                            "value (%(total)s of %(year_total)s baht)."
                        )
                        % {
                            "supplier": names[supplier_id],
                            "share": f"{share:.1f}",
                            "total": _baht(total),
                            "year_total": _baht(year_total),
                        },
                        ids[supplier_id],
                    )
                )
    return flags


def records_from(procurements) -> list[Record]:
    return [
        Record(
            id=p.pk,
            title=p.title,
            method=p.method,
            procured_on=p.procured_on,
            budget_amount=p.budget_amount,
            reference_price=p.reference_price,
            agreed_price=p.agreed_price,
            supplier_id=p.supplier_id,
            supplier_name=p.supplier.name if p.supplier_id else "",
        )
        for p in procurements
        if not p.cancelled
    ]
