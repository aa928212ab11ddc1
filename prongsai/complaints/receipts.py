"""Hashing the receipt codes of anonymous reporters.

The codes themselves come from :mod:`prongsai.core.codes` (16 random digits,
shown once). Only a slow hash of a receipt code is
kept, made with Django's password hasher machinery and a per-organisation
salt, so that the case can be found from the code without storing the code.
"""

from __future__ import annotations

from django.contrib.auth.hashers import get_hasher
from django.utils.crypto import get_random_string


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
