"""Writes on ITA frameworks and results."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, diff, snapshot

from .frameworks import available_fiscal_years
from .models import INDICATOR_NUMBERS, FrameworkVersion, ItaResult
from .scoring import ScoringInputError, validate_indicators

CENT = Decimal("0.01")
FRAMEWORK_DIR = Path(__file__).resolve().parent / "data" / "frameworks"
RESULT_FIELDS = (
    *(f"i{n}" for n in INDICATOR_NUMBERS),
    "published_iit",
    "published_eit",
    "published_oit",
    "published_total",
    "item_results",
    "notes",
)


@transaction.atomic
def framework_load_files(*, actor=None, update: bool = False) -> dict[str, list[int]]:
    """Load the framework data files into the database.

    Years already loaded are kept as they are (an administrator may have
    corrected them) unless ``update`` is true. Returns the years created,
    updated and kept.
    """
    outcome: dict[str, list[int]] = {"created": [], "updated": [], "kept": []}
    for fiscal_year in available_fiscal_years(FRAMEWORK_DIR):
        path = FRAMEWORK_DIR / f"fy{fiscal_year}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        version = FrameworkVersion.objects.filter(fiscal_year=fiscal_year).first()
        if version is not None and not update:
            outcome["kept"].append(fiscal_year)
            continue
        created = version is None
        version = version or FrameworkVersion(fiscal_year=fiscal_year)
        version.data = data
        version.source = path.name
        version.full_clean()
        version.save()
        audit_log(
            actor=actor,
            organization=None,
            action="ita_framework.load",
            target=version,
            changes={"source": path.name},
        )
        outcome["created" if created else "updated"].append(fiscal_year)
    return outcome


def _clean_result(
    *, fiscal_year: int, indicators: Mapping, published: Mapping, item_results: Mapping
) -> dict:
    errors: dict[str, list[str]] = {}
    if not FrameworkVersion.objects.filter(fiscal_year=fiscal_year).exists():
        errors["fiscal_year"] = [
            _("There is no ITA framework for fiscal year %(year)s.")
            % {"year": fiscal_year}
        ]
    try:
        values = validate_indicators(indicators)
    except ScoringInputError as error:
        errors["indicators"] = list(error.messages)
        values = {}
    published_values = {}
    for key in ("iit", "eit", "oit", "total"):
        raw = published.get(key)
        if raw in (None, ""):
            continue
        try:
            value = Decimal(str(raw))
        except ArithmeticError:
            value = None
        if value is None or not 0 <= value <= 100 or value != round(value, 2):
            errors.setdefault(f"published_{key}", []).append(
                _(
                    "The published %(tool)s score must be a number from 0 to 100 "
                    "with at most two decimals."
                )
                % {"tool": key.upper()}
            )
            continue
        published_values[key] = value
    items = {}
    for code, raw in item_results.items():
        if str(raw) not in ("0", "100"):
            errors.setdefault("item_results", []).append(
                _("The result of OIT item %(code)s must be 0 or 100.") % {"code": code}
            )
            continue
        items[str(code)] = int(raw)
    if errors:
        raise ValidationError(errors)
    return {"indicators": values, "published": published_values, "items": items}


@transaction.atomic
def ita_result_record(
    *,
    actor,
    organization,
    fiscal_year: int,
    indicators: Mapping,
    published: Mapping | None = None,
    item_results: Mapping | None = None,
    notes: str = "",
) -> ItaResult:
    """Record (or correct) an organisation's ITA result for a fiscal year.

    All ten indicator scores are required; published tool scores and OIT item
    results are optional. Nothing is saved unless every value is valid.
    """
    clean = _clean_result(
        fiscal_year=fiscal_year,
        indicators=indicators,
        published=published or {},
        item_results=item_results or {},
    )
    result = ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()
    created = result is None
    result = result or ItaResult(organization=organization, fiscal_year=fiscal_year)
    before = snapshot(result, RESULT_FIELDS) if not created else {}
    for number, value in clean["indicators"].items():
        setattr(result, f"i{number}", value.quantize(CENT))
    for key in ("iit", "eit", "oit", "total"):
        value = clean["published"].get(key)
        setattr(
            result, f"published_{key}", None if value is None else value.quantize(CENT)
        )
    result.item_results = clean["items"]
    result.notes = notes.strip()
    result.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    result.full_clean()
    result.save()
    after = snapshot(result, RESULT_FIELDS)
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_result.create" if created else "ita_result.update",
        target=result,
        changes=after if created else diff(before, after),
    )
    return result
