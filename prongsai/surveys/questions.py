"""The IIT and EIT question sets of the ITA per Thai fiscal year, as data.

One YAML file per fiscal year, ``data/questions/fy<BE year>.yaml``: the
indicators 1-8, each with its items (IIT i1-i30, EIT e1-e15), their Thai
wording, scale (``four_level`` or ``yes_no``), whether the statement is
negative (``reversed``) and the bullets of multi-bullet items. A year without
a file of its own is served the latest earlier set (or the earliest set for a
year before every file), marked ``provisional`` with ``based_on``, so pages
can say so.

Pure module: no ORM, no request. Validation lists every problem at once in
Thai, for the maintainer who edits the files (as ``ita.frameworks`` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

__all__ = [
    "CONFIDENCES",
    "EIT_INDICATORS",
    "IIT_INDICATORS",
    "QUESTIONS_DIR",
    "SCALES",
    "Item",
    "QuestionIndicator",
    "QuestionSet",
    "available_question_years",
    "clear_question_cache",
    "load_question_set",
    "question_set_from_data",
    "validate_question_data",
]

QUESTIONS_DIR = Path(__file__).parent / "data" / "questions"
_FILE_NAME = re.compile(r"^fy(\d{4})\.yaml$")

FOUR_LEVEL = "four_level"
YES_NO = "yes_no"
FIVE_LEVEL = "five_level"
SCALES = {FOUR_LEVEL: 4, YES_NO: 2, FIVE_LEVEL: 5}
"""Scale name -> number of answer values (0 .. n-1)."""

CONFIDENCES = ("H", "M", "L")
IIT_INDICATORS = (1, 2, 3, 4, 5)
EIT_INDICATORS = (6, 7, 8)
_TOOLS = {"IIT": IIT_INDICATORS, "EIT": EIT_INDICATORS}


@dataclass(frozen=True)
class Item:
    """One question: a code (``i4``), its wording and how it is scored.

    ``bullets`` are sub-questions answered on the same scale; an item
    without bullets is answered once.
    """

    code: str
    indicator: int
    text_th: str
    scale: str
    reversed: bool
    confidence: str
    bullets: tuple[str, ...] = ()

    @property
    def answer_count(self) -> int:
        """How many answers the item takes (its bullets, or one)."""
        return len(self.bullets) or 1


@dataclass(frozen=True)
class QuestionIndicator:
    number: int
    tool: str
    name_th: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class QuestionSet:
    """The IIT and EIT questions of one fiscal year."""

    fiscal_year: int
    confidence: str
    indicators: tuple[QuestionIndicator, ...]
    sources: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    provisional: bool = False
    based_on: int | None = None

    def indicators_of(self, tool: str) -> tuple[QuestionIndicator, ...]:
        """The indicators of ``tool`` (``"IIT"`` or ``"EIT"``)."""
        return tuple(ind for ind in self.indicators if ind.tool == tool)

    def items_of(self, tool: str) -> tuple[Item, ...]:
        return tuple(i for ind in self.indicators_of(tool) for i in ind.items)

    def item(self, code: str) -> Item:
        """The item ``code``; ``KeyError`` when there is none."""
        for indicator in self.indicators:
            for item in indicator.items:
                if item.code == code:
                    return item
        raise KeyError(code)

    def indicator(self, number: int) -> QuestionIndicator:
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)


# --------------------------------------------------------------------------
# Validation


def _check_item(raw: Any, number: int, seen: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"ตัวชี้วัดที่ {number}: ข้อคำถามต้องเป็นรายการที่มีชื่อช่อง"]
    code = raw.get("code")
    where = f"ข้อ {code}" if code else f"ตัวชี้วัดที่ {number}: ข้อที่ไม่มีรหัส"
    errors = []
    if not isinstance(code, str) or not re.fullmatch(r"[ie]\d{1,2}", code):
        errors.append(f"{where}: รหัสข้อต้องเป็นเช่น i1 หรือ e1")
    elif code in seen:
        errors.append(f"{where}: รหัสข้อซ้ำ")
    else:
        seen.add(code)
    if not isinstance(raw.get("text_th"), str) or not raw["text_th"].strip():
        errors.append(f"{where}: ไม่มีข้อความคำถามภาษาไทย (text_th)")
    if raw.get("scale") not in (FOUR_LEVEL, YES_NO):
        errors.append(f"{where}: มาตรวัด (scale) ต้องเป็น four_level หรือ yes_no")
    if not isinstance(raw.get("reversed"), bool):
        errors.append(f"{where}: ต้องระบุ reversed เป็น true หรือ false")
    if raw.get("confidence") not in CONFIDENCES:
        errors.append(f"{where}: ความเชื่อมั่น (confidence) ต้องเป็น H, M หรือ L")
    bullets = raw.get("bullets", [])
    if not isinstance(bullets, list) or any(
        not isinstance(b, str) or not b.strip() for b in bullets
    ):
        errors.append(f"{where}: ข้อย่อย (bullets) ต้องเป็นรายการข้อความ")
    elif len(bullets) == 1:
        errors.append(f"{where}: ข้อที่มีข้อย่อยต้องมีอย่างน้อย 2 ข้อย่อย")
    return errors


def _check_indicator(raw: Any, seen: set[str]) -> list[str]:
    if not isinstance(raw, dict) or not isinstance(raw.get("number"), int):
        return ["ตัวชี้วัดต้องมีหมายเลข (number) เป็นจำนวนเต็ม"]
    number = raw["number"]
    errors = []
    tool = raw.get("tool")
    if tool not in _TOOLS or number not in _TOOLS[tool]:
        errors.append(
            f"ตัวชี้วัดที่ {number}: เครื่องมือ (tool) ต้องเป็น IIT (ตัวชี้วัด 1-5) "
            "หรือ EIT (ตัวชี้วัด 6-8)"
        )
    if not isinstance(raw.get("name_th"), str) or not raw["name_th"].strip():
        errors.append(f"ตัวชี้วัดที่ {number}: ไม่มีชื่อภาษาไทย (name_th)")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        errors.append(f"ตัวชี้วัดที่ {number}: ไม่มีข้อคำถาม (items)")
        return errors
    prefix = "i" if tool == "IIT" else "e"
    for item in items:
        errors.extend(_check_item(item, number, seen))
        code = item.get("code") if isinstance(item, dict) else None
        if isinstance(code, str) and not code.startswith(prefix):
            errors.append(f"ข้อ {code}: ข้อของ {tool} ต้องขึ้นต้นด้วย {prefix}")
    return errors


def validate_question_data(data: Any) -> list[str]:
    """Every problem of a parsed question file, in Thai; empty when valid."""
    if not isinstance(data, dict):
        return ["ไฟล์ชุดคำถามต้องเป็นข้อมูลแบบมีชื่อช่อง (mapping)"]
    errors = []
    year = data.get("fiscal_year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2500 <= year <= 2700:
        errors.append("fiscal_year ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2568")
    if data.get("confidence") not in CONFIDENCES:
        errors.append("ความเชื่อมั่นของไฟล์ (confidence) ต้องเป็น H, M หรือ L")
    if not isinstance(data.get("sources"), dict):
        errors.append("ต้องมีแหล่งที่มา (sources)")
    indicators = data.get("indicators")
    if not isinstance(indicators, list):
        return [*errors, "ไม่มีรายการตัวชี้วัด (indicators)"]
    seen: set[str] = set()
    numbers = []
    for raw in indicators:
        errors.extend(_check_indicator(raw, seen))
        if isinstance(raw, dict):
            numbers.append(raw.get("number"))
    if sorted(n for n in numbers if isinstance(n, int)) != [1, 2, 3, 4, 5, 6, 7, 8]:
        errors.append("ต้องมีตัวชี้วัดที่ 1 ถึง 8 ครบ ตัวชี้วัดละหนึ่งครั้ง")
    return errors


# --------------------------------------------------------------------------
# Building and loading


def question_set_from_data(data: Any) -> QuestionSet:
    """A :class:`QuestionSet` from parsed data; ``ValueError`` listing every
    problem when the data is invalid."""
    errors = validate_question_data(data)
    if errors:
        year = data.get("fiscal_year") if isinstance(data, dict) else None
        raise ValueError(
            f"ชุดคำถาม IIT/EIT ปีงบประมาณ {year} ไม่ถูกต้อง:\n- " + "\n- ".join(errors)
        )
    notes = data.get("notes") or ()
    return QuestionSet(
        fiscal_year=data["fiscal_year"],
        confidence=data["confidence"],
        sources=tuple((str(k), str(v)) for k, v in data["sources"].items()),
        notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (notes,),
        indicators=tuple(
            QuestionIndicator(
                number=raw["number"],
                tool=raw["tool"],
                name_th=raw["name_th"],
                items=tuple(
                    Item(
                        code=item["code"],
                        indicator=raw["number"],
                        text_th=item["text_th"].strip(),
                        scale=item["scale"],
                        reversed=item["reversed"],
                        confidence=item["confidence"],
                        bullets=tuple(b.strip() for b in item.get("bullets") or ()),
                    )
                    for item in raw["items"]
                ),
            )
            for raw in sorted(data["indicators"], key=lambda r: r["number"])
        ),
    )


def available_question_years(directory: Path | None = None) -> list[int]:
    """Fiscal years (BE) with a question file of their own, ascending."""
    folder = QUESTIONS_DIR if directory is None else Path(directory)
    return sorted(
        int(match.group(1))
        for path in folder.glob("fy*.yaml")
        if (match := _FILE_NAME.match(path.name))
    )


def load_question_set(
    fiscal_year: int, *, directory: Path | None = None
) -> QuestionSet:
    """The question set of ``fiscal_year`` (BE).

    A year without its own file gets the latest earlier set (the earliest
    one for a year before every file) with ``provisional=True`` and
    ``based_on`` naming the year it was copied from. ``ValueError`` with a
    translated message for a year that is not a whole number, or when no
    file exists at all.
    """
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise ValueError(
            _("The fiscal year must be a whole Buddhist-era year, for example 2568.")
        )
    folder = QUESTIONS_DIR if directory is None else Path(directory)
    years = available_question_years(folder)
    if not years:
        raise ValueError(_("There is no IIT/EIT question set on file."))
    if fiscal_year in years:
        return _load(fiscal_year, folder)
    earlier = [y for y in years if y < fiscal_year]
    source = earlier[-1] if earlier else years[0]
    return replace(
        _load(source, folder),
        fiscal_year=fiscal_year,
        provisional=True,
        based_on=source,
    )


@lru_cache(maxsize=32)
def _load(fiscal_year: int, folder: Path) -> QuestionSet:
    path = folder / f"fy{fiscal_year}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(
            f"อ่านไฟล์ชุดคำถาม {path.name} ไม่ได้: รูปแบบ YAML ไม่ถูกต้อง"
        ) from error
    if isinstance(data, dict) and data.get("fiscal_year") != fiscal_year:
        raise ValueError(
            f"ไฟล์ {path.name} ระบุ fiscal_year เป็น {data.get('fiscal_year')} "
            f"ไม่ตรงกับชื่อไฟล์ ({fiscal_year})"
        )
    return question_set_from_data(data)


def clear_question_cache() -> None:
    """Forget loaded sets so that edited files are read again."""
    _load.cache_clear()
