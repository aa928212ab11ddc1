"""Receipt codes of anonymous reporters and tracking codes of cases.

A receipt code is 16 random digits, shown once. Only a slow hash of it is
kept, made with Django's password hasher machinery and a per-organisation
salt, so that the case can be found from the code without storing the code.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import get_hasher
from django.utils.crypto import get_random_string

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_receipt_code() -> str:
    """16 random digits from the operating system's CSPRNG."""
    return "".join(secrets.choice("0123456789") for _ in range(16))


def normalize_receipt_code(text: str) -> str:
    """Digits only (spaces and dashes the reporter typed are dropped)."""
    from prongsai.core.thai_dates import to_arabic_digits

    return "".join(ch for ch in to_arabic_digits(text or "") if ch.isdigit())


def format_receipt_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_salt() -> str:
    return get_random_string(22)


def _hasher_algorithms() -> list[str]:
    from django.contrib.auth.hashers import get_hashers

    return [h.algorithm for h in get_hashers()]


def receipt_hash(code: str, salt: str) -> str:
    """The slow hash stored for a new receipt code (the default hasher)."""
    return get_hasher("default").encode(code, salt)


def receipt_hash_candidates(
    code: str, salt: str, algorithms: set[str] | None = None
) -> list[str]:
    """Hashes of ``code`` under the configured hashers, default first.

    ``algorithms`` limits the work to the hashers that stored hashes actually
    use, so that a look-up costs one slow hash, not one per configured
    hasher. A code issued before the hasher settings changed is still found.
    """
    out = []
    for algorithm in _hasher_algorithms():
        if algorithms is not None and algorithm not in algorithms:
            continue
        hasher = get_hasher(algorithm)
        try:
            out.append(hasher.encode(code, salt))
        except (TypeError, ValueError):
            continue
    return out


def new_tracking_code() -> str:
    """Ten characters without look-alikes (no 0/O, 1/I), e.g. ``K7M2Q9XDPA``."""
    return get_random_string(10, TRACKING_ALPHABET)
