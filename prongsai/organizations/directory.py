"""Reading the DLA's open list of LAOs: rows of a spreadsheet in, entries or
Thai errors with row numbers out (pure; no database).

The published list has one LAO a row with its code (รหัส อปท.), name, kind,
district, province and, in some editions, its website. Headers are found
wherever they start (``core.spreadsheets.find_header``); the kind may be a
column or, failing that, the start of the name (``องค์การบริหารส่วนตำบล…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from prongsai.core.spreadsheets import find_header
from prongsai.core.thai_dates import to_arabic_digits

from .models_regions import LaoKind
from .provinces import province_name

MAX_ERRORS = 20

HEADERS = {
    "dla_code": (
        "รหัสอปท",
        "รหัสองค์กรปกครองส่วนท้องถิ่น",
        "รหัสหน่วยงาน",
        "รหัส",
        "dlacode",
        "code",
    ),
    "name": (
        "ชื่ออปท",
        "ชื่อองค์กรปกครองส่วนท้องถิ่น",
        "ชื่อหน่วยงาน",
        "ชื่อ",
        "name",
    ),
    "kind": ("ประเภทอปท", "ประเภท", "รูปแบบ", "kind", "type"),
    "province": ("จังหวัด", "province"),
    "district": ("อำเภอ", "เขต", "district"),
    "website": ("เว็บไซต์", "เว็บไซท์", "website", "url"),
}
_HEADER_KEYS = {text: key for key, texts in HEADERS.items() for text in texts}

# Longest first: "เทศบาลตำบล" before "เทศบาล", the long names before the short.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("องค์การบริหารส่วนจังหวัด", LaoKind.PAO),
    ("องค์การบริหารส่วนตำบล", LaoKind.SAO),
    ("เทศบาลนคร", LaoKind.CITY_MUNICIPALITY),
    ("เทศบาลเมือง", LaoKind.TOWN_MUNICIPALITY),
    ("เทศบาลตำบล", LaoKind.SUBDISTRICT_MUNICIPALITY),
    ("อบจ", LaoKind.PAO),
    ("อบต", LaoKind.SAO),
    ("ทน", LaoKind.CITY_MUNICIPALITY),
    ("ทม", LaoKind.TOWN_MUNICIPALITY),
    ("ทต", LaoKind.SUBDISTRICT_MUNICIPALITY),
)
_CODE = re.compile(r"^[0-9]{5,10}$")


class DirectoryFileError(ValueError):
    """The file cannot be imported; ``messages`` says why, row by row."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class ParsedEntry:
    row: int  # 1-based, as the spreadsheet numbers it
    dla_code: str
    name: str
    kind: str
    province: str
    district: str
    website: str


def _squash(value: object) -> str:
    return re.sub(r"[\s.]+", "", str(value or "")).lower()


def header_key(value: object) -> str | None:
    return _HEADER_KEYS.get(_squash(value))


def _accept(keys: set[str]) -> bool:
    return {"dla_code", "name", "province"} <= keys


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(to_arabic_digits(str(value if value is not None else "")).split())


def kind_of(text: str, name: str = "") -> str | None:
    """The kind named by a kind cell (``อบต.``, ``เทศบาลตำบล``, ``sao``) or,
    when the cell is empty, by the start of the name."""
    squashed = _squash(text)
    if squashed in LaoKind.values:
        return squashed
    if squashed:
        for word, kind in KIND_WORDS:
            if squashed == word or (len(word) > 3 and squashed.startswith(word)):
                return kind
        return None
    # Names always start with their kind, written out or abbreviated.
    named = _squash(name)
    for word, kind in KIND_WORDS:
        if named.startswith(word):
            return kind
    return None


def _website(text: str) -> str:
    if not text or text in ("-", "–"):
        return ""
    url = text if "://" in text else "http://" + text
    URLValidator(schemes=["http", "https"])(url)
    return url


def _entry(number: int, cells: dict[str, str]) -> tuple[ParsedEntry | None, list]:
    problems = []
    code, name = cells.get("dla_code", ""), cells.get("name", "")
    if not _CODE.match(code):
        problems.append(
            _("the DLA code “%(code)s” is not 5 to 10 digits") % {"code": code}
        )
    if not name:
        problems.append(_("the name is empty"))
    kind = kind_of(cells.get("kind", ""), name)
    if kind is None:
        problems.append(
            _(
                "the type “%(kind)s” is not อบจ., เทศบาลนคร, เทศบาลเมือง, "
                "เทศบาลตำบล or อบต."
            )
            % {"kind": cells.get("kind", "")}
        )
    province = province_name(cells.get("province", ""))
    if province is None:
        problems.append(
            _("“%(province)s” is not a province of Thailand")
            % {"province": cells.get("province", "")}
        )
    try:
        website = _website(cells.get("website", ""))
    except ValidationError:
        website = ""
        problems.append(
            _("the website “%(url)s” is not a web address")
            % {"url": cells.get("website", "")}
        )
    if problems:
        return None, [
            _("Row %(row)s: %(problems)s.")
            % {"row": number, "problems": "; ".join(problems)}
        ]
    return ParsedEntry(
        row=number,
        dla_code=code,
        name=name[:200],
        kind=kind or "",
        province=province or "",
        district=cells.get("district", "").removeprefix("อำเภอ").strip()[:100],
        website=website,
    ), []


def parse_directory(rows: list[list[object]]) -> list[ParsedEntry]:
    """Every LAO of the table, or :class:`DirectoryFileError` with every
    problem found (the first ``MAX_ERRORS``): all or nothing."""
    found = find_header(rows, header_key, accept=_accept)
    if found is None:
        raise DirectoryFileError(
            [
                _(
                    "No header row with the columns รหัส อปท., ชื่อ อปท. and "
                    "จังหวัด was found in the first 20 rows."
                )
            ]
        )
    start, keys = found
    entries: list[ParsedEntry] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index in range(start, len(rows)):
        values = rows[index]
        cells: dict[str, str] = {}
        for column, key in enumerate(keys):
            if key and column < len(values) and key not in cells:
                cells[key] = _text(values[column])
        if not any(cells.values()):
            continue
        entry, problems = _entry(index + 1, cells)
        errors.extend(problems)
        if entry is None:
            continue
        if entry.dla_code in seen:
            errors.append(
                _("Row %(row)s: the DLA code %(code)s is also on row %(first)s.")
                % {
                    "row": entry.row,
                    "code": entry.dla_code,
                    "first": seen[entry.dla_code],
                }
            )
            continue
        seen[entry.dla_code] = entry.row
        entries.append(entry)
    if errors:
        more = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS]
        if more > 0:
            shown.append(_("… and %(count)s more problems.") % {"count": more})
        raise DirectoryFileError(shown)
    if not entries:
        raise DirectoryFileError([_("The file has a header but no LAO under it.")])
    return entries
