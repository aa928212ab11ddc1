"""Codes people type: tracking codes of cases and requests, receipt codes.

One generator for every app. A tracking code is eleven random characters and
one check character from an alphabet without look-alikes (no 0/O, 1/I/L,
2/Z, 5/S, 8/B), stored and shown as ``K7M4QX9DPAT3`` (12 characters, so
it fits the columns of the older 10-character codes). The alphabet has a prime number
of characters (23) and the check character makes the weighted sum
``sum((i + 1) * value)`` divisible by 23, so one wrong character and two
swapped neighbours are always detected before any database look-up.

A confidential receipt code stays long and unguessable: sixteen random
digits (easy to type on a phone keypad), kept only as a slow hash by the app.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.utils.translation import gettext

from prongsai.core.thai_dates import to_arabic_digits

# 23 characters, a prime: the check character relies on it. Q (like O) and
# U (like V) are left out as well.
ALPHABET = "34679ACDEFGHJKMNPRTVWXY"
BODY_LENGTH = 11
LENGTH = BODY_LENGTH + 1
RECEIPT_LENGTH = 16

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}

# A code typed while the Thai (Kedmanee) keyboard layout was on: each Thai
# character stands for the Latin key it shares.
_THAI_KEYS = str.maketrans(
    {
        "ๆ": "Q",
        "ไ": "W",
        "ำ": "E",
        "พ": "R",
        "ะ": "T",
        "ั": "Y",
        "ี": "U",
        "ร": "I",
        "น": "O",
        "ย": "P",
        "ฟ": "A",
        "ห": "S",
        "ก": "D",
        "ด": "F",
        "เ": "G",
        "้": "H",
        "่": "J",
        "า": "K",
        "ส": "L",
        "ผ": "Z",
        "ป": "X",
        "แ": "C",
        "อ": "V",
        "ิ": "B",
        "ื": "N",
        "ท": "M",
        "ๅ": "1",
        "ภ": "4",
        "ถ": "5",
        "ุ": "6",
        "ึ": "7",
        "ค": "8",
        "ต": "9",
        "จ": "0",
    }
)


def compact(text: str) -> str:
    """What a person typed, as bare upper-case characters.

    Spaces, dashes and dots are dropped, Thai digits become Arabic ones and
    characters typed with the Thai keyboard layout become their Latin keys.
    """
    text = to_arabic_digits((text or "").translate(_THAI_KEYS))
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def check_character(body: str) -> str:
    """The character that makes ``body`` + it a valid code."""
    total = sum((i + 1) * _VALUE[ch] for i, ch in enumerate(body))
    # (len + 1) * check ≡ -total (mod 23); 23 is prime, so the inverse exists.
    weight = len(body) + 1
    return ALPHABET[(-total * pow(weight, -1, len(ALPHABET))) % len(ALPHABET)]


def is_valid(code: str) -> bool:
    """Whether ``code`` (compact) is a well-formed tracking code."""
    if len(code) != LENGTH or any(ch not in _VALUE for ch in code):
        return False
    return sum((i + 1) * _VALUE[ch] for i, ch in enumerate(code)) % len(ALPHABET) == 0


def new_tracking_code() -> str:
    """A fresh tracking code, e.g. ``K7M4QX9DPAT3``."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def legacy(
    alphabet: str, length: int, form: Callable[[str], str] = lambda code: code
) -> Callable[[str], str | None]:
    """A reader for codes issued before this module, in their stored form."""
    letters = set(alphabet)

    def read(code: str) -> str | None:
        if len(code) == length and set(code) <= letters:
            return form(code)
        return None

    return read


def lookup_key(
    text: str, *, legacy_reader: Callable[[str], str | None] | None = None
) -> str | None:
    """The stored form to look ``text`` up by, or None when it cannot be a code.

    None means a typing mistake (a wrong, missing or swapped character):
    answer with a hint, without a database look-up and without counting a
    failed guess.
    """
    code = compact(text)
    if is_valid(code):
        return code
    if legacy_reader is not None:
        return legacy_reader(code)
    return None


def mistyped_message() -> str:
    """The hint shown for a code with a typing mistake (no look-up was made)."""
    return gettext("The code is not correct; check it again.")


# --- Receipt codes of confidential reports --------------------------------------


def new_receipt_code() -> str:
    """Sixteen random digits from the operating system's CSPRNG (53 bits)."""
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_LENGTH))


def normalize_receipt_code(text: str) -> str:
    """Digits only (spaces and dashes the reporter typed are dropped)."""
    return "".join(ch for ch in to_arabic_digits(text or "") if ch.isdigit())


def format_receipt_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
