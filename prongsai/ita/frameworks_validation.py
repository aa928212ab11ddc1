"""Validation of ITA framework data files (``data/frameworks/fy<BE year>.yaml``).

``validate_framework_data`` checks the shape of a file and its internal
consistency and returns Thai messages for the maintainer who edits it; the
constants here are the vocabulary those files may use. Pure module: no ORM,
no request, no Django settings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = [
    "CONFIDENCE_VALUES",
    "EVIDENCE_TYPES",
    "LEVEL_CODES",
    "PERIODS",
    "TOOL_CODES",
    "is_int",
    "research_notes_in",
    "user_facing_texts",
    "validate_framework_data",
]

TOOL_CODES: tuple[str, ...] = ("IIT", "EIT", "OIT")
"""The three assessment tools; the score arithmetic relies on these codes."""

CONFIDENCE_VALUES: tuple[str, ...] = ("H", "M", "L")
"""High, medium and low confidence, as defined in the domain research note."""

LEVEL_CODES: dict[str, tuple[str, ...]] = {
    "grades": ("AA", "A", "B", "C", "D", "E", "F"),
    "pass_ratings": (
        "pass_excellent",
        "pass_good",
        "pass",
        "improve",
        "improve_urgent",
    ),
}
"""Level codes allowed for each kind of level scheme."""

EVIDENCE_TYPES = frozenset({"page", "document", "dataset", "link", "system"})
"""What an assessor opens to check an OIT item."""

PERIODS = frozenset(
    {
        "current",
        "fiscal-year-current",
        "fiscal-year-previous",
        "half-year-current",
        "multi-year-plan",
    }
)
"""Which period the content of an OIT item must cover."""

_SUB_INDICATOR_CODE = re.compile(r"^(\d+)\.(\d+)$")
_ITEM_CODE = re.compile(r"^O\d+$")
# Stable item keys: dotted lower-case words, e.g. "procurement.monthly_summary".
_ITEM_KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
_REQUIRED_KEYS = (
    "fiscal_year",
    "name_th",
    "confidence",
    "sources",
    "level_scheme",
    "levels",
    "tools",
    "indicators",
    "sub_indicators",
    "oit_items",
)
# A research note left in text that users read: a bracketed remark for the
# maintainers ("(ชื่อข้อยังไม่ได้รับการยืนยัน)", "(title not verified)",
# "(ita.md §3.2)") or a confidence marker such as "[L]". Such remarks belong
# in the element's ``notes``, which no page or document shows.
_NOTE_WORDS = (
    "ยังไม่ได้รับการยืนยัน",
    "ยังไม่ยืนยัน",
    "ยืนยันไม่ได้",
    "รอการยืนยัน",
    "รอตรวจสอบ",
    "ต้องตรวจสอบ",
    "สันนิษฐาน",
    "not verified",
    "unverified",
    "to be confirmed",
    "to be checked",
    "needs checking",
    "tbc",
    "todo",
    "research note",
    "ita.md",
    "§",
    "confidence",
    "assumed",
    "reconstructed",
)
_BRACKETED = re.compile(r"[(（\[]([^()（）\[\]]*)[)）\]]")
_CONFIDENCE_MARK = re.compile(r"\[(?:H|M|L)\]")
_ONE = Decimal(1)
_HUNDRED = Decimal(100)


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _decimal_string(value: object) -> Decimal | None:
    """Parse a decimal written as a string or integer; ``None`` when invalid.

    Floats are refused on purpose: ``0.30`` unquoted in YAML becomes a binary
    float, which is exactly what the data files must avoid.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_confidence(value: object, where: str, errors: list[str]) -> None:
    if value not in CONFIDENCE_VALUES:
        errors.append(f"{where}: ค่า confidence ต้องเป็น H, M หรือ L (ได้รับ: {value})")


def _records(data: Mapping[str, Any], key: str, errors: list[str]) -> list[dict]:
    """Return the list under ``key`` keeping only mappings; report the rest."""
    value = data.get(key)
    if not isinstance(value, list):
        errors.append(f"ฟิลด์ {key} ต้องเป็นรายการ (list)")
        return []
    records = []
    for position, record in enumerate(value, start=1):
        if isinstance(record, dict):
            records.append(record)
        else:
            errors.append(f"{key} รายการที่ {position} ต้องเป็นออบเจ็กต์ (mapping)")
    return records


def _validate_levels(data: Mapping[str, Any], errors: list[str]) -> None:
    kind = data.get("level_scheme")
    if kind not in LEVEL_CODES:
        errors.append(f"level_scheme ต้องเป็น grades หรือ pass_ratings (ได้รับ: {kind})")
    levels = _records(data, "levels", errors)
    if not levels:
        errors.append("ต้องมีระดับผลการประเมิน (levels) อย่างน้อยหนึ่งระดับ")
        return
    seen: set[str] = set()
    previous: Decimal | None = None
    for level in levels:
        code = level.get("code")
        where = f"ระดับ {code}"
        if not _is_text(code):
            errors.append("ระดับผลการประเมินทุกระดับต้องมีรหัส (code)")
        elif code in seen:
            errors.append(f"รหัสระดับผลการประเมินซ้ำ: {code}")
        elif kind in LEVEL_CODES and code not in LEVEL_CODES[kind]:
            allowed = ", ".join(LEVEL_CODES[kind])
            errors.append(f"{where}: รหัสไม่อยู่ในแบบ {kind} ({allowed})")
        seen.add(str(code))
        if not _is_text(level.get("label_th")):
            errors.append(f"{where}: ต้องมีชื่อระดับภาษาไทย (label_th)")
        minimum = _decimal_string(level.get("min_total"))
        if minimum is None or not 0 <= minimum <= _HUNDRED:
            errors.append(
                f'{where}: min_total ต้องเป็นตัวเลข 0–100 ในรูปข้อความ เช่น "85.00"'
            )
        elif previous is not None and minimum > previous:
            errors.append(f"{where}: ระดับต้องเรียงจากสูงไปต่ำ (min_total ต้องไม่เพิ่มขึ้น)")
        else:
            previous = minimum
        each = level.get("min_each_tool")
        if each is not None:
            each_value = _decimal_string(each)
            if each_value is None or not 0 <= each_value <= _HUNDRED:
                errors.append(
                    f"{where}: min_each_tool ต้องเป็นตัวเลข 0–100 ในรูปข้อความ หรือ null"
                )
        if not isinstance(level.get("passed"), bool):
            errors.append(f"{where}: passed ต้องเป็น true หรือ false")
        _check_confidence(level.get("confidence"), where, errors)
    last = levels[-1]
    if _decimal_string(last.get("min_total")) != 0 or last.get("min_each_tool"):
        errors.append(
            "ระดับสุดท้ายต้องมี min_total เป็น 0 และไม่มี min_each_tool เพื่อให้ทุกคะแนนได้ระดับ"
        )


def _validate_tools_and_indicators(
    data: Mapping[str, Any], errors: list[str]
) -> set[int]:
    """Check tools and indicators; return the valid indicator numbers."""
    tools = _records(data, "tools", errors)
    indicators = _records(data, "indicators", errors)

    tool_codes: list[str] = []
    weights: list[Decimal] = []
    listed_by: dict[int, list[str]] = {}
    for tool in tools:
        code = tool.get("code")
        where = f"เครื่องมือ {code}"
        if code not in TOOL_CODES:
            errors.append(f"รหัสเครื่องมือต้องเป็น IIT, EIT หรือ OIT (ได้รับ: {code})")
        elif code in tool_codes:
            errors.append(f"รหัสเครื่องมือซ้ำ: {code}")
        tool_codes.append(str(code))
        if not _is_text(tool.get("name_th")):
            errors.append(f"{where}: ต้องมีชื่อภาษาไทย (name_th)")
        raw_weight = tool.get("weight")
        weight = _decimal_string(raw_weight)
        if weight is None or not 0 < weight <= _ONE:
            errors.append(
                f"{where}: น้ำหนักต้องเป็นทศนิยมมากกว่า 0 ไม่เกิน 1 "
                f'ในรูปข้อความ เช่น "0.30" (ได้รับ: {raw_weight})'
            )
        else:
            weights.append(weight)
        numbers = tool.get("indicators")
        if not isinstance(numbers, list) or not numbers:
            errors.append(f"{where}: ต้องระบุหมายเลขตัวชี้วัด (indicators)")
            numbers = []
        for number in numbers:
            if not is_int(number):
                errors.append(f"{where}: หมายเลขตัวชี้วัดต้องเป็นจำนวนเต็ม ({number})")
                continue
            listed_by.setdefault(number, []).append(str(code))
        _check_confidence(tool.get("confidence"), where, errors)
    missing_tools = [code for code in TOOL_CODES if code not in tool_codes]
    if missing_tools:
        errors.append(f"ไม่มีเครื่องมือ: {', '.join(missing_tools)}")
    if weights and len(weights) == len(tools) and sum(weights) != _ONE:
        errors.append(f"ผลรวมน้ำหนักของเครื่องมือต้องเท่ากับ 1 (ได้ {sum(weights)})")

    numbers_seen: set[int] = set()
    for indicator in indicators:
        number = indicator.get("number")
        if not is_int(number) or number < 1:
            errors.append(f"หมายเลขตัวชี้วัดต้องเป็นจำนวนเต็มบวก (ได้รับ: {number})")
            continue
        where = f"ตัวชี้วัดที่ {number}"
        if number in numbers_seen:
            errors.append(f"หมายเลขตัวชี้วัดซ้ำ: {number}")
        numbers_seen.add(number)
        if not _is_text(indicator.get("name_th")):
            errors.append(f"{where}: ต้องมีชื่อภาษาไทย (name_th)")
        owners = listed_by.get(number, [])
        tool = indicator.get("tool")
        if len(owners) > 1:
            errors.append(f"{where} อยู่ในเครื่องมือมากกว่าหนึ่งรายการ ({', '.join(owners)})")
        elif not owners:
            errors.append(f"{where} ไม่อยู่ในเครื่องมือใดเลย")
        elif tool != owners[0]:
            errors.append(
                f"{where} ระบุเครื่องมือ {tool} แต่อยู่ในรายการของเครื่องมือ {owners[0]}"
            )
        _check_confidence(indicator.get("confidence"), where, errors)
    for number in sorted(set(listed_by) - numbers_seen):
        errors.append(f"เครื่องมือระบุตัวชี้วัดที่ {number} ซึ่งไม่มีในรายการตัวชี้วัด")
    return numbers_seen


def _validate_sub_indicators(
    subs: list[dict], indicator_numbers: set[int], errors: list[str]
) -> tuple[dict[str, list[str]], dict[int, int]]:
    """Check sub-indicators; return each one's item codes and the number of
    valid sub-indicators per indicator."""
    sub_members: dict[str, list[str]] = {}
    member_of: dict[str, str] = {}
    counts: dict[int, int] = {}
    for sub in subs:
        code = sub.get("code")
        match = _SUB_INDICATOR_CODE.match(code) if isinstance(code, str) else None
        if match is None:
            errors.append(f'รหัสตัวชี้วัดย่อยต้องอยู่ในรูป "9.1" เป็นข้อความ (ได้รับ: {code})')
            continue
        where = f"ตัวชี้วัดย่อย {code}"
        if code in sub_members:
            errors.append(f"รหัสตัวชี้วัดย่อยซ้ำ: {code}")
            continue
        indicator = sub.get("indicator")
        if indicator not in indicator_numbers:
            errors.append(f"{where}: ไม่พบตัวชี้วัดที่ {indicator}")
        elif int(match.group(1)) != indicator:
            errors.append(f"{where}: รหัสไม่ตรงกับตัวชี้วัดที่ {indicator}")
        else:
            counts[indicator] = counts.get(indicator, 0) + 1
        if not _is_text(sub.get("name_th")):
            errors.append(f"{where}: ต้องมีชื่อภาษาไทย (name_th)")
        members = sub.get("items")
        if not isinstance(members, list) or not members:
            errors.append(f"{where}: ต้องมีข้อ OIT อย่างน้อยหนึ่งข้อ (items)")
            members = []
        sub_members[code] = [str(m) for m in members]
        for member in members:
            if member in member_of:
                errors.append(
                    f"ข้อ {member} อยู่ในตัวชี้วัดย่อยมากกว่าหนึ่งรายการ "
                    f"({member_of[member]}, {code})"
                )
            else:
                member_of[str(member)] = code
        _check_confidence(sub.get("confidence"), where, errors)
    return sub_members, counts


def _check_sub_indicator_coverage(
    data: Mapping[str, Any], counts: dict[int, int], errors: list[str]
) -> None:
    """Every indicator of a tool that uses sub-indicators needs them, or that
    tool's score cannot be computed from item results."""
    tools = data.get("tools") if isinstance(data.get("tools"), list) else []
    for tool in tools:
        if not isinstance(tool, dict) or not isinstance(tool.get("indicators"), list):
            continue
        numbers = [n for n in tool["indicators"] if is_int(n)]
        if any(n in counts for n in numbers):
            for number in numbers:
                if number not in counts:
                    errors.append(
                        f"ตัวชี้วัดที่ {number} ไม่มีตัวชี้วัดย่อย ทั้งที่ตัวชี้วัด"
                        f"อื่นของเครื่องมือ {tool.get('code')} มี"
                    )


def _validate_item_key(
    item: dict, where: str, item_keys: dict[str, str], errors: list[str]
) -> None:
    key = item.get("key")
    if key is None:
        return
    if not isinstance(key, str) or not _ITEM_KEY.match(key):
        errors.append(
            f"{where}: key ต้องเป็นอักษรอังกฤษตัวเล็กคั่นด้วยจุด "
            f'เช่น "procurement.monthly_summary" (ได้รับ: {key})'
        )
    elif key in item_keys:
        errors.append(f"{where}: key {key} ซ้ำกับข้อ {item_keys[key]}")
    else:
        item_keys[key] = item["code"]


def _validate_item_content(
    item: dict, where: str, source_keys: set, errors: list[str]
) -> None:
    """Requirements, evidence, period, year, format and sources of one item."""
    requirements = item.get("requirements")
    if not isinstance(requirements, list) or not all(_is_text(r) for r in requirements):
        errors.append(f"{where}: requirements ต้องเป็นรายการข้อความ")
    requirements_th = item.get("requirements_th")
    if requirements_th is not None and (
        not isinstance(requirements_th, list)
        or not all(_is_text(r) for r in requirements_th)
    ):
        errors.append(f"{where}: requirements_th ต้องเป็นรายการข้อความ")
    evidence = item.get("evidence_type", [])
    if not isinstance(evidence, list) or not set(evidence) <= EVIDENCE_TYPES:
        allowed = ", ".join(sorted(EVIDENCE_TYPES))
        errors.append(f"{where}: evidence_type ต้องเป็นรายการจาก {allowed}")
    period = item.get("period")
    if period is not None and period not in PERIODS:
        errors.append(f"{where}: period ไม่ถูกต้อง ({period})")
    data_year = item.get("data_year")
    if data_year is not None and not is_int(data_year):
        errors.append(f"{where}: data_year ต้องเป็นปี พ.ศ. (จำนวนเต็ม)")
    readable = item.get("machine_readable")
    if readable is not None and not isinstance(readable, bool):
        errors.append(f"{where}: machine_readable ต้องเป็น true, false หรือ null")
    item_sources = item.get("sources", [])
    if not isinstance(item_sources, list):
        errors.append(f"{where}: sources ต้องเป็นรายการ")
    else:
        for key in item_sources:
            if key not in source_keys:
                errors.append(f"{where}: ไม่พบแหล่งอ้างอิง {key} ใน sources")
    _check_confidence(item.get("confidence"), where, errors)


def _validate_items(
    data: Mapping[str, Any], indicator_numbers: set[int], errors: list[str]
) -> None:
    subs = _records(data, "sub_indicators", errors)
    items = _records(data, "oit_items", errors)
    sources = data.get("sources")
    source_keys = set(sources) if isinstance(sources, dict) else set()

    sub_members, counts = _validate_sub_indicators(subs, indicator_numbers, errors)
    if subs:
        _check_sub_indicator_coverage(data, counts, errors)
        if not items:
            errors.append("มีตัวชี้วัดย่อยแต่ไม่มีรายการข้อ OIT (oit_items)")

    item_codes: set[str] = set()
    item_keys: dict[str, str] = {}
    for item in items:
        code = item.get("code")
        if not isinstance(code, str) or not _ITEM_CODE.match(code):
            errors.append(f'รหัสข้อ OIT ต้องอยู่ในรูป "O1" (ได้รับ: {code})')
            continue
        where = f"ข้อ {code}"
        if code in item_codes:
            errors.append(f"รหัสข้อ OIT ซ้ำ: {code}")
        item_codes.add(code)
        if not _is_text(item.get("title_th")):
            errors.append(f"{where}: ต้องมีชื่อภาษาไทย (title_th)")
        _validate_item_key(item, where, item_keys, errors)
        sub = item.get("sub_indicator")
        if sub not in sub_members:
            errors.append(f"{where}: ไม่พบตัวชี้วัดย่อย {sub}")
        elif code not in sub_members[sub]:
            errors.append(f"{where}: ระบุตัวชี้วัดย่อย {sub} แต่ไม่อยู่ในรายการข้อของ {sub}")
        _validate_item_content(item, where, source_keys, errors)

    for code, members in sub_members.items():
        for member in members:
            if member not in item_codes:
                errors.append(f"ตัวชี้วัดย่อย {code} อ้างถึงข้อ {member} ซึ่งไม่มีอยู่")


def research_notes_in(text: str) -> list[str]:
    """The bracketed research notes in ``text`` (empty when it has none)."""
    found = [match.group(0) for match in _CONFIDENCE_MARK.finditer(text)]
    for match in _BRACKETED.finditer(text):
        inner = match.group(1).casefold()
        if any(word in inner for word in _NOTE_WORDS) and match.group(0) not in found:
            found.append(match.group(0))
    return found


def _texts(record: object, keys: tuple[str, ...]) -> list[str]:
    if not isinstance(record, dict):
        return []
    texts: list[str] = []
    for key in keys:
        value = record.get(key)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts.extend(v for v in value if isinstance(v, str))
    return texts


def user_facing_texts(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(where, text)`` of every text of framework data that users may read.

    Titles, names, labels and requirements reach pages and documents;
    ``notes``, ``sources`` and ``confidence`` are for maintainers only.
    """
    if not isinstance(data, dict):
        return []
    found = [("name", text) for text in _texts(data, ("name_th", "name_en"))]
    groups = (
        ("levels", "code", ("label_th", "label_en")),
        ("tools", "code", ("name_th", "name_en")),
        ("indicators", "number", ("name_th", "name_en")),
        ("sub_indicators", "code", ("name_th",)),
        (
            "oit_items",
            "code",
            ("title_th", "title_en", "group_th", "requirements", "requirements_th"),
        ),
    )
    for group, id_key, keys in groups:
        records = data.get(group)
        for record in records if isinstance(records, list) else []:
            where = f"{group} {record.get(id_key) if isinstance(record, dict) else ''}"
            found.extend((where.strip(), text) for text in _texts(record, keys))
            fields = record.get("fields") if isinstance(record, dict) else None
            for field in fields if isinstance(fields, list) else []:
                found.extend(
                    (where, text) for text in _texts(field, ("name_th", "name_en"))
                )
    return found


def _validate_research_notes(data: Mapping[str, Any], errors: list[str]) -> None:
    for where, text in user_facing_texts(data):
        for note in research_notes_in(text):
            errors.append(
                f"{where}: ข้อความที่ผู้ใช้เห็นมีหมายเหตุการค้นคว้า {note} ให้ย้ายไปไว้ใน notes"
            )


def _validate_provisional(data: Mapping[str, Any], errors: list[str]) -> None:
    provisional = data.get("provisional", False)
    if not isinstance(provisional, bool):
        errors.append("provisional ต้องเป็น true หรือ false")
    based_on = data.get("based_on")
    year = data.get("fiscal_year")
    if based_on is not None and (
        not is_int(based_on) or (is_int(year) and based_on >= year)
    ):
        errors.append("based_on ต้องเป็นปีงบประมาณ พ.ศ. ก่อนหน้าปีของกรอบนี้")


def validate_framework_data(data: dict) -> list[str]:
    """Return Thai error messages for framework data; an empty list means valid.

    Checks the shape of the file and its internal consistency: tool weights
    sum to exactly 1, each indicator belongs to exactly one tool, codes are
    unique, every OIT item's sub-indicator exists and lists it, levels are
    ordered best first and end at zero. Never raises on malformed input.
    """
    if not isinstance(data, dict):
        return ["ข้อมูลกรอบการประเมินต้องเป็นออบเจ็กต์ (mapping)"]
    errors: list[str] = []
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        errors.append(f"ไม่มีฟิลด์ที่จำเป็น: {', '.join(missing)}")
    fiscal_year = data.get("fiscal_year")
    if not is_int(fiscal_year) or not 2500 <= fiscal_year <= 2700:
        errors.append(
            f"fiscal_year ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2568 (ได้รับ: {fiscal_year})"
        )
    if not _is_text(data.get("name_th")):
        errors.append("ต้องมีชื่อการประเมินภาษาไทย (name_th)")
    _check_confidence(data.get("confidence"), "กรอบการประเมิน", errors)
    sources = data.get("sources")
    if not isinstance(sources, dict) or not sources:
        errors.append("sources ต้องเป็นรายการแหล่งอ้างอิงแบบ รหัส: คำอธิบาย")
    _validate_levels(data, errors)
    numbers = _validate_tools_and_indicators(data, errors)
    _validate_items(data, numbers, errors)
    _validate_provisional(data, errors)
    _validate_research_notes(data, errors)
    return errors
