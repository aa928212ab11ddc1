"""Writes on ITA frameworks and results."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from .frameworks import available_fiscal_years
from .models import (
    INDICATOR_NUMBERS,
    FrameworkVersion,
    ItaResult,
    ItaSettings,
    RecommendationRule,
)
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
def framework_load_files(
    *, actor: User | None = None, update: bool = False
) -> dict[str, list[int]]:
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
        version.is_provisional = bool(data.get("provisional"))
        version.based_on_year = data.get("based_on")
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


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _result_data(*, clean: dict, notes: str, actor: User | None) -> dict:
    return {
        **{f"i{n}": value.quantize(CENT) for n, value in clean["indicators"].items()},
        **{
            f"published_{key}": None
            if clean["published"].get(key) is None
            else clean["published"][key].quantize(CENT)
            for key in ("iit", "eit", "oit", "total")
        },
        "item_results": clean["items"],
        "notes": notes.strip(),
        "recorded_by": _user(actor),
    }


def _result_save(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    result: ItaResult | None,
    data: dict,
) -> ItaResult:
    """Create or update the year's result with ``data``; one audit row."""
    if result is None:
        result = ItaResult(organization=organization, fiscal_year=fiscal_year, **data)
        result.full_clean()
        result.save()
        action, changes = "ita_result.create", snapshot(result, RESULT_FIELDS)
    else:
        action = "ita_result.update"
        changes = model_update(result, data, (*RESULT_FIELDS, "recorded_by"))
        changes.pop("recorded_by", None)
    audit_log(
        actor=actor,
        organization=organization,
        action=action,
        target=result,
        changes=changes,
    )
    return result


@transaction.atomic
def ita_result_record(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    indicators: Mapping,
    published: Mapping | None = None,
    item_results: Mapping | None = None,
    notes: str = "",
) -> ItaResult:
    """Record (or correct) an organisation's ITA result for a fiscal year.

    All ten indicator scores are required; published tool scores and OIT item
    results are optional. Nothing is saved unless every value is valid.
    Typed indicators 9 and 10 that differ from what the item results give
    are saved as typed: ``selectors.ita_result_list_mismatches`` warns of them.
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
    return _result_save(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        result=result,
        data=_result_data(clean=clean, notes=notes, actor=actor),
    )


RULES_FILE = Path(__file__).resolve().parent / "data" / "recommendations.yaml"
RULE_FIELDS = (
    "scope",
    "target",
    "title",
    "description",
    "responsible_unit",
    "steps",
    "kpi",
    "below",
    "priority",
)


@transaction.atomic
def recommendation_rules_load(
    *, actor: User | None = None, update: bool = False
) -> dict:
    """Load the shipped recommendation rules, keeping admins' edits by default."""
    outcome: dict[str, list[str]] = {"created": [], "updated": [], "kept": []}
    for raw in yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")):
        rule = RecommendationRule.objects.filter(key=raw["key"]).first()
        if rule is not None and not update:
            outcome["kept"].append(rule.key)
            continue
        created = rule is None
        rule = rule or RecommendationRule(key=raw["key"])
        rule.scope = raw["scope"]
        rule.target = str(raw["target"])
        rule.title = raw["title"]
        rule.description = raw.get("description", "")
        rule.responsible_unit = raw.get("responsible_unit", "")
        rule.steps = "\n".join(raw.get("steps", []))
        rule.kpi = raw.get("kpi", "")
        rule.below = Decimal(str(raw["below"])) if raw.get("below") else None
        rule.priority = raw.get("priority", 100)
        rule.full_clean()
        rule.save()
        audit_log(
            actor=actor,
            organization=None,
            action="ita_rule.load",
            target=rule,
            changes=snapshot(rule, RULE_FIELDS),
        )
        outcome["created" if created else "updated"].append(rule.key)
    return outcome


@transaction.atomic
def ita_settings_update(
    *, actor: User, organization: Organization, weakness_threshold: Decimal
) -> ItaSettings:
    """Set the score below which the organisation's analysis lists a weakness."""
    settings_row, _created = ItaSettings.objects.get_or_create(
        organization=organization
    )
    changes = model_update(
        settings_row,
        {"weakness_threshold": weakness_threshold},
        ("weakness_threshold",),
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_settings.update",
        target=settings_row,
        changes=changes,
    )
    return settings_row
