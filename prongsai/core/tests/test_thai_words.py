"""The one Thai tokeniser of every search."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.core.thai_words import (
    MAX_QUERY_WORDS,
    contains_all,
    index_text,
    normalize,
    parts,
    query_words,
    words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ก่อสร้างถนนลูกรัง", ["ก่อสร้าง", "ถนนลูกรัง"]),
        ("ซ่อมแซมถนนหินคลุก", ["ซ่อมแซม", "ถนน", "หิน", "คลุก"]),
        ("ขออนุญาตติดตั้งไฟฟ้า", ["ขออนุญาต", "ติดตั้ง", "ไฟฟ้า"]),
        ("ซ่อมไฟฟ้าส่องสว่าง", ["ซ่อม", "ไฟฟ้า", "ส่องสว่าง"]),
        ("Procurement, 2568!", ["procurement", "2568"]),
        ("หมู่ที่ ๕ ปี ๒๕๖๘", ["หมู่", "ที่", "5", "ปี", "2568"]),
        ("a\x00b", ["a", "b"]),
        ("...  --  ", []),
    ],
)
def test_words_cut_thai_and_normalise(text, expected):
    assert words(text) == expected


def test_query_drops_stop_words_unless_nothing_else_is_left():
    assert query_words("การจัดซื้อจัดจ้าง ของ อบต.") == ["จัดซื้อจัดจ้าง", "อบต"]
    assert query_words("ของ") == ["ของ"]
    assert query_words("ถนน ถนน ถนน") == ["ถนน"]
    assert query_words("   ") == []


def test_long_queries_are_cut():
    assert len(query_words(" ".join(f"คำ{n}" for n in range(50)))) == MAX_QUERY_WORDS
    assert query_words("ถนน" * 500)  # cut at MAX_QUERY characters, no error


def test_compound_words_are_indexed_with_their_parts():
    """A word inside a dictionary compound is found too."""
    assert parts("การไฟฟ้าส่วนภูมิภาค") == (
        "การไฟฟ้า",
        "การ",
        "ไฟฟ้า",
        "ส่วนภูมิภาค",
        "ส่วน",
        "ภูมิภาค",
    )
    assert " ไฟฟ้า " in index_text("ร้านช่างเอกการไฟฟ้า")
    assert " ลาดยาง " in index_text("ถนนลาดยาง")
    # Short words are not cut into fragments that are no words.
    assert "ค" not in parts("หินคลุก")
    assert " หิน " in index_text("ลงหินคลุก")
    assert " ค " not in index_text("หินคลุก")


def test_index_text_is_framed_for_word_start_matching():
    assert index_text("ถนน ๒๕๖๘") == " ถนน 2568 "
    assert index_text("") == ""
    assert normalize("  ABC\n๑๒๓ ") == "abc 123"


def test_contains_all_matches_every_query_word():
    assert contains_all("โครงการก่อสร้างถนน ปี ๒๕๖๘", "ถนน 2568")
    assert not contains_all("โครงการก่อสร้างถนน", "ถนน ไฟฟ้า")


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("กขคงถนนหินคลุกไฟฟ้า่้ะาิี 0123๑๒abc.,\x00"), max_size=40)
)
def test_every_query_word_of_a_text_is_found_in_its_index(text):
    """A record always matches a query made of its own words."""
    indexed = index_text(text)
    assert "\x00" not in indexed
    for word in query_words(text):
        assert " " not in word
        assert " " + word in indexed
