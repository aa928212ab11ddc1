"""ITA assessment frameworks per Thai fiscal year, read from versioned data files.

The NACC changes the ITA (การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ
หน่วยงานภาครัฐ) almost every fiscal year: OIT items are renumbered and reworded,
and the level scheme changed from AA–F grades (FY 2562–2565) to pass ratings
(from FY 2566). Everything that changes per year therefore lives in one YAML
file per fiscal year, ``data/frameworks/fy<BE year>.yaml``; supporting a new
year means adding a file, not changing code.

The files' vocabulary and their validation live in ``frameworks_validation``.
Many facts in those files are reconstructed from secondary sources, so every
element carries a ``confidence`` (H, M or L) that administrators can review
and correct.

Pure module: no ORM, no request, no Django settings. Decimals in the files are
quoted strings so that no float ever enters the arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from .frameworks_validation import is_int, validate_framework_data

__all__ = [
    "FRAMEWORKS_DIR",
    "Framework",
    "Indicator",
    "ItemField",
    "LevelDefinition",
    "LevelScheme",
    "OitItem",
    "SubIndicator",
    "Tool",
    "available_fiscal_years",
    "clear_framework_cache",
    "framework_from_data",
    "load_framework",
]

FRAMEWORKS_DIR = Path(__file__).parent / "data" / "frameworks"
"""Folder holding one ``fy<BE year>.yaml`` file per fiscal year."""

_FILE_NAME = re.compile(r"^fy(\d{4})\.yaml$")


@dataclass(frozen=True)
class Tool:
    """One assessment tool (IIT, EIT or OIT) and its weight in the total."""

    code: str
    name_th: str
    name_en: str
    weight: Decimal
    indicators: tuple[int, ...]
    confidence: str
    notes: str = ""


@dataclass(frozen=True)
class Indicator:
    """One of the ten indicators, each belonging to exactly one tool."""

    number: int
    name_th: str
    name_en: str
    tool: str
    confidence: str
    notes: str = ""


@dataclass(frozen=True)
class SubIndicator:
    """A group of OIT items; each sub-indicator weighs equally in its indicator."""

    code: str
    indicator: int
    name_th: str
    items: tuple[str, ...]
    confidence: str
    notes: str = ""


@dataclass(frozen=True)
class ItemField:
    """One column of a structured OIT dataset (e.g. the procurement list)."""

    name_th: str
    name_en: str
    type: str


@dataclass(frozen=True)
class OitItem:
    """One OIT item, scored 100 when every requirement is met and 0 otherwise.

    ``requirements`` are the research notes' wording (English);
    ``requirements_th`` the Thai wording shown to users, when the data file
    has it. ``key`` names what the item asks for in every year (e.g.
    ``"procurement.monthly_summary"``) while codes and titles change: OIT
    evidence providers serve items by it (``prongsai.oit.registry``).
    """

    code: str
    title_th: str
    sub_indicator: str
    requirements: tuple[str, ...]
    confidence: str
    key: str = ""
    title_en: str = ""
    requirements_th: tuple[str, ...] = ()
    group_th: str = ""
    evidence_type: tuple[str, ...] = ()
    period: str | None = None
    data_year: int | None = None
    machine_readable: bool | None = None
    fields: tuple[ItemField, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class LevelDefinition:
    """One level of a scheme: reached when the rounded scores meet its minimums.

    ``min_each_tool`` is the minimum for every tool score (pass ratings from
    FY 2566); ``None`` means the level depends on the total only.
    """

    code: str
    label_th: str
    label_en: str
    min_total: Decimal
    min_each_tool: Decimal | None
    passed: bool
    confidence: str
    notes: str = ""


@dataclass(frozen=True)
class LevelScheme:
    """The ordered levels of a fiscal year, best first.

    The first level whose conditions hold is the result, so the last level
    must have a minimum total of zero.
    """

    kind: str
    levels: tuple[LevelDefinition, ...]

    @property
    def total_boundaries(self) -> tuple[Decimal, ...]:
        """Distinct non-zero minimum totals, ascending."""
        return tuple(sorted({lv.min_total for lv in self.levels if lv.min_total > 0}))

    @property
    def tool_boundaries(self) -> tuple[Decimal, ...]:
        """Distinct per-tool minimums, ascending (empty for grades)."""
        return tuple(
            sorted(
                {
                    lv.min_each_tool
                    for lv in self.levels
                    if lv.min_each_tool is not None and lv.min_each_tool > 0
                }
            )
        )

    def get(self, code: str) -> LevelDefinition:
        """Return the level with ``code``; ``KeyError`` when there is none."""
        for definition in self.levels:
            if definition.code == code:
                return definition
        raise KeyError(code)


@dataclass(frozen=True)
class Framework:
    """Everything that defines the ITA of one fiscal year (BE)."""

    fiscal_year: int
    name_th: str
    name_en: str
    level_scheme: LevelScheme
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...]
    oit_items: tuple[OitItem, ...]
    confidence: str
    sources: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    provisional: bool = False
    """A copy of an earlier year, used until the NACC publishes the manual."""
    based_on: int | None = None
    """The fiscal year a provisional framework was copied from."""

    @property
    def indicator_numbers(self) -> tuple[int, ...]:
        """Indicator numbers in ascending order."""
        return tuple(sorted(ind.number for ind in self.indicators))

    @property
    def has_item_structure(self) -> bool:
        """Whether OIT scores can be computed from item results for this year."""
        return bool(self.sub_indicators) and bool(self.oit_items)

    def tool(self, code: str) -> Tool:
        """Return the tool with ``code``; ``KeyError`` when there is none."""
        for tool in self.tools:
            if tool.code == code:
                return tool
        raise KeyError(code)

    def indicator(self, number: int) -> Indicator:
        """Return indicator ``number``; ``KeyError`` when there is none."""
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)

    def item(self, code: str) -> OitItem:
        """Return the OIT item with ``code``; ``KeyError`` when there is none."""
        for item in self.oit_items:
            if item.code == code:
                return item
        raise KeyError(code)

    def sub_indicators_of(self, number: int) -> tuple[SubIndicator, ...]:
        """Sub-indicators of indicator ``number``, in file order."""
        return tuple(s for s in self.sub_indicators if s.indicator == number)


# --------------------------------------------------------------------------
# Building and loading


def _notes(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _level_scheme(data: Mapping[str, Any]) -> LevelScheme:
    levels = []
    for raw in data["levels"]:
        each = raw.get("min_each_tool")
        levels.append(
            LevelDefinition(
                code=raw["code"],
                label_th=raw["label_th"],
                label_en=raw.get("label_en") or "",
                min_total=Decimal(raw["min_total"]),
                min_each_tool=None if each is None else Decimal(each),
                passed=raw["passed"],
                confidence=raw["confidence"],
                notes=_notes(raw.get("notes")),
            )
        )
    return LevelScheme(kind=data["level_scheme"], levels=tuple(levels))


def _item(raw: Mapping[str, Any]) -> OitItem:
    return OitItem(
        code=raw["code"],
        key=raw.get("key") or "",
        title_th=raw["title_th"],
        title_en=raw.get("title_en") or "",
        sub_indicator=raw["sub_indicator"],
        group_th=raw.get("group_th") or "",
        requirements=tuple(raw["requirements"]),
        requirements_th=tuple(raw.get("requirements_th") or ()),
        evidence_type=tuple(raw.get("evidence_type") or ()),
        period=raw.get("period"),
        data_year=raw.get("data_year"),
        machine_readable=raw.get("machine_readable"),
        fields=tuple(
            ItemField(name_th=f["name_th"], name_en=f["name_en"], type=f["type"])
            for f in raw.get("fields") or ()
        ),
        confidence=raw["confidence"],
        sources=tuple(raw.get("sources") or ()),
        notes=_notes(raw.get("notes")),
    )


def framework_from_data(data: dict) -> Framework:
    """Build a :class:`Framework` from parsed data after validating it.

    Raises ``ValueError`` listing every Thai validation message when the data
    is invalid, so that a bad edit never produces a half-valid framework.
    """
    errors = validate_framework_data(data)
    if errors:
        year = data.get("fiscal_year") if isinstance(data, dict) else None
        raise ValueError(
            f"ข้อมูลกรอบการประเมิน ITA ปีงบประมาณ {year} ไม่ถูกต้อง:\n- " + "\n- ".join(errors)
        )
    notes = data.get("notes")
    return Framework(
        fiscal_year=data["fiscal_year"],
        name_th=data["name_th"],
        name_en=data.get("name_en") or "",
        level_scheme=_level_scheme(data),
        tools=tuple(
            Tool(
                code=raw["code"],
                name_th=raw["name_th"],
                name_en=raw.get("name_en") or "",
                weight=Decimal(raw["weight"]),
                indicators=tuple(raw["indicators"]),
                confidence=raw["confidence"],
                notes=_notes(raw.get("notes")),
            )
            for raw in data["tools"]
        ),
        indicators=tuple(
            Indicator(
                number=raw["number"],
                name_th=raw["name_th"],
                name_en=raw.get("name_en") or "",
                tool=raw["tool"],
                confidence=raw["confidence"],
                notes=_notes(raw.get("notes")),
            )
            for raw in sorted(data["indicators"], key=lambda r: r["number"])
        ),
        sub_indicators=tuple(
            SubIndicator(
                code=raw["code"],
                indicator=raw["indicator"],
                name_th=raw["name_th"],
                items=tuple(raw["items"]),
                confidence=raw["confidence"],
                notes=_notes(raw.get("notes")),
            )
            for raw in data["sub_indicators"]
        ),
        oit_items=tuple(_item(raw) for raw in data["oit_items"]),
        confidence=data["confidence"],
        sources=tuple((str(k), str(v)) for k, v in data["sources"].items()),
        notes=tuple(notes) if isinstance(notes, list) else (_notes(notes),),
        provisional=bool(data.get("provisional", False)),
        based_on=data.get("based_on"),
    )


def available_fiscal_years(directory: Path | None = None) -> list[int]:
    """Fiscal years (BE) that have a framework file, ascending."""
    folder = FRAMEWORKS_DIR if directory is None else Path(directory)
    years = []
    for path in folder.glob("fy*.yaml"):
        match = _FILE_NAME.match(path.name)
        if match:
            years.append(int(match.group(1)))
    return sorted(years)


def load_framework(fiscal_year: int, *, directory: Path | None = None) -> Framework:
    """Load and validate the framework of ``fiscal_year`` (BE, e.g. 2568).

    Raises ``ValueError`` with a translated message when the year is not a
    whole number or has no file, and with a Thai validation message (for the
    maintainer who edits the files) when the file is invalid. Results are
    cached per process; call :func:`clear_framework_cache` after editing a
    file at run time.
    """
    if not is_int(fiscal_year):
        raise ValueError(
            _(
                "The fiscal year must be a whole Buddhist-era year, for example "
                "2568 (got: %(value)s)"
            )
            % {"value": fiscal_year}
        )
    folder = FRAMEWORKS_DIR if directory is None else Path(directory)
    return _load(fiscal_year, folder)


@lru_cache(maxsize=64)
def _load(fiscal_year: int, folder: Path) -> Framework:
    path = folder / f"fy{fiscal_year}.yaml"
    if not path.is_file():
        years = ", ".join(str(y) for y in available_fiscal_years(folder)) or "-"
        raise ValueError(
            _(
                "There is no ITA framework for fiscal year %(year)s (years on "
                "file: %(years)s)"
            )
            % {"year": fiscal_year, "years": years}
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(
            f"อ่านไฟล์กรอบการประเมิน {path.name} ไม่ได้: รูปแบบ YAML ไม่ถูกต้อง"
        ) from error
    if isinstance(data, dict) and data.get("fiscal_year") != fiscal_year:
        raise ValueError(
            f"ไฟล์ {path.name} ระบุ fiscal_year เป็น {data.get('fiscal_year')} "
            f"ไม่ตรงกับชื่อไฟล์ ({fiscal_year})"
        )
    return framework_from_data(data)


def clear_framework_cache() -> None:
    """Forget loaded frameworks so that edited files are read again."""
    _load.cache_clear()
