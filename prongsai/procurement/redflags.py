"""Risk indicators (ข้อสังเกต) over one fiscal year of procurements.

Pure calculation: plain records in, indicators out, no database. What each
indicator checks, and why, is written for people in ``indicators.py``;
``services_indicators`` stores the result per record and per fiscal year
whenever the register changes, and pages read what was stored.

Indicators are signals for a closer look, never findings of wrongdoing
(ACT Ai's wording). Per record, on its prices and bids:

* ``near_reference`` - a competitive method won at 95-100 % of the
  reference price (ราคากลาง): little price competition;
* ``above_reference`` - the agreed price is above the reference price;
* ``low_vs_reference`` - the agreed price is far below the reference price
  (under 70 %): an abnormally low price or a reference price set too high;
* ``low_vs_bidders`` - the lowest bid is far below the other bids;
* ``equal_bids`` / ``clustered_bids`` - bids of the same price, or three or
  more bids within 1 % of each other;
* ``few_bidders`` - a competitive method with fewer than three bids recorded;
* ``contract_above_bid`` - the agreed price is above the winner's own bid;
* ``reference_above_budget`` - a reference price above the budget amount;
* ``near_limit`` - a specific-method purchase just under the limit (500,000
  baht by default) above which an open method is required.

Over several records:

* ``split`` - specific-method purchases from one supplier within 30 days,
  each under the limit, together over it;
* ``split_item`` - specific-method purchases of the same item from two or
  more suppliers within 14 days, each under the limit, together over it;
* ``supplier_share`` - one supplier winning a large share of the year's value.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

DIRECT_METHODS = frozenset(
    {"specific", "legacy_agreed_price", "legacy_special", "legacy_special_case"}
)
#: Methods where bidders compete on price (open and selective methods).
COMPETITIVE_METHODS = frozenset(
    {
        "e_market",
        "e_bidding",
        "price_inquiry",
        "selection",
        "legacy_bidding",
        "legacy_e_auction",
    }
)
SPLIT_WINDOW = datetime.timedelta(days=30)
ITEM_SPLIT_WINDOW = datetime.timedelta(days=14)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class BidRecord:
    supplier_id: int
    price: Decimal


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
    bids: tuple[BidRecord, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    """The organisation's thresholds (``ProcurementSettings``), with defaults."""

    limit: Decimal = Decimal("500000")
    margin_percent: int = 10
    share_percent: int = 40
    min_year_value: Decimal = Decimal("0")
    near_reference_percent: int = 95
    low_reference_percent: int = 70
    low_bid_percent: int = 80
    cluster_percent: Decimal = Decimal("1")
    min_bidders: int = 3


@dataclass
class Flag:
    """One indicator: its code, the records it concerns and the figures behind
    it (JSON-safe: amounts as text, dates ISO), from which ``message`` is
    written in the reader's language."""

    kind: str
    procurement_ids: list[int] = field(default_factory=list)
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        from .indicators import indicator_message

        return indicator_message(self.kind, self.params)

    @property
    def label(self) -> str:
        from .indicators import INDICATORS

        return str(INDICATORS[self.kind].label)

    @property
    def rule(self) -> str:
        from .indicators import INDICATORS

        return str(INDICATORS[self.kind].rule)


def _money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def _percent(part: Decimal, whole: Decimal) -> str:
    return f"{part * HUNDRED / whole:.1f}"


def _value(record: Record) -> Decimal:
    return (
        record.agreed_price if record.agreed_price is not None else record.budget_amount
    )


def find_flags(
    records: Iterable[Record], thresholds: Thresholds | None = None, **overrides
) -> list[Flag]:
    """Every indicator of a fiscal year's (not cancelled) records."""
    base = thresholds or Thresholds()
    if overrides:
        base = Thresholds(**{**base.__dict__, **overrides})
    records = sorted(records, key=lambda r: (r.procured_on, r.id))
    flags: list[Flag] = []
    for record in records:
        flags.extend(record_flags(record, base))
    flags.extend(_split_flags(records, base))
    flags.extend(_item_split_flags(records, base))
    flags.extend(_share_flags(records, base))
    return flags


# --- one record ------------------------------------------------------------------


def record_flags(record: Record, t: Thresholds) -> list[Flag]:
    """The indicators of one record's prices and bids."""
    flags = _price_flags(record, t) + _bid_flags(record, t)
    floor = t.limit * (HUNDRED - t.margin_percent) / HUNDRED
    if record.method in DIRECT_METHODS and floor <= _value(record) <= t.limit:
        flags.append(
            _flag(
                "near_limit",
                record,
                amount=_money(_value(record)),
                limit=_money(t.limit),
            )
        )
    return flags


def _flag(kind: str, record: Record, **params) -> Flag:
    return Flag(kind, [record.id], {"title": record.title, **params})


def _price_flags(record: Record, t: Thresholds) -> list[Flag]:
    flags: list[Flag] = []
    reference, agreed = record.reference_price, record.agreed_price
    if reference is not None and reference > record.budget_amount:
        flags.append(
            _flag(
                "reference_above_budget",
                record,
                reference=_money(reference),
                budget=_money(record.budget_amount),
            )
        )
    if not reference or agreed is None:
        return flags
    figures = {
        "amount": _money(agreed),
        "reference": _money(reference),
        "percent": _percent(agreed, reference),
    }
    if agreed > reference:
        flags.append(_flag("above_reference", record, **figures))
    elif (
        record.method in COMPETITIVE_METHODS
        and agreed * HUNDRED >= reference * t.near_reference_percent
    ):
        flags.append(_flag("near_reference", record, **figures))
    elif agreed * HUNDRED < reference * t.low_reference_percent:
        flags.append(_flag("low_vs_reference", record, **figures))
    return flags


def _bid_flags(record: Record, t: Thresholds) -> list[Flag]:
    flags: list[Flag] = []
    prices = sorted(bid.price for bid in record.bids)
    count = len(prices)
    if record.method in COMPETITIVE_METHODS and 0 < count < t.min_bidders:
        flags.append(_flag("few_bidders", record, count=count))
    if count >= 2 and len(set(prices)) < count:
        same = max(set(prices), key=prices.count)
        flags.append(
            _flag("equal_bids", record, count=prices.count(same), amount=_money(same))
        )
    elif (
        count >= 3
        and (prices[-1] - prices[0]) * HUNDRED <= prices[0] * t.cluster_percent
    ):
        flags.append(
            _flag(
                "clustered_bids",
                record,
                count=count,
                lowest=_money(prices[0]),
                highest=_money(prices[-1]),
                percent=_percent(prices[-1] - prices[0], prices[0]),
            )
        )
    if count >= 2 and prices[0] > 0:
        others = sum(prices[1:], Decimal("0")) / (count - 1)
        if prices[0] * HUNDRED < others * t.low_bid_percent:
            flags.append(
                _flag(
                    "low_vs_bidders",
                    record,
                    lowest=_money(prices[0]),
                    others=_money(others),
                    percent=_percent(prices[0], others),
                )
            )
    winning = next(
        (b.price for b in record.bids if b.supplier_id == record.supplier_id), None
    )
    if (
        winning is not None
        and record.agreed_price is not None
        and record.agreed_price > winning
    ):
        flags.append(
            _flag(
                "contract_above_bid",
                record,
                amount=_money(record.agreed_price),
                bid=_money(winning),
            )
        )
    return flags


# --- several records ---------------------------------------------------------------

_NUMBERS = re.compile(r"[0-9๐-๙]+")
_COUNTERS = re.compile(r"หมู่ที่|หมู่บ้าน|หมู่|รายการที่|ครั้งที่|งวดที่|ลำดับที่|ม\.")
_LEADING_VERB = re.compile(r"^(?:จัดซื้อ|จัดจ้าง|จ้างเหมา|ซื้อ|จ้าง)")
_SEPARATORS = re.compile(r"[\s\-–—_.,:;/()\[\]\"'“”]+")


def item_key(title: str) -> str:
    """What makes two titles the same item: the title without numbers, village
    and item numbers, punctuation, spaces and the leading verb (จัดซื้อ, จ้าง…)."""
    text = unicodedata.normalize("NFC", title).lower()
    text = _COUNTERS.sub(" ", _NUMBERS.sub(" ", text)).strip()
    text = _LEADING_VERB.sub("", text)
    return _SEPARATORS.sub("", text)


def _splittable(record: Record, limit: Decimal) -> bool:
    return record.method in DIRECT_METHODS and _value(record) < limit


def _windows(group: list[Record], window: datetime.timedelta, limit: Decimal, ok):
    """Non-overlapping runs of ``group`` (by date) within ``window`` of each
    other, of two or more records, together over ``limit`` and passing ``ok``."""
    start = 0
    used_until = -1
    for end in range(len(group)):
        while group[end].procured_on - group[start].procured_on > window:
            start += 1
        run = group[start : end + 1]
        total = sum((_value(r) for r in run), Decimal("0"))
        if len(run) >= 2 and total > limit and end > used_until and ok(run):
            yield run, total
            used_until = end
            start = end + 1 if end + 1 < len(group) else start


def _run_params(run: list[Record], total: Decimal, limit: Decimal) -> dict:
    return {
        "count": len(run),
        "first": run[0].procured_on.isoformat(),
        "last": run[-1].procured_on.isoformat(),
        "total": _money(total),
        "limit": _money(limit),
    }


def _split_flags(records: list[Record], t: Thresholds) -> list[Flag]:
    """Direct purchases from one supplier within the window, together over the limit."""
    by_supplier: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        if record.supplier_id is not None and _splittable(record, t.limit):
            by_supplier[record.supplier_id].append(record)
    return [
        Flag(
            "split",
            [r.id for r in run],
            {"supplier": run[0].supplier_name, **_run_params(run, total, t.limit)},
        )
        for group in by_supplier.values()
        for run, total in _windows(group, SPLIT_WINDOW, t.limit, lambda run: True)
    ]


def _item_split_flags(records: list[Record], t: Thresholds) -> list[Flag]:
    """Direct purchases of the same item from two or more suppliers within the
    (shorter) item window, together over the limit."""
    by_item: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if _splittable(record, t.limit):
            key = item_key(record.title)
            if key:
                by_item[key].append(record)

    def several_suppliers(run: list[Record]) -> bool:
        return len({r.supplier_id for r in run}) >= 2

    return [
        Flag(
            "split_item",
            [r.id for r in run],
            {
                "title": run[0].title,
                "suppliers": len({r.supplier_id for r in run}),
                **_run_params(run, total, t.limit),
            },
        )
        for group in by_item.values()
        for run, total in _windows(group, ITEM_SPLIT_WINDOW, t.limit, several_suppliers)
    ]


def _share_flags(records: list[Record], t: Thresholds) -> list[Flag]:
    """A supplier winning a large share of the year's agreed value."""
    flags: list[Flag] = []
    totals: dict[int, Decimal] = defaultdict(Decimal)
    names: dict[int, str] = {}
    ids: dict[int, list[int]] = defaultdict(list)
    for record in records:
        if record.supplier_id is not None and record.agreed_price is not None:
            totals[record.supplier_id] += record.agreed_price
            names[record.supplier_id] = record.supplier_name
            ids[record.supplier_id].append(record.id)
    year_total = sum(totals.values(), Decimal("0"))
    if len(totals) >= 2 and year_total > t.min_year_value:
        for supplier_id, total in sorted(totals.items(), key=lambda kv: -kv[1]):
            if total * HUNDRED >= year_total * t.share_percent:
                flags.append(
                    Flag(
                        "supplier_share",
                        ids[supplier_id],
                        {
                            "supplier": names[supplier_id],
                            "share": _percent(total, year_total),
                            "total": _money(total),
                            "year_total": _money(year_total),
                        },
                    )
                )
    return flags
