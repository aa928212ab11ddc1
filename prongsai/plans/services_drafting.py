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
from .models import Measure, Plan
from .services import plan_create
from .services_measures import MeasureData, measure_create

NUMBER = re.compile(r"\d+(?:\.\d+)?")
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


def kpi_from_text(text: str, *, score=None, threshold=None) -> dict:
    """Turn a recommendation's KPI sentence into a measurable target.

    The last number in the sentence is the target ("คะแนน OIT ไม่ต่ำกว่า 95
    คะแนน" gives 95); a score target starts from the current score. Without a
    number the target is that the thing is done every time: 100 percent.
    """
    numbers = NUMBER.findall(thai_dates.to_arabic_digits(text))
    is_score = "คะแนน" in text
    percent = "ร้อยละ" in text or "%" in text
    values: dict = {"kpi_name": text[:300]}
    if numbers:
        values["kpi_target"] = Decimal(numbers[-1])
    elif threshold is not None and is_score:
        values["kpi_target"] = Decimal(str(threshold))
    else:
        values["kpi_target"] = Decimal(100)
        percent = True
    values["kpi_unit"] = "คะแนน" if is_score else ("%" if percent else "")
    values["kpi_baseline"] = (
        Decimal(str(score)) if is_score and score is not None else Decimal(0)
    )
    if "ไม่เกิน" in text or "ลดลง" in text:
        values["kpi_direction"] = "at_most"
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
        data.update(
            kpi_from_text(
                kpi,
                score=_attr(weakness, "score", None),
                threshold=_attr(weakness, "threshold", None),
            )
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
