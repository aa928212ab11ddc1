"""Thai identifiers used in procurement: tax IDs and e-GP project numbers.

Pure functions, no database. A 13-digit Thai ID ends in a check digit
(mod-11 over the first twelve digits, weights 13..2). Juristic persons'
numbers start with 0; a 13-digit number starting 1-8 is a citizen ID of a
natural person and must never be published (PDPA), so it is masked.
"""

from __future__ import annotations

import re

from prongsai.core.thai_dates import to_arabic_digits

MASK_CHAR = "x"
_MASKED_RE = re.compile(r"^[0-9]{9}[xX*]{4}$")
_EGP_RE = re.compile(r"^[0-9]{11}$")


def clean_digits(text: str) -> str:
    """Digits of ``text`` (Thai digits turned Arabic), dashes and spaces dropped."""
    return re.sub(r"[\s\-]", "", to_arabic_digits(text or ""))


def thai_id_check_digit(first12: str) -> int:
    total = sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10


def is_valid_thai_id(value: str) -> bool:
    """Whether ``value`` is 13 digits with a correct check digit."""
    if not re.fullmatch(r"[0-9]{13}", value or ""):
        return False
    return thai_id_check_digit(value[:12]) == int(value[12])


def is_masked_id(value: str) -> bool:
    """An ID already masked by its source, e.g. ``130990115xxxx``."""
    return bool(_MASKED_RE.match(value or ""))


def is_juristic_id(value: str) -> bool:
    """Juristic (company, partnership, agency) numbers start with 0."""
    return len(value or "") == 13 and value[0] == "0"


def mask_id(value: str) -> str:
    """The published form of an ID: juristic IDs in full, others masked."""
    if not value:
        return ""
    if is_juristic_id(value) and not is_masked_id(value):
        return value
    return value[:9] + MASK_CHAR * 4


def is_valid_egp_number(value: str, *, fiscal_year: int | None = None) -> bool:
    """An e-GP project number: 11 digits, the first two the BE year (2-digit)."""
    if not _EGP_RE.match(value or ""):
        return False
    if fiscal_year is None:
        return True
    # A project may be entered in e-GP in the year before its fiscal year
    # starts (planning) or the same year; allow both.
    prefix = int(value[:2])
    return prefix in {fiscal_year % 100, (fiscal_year - 1) % 100}
