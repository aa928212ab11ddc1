"""Risk indicators: each rule (true positive, near miss), the stored rows kept
up to date by the services and imports, and what the public sees."""

import datetime
from decimal import Decimal

import pytest

from prongsai.procurement.redflags import (
    BidRecord,
    Record,
    Thresholds,
    find_flags,
    item_key,
)


def rec(
    id=1,
    *,
    day=5,
    amount="100000",
    method="specific",
    reference=None,
    budget=None,
    supplier=1,
    bids=(),
    title=None,
):
    return Record(
        id=id,
        title=title or f"รายการ {id}",
        method=method,
        procured_on=datetime.date(2025, 3, day),
        budget_amount=Decimal(budget or amount),
        reference_price=Decimal(reference) if reference else None,
        agreed_price=Decimal(amount) if amount is not None else None,
        supplier_id=supplier,
        supplier_name=f"ร้าน {supplier}",
        bids=tuple(BidRecord(s, Decimal(p)) for s, p in bids),
    )


def kinds(records, **overrides):
    return sorted({f.kind for f in find_flags(records, share_percent=101, **overrides)})


# (case, records, the indicator expected, and whether it must be found)
TABLE = [
    # near the reference price (competitive methods only)
    (
        "near ref",
        [rec(amount="960000", reference="1000000", method="e_bidding")],
        "near_reference",
        True,
    ),
    (
        "near ref: 94%",
        [rec(amount="940000", reference="1000000", method="e_bidding")],
        "near_reference",
        False,
    ),
    (
        "near ref: specific method",
        [rec(amount="99000", reference="100000")],
        "near_reference",
        False,
    ),
    # above the reference price
    (
        "above ref",
        [rec(amount="100001", reference="100000", budget="200000")],
        "above_reference",
        True,
    ),
    ("at ref", [rec(amount="100000", reference="100000")], "above_reference", False),
    # abnormally low against the reference price
    ("low vs ref", [rec(amount="69000", reference="100000")], "low_vs_reference", True),
    (
        "low vs ref: 70%",
        [rec(amount="70000", reference="100000")],
        "low_vs_reference",
        False,
    ),
    # abnormally low against the other bidders
    (
        "low vs bidders",
        [rec(method="e_bidding", bids=[(1, "70000"), (2, "100000"), (3, "100000")])],
        "low_vs_bidders",
        True,
    ),
    (
        "low vs bidders: 85%",
        [rec(method="e_bidding", bids=[(1, "85000"), (2, "100000"), (3, "100000")])],
        "low_vs_bidders",
        False,
    ),
    # equal bids
    ("equal bids", [rec(bids=[(1, "50000"), (2, "50000")])], "equal_bids", True),
    (
        "equal bids: 1 baht apart",
        [rec(bids=[(1, "50000"), (2, "50001")])],
        "equal_bids",
        False,
    ),
    # clustered bids
    (
        "clustered",
        [rec(bids=[(1, "100000"), (2, "100500"), (3, "100900")])],
        "clustered_bids",
        True,
    ),
    (
        "clustered: 1.5% apart",
        [rec(bids=[(1, "100000"), (2, "100500"), (3, "101500")])],
        "clustered_bids",
        False,
    ),
    (
        "clustered: two bids only",
        [rec(bids=[(1, "100000"), (2, "100500")])],
        "clustered_bids",
        False,
    ),
    # fewer than three bidders
    (
        "few bidders",
        [rec(method="e_bidding", bids=[(1, "90000"), (2, "95000")])],
        "few_bidders",
        True,
    ),
    (
        "three bidders",
        [rec(method="e_bidding", bids=[(1, "90000"), (2, "95000"), (3, "99000")])],
        "few_bidders",
        False,
    ),
    (
        "one bid in the specific method",
        [rec(bids=[(1, "90000")])],
        "few_bidders",
        False,
    ),
    # contract amount above the winning bid
    (
        "contract above bid",
        [rec(amount="90500", bids=[(1, "90000"), (2, "99000")])],
        "contract_above_bid",
        True,
    ),
    (
        "contract at the bid",
        [rec(amount="90000", bids=[(1, "90000"), (2, "99000")])],
        "contract_above_bid",
        False,
    ),
    # near the limit, reference above budget
    ("near limit", [rec(amount="495000")], "near_limit", True),
    ("near limit: 449,000", [rec(amount="449000")], "near_limit", False),
    (
        "ref above budget",
        [rec(amount="90000", reference="510000", budget="495000")],
        "reference_above_budget",
        True,
    ),
    # split purchases within one supplier
    (
        "split: one supplier",
        [rec(1, day=3, amount="248000"), rec(2, day=20, amount="255000")],
        "split",
        True,
    ),
    (
        "split: 31 days apart",
        [
            rec(1, day=1, amount="300000"),
            Record(
                2,
                "x",
                "specific",
                datetime.date(2025, 4, 1),
                Decimal(300000),
                None,
                Decimal(300000),
                1,
            ),
        ],
        "split",
        False,
    ),
    # split purchases of the same item across suppliers (the case)
    (
        "split across suppliers",
        [
            rec(n, day=n, amount="180000", supplier=n, title=f"จัดซื้อวัสดุก่อสร้าง หมู่ที่ {n}")
            for n in (1, 2, 3)
        ],
        "split_item",
        True,
    ),
    (
        "split across suppliers: two purchases only",
        [
            rec(n, day=n, amount="180000", supplier=n, title="จัดซื้อวัสดุก่อสร้าง")
            for n in (1, 2)
        ],
        "split_item",
        False,
    ),
    (
        "split across suppliers: 20 days apart",
        [
            rec(
                n,
                day=1 + 10 * (n - 1),
                amount="180000",
                supplier=n,
                title="ซื้อวัสดุก่อสร้าง",
            )
            for n in (1, 2, 3)
        ],
        "split_item",
        False,
    ),
    (
        "split across suppliers: different items",
        [
            rec(n, day=n, amount="180000", supplier=n, title=t)
            for n, t in ((1, "วัสดุก่อสร้าง"), (2, "วัสดุสำนักงาน"), (3, "น้ำมันเชื้อเพลิง"))
        ],
        "split_item",
        False,
    ),
    (
        "split across suppliers: open method",
        [
            rec(
                n,
                day=n,
                amount="180000",
                supplier=n,
                title="วัสดุก่อสร้าง",
                method="e_market",
            )
            for n in (1, 2, 3)
        ],
        "split_item",
        False,
    ),
]


@pytest.mark.parametrize(
    ("records", "kind", "found"),
    [case[1:] for case in TABLE],
    ids=[case[0] for case in TABLE],
)
def test_indicator_table(records, kind, found):
    assert (kind in kinds(records)) is found


def test_split_across_suppliers_names_the_records_and_the_total():
    records = [
        rec(n, day=n, amount="180000", supplier=n, title="จัดซื้อวัสดุก่อสร้าง")
        for n in (1, 2, 3)
    ]
    (flag,) = [f for f in find_flags(records) if f.kind == "split_item"]
    assert flag.procurement_ids == [1, 2, 3]
    assert flag.params["total"] == "540000.00"
    assert "540,000.00" in flag.message


def test_item_key_ignores_numbers_verbs_and_spaces():
    assert item_key("จัดซื้อวัสดุก่อสร้าง หมู่ที่ 3") == item_key("ซื้อ วัสดุก่อสร้าง (หมู่ ๕)")
    assert item_key("วัสดุก่อสร้าง") != item_key("วัสดุสำนักงาน")


def test_thresholds_come_from_the_settings():
    assert kinds([rec(amount="95000")], limit=Decimal("100000")) == ["near_limit"]
    assert Thresholds().near_reference_percent == 95


def test_cancelled_or_missing_prices_raise_nothing():
    assert kinds([rec(amount=None, budget="100000", reference="100000")]) == []
