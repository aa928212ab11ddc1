"""Matching and merging incoming purchases (pure): tables and properties."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.core import text_similarity
from prongsai.procurement import matching, merging
from prongsai.procurement.matching import Purchase

from .factories import thai_id

DAY = datetime.date(2025, 1, 20)
TAX = thai_id("010555012345")
OTHER_TAX = thai_id("010555099999")


def purchase(ref=1, **changes) -> Purchase:
    values = {
        "ref": ref,
        "title": "จัดซื้อวัสดุสำนักงาน กองคลัง",
        "dates": (DAY,),
        "supplier_tax_id": TAX,
        "supplier_name": "ห้างหุ้นส่วนจำกัด ทองดีการค้า",
        "amounts": (Decimal("12000.00"),),
    }
    values.update(changes)
    return Purchase(**values)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ห้างหุ้นส่วนจำกัด ทองดีการค้า", "หจก.ทองดีการค้า"),
        ("บริษัท ก้าวหน้า จำกัด (มหาชน)", "ก้าวหน้า"),
        ("ร้าน สมหวัง ๒๕", "สมหวัง25"),
        ("นางสาว สมศรี  ใจดี", "สมศรีใจดี"),
        ("บริษัท ทองดี จำกัด", "บจก. ทองดี"),
    ],
)
def test_supplier_names_are_normalised(a, b):
    assert matching.supplier_key(a) == matching.supplier_key(b)


def test_trigram_similarity_lives_in_core_and_complaints_reuse_it():
    from prongsai.complaints import similarity

    assert similarity.text_similarity is text_similarity.text_similarity
    assert text_similarity.text_similarity("ถนนลูกรัง", "ถนนลูกรัง") == 1.0
    assert text_similarity.text_similarity("", "ถนน") == 0.0


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("100", "100", True),
        ("100", "100.99", True),
        ("100", "101", True),
        ("100", "101.02", False),
        ("0", "0", True),
        ("0", "1", False),
    ],
)
def test_amounts_close(a, b, close):
    assert matching.amounts_close(Decimal(a), Decimal(b)) is close


@pytest.mark.parametrize(
    ("incoming", "expected"),
    [
        # the same purchase typed again elsewhere
        ({}, matching.MERGE),
        (
            {
                "supplier_tax_id": "",
                "supplier_name": "หจก. ทองดี การค้า",
                "title": "ซื้อวัสดุสำนักงาน (กองคลัง)",
                "dates": (DAY + datetime.timedelta(days=6),),
                "amounts": (Decimal("12100"),),
            },
            matching.MERGE,
        ),
        # a different amount: ask
        ({"amounts": (Decimal("15000"),)}, matching.UNCERTAIN),
        # no supplier on one side: ask
        ({"supplier_tax_id": "", "supplier_name": ""}, matching.UNCERTAIN),
        # too far apart in time
        ({"dates": (DAY + datetime.timedelta(days=8),)}, matching.CREATE),
        # another supplier and another amount
        (
            {"supplier_tax_id": OTHER_TAX, "amounts": (Decimal("30000"),)},
            matching.CREATE,
        ),
        # a different title, same supplier and amount: ask (similar? no)
        (
            {"title": "จ้างซ่อมแซมรถบรรทุกขยะ ทะเบียน 81-1234"},
            matching.UNCERTAIN,
        ),
        # only the amount and the date agree
        (
            {
                "supplier_tax_id": "",
                "supplier_name": "",
                "title": "จ้างเหมาทำความสะอาด",
            },
            matching.CREATE,
        ),
    ],
)
def test_match_table(incoming, expected):
    (plan,) = matching.plan_matches([purchase(100, **incoming)], [purchase(1)])
    assert plan.action == expected
    if expected != matching.CREATE:
        assert plan.target == 1


def test_e_gp_numbers_decide():
    recorded = purchase(1, egp="68019205582", title="อื่น", amounts=(Decimal(1),))
    same = purchase(100, egp="68019205582", dates=(DAY + datetime.timedelta(days=90),))
    (plan,) = matching.plan_matches([same], [recorded])
    assert (plan.action, plan.target) == (matching.MERGE, 1)
    other = purchase(100, egp="68019205999")
    (plan,) = matching.plan_matches([other], [purchase(1, egp="68019205582")])
    assert plan.action == matching.CREATE


def test_the_same_row_of_an_earlier_file_is_certain():
    (plan,) = matching.plan_matches(
        [purchase(100, import_key="row:abc", title="x")],
        [purchase(1, import_key="row:abc", amounts=(Decimal(5),))],
    )
    assert (plan.action, plan.target) == (matching.MERGE, 1)


def test_two_rows_never_merge_silently_into_one_record():
    plans = matching.plan_matches([purchase(100), purchase(101)], [purchase(1)])
    assert [p.action for p in plans] == [matching.MERGE, matching.UNCERTAIN]
    assert matching.SHARED_TARGET in plans[1].candidates[0].reasons


def test_two_certain_candidates_are_uncertain():
    plans = matching.plan_matches([purchase(100)], [purchase(1), purchase(2)])
    assert plans[0].action == matching.UNCERTAIN
    assert {c.ref for c in plans[0].candidates} == {1, 2}


_LEGAL = st.sampled_from(["", "ห้างหุ้นส่วนจำกัด ", "หจก.", "บริษัท ", "ร้าน"])
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(alphabet="กขคงจฉชซทนบปผพมยรลวสหอ", min_size=3, max_size=12),
    number=st.integers(1, 99),
    title=st.text(alphabet="กขคงจฉชซทนบปผพมยรลวสหอ ", min_size=8, max_size=40),
    amount=st.decimals(min_value=500, max_value=5_000_000, places=2),
    drift=st.integers(-7, 7),
    cents=st.integers(-40, 40),
    prefix=_LEGAL,
    thai=st.booleans(),
    with_id=st.booleans(),
)
def test_a_retyped_purchase_is_merged(
    name, number, title, amount, drift, cents, prefix, thai, with_id
):
    """The same purchase from another source (legal form, spacing, Thai
    digits, amount ±0.4%, date ±7 days) merges into its record."""
    supplier = f"{name} {number}"
    recorded = Purchase(
        1, title, (DAY,), "", "", TAX if with_id else "", supplier, (amount,)
    )
    typed = prefix + supplier.replace(" ", "  ")
    if thai:
        typed = typed.translate(_THAI_DIGITS)
    incoming = Purchase(
        100,
        title.replace(" ", ""),
        (DAY + datetime.timedelta(days=drift),),
        "",
        "",
        TAX if with_id else "",
        typed,
        ((amount * (1 + Decimal(cents) / 10000)).quantize(Decimal("0.01")),),
    )
    (plan,) = matching.plan_matches([incoming], [recorded])
    assert plan.action == matching.MERGE or not title.strip()


@settings(max_examples=150, deadline=None)
@given(
    amount=st.decimals(min_value=500, max_value=5_000_000, places=2),
    factor=st.decimals(min_value=Decimal("1.02"), max_value=3, places=2),
    drift=st.integers(-30, 30),
)
def test_other_suppliers_and_amounts_never_merge(amount, factor, drift):
    recorded = purchase(1, amounts=(amount,))
    incoming = purchase(
        100,
        supplier_tax_id=OTHER_TAX,
        amounts=((amount * factor).quantize(Decimal("0.01")),),
        dates=(DAY + datetime.timedelta(days=drift),),
    )
    (plan,) = matching.plan_matches([incoming], [recorded])
    assert plan.action != matching.MERGE


# --- merging ---------------------------------------------------------------------


RECORD = {
    "method": "specific",
    "legal_ground": "มาตรา 56(2)(ข)",
    "budget_amount": "12000.00",
    "reference_price": None,
    "agreed_price": "11500.00",
    "supplier_name": "ร้านสมหวังการค้า",
    "supplier_tax_id": "",
    "bids": [],
    "selection_reason": "ราคาต่ำสุด",
    "contract_number": "",
    "egp_project_number": "",
    "cancelled": False,
}


def test_merging_fills_and_never_clears():
    incoming = {
        "method": "specific",
        "legal_ground": "",
        "budget_amount": "12000",
        "reference_price": "12000.00",
        "agreed_price": "11500",
        "supplier_name": "ร้าน สมหวังการค้า",
        "selection_reason": "",
        "contract_number": "12/2568",
        "carried": [
            *("method", "legal_ground", "budget_amount", "reference_price"),
            *("agreed_price", "supplier", "selection_reason", "contract_number"),
        ],
    }
    plan = merging.merge_plan(RECORD, incoming)
    assert plan.fills == {"reference_price": "12000.00", "contract_number": "12/2568"}
    assert plan.conflicts == {}


def test_a_conflict_is_reported_and_settled_by_the_officer():
    plan = merging.merge_plan(RECORD, {**RECORD, "agreed_price": "11900.00"})
    assert plan.conflicts == {"agreed_price": ("11500.00", "11900.00")}
    assert merging.merged_values(plan) == {}
    assert merging.merged_values(plan, {"agreed_price": "incoming"}) == {
        "agreed_price": "11900.00"
    }


def test_guessed_values_are_not_compared():
    incoming = {**RECORD, "budget_category": "investment", "carried": ["method"]}
    plan = merging.merge_plan({**RECORD, "budget_category": "operating"}, incoming)
    assert plan.conflicts == {} and plan.fills == {}
