"""Is this incoming purchase one the register already holds? (pure, no database)

Purchases reach the register from several sources: the monthly สขร.1 file,
the e-GP/CGD data, an officer's hand entry, later an e-GP feed. One purchase
must stay one record whatever the order it arrives in, so every source goes
through :func:`plan_matches` (the database side, ``services_register``, only
fetches the candidates and writes the outcome).

Rules, in order:

1. the same row of the same kind of file (its natural key) → certain;
2. the same e-GP project number on both → certain; two different e-GP
   numbers → never the same purchase;
3. otherwise a candidate dated within :data:`DATE_WINDOW_DAYS` of the
   incoming one (either's procurement or contract date) is compared on the
   supplier (tax ID, else name without legal forms and titles), the amount
   (equal, or within :data:`AMOUNT_TOLERANCE`) and the title (character
   trigrams). Supplier, amount and a similar title together are certain;
   weaker evidence is *uncertain* and the officer decides; nothing is
   guessed silently.

Two incoming rows never merge into the same record without the officer:
the second becomes uncertain.
"""

from __future__ import annotations

import bisect
import datetime
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from prongsai.core.text_similarity import jaccard, trigrams

DATE_WINDOW_DAYS = 7
AMOUNT_TOLERANCE = Decimal("0.01")
TITLE_CERTAIN = 0.35  # with supplier and amount agreeing
TITLE_STRONG = 0.6  # enough, with one of supplier or amount, to ask
MAX_CANDIDATES = 3  # shown to the officer for an uncertain row

CREATE = "create"
MERGE = "merge"
UNCERTAIN = "uncertain"
CONFLICT = "conflict"

# Reasons (shown in Thai by the preview).
SAME_ROW = "same_row"
SAME_EGP = "same_egp"
SUPPLIER_ID = "supplier_id"
SUPPLIER_NAME = "supplier_name"
AMOUNT_EQUAL = "amount_equal"
AMOUNT_NEAR = "amount_near"
TITLE = "title"
DATE = "date"
SHARED_TARGET = "shared_target"

# Legal forms, titles of persons and shop words, longest first.
_NAME_WORDS = sorted(
    [
        "ห้างหุ้นส่วนจำกัด",
        "ห้างหุ้นส่วนสามัญ",
        "ห้างหุ้นส่วน",
        "บริษัท",
        "บจก.",
        "บมจ.",
        "หจก.",
        "(มหาชน)",
        "มหาชน",
        "จำกัด",
        "ร้าน",
        "นางสาว",
        "น.ส.",
        "นาย",
        "นาง",
        "(สำนักงานใหญ่)",
        "สำนักงานใหญ่",
        "(สัญญากิจการค้าร่วม)",
    ],
    key=len,
    reverse=True,
)
_NAME_RE = re.compile("|".join(re.escape(word) for word in _NAME_WORDS))
_NOT_NAME = re.compile(r"[\s.,\-–()\"'“”]+")
_TITLE_NOISE = re.compile(r"[\s\"'“”‘’(),.\-–/:;]+")
_THAI_DIGIT = re.compile("[๐-๙]")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _arabic(text: str) -> str:
    # translate() is slow on Thai text: only when there is a Thai digit.
    return text.translate(_ARABIC) if _THAI_DIGIT.search(text) else text


@lru_cache(maxsize=65536)
def supplier_key(name: str) -> str:
    """A supplier's name without legal forms, titles, spaces and Thai digits:
    ``ห้างหุ้นส่วนจำกัด ก.การค้า`` and ``หจก.ก. การค้า`` are one supplier."""
    text = _arabic(str(name or "")).lower()
    text = _NAME_RE.sub("", text)
    return _NOT_NAME.sub("", text)


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """A title for comparing: lower case, Arabic digits, no spaces or punctuation."""
    return _TITLE_NOISE.sub("", _arabic(str(title or "")).lower())


@lru_cache(maxsize=65536)
def title_grams(title: str) -> frozenset[str]:
    return frozenset(trigrams(title_key(title)))


def amounts_close(a: Decimal, b: Decimal) -> bool:
    """Equal, or within :data:`AMOUNT_TOLERANCE` of the larger."""
    if a == b:
        return True
    larger = max(a, b)
    return larger > 0 and abs(a - b) <= larger * AMOUNT_TOLERANCE


@dataclass(frozen=True)
class Purchase:
    """What matching needs of a purchase, incoming or recorded.

    ``ref`` identifies it to the caller: the row number of an incoming row,
    the primary key of a record.
    """

    ref: int
    title: str
    dates: tuple[datetime.date, ...]
    egp: str = ""
    import_key: str = ""
    supplier_tax_id: str = ""
    supplier_name: str = ""
    amounts: tuple[Decimal, ...] = ()

    supplier: str = field(init=False, repr=False, compare=False)
    tax_id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tax_id = self.supplier_tax_id or ""
        masked = "x" in tax_id.lower() or "*" in tax_id
        object.__setattr__(self, "tax_id", "" if masked else tax_id)
        object.__setattr__(self, "supplier", supplier_key(self.supplier_name))

    @property
    def grams(self) -> frozenset[str]:
        return title_grams(self.title)


@dataclass
class Comparison:
    """How an incoming purchase compares with one candidate."""

    ref: int
    score: float
    certain: bool
    reasons: list[str] = field(default_factory=list)
    title_similarity: float = 0.0
    days_apart: int = 0


def _days_apart(a: Purchase, b: Purchase) -> int | None:
    if not a.dates or not b.dates:
        return None
    return min(abs((x - y).days) for x in a.dates for y in b.dates)


def _supplier_verdict(a: Purchase, b: Purchase) -> tuple[int, str]:
    """+1 the same supplier, -1 two different ones, 0 unknown; and the reason."""
    if a.tax_id and b.tax_id:
        return (1, SUPPLIER_ID) if a.tax_id == b.tax_id else (-1, "")
    if a.supplier and b.supplier:
        return (1, SUPPLIER_NAME) if a.supplier == b.supplier else (-1, "")
    return 0, ""


def _amount_verdict(a: Purchase, b: Purchase) -> tuple[int, str]:
    if not a.amounts or not b.amounts:
        return 0, ""
    if any(x == y for x in a.amounts for y in b.amounts):
        return 1, AMOUNT_EQUAL
    if any(amounts_close(x, y) for x in a.amounts for y in b.amounts):
        return 1, AMOUNT_NEAR
    return -1, ""


def compare(incoming: Purchase, existing: Purchase) -> Comparison | None:
    """The evidence that *existing* is *incoming*, or ``None`` when it is not."""
    if incoming.import_key and incoming.import_key == existing.import_key:
        return Comparison(existing.ref, 10.0, True, [SAME_ROW], 1.0)
    if incoming.egp and existing.egp:
        if incoming.egp == existing.egp:
            return Comparison(existing.ref, 9.0, True, [SAME_EGP], 1.0)
        return None
    days = _days_apart(incoming, existing)
    if days is None or days > DATE_WINDOW_DAYS:
        return None
    supplier, supplier_reason = _supplier_verdict(incoming, existing)
    amount, amount_reason = _amount_verdict(incoming, existing)
    # Against two different suppliers only an equal amount counts (in a large
    # register many purchases are within 1% of each other).
    if supplier == -1 and amount_reason != AMOUNT_EQUAL:
        amount = min(amount, 0)
    if supplier != 1 and amount != 1:
        return None  # the title alone is never enough
    similarity = jaccard(incoming.grams, existing.grams)
    title = 1.0 if similarity >= TITLE_STRONG else 0.5 if similarity >= 0.2 else 0.0
    reasons = [DATE] + [r for r in (supplier_reason, amount_reason) if r]
    if title:
        reasons.append(TITLE)
    score = supplier + amount + title + (DATE_WINDOW_DAYS - days) / 100
    certain = supplier == 1 and amount == 1 and similarity >= TITLE_CERTAIN
    if certain:
        return Comparison(existing.ref, score, True, reasons, similarity, days)
    # Ask the officer only with real evidence: two of the three agreeing, or
    # the same supplier and a title somewhat alike.
    agreeing = (supplier == 1) + (amount == 1) + (similarity >= TITLE_STRONG)
    if agreeing >= 2 or (supplier == 1 and title):
        return Comparison(existing.ref, score, False, reasons, similarity, days)
    return None


@dataclass
class RowMatch:
    """The plan for one incoming purchase."""

    ref: int
    action: str  # CREATE, MERGE or UNCERTAIN (CONFLICT is decided on merging)
    target: int | None = None
    candidates: list[Comparison] = field(default_factory=list)


def _amount_bucket(amount: Decimal) -> int:
    # Buckets 1% wide: amounts within 1% fall in the same or a next bucket.
    return math.floor(math.log(float(amount) + 1) / math.log(1.01))


class CandidateIndex:
    """Recorded purchases indexed for the lookups matching makes: by natural
    key, e-GP number, and (per date) by supplier and by amount. Not by title:
    a title alone, without the supplier or the amount, is never enough."""

    def __init__(self, existing: Iterable[Purchase]) -> None:
        self.by_key: dict[str, Purchase] = {}
        self.by_egp: dict[str, Purchase] = {}
        self._by_supplier: dict[str, list] = defaultdict(list)
        self._by_amount: dict[int, list] = defaultdict(list)
        for purchase in existing:
            self.add(purchase)
        for table in (self._by_supplier, self._by_amount):
            for entries in table.values():
                entries.sort(key=lambda entry: entry[0])

    def add(self, purchase: Purchase) -> None:
        if purchase.import_key:
            self.by_key[purchase.import_key] = purchase
        if purchase.egp:
            self.by_egp[purchase.egp] = purchase
        for day in set(purchase.dates):
            entry = (day.toordinal(), purchase.ref, purchase)
            for key in {purchase.tax_id, purchase.supplier} - {""}:
                self._by_supplier[key].append(entry)
            for amount in set(purchase.amounts):
                self._by_amount[_amount_bucket(amount)].append(entry)

    @staticmethod
    def _window(entries: list, day: datetime.date) -> Iterable[Purchase]:
        low = bisect.bisect_left(entries, (day.toordinal() - DATE_WINDOW_DAYS,))
        high = bisect.bisect_right(
            entries, (day.toordinal() + DATE_WINDOW_DAYS, float("inf"))
        )
        return (entry[2] for entry in entries[low:high])

    def near(self, incoming: Purchase) -> dict[int, Purchase]:
        """Recorded purchases dated near *incoming* sharing its supplier or
        an amount (within 1%)."""
        lists = [
            self._by_supplier.get(key) for key in (incoming.tax_id, incoming.supplier)
        ]
        for amount in set(incoming.amounts):
            bucket = _amount_bucket(amount)
            lists += [self._by_amount.get(b) for b in (bucket - 1, bucket, bucket + 1)]
        found: dict[int, Purchase] = {}
        for entries in lists:
            if not entries:
                continue
            for day in set(incoming.dates):
                for purchase in self._window(entries, day):
                    found[purchase.ref] = purchase
        return found


def match_one(incoming: Purchase, index: CandidateIndex) -> RowMatch:
    """The plan for one incoming purchase against the recorded ones."""
    exact = index.by_key.get(incoming.import_key) if incoming.import_key else None
    if exact is None and incoming.egp:
        exact = index.by_egp.get(incoming.egp)
    if exact is not None:
        comparison = compare(incoming, exact)
        if comparison is not None and comparison.certain:
            return RowMatch(incoming.ref, MERGE, exact.ref, [comparison])
    comparisons = [
        comparison
        for candidate in index.near(incoming).values()
        if (comparison := compare(incoming, candidate)) is not None
    ]
    if not comparisons:
        return RowMatch(incoming.ref, CREATE)
    comparisons.sort(key=lambda c: (-c.certain, -c.score, c.days_apart, c.ref))
    shown = comparisons[:MAX_CANDIDATES]
    certain = [c for c in comparisons if c.certain]
    if len(certain) == 1:
        return RowMatch(incoming.ref, MERGE, certain[0].ref, shown)
    return RowMatch(incoming.ref, UNCERTAIN, shown[0].ref, shown)


def plan_matches(
    incoming: Sequence[Purchase],
    existing: Iterable[Purchase],
    *,
    claimed: dict[int, int] | None = None,
) -> list[RowMatch]:
    """One :class:`RowMatch` per incoming purchase, in the same order.

    ``claimed`` (record → incoming ref) carries the records already merged
    into across calls, for a caller that plans in chunks.
    """
    index = (
        existing if isinstance(existing, CandidateIndex) else CandidateIndex(existing)
    )
    plans = [match_one(purchase, index) for purchase in incoming]
    claimed = {} if claimed is None else claimed
    for plan in plans:
        if plan.action != MERGE or plan.target is None:
            continue
        if plan.target in claimed:
            plan.action = UNCERTAIN
            for comparison in plan.candidates:
                if comparison.ref == plan.target:
                    comparison.reasons.append(SHARED_TARGET)
        else:
            claimed[plan.target] = plan.ref
    return plans
