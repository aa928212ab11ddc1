"""The cross-check's pure matching: tax IDs first, else normalised names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.tests.fuzz import FUZZ
from prongsai.integrity.coi_matching import (
    MATCH_NAME,
    MATCH_TAX_ID,
    Party,
    find_matches,
    match_on,
    name_key,
    normalise_name,
)
from prongsai.procurement.tests.factories import thai_id

COMPANY = thai_id("010555012345")
OTHER = thai_id("010555067890")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", "บจก. ขอนแก่นวัสดุภัณฑ์"),
        ("บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด (มหาชน)", "บมจ.ขอนแก่นวัสดุภัณฑ์"),
        ("ห้างหุ้นส่วนจำกัด อุบลรัตน์ก่อสร้าง", "หจก. อุบลรัตน์ ก่อสร้าง"),
        ("ร้านสมหวังการค้า", "สมหวังการค้า"),
        ("บริษัท ๙๙ ซัพพลาย จำกัด", "บจก. 99 ซัพพลาย"),
        ("Khon Kaen Supply Co., Ltd.", "KHON KAEN SUPPLY CO LTD"),
    ],
)
def test_name_variants_match(a, b):
    assert name_key(a) is not None
    assert name_key(a) == name_key(b)
    assert match_on(Party(1, a), Party(2, b)) == MATCH_NAME


def test_normalise_strips_forms_spaces_punctuation_and_thai_digits():
    assert normalise_name("  บริษัท  เอ.บี.ซี. ๑๒๓  จำกัด ") == "เอบีซี123"
    assert normalise_name("หจก.ทองดี") == "ทองดี"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ร้านค้า", "สมหวังการค้า"),  # a generic word never matches
        ("บริษัท ไทย จำกัด", "ไทย"),  # nor does a too-common one
        ("บริษัท ก จำกัด", "บจก. ก"),  # one letter is no name
        ("การค้า", "ร้านการค้า"),
        ("บริษัท ทองดี จำกัด", "บริษัท ทองดีมาก จำกัด"),  # never a part of a name
    ],
)
def test_no_false_match_on_short_or_common_words(a, b):
    assert match_on(Party(1, a), Party(2, b)) is None


def test_tax_id_first():
    declared = Party(1, "ชื่ออื่นโดยสิ้นเชิง", tax_id=COMPANY)
    supplier = Party(2, "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", tax_id=COMPANY)
    assert match_on(declared, supplier) == MATCH_TAX_ID


def test_thai_digit_tax_id_matches():
    thai = COMPANY.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert match_on(Party(1, "x", tax_id=thai), Party(2, "y", tax_id=COMPANY)) == (
        MATCH_TAX_ID
    )


def test_different_tax_ids_never_match_by_name():
    a = Party(1, "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", tax_id=COMPANY)
    b = Party(2, "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", tax_id=OTHER)
    assert match_on(a, b) is None


def test_name_when_only_one_side_has_a_tax_id():
    a = Party(1, "บจก. ขอนแก่นวัสดุภัณฑ์")
    b = Party(2, "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", tax_id=COMPANY)
    assert match_on(a, b) == MATCH_NAME


def test_invalid_tax_id_is_ignored():
    bad = COMPANY[:-1] + str((int(COMPANY[-1]) + 1) % 10)
    a = Party(1, "บจก. ขอนแก่นวัสดุภัณฑ์", tax_id=bad)
    b = Party(2, "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด", tax_id=COMPANY)
    assert match_on(a, b) == MATCH_NAME


def test_find_matches_indexes_both_ways():
    declared = [
        Party("i1", "บจก. ขอนแก่นวัสดุภัณฑ์"),
        Party("i2", "ใครก็ได้", tax_id=COMPANY),
        Party("i3", "ร้านค้า"),
    ]
    suppliers = [
        Party("s1", "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด"),
        Party("s2", "ห้างหุ้นส่วนจำกัด ทองดี", tax_id=COMPANY),
        Party("s3", "ร้านสมหวังการค้า"),
    ]
    assert sorted(find_matches(declared, suppliers)) == [
        ("i1", "s1", MATCH_NAME),
        ("i2", "s2", MATCH_TAX_ID),
    ]


THAI_TEXT = st.text(
    alphabet=st.sampled_from(
        list("บริษัทจำกัดมหาชนห้างหุ้นส่วนร้านหจก.บจก()-, ๐๑๒๓ABCco.ltd0123")
    ),
    max_size=40,
)


@FUZZ
@given(a=THAI_TEXT, b=THAI_TEXT)
def test_fuzz_matching_is_symmetric_and_normalising_idempotent(a, b):
    key = normalise_name(a)
    assert normalise_name(key) == key
    assert match_on(Party(1, a), Party(2, b)) == match_on(Party(2, b), Party(1, a))
    if name_key(a) is not None:
        assert len(name_key(a)) >= 3
