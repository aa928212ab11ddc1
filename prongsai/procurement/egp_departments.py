"""Proposing an organisation's e-GP department code from its name and
province (pure).

e-GP department codes are not DLA codes. The operator loads the national list
(the CGD ``EGPDepartment`` / ``EGPSubdepartment`` services, saved as CSV) with
``prongsai load_egp_departments``; the settings page proposes the departments
whose name matches the organisation's in the same province, and the officer
confirms one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prongsai.core.text_similarity import jaccard, trigrams

#: Short forms of local government names, as e-GP lists often write them.
_ABBREVIATIONS = (
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
)
_WHERE = re.compile(r"\s*(?:อำเภอ|อ\.|จังหวัด|จ\.)\s*\S+")
_PROVINCE = re.compile(r"(?:จังหวัด|จ\.)\s*(\S+)")
_SPACE = re.compile(r"\s+")

MINIMUM = 0.5  # title similarity below which nothing is proposed
LIMIT = 3


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    province: str = ""


@dataclass(frozen=True)
class Proposal:
    code: str
    name: str
    province: str
    score: float


def name_key(name: str) -> str:
    """A department or organisation name without short forms, places, spaces."""
    text = _SPACE.sub(" ", name or "").strip()
    for short, full in _ABBREVIATIONS:
        if text.startswith(short):
            text = full + text[len(short) :]
    text = _WHERE.sub("", text)
    return _SPACE.sub("", text)


_KINDS = tuple(sorted({full for _short, full in _ABBREVIATIONS}, key=len, reverse=True))


def split_kind(key: str) -> tuple[str, str]:
    """A name key as (kind of local government, place): the place decides."""
    for kind in _KINDS:
        if key.startswith(kind):
            return kind, key[len(kind) :]
    return "", key


def province_key(province: str) -> str:
    text = _SPACE.sub("", province or "")
    for prefix in ("จังหวัด", "จ."):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    return text


def _province_of(department: Department) -> str:
    if department.province:
        return province_key(department.province)
    found = _PROVINCE.search(department.name)
    return province_key(found.group(1)) if found else ""


def propose(
    *,
    name: str,
    province: str,
    departments: Iterable[Department],
    limit: int = LIMIT,
) -> list[Proposal]:
    """The departments most likely the organisation's, best first.

    A department in another province is never proposed (many subdistricts
    share a name); one whose province is unknown is, with a lower score.
    """
    key = name_key(name)
    kind, place = split_kind(key)
    grams = trigrams(place)
    home = province_key(province)
    found: list[Proposal] = []
    for department in departments:
        where = _province_of(department)
        if where and home and where != home:
            continue
        other = name_key(department.name)
        other_kind, other_place = split_kind(other)
        if kind and other_kind and kind != other_kind:
            continue  # a municipality is not the subdistrict organisation
        score = 1.0 if other == key else jaccard(grams, trigrams(other_place))
        if not where:
            score *= 0.9
        if score >= MINIMUM:
            found.append(
                Proposal(department.code, department.name, department.province, score)
            )
    found.sort(key=lambda p: (-p.score, p.code))
    return found[:limit]


#: Column names accepted in the department CSV (lower case, no spaces).
_COLUMNS = {
    "code": "code",
    "dept_code": "code",
    "deptid": "code",
    "department_code": "code",
    "รหัสหน่วยงาน": "code",
    "name": "name",
    "dept_name": "name",
    "department_name": "name",
    "ชื่อหน่วยงาน": "name",
    "province": "province",
    "จังหวัด": "province",
}


def read_departments(rows: Sequence[Sequence[object]]) -> list[Department]:
    """Departments from CSV rows with a header (code, name[, province]).

    Raises ``ValueError`` when the header has no code or name column.
    """
    if not rows:
        return []
    header = [_COLUMNS.get(_SPACE.sub("", str(v or "")).lower()) for v in rows[0]]
    if "code" not in header or "name" not in header:
        raise ValueError("the first row must name the code and name columns")
    found = []
    for row in rows[1:]:
        values = {
            key: _SPACE.sub(" ", str(value or "")).strip()
            for key, value in zip(header, row, strict=False)
            if key
        }
        if values.get("code") and values.get("name"):
            found.append(
                Department(values["code"], values["name"], values.get("province", ""))
            )
    return found
