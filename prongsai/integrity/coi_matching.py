"""Cross-checking declared interests against suppliers and bidders.

Pure functions, no database. A declared company (or person) matches a
supplier when both carry the same valid 13-digit tax ID; when either has
none, when their normalised names are equal. Two different valid tax IDs
never match, whatever the names say.

Normalising a Thai business name: Thai digits become Arabic, the legal forms
(บริษัท … จำกัด (มหาชน), ห้างหุ้นส่วนจำกัด, หจก., บจก., บมจ., ร้าน, Co., Ltd.)
and every space and punctuation mark are dropped, Latin letters lower-cased.
Names are compared whole, never as parts of each other, and a name that is
left too short or only a generic trade word (การค้า, ก่อสร้าง …) matches
nothing by name, so "ร้านค้า" never matches "สมหวังการค้า".
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from prongsai.core.thai_dates import to_arabic_digits
from prongsai.procurement.identifiers import clean_digits, is_valid_thai_id

MATCH_TAX_ID = "tax_id"
MATCH_NAME = "name"

# Shortest normalised name that may match by name alone (Thai characters,
# marks included): shorter ones are initials or fragments.
MIN_NAME_KEY = 3

# Legal forms at the start of a name, longest first.
PREFIXES = (
    "ห้างหุ้นส่วนจำกัด",
    "ห้างหุ้นส่วนสามัญนิติบุคคล",
    "ห้างหุ้นส่วนสามัญ",
    "ห้างหุ้นส่วน",
    "บริษัทมหาชนจำกัด",
    "บริษัท",
    "หจก",
    "หสน",
    "บจก",
    "บมจ",
    "ร้าน",
)
# … and at the end.
SUFFIXES = (
    "จำกัดมหาชน",
    "มหาชน",
    "จำกัด",
    "companylimited",
    "publiccompanylimited",
    "partnershiplimited",
    "limitedpartnership",
    "limited",
    "coltd",
    "ltd",
    "co",
    "plc",
)
# Words that name a trade, not a business: alone they identify nobody.
GENERIC = frozenset(
    {
        "ค้า",
        "การค้า",
        "พาณิชย์",
        "ก่อสร้าง",
        "การก่อสร้าง",
        "วัสดุ",
        "วัสดุก่อสร้าง",
        "ไฟฟ้า",
        "การไฟฟ้า",
        "เครื่องเขียน",
        "คอมพิวเตอร์",
        "ซัพพลาย",
        "supply",
        "trading",
        "service",
        "services",
        "construction",
        "ไทย",
        "thai",
        "ทั่วไป",
        "บริการ",
        "โยธา",
        "การพิมพ์",
        "อาหาร",
        "น้ำดื่ม",
    }
)

_KEEP = re.compile(r"[^0-9a-z\u0E01-\u0E4E]")


def normalise_name(name: str) -> str:
    """The comparable form of a business or person's name (may be empty)."""
    text = to_arabic_digits(name or "").lower()
    text = _KEEP.sub("", text)
    changed = True
    while changed and text:
        changed = False
        for prefix in PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
                break
        for suffix in SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
                break
    return text


def name_key(name: str) -> str | None:
    """The key a name matches by, or None when it is too weak to match."""
    key = normalise_name(name)
    if len(key) < MIN_NAME_KEY or key in GENERIC:
        return None
    for prefix in PREFIXES:
        if key == prefix:
            return None
    return key


def tax_id_key(tax_id: str) -> str | None:
    """A valid 13-digit tax ID (Thai digits allowed), or None."""
    digits = clean_digits(tax_id or "")
    return digits if is_valid_thai_id(digits) else None


@dataclass(frozen=True)
class Party:
    """A declared company or a supplier: what it is known by."""

    key: Hashable
    name: str
    tax_id: str = ""


def match_on(declared: Party, supplier: Party) -> str | None:
    """How the two match (``MATCH_TAX_ID`` / ``MATCH_NAME``), or None."""
    a, b = tax_id_key(declared.tax_id), tax_id_key(supplier.tax_id)
    if a and b:
        return MATCH_TAX_ID if a == b else None
    key = name_key(declared.name)
    if key is not None and key == name_key(supplier.name):
        return MATCH_NAME
    return None


def find_matches(
    declared: Iterable[Party], suppliers: Iterable[Party]
) -> list[tuple[Hashable, Hashable, str]]:
    """Every (declared key, supplier key, matched on) pair, indexed, not n×m."""
    by_tax: dict[str, list[Party]] = {}
    by_name: dict[str, list[Party]] = {}
    for supplier in suppliers:
        tax = tax_id_key(supplier.tax_id)
        if tax:
            by_tax.setdefault(tax, []).append(supplier)
        key = name_key(supplier.name)
        if key:
            by_name.setdefault(key, []).append(supplier)
    found: dict[tuple[Hashable, Hashable], str] = {}
    for party in declared:
        candidates = by_tax.get(tax_id_key(party.tax_id) or "", [])
        key = name_key(party.name)
        candidates = candidates + (by_name.get(key, []) if key else [])
        for supplier in candidates:
            how = match_on(party, supplier)
            if how is not None:
                found.setdefault((party.key, supplier.key), how)
    return [(a, b, how) for (a, b), how in found.items()]
