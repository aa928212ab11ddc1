"""Thai postal addresses for documents and pages, joined one way.

Addresses are typed by people (a textarea: line breaks, double spaces, a
space before a comma) and put together from parts (address, subdistrict,
district, province, postcode).  :func:`thai_address` joins them as Thai
addresses are written: one space between parts, the administrative prefix
glued to its name (``อำเภอเมือง``, not ``อำเภอ เมือง``), no part twice when
the typed address already names it, no space before punctuation and none
at either end.  Templates use ``{{ organization|thai_address }}`` (``{% load
thai %}``).
"""

from __future__ import annotations

import re

__all__ = ["clean_address_text", "organization_address", "thai_address"]

_SPACE = re.compile(r"[\s\u00a0\u200b]+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:)])")
_SPACE_AFTER_OPENING = re.compile(r"([(])\s+")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")

#: (prefix written before the name, prefixes that may already be there).
_SUBDISTRICT = ("ตำบล", ("ตำบล", "ต.", "แขวง"))
_DISTRICT = ("อำเภอ", ("อำเภอ", "อ.", "เขต", "กิ่งอำเภอ"))
_PROVINCE = ("จังหวัด", ("จังหวัด", "จ.", "กรุงเทพ"))


def clean_address_text(text: str) -> str:
    """*text* on one line: single spaces, none before ``, . ; : )`` or at the ends."""
    text = _SPACE.sub(" ", text or "").strip()
    text = _REPEATED_COMMA.sub(",", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _SPACE_AFTER_OPENING.sub(r"\1", text)
    return text.strip(" ,")


def _with_prefix(name: str, rule: tuple[str, tuple[str, ...]]) -> str:
    prefix, known = rule
    name = clean_address_text(name)
    if not name:
        return ""
    for start in known:
        if name.startswith(start):
            # "อำเภอ เมือง" -> "อำเภอเมือง", "อ. เมือง" -> "อ.เมือง".
            return start + name[len(start) :].lstrip()
    return f"{prefix}{name}"


def thai_address(
    *,
    address: str = "",
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postcode: str = "",
) -> str:
    """Join the parts of a Thai address (see the module docstring).

    ``thai_address(address="99 หมู่ที่ 5", district="อุบลรัตน์",
    province="ขอนแก่น", postcode="40250")`` gives
    ``99 หมู่ที่ 5 อำเภออุบลรัตน์ จังหวัดขอนแก่น 40250``.
    """
    street = clean_address_text(address)
    parts = [street] if street else []
    compact_street = street.replace(" ", "")
    for name, rule in (
        (subdistrict, _SUBDISTRICT),
        (district, _DISTRICT),
        (province, _PROVINCE),
    ):
        part = _with_prefix(name, rule)
        bare = clean_address_text(name).replace(" ", "")
        if not part or part.replace(" ", "") in compact_street:
            continue
        if bare and compact_street and bare in compact_street and len(bare) > 3:
            continue  # the typed address names it already, perhaps abbreviated
        parts.append(part)
    code = clean_address_text(postcode)
    if code and code not in street:
        parts.append(code)
    return " ".join(parts)


def organization_address(organization, *, area_only: bool = False) -> str:
    """The postal address of an organisation (``area_only``: district and
    province only, for a document's heading).

    ``organization`` is a model instance or a mapping of the same names (the
    organisation as a published snapshot stores it)."""

    def part(name: str) -> str:
        if isinstance(organization, dict):
            return organization.get(name) or ""
        return getattr(organization, name, "") or ""

    if area_only:
        return thai_address(district=part("district"), province=part("province"))
    return thai_address(
        address=part("address"),
        subdistrict=part("subdistrict"),
        district=part("district"),
        province=part("province"),
        postcode=part("postcode"),
    )
