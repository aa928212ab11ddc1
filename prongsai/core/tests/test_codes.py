"""The one generator of tracking and receipt codes (``core.codes``)."""

import pytest
from django.utils import translation

from prongsai.core import codes

SAMPLES = ["34679ACDEFG", "HJKMNPRTVWX", "Y3Y3Y3Y3Y3Y", "AAAAAAAAAAA"]


def _full(body: str) -> str:
    return body + codes.check_character(body)


def test_alphabet_has_no_look_alikes_and_a_prime_size():
    assert not set(codes.ALPHABET) & set("0O1IL2Z5S8B")
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 23


def test_new_codes_are_valid_and_use_only_the_alphabet():
    made = {codes.new_tracking_code() for _ in range(200)}
    assert len(made) == 200
    for code in made:
        assert len(code) == codes.LENGTH == 12
        assert set(code) <= set(codes.ALPHABET)
        assert codes.is_valid(code)


@pytest.mark.parametrize("body", SAMPLES)
def test_check_character_detects_every_single_substitution(body):
    code = _full(body)
    assert codes.is_valid(code)
    for position in range(len(code)):
        for ch in codes.ALPHABET:
            if ch == code[position]:
                continue
            typo = code[:position] + ch + code[position + 1 :]
            assert not codes.is_valid(typo), typo


@pytest.mark.parametrize("body", SAMPLES)
def test_check_character_detects_every_adjacent_swap(body):
    # Make neighbours differ, so that every swap changes the code.
    body = body[:5] + "".join(
        codes.ALPHABET[(codes.ALPHABET.index(ch) + i) % 23]
        for i, ch in enumerate(body[5:], 1)
    )
    code = _full(body)
    for position in range(len(code) - 1):
        a, b = code[position], code[position + 1]
        if a == b:
            continue
        swapped = code[:position] + b + a + code[position + 2 :]
        assert not codes.is_valid(swapped), swapped


def test_input_is_normalised():
    code = _full("34679ACDEFG")
    typed = f" {code[:4].lower()}-{code[4:8]} {code[8:]} "
    assert codes.lookup_key(typed) == code
    # Typed with the Thai keyboard layout on: แ is the C key, ก the D key ...
    thai = code.replace("C", "แ").replace("D", "ก").replace("9", "ต")
    assert codes.lookup_key(thai) == code
    assert codes.compact("๓๔๖") == "346"


def test_typing_mistakes_give_no_key():
    code = _full("HJKMNPRTVWX")
    wrong = code[:3] + ("A" if code[3] != "A" else "C") + code[4:]
    assert codes.lookup_key(wrong) is None
    assert codes.lookup_key(code[:-1]) is None
    assert codes.lookup_key("") is None


def test_legacy_codes_are_read_in_their_stored_form():
    reader = codes.legacy("ABC23", 4, lambda raw: f"{raw[:2]}-{raw[2:]}")
    assert codes.lookup_key("ab-c2", legacy_reader=reader) == "AB-C2"
    assert codes.lookup_key("ab-c9", legacy_reader=reader) is None
    assert codes.lookup_key("abc", legacy_reader=reader) is None


def test_mistyped_message_is_thai():
    with translation.override("th"):
        assert codes.mistyped_message() == "รหัสไม่ถูกต้อง ตรวจสอบอีกครั้ง"


def test_receipt_codes_stay_long_digits():
    made = {codes.new_receipt_code() for _ in range(50)}
    assert len(made) == 50
    assert all(len(c) == codes.RECEIPT_LENGTH == 16 and c.isdigit() for c in made)
