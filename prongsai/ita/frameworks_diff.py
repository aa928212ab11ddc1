"""What changed between two fiscal years' ITA frameworks, and provisional copies.

When a fiscal year starts before the NACC publishes its manual, the newest
framework is copied as a *provisional* framework of the new year
(:func:`provisional_copy`); the platform operator confirms or corrects it
once the manual is out. :func:`framework_diff` lists what differs from the
previous year: OIT items added, removed or changed (matched by their stable
``key``, else by code) and the weight of every tool and indicator in the
total.

Pure module: plain data in, plain data out (no ORM, no request).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .frameworks import Framework, OitItem

__all__ = [
    "FrameworkDiff",
    "ItemChange",
    "WeightChange",
    "framework_diff",
    "indicator_weights",
    "provisional_copy",
]

HUNDRED = Decimal(100)
_YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
# Texts users read in which "พ.ศ. 2569" moves on with the year; notes and
# sources keep the years they cite.
_SHIFTED_ITEM_TEXTS = ("title_th", "title_en", "requirements", "requirements_th")


@dataclass(frozen=True)
class WeightChange:
    """A tool or indicator and its share of the total (percent) in both years."""

    kind: str
    code: str
    name: str
    old: Decimal | None
    new: Decimal | None

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class ItemChange:
    """An OIT item present in both years whose code, title or content changed."""

    key: str
    old: OitItem
    new: OitItem
    fields: tuple[str, ...]


@dataclass
class FrameworkDiff:
    old_year: int
    new_year: int
    added: list[OitItem] = field(default_factory=list)
    removed: list[OitItem] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)
    unchanged: int = 0
    weights: list[WeightChange] = field(default_factory=list)
    level_scheme_changed: bool = False

    @property
    def weight_changes(self) -> list[WeightChange]:
        return [row for row in self.weights if row.changed]

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.weight_changes
            or self.level_scheme_changed
        )


def indicator_weights(framework: Framework) -> dict[int, Decimal]:
    """Each indicator's share of the total, in percent (two decimals).

    A tool's weight is shared equally by its indicators (the mean of the
    indicators is the tool score).
    """
    weights = {}
    for tool in framework.tools:
        if not tool.indicators:
            continue
        share = tool.weight * HUNDRED / len(tool.indicators)
        for number in tool.indicators:
            weights[number] = share.quantize(Decimal("0.01"))
    return weights


def _item_id(item: OitItem) -> str:
    return item.key or item.code


def _normalise_years(text: str, year: int) -> str:
    """Years written relative to the framework's year, to compare two years."""
    return _YEAR.sub(lambda m: f"<Y{int(m.group(1)) - year:+d}>", text)


def _item_fields_changed(old: OitItem, new: OitItem, old_year: int, new_year: int):
    def norm(value, year):
        if isinstance(value, str):
            return _normalise_years(value, year)
        if isinstance(value, tuple):
            return tuple(norm(v, year) for v in value)
        return value

    compared = {
        "code": (old.code, new.code),
        "title_th": (norm(old.title_th, old_year), norm(new.title_th, new_year)),
        "requirements_th": (
            norm(old.requirements_th or old.requirements, old_year),
            norm(new.requirements_th or new.requirements, new_year),
        ),
        "sub_indicator": (old.sub_indicator, new.sub_indicator),
        "evidence_type": (old.evidence_type, new.evidence_type),
        "period": (old.period, new.period),
    }
    return tuple(name for name, (a, b) in compared.items() if a != b)


def framework_diff(old: Framework, new: Framework) -> FrameworkDiff:
    """What ``new`` changes against ``old`` (normally the year before it).

    Years in texts are compared relative to each framework's year, so
    "แผนประจำปีงบประมาณ พ.ศ. 2569" in 2569 equals "… พ.ศ. 2570" in 2570.
    """
    diff = FrameworkDiff(old_year=old.fiscal_year, new_year=new.fiscal_year)
    old_items = {_item_id(item): item for item in old.oit_items}
    new_items = {_item_id(item): item for item in new.oit_items}
    for ident, item in new_items.items():
        previous = old_items.get(ident)
        if previous is None:
            diff.added.append(item)
            continue
        changed = _item_fields_changed(previous, item, old.fiscal_year, new.fiscal_year)
        if changed:
            diff.changed.append(
                ItemChange(key=ident, old=previous, new=item, fields=changed)
            )
        else:
            diff.unchanged += 1
    diff.removed = [item for ident, item in old_items.items() if ident not in new_items]

    old_tools = {tool.code: tool for tool in old.tools}
    for tool in new.tools:
        before = old_tools.get(tool.code)
        diff.weights.append(
            WeightChange(
                kind="tool",
                code=tool.code,
                name=tool.name_th,
                old=before.weight * HUNDRED if before else None,
                new=tool.weight * HUNDRED,
            )
        )
    old_weights = indicator_weights(old)
    new_weights = indicator_weights(new)
    for indicator in new.indicators:
        diff.weights.append(
            WeightChange(
                kind="indicator",
                code=str(indicator.number),
                name=indicator.name_th,
                old=old_weights.get(indicator.number),
                new=new_weights.get(indicator.number),
            )
        )
    diff.level_scheme_changed = old.level_scheme != new.level_scheme
    return diff


def _shift(text: str, delta: int, low: int, high: int) -> str:
    def move(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year + delta) if low <= year <= high else match.group(1)

    return _YEAR.sub(move, text)


def provisional_copy(data: dict, fiscal_year: int) -> dict:
    """The framework data of an earlier year as a provisional one of ``fiscal_year``.

    Everything is kept; the fiscal years that the items' texts and
    ``data_year`` refer to (this year, last year ...) move on by the same
    number of years, and the copy is flagged ``provisional`` with
    ``based_on`` the year it was copied from.
    """
    source_year = data["fiscal_year"]
    delta = fiscal_year - source_year
    if delta <= 0:
        raise ValueError("A provisional framework must be for a later year.")
    low, high = source_year - 5, source_year
    copied = copy.deepcopy(data)
    copied["fiscal_year"] = fiscal_year
    copied["provisional"] = True
    copied["based_on"] = source_year
    for item in copied.get("oit_items") or []:
        for key in _SHIFTED_ITEM_TEXTS:
            value = item.get(key)
            if isinstance(value, str):
                item[key] = _shift(value, delta, low, high)
            elif isinstance(value, list):
                item[key] = [
                    _shift(v, delta, low, high) if isinstance(v, str) else v
                    for v in value
                ]
        if isinstance(item.get("data_year"), int) and item["data_year"] <= high:
            item["data_year"] += delta
    notes = copied.get("notes")
    notes = list(notes) if isinstance(notes, list) else ([notes] if notes else [])
    notes.insert(
        0,
        f"Provisional copy of FY {source_year} for FY {fiscal_year}, made before "
        "the NACC manual of the year was published; confirm or correct it from "
        "the manual.",
    )
    copied["notes"] = notes
    return copied
