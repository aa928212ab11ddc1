import datetime
from decimal import Decimal

from prongsai.procurement.redflags import Record, find_flags


def record(
    id, day, amount, *, supplier=1, method="specific", reference=None, budget=None
):
    return Record(
        id=id,
        title=f"รายการ {id}",
        method=method,
        procured_on=datetime.date(2025, 3, day),
        budget_amount=Decimal(budget or amount),
        reference_price=Decimal(reference) if reference else None,
        agreed_price=Decimal(amount),
        supplier_id=supplier,
        supplier_name=f"ร้าน {supplier}",
    )


def kinds(flags):
    return sorted(f.kind for f in flags)


def test_split_purchases_from_one_supplier_within_30_days():
    flags = find_flags(
        [
            record(1, 3, "248000"),
            record(2, 10, "255000"),
            record(3, 1, "9000", supplier=2),
        ],
        share_percent=101,
    )
    (split,) = [f for f in flags if f.kind == "split"]
    assert split.procurement_ids == [1, 2]


def test_purchases_far_apart_or_by_open_method_are_not_split():
    flags = find_flags(
        [
            record(1, 1, "300000"),
            Record(
                2,
                "x",
                "specific",
                datetime.date(2025, 5, 1),
                Decimal("300000"),
                None,
                Decimal("300000"),
                1,
                "ร้าน 1",
            ),
            record(3, 2, "300000", method="e_bidding"),
        ],
        share_percent=101,
    )
    assert "split" not in kinds(flags)


def test_near_limit_and_reference_above_budget():
    flags = find_flags(
        [record(1, 5, "495000", reference="510000", budget="495000")], share_percent=101
    )
    assert kinds(flags) == ["near_limit", "reference_above_budget"]


def test_thresholds_are_configurable():
    flags = find_flags(
        [record(1, 5, "95000")], limit=Decimal("100000"), share_percent=101
    )
    assert kinds(flags) == ["near_limit"]


def test_supplier_share():
    flags = find_flags(
        [
            record(1, 1, "50000", supplier=1),
            record(2, 2, "60000", supplier=1),
            record(3, 3, "10000", supplier=2),
        ],
        share_percent=40,
    )
    (share,) = [f for f in flags if f.kind == "supplier_share"]
    assert share.procurement_ids == [1, 2]
    assert "91.7" in share.message


def test_one_supplier_alone_is_not_a_share_flag():
    assert find_flags([record(1, 1, "50000")]) == []
