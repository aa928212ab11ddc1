"""Drafting a measures plan from the analysis of an ITA result: one measure per
weakness, its content from the recommendation rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from . import selectors
from .models import KpiDirection, Measure, Plan
from .services import plan_create
from .services_measures import MeasureData, measure_create

NUMBER = r"\d+(?:[.,]\d+)*"
NUMBER_ANYWHERE = re.compile(r"\d")
# A number is a target only where the sentence says so: after a bound
# ("ไม่น้อยกว่า 85"), after ร้อยละ or before % ("ร้อยละ 90", "90%"), or as a
# score ("100 คะแนน"). Other numbers are periods, counts or references
# ("ทุกรอบ 6 เดือน", "ตัวชี้วัดที่ 9", "ภายใน 3 วันทำการ") and never targets.
AT_LEAST_WORDS = ("ไม่ต่ำกว่า", "ไม่น้อยกว่า", "อย่างน้อย", "ขั้นต่ำ")
AT_MOST_WORDS = ("ไม่เกิน", "ไม่มากกว่า", "สูงสุดไม่เกิน")
KPI_UNITS = (
    "คะแนน",
    "ช่องทาง",
    "งาน",
    "ครั้ง",
    "เรื่อง",
    "คน",
    "ราย",
    "แห่ง",
    "ฉบับ",
    "กิจกรรม",
    "โครงการ",
    "หลักสูตร",
    "หน่วยงาน",
    "วันทำการ",
    "วัน",
)
_BOUND = "|".join(sorted(AT_LEAST_WORDS + AT_MOST_WORDS, key=len, reverse=True))
_UNIT = "|".join(sorted(KPI_UNITS, key=len, reverse=True))
TARGET_PATTERNS = (
    # ไม่น้อยกว่าร้อยละ 85 / อย่างน้อย 3 ช่องทาง / ไม่เกิน 15 วัน
    re.compile(
        rf"(?P<bound>{_BOUND})\s*(?P<percent>ร้อยละ)?\s*(?P<number>{NUMBER})"
        rf"\s*(?P<sign>%|เปอร์เซ็นต์)?\s*(?P<unit>{_UNIT})?"
    ),
    # ร้อยละ 90
    re.compile(rf"(?P<percent>ร้อยละ)\s*(?P<number>{NUMBER})"),
    # 90% / 90 เปอร์เซ็นต์
    re.compile(rf"(?P<number>{NUMBER})\s*(?P<sign>%|เปอร์เซ็นต์)"),
    # ได้ 100 คะแนน
    re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>คะแนน)"),
)
# Without any number, "every time" and "complete" sentences mean 100 percent.
ALL_WORDS = ("ทุกครั้ง", "ครบทุก", "ครบถ้วน", "ทุกงาน", "ทุกเรื่อง", "ทุกราย", "ทุกคน")
KIND_LABELS = {
    "tool": "เครื่องมือ",
    "indicator": "ตัวชี้วัดที่",
    "item": "ข้อ",
}


def _attr(obj, name: str, default: Any = "") -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _steps_text(steps) -> str:
    if not steps:
        return ""
    if isinstance(steps, str):
        return steps
    return "\n".join(str(step) for step in steps)


def _target_match(text: str) -> re.Match | None:
    """The first place where the sentence clearly states a target."""
    found = [m for pattern in TARGET_PATTERNS if (m := pattern.search(text))]
    return min(found, key=lambda m: m.start()) if found else None


def kpi_from_text(text: str, *, score=None, threshold=None) -> dict:
    """Turn a recommendation's KPI sentence into a measurable target.

    A number is the target only where the sentence clearly says so: after
    ไม่ต่ำกว่า / ไม่น้อยกว่า / อย่างน้อย / ไม่เกิน, as ร้อยละ N or N %, or as
    N คะแนน ("คะแนนตัวชี้วัดที่ 9 ไม่ต่ำกว่า 95 คะแนน" gives 95, never 9).
    Periods and references ("รายงานผลทุกรอบ 6 เดือน") are no target. A score
    sentence without a number aims at the threshold; a sentence without any
    number that says "every time" or "complete" aims at 100 percent.
    Otherwise ``kpi_target`` is ``None``: the officer sets the target.
    """
    plain = thai_dates.to_arabic_digits(text).strip()
    values: dict = {"kpi_name": plain[:300], "kpi_target": None, "kpi_unit": ""}
    is_score = "คะแนน" in plain
    match = _target_match(plain)
    if match is not None:
        groups = match.groupdict()
        values["kpi_target"] = Decimal(groups["number"].replace(",", ""))
        if groups.get("percent") or groups.get("sign"):
            values["kpi_unit"] = "%"
        elif groups.get("unit"):
            values["kpi_unit"] = groups["unit"]
        elif is_score:
            values["kpi_unit"] = "คะแนน"
        if groups.get("bound") in AT_MOST_WORDS:
            values["kpi_direction"] = KpiDirection.AT_MOST.value
    elif is_score and threshold is not None:
        values["kpi_target"] = Decimal(str(threshold))
        values["kpi_unit"] = "คะแนน"
    elif not NUMBER_ANYWHERE.search(plain) and any(w in plain for w in ALL_WORDS):
        values["kpi_target"] = Decimal(100)
        values["kpi_unit"] = "%"
    values["kpi_baseline"] = (
        Decimal(str(score))
        if values["kpi_unit"] == "คะแนน" and score is not None
        else Decimal(0)
    )
    return values


def _measure_title(kind: str, code: str, title: str, first) -> str:
    if first is None:
        return _("Improve %(what)s %(code)s %(title)s") % {
            "what": KIND_LABELS.get(kind, ""),
            "code": code,
            "title": title,
        }
    if kind == "item":
        # Item rules are often shared by every item: name the item.
        return f"{code} {title}: {_attr(first, 'title')}"
    return str(_attr(first, "title"))


def _measure_data(weakness) -> MeasureData:
    """A measure answering one weakness: the first recommendation gives its
    content, the others are listed in its steps."""
    kind = _attr(weakness, "kind")
    code = str(_attr(weakness, "code"))
    title = str(_attr(weakness, "title"))
    recommendations = list(_attr(weakness, "recommendations", []) or [])
    first = recommendations[0] if recommendations else None
    steps = _steps_text(_attr(first, "steps", [])) if first else ""
    for extra in recommendations[1:]:
        steps += ("\n" if steps else "") + str(_attr(extra, "title"))
    data: dict[str, Any] = {
        "title": _measure_title(kind, code, title, first)[:300],
        "description": str(_attr(first, "description")) if first else "",
        "responsible_unit": str(_attr(first, "responsible_unit"))[:200]
        if first
        else "",
        "steps": steps,
        "ita_kind": kind if kind in Measure.ItaKind.values else "",
        "ita_code": code[:20],
        "ita_title": title[:300],
    }
    kpi = str(_attr(first, "kpi")) if first else ""
    if kpi:
        values = kpi_from_text(
            kpi,
            score=_attr(weakness, "score", None),
            threshold=_attr(weakness, "threshold", None),
        )
        if values["kpi_target"] is not None:
            data.update(values)
        else:
            # No clear target: keep the sentence for the officer, who names
            # the indicator and sets its target.
            proposal = _("Proposed indicator (set its target): %(kpi)s") % {
                "kpi": values["kpi_name"]
            }
            data["description"] = "\n\n".join(
                part for part in (data["description"], proposal) if part
            )
    return MeasureData(**data)  # type: ignore[typeddict-item]


@transaction.atomic
def plan_draft_from_weaknesses(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    ita_fiscal_year: int,
    weaknesses: Iterable,
    title: str = "",
) -> Plan:
    """Create a draft integrity-measures plan, one measure per weakness.

    Each weakness has ``kind`` (tool, indicator or item), ``code``, ``title``,
    ``score``, ``threshold`` and ``recommendations`` (objects with ``title``,
    ``description``, ``responsible_unit``, ``steps`` and ``kpi``). A weakness
    without a recommendation still gets a measure, named after what it
    addresses, for the coordinator to complete.
    """
    weaknesses = list(weaknesses)
    if not weaknesses:
        raise DomainError(
            _("The ITA result of %(year)s shows no weakness to plan for.")
            % {"year": ita_fiscal_year}
        )
    plan = plan_create(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        kind=Plan.Kind.INTEGRITY,
        title=title
        or _("Internal integrity and transparency measures, fiscal year %(year)s")
        % {"year": fiscal_year},
        description=_(
            "Drafted from the analysis of the ITA result of fiscal year %(year)s."
        )
        % {"year": ita_fiscal_year},
        ita_fiscal_year=ita_fiscal_year,
    )
    for weakness in weaknesses:
        measure = measure_create(actor=actor, plan=plan, data=_measure_data(weakness))
        score = _attr(weakness, "score", None)
        if score is not None:
            measure.ita_score = Decimal(str(score)).quantize(Decimal("0.01"))
            measure.save(update_fields=["ita_score"])
    audit_log(
        actor=actor,
        organization=organization,
        action="plan.draft_from_analysis",
        target=plan,
        changes={"ita_fiscal_year": ita_fiscal_year, "measures": len(weaknesses)},
    )
    return plan


def plan_draft_from_analysis(
    *, actor: User, organization: Organization, ita_fiscal_year: int, fiscal_year: int
) -> Plan:
    """Draft the measures plan of ``fiscal_year`` from the analysis of the ITA
    result of ``ita_fiscal_year``, one measure per weakness."""
    weaknesses = selectors.ita_weakness_list(
        organization=organization, fiscal_year=ita_fiscal_year
    )
    if weaknesses is None:
        raise DomainError(
            _("There is no ITA result on record for fiscal year %(year)s.")
            % {"year": ita_fiscal_year},
            field="ita_fiscal_year",
        )
    return plan_draft_from_weaknesses(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        ita_fiscal_year=ita_fiscal_year,
        weaknesses=weaknesses,
    )
