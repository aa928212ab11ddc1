"""Writes on ITA frameworks and results."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import importing
from .frameworks import available_fiscal_years
from .importing import ImportFileError, parse_peers, parse_results, read_table
from .models import (
    INDICATOR_NUMBERS,
    AnalysisReport,
    FrameworkVersion,
    ItaResult,
    ItaSettings,
    PeerDataset,
    PeerResult,
    RecommendationRule,
)
from .scoring import ScoringInputError, score, validate_indicators

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
    """
    clean = _clean_result(
        fiscal_year=fiscal_year,
        indicators=indicators,
        published=published or {},
        item_results=item_results or {},
    )
    data: dict = {
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
    result = ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()
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


def _item_codes() -> set[str]:
    codes: set[str] = set()
    for version in FrameworkVersion.objects.all():
        codes.update(item.code for item in version.framework().oit_items)
    return codes


@transaction.atomic
def ita_result_import(
    *, actor: User, organization: Organization, content: bytes, filename: str
) -> list[ItaResult]:
    """Record every result in a filled-in template, or none of them.

    Raises ``ValidationError`` with one Thai line per bad cell or value.
    """
    try:
        rows = read_table(content, filename)
    except ImportFileError as error:
        raise ValidationError(error.messages) from None
    parsed = parse_results(rows, item_codes=_item_codes())
    if parsed.errors:
        raise ValidationError(importing.listed_problems(parsed.errors))
    results = []
    errors: list[str] = []
    for record in parsed.records:
        try:
            with transaction.atomic():
                results.append(
                    ita_result_record(
                        actor=actor,
                        organization=organization,
                        fiscal_year=record["fiscal_year"],
                        indicators=record["indicators"],
                        published=record["published"],
                        item_results=record["items"],
                        notes=record.get("notes", ""),
                    )
                )
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.extend(
                    _("Row %(row)s: %(message)s")
                    % {"row": record["row"], "message": message}
                    for message in messages
                )
    if errors:
        raise ValidationError(errors)
    return results


PEER_BATCH = 2000


def _peer_framework(*, name: str, scope: str, fiscal_year: int) -> FrameworkVersion:
    """The year's framework, once the peer group's name and scope are valid."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the peer group a name.")]
    if scope not in PeerDataset.Scope.values:
        errors["scope"] = [_("Choose the scope of the peer group.")]
    framework = FrameworkVersion.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        errors["fiscal_year"] = [
            _("There is no ITA framework for fiscal year %(year)s.")
            % {"year": fiscal_year}
        ]
    if errors:
        raise ValidationError(errors)
    assert framework is not None  # else errors["fiscal_year"] was raised
    return framework


def _peer_records(content: bytes, filename: str) -> list[dict]:
    try:
        rows = read_table(content, filename)
    except ImportFileError as error:
        raise ValidationError({"file": error.messages}) from None
    parsed = parse_peers(rows)
    if parsed.errors:
        raise ValidationError({"file": importing.listed_problems(parsed.errors)})
    return parsed.records


@transaction.atomic
def peer_dataset_import(
    *,
    actor: User | None,
    organization: Organization,
    name: str,
    scope: str,
    fiscal_year: int,
    content: bytes,
    filename: str,
) -> PeerDataset:
    """Import other organisations' results of one fiscal year, all or nothing."""
    framework = _peer_framework(name=name, scope=scope, fiscal_year=fiscal_year)
    records = _peer_records(content, filename)
    frame = framework.framework()
    dataset = PeerDataset(
        organization=organization,
        name=name.strip(),
        scope=scope,
        fiscal_year=fiscal_year,
        source_name=filename[:255],
        row_count=len(records),
        imported_by=_user(actor),
    )
    dataset.full_clean()
    dataset.save()
    PeerResult.objects.bulk_create(
        [
            PeerResult(
                dataset=dataset,
                name=record["name"],
                code=record.get("code", "")[:20],
                province=record.get("province", "")[:100],
                kind=record.get("kind", "")[:100],
                total=score(frame, record["indicators"]).total,
                **{f"i{n}": record["indicators"][n] for n in INDICATOR_NUMBERS},
            )
            for record in records
        ],
        batch_size=PEER_BATCH,
    )
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_peers.import",
        target=dataset,
        changes={"name": dataset.name, "rows": dataset.row_count},
    )
    return dataset


@transaction.atomic
def peer_dataset_delete(*, actor: User, dataset: PeerDataset) -> None:
    """Delete an imported peer group and its rows."""
    audit_log(
        actor=actor,
        organization=dataset.organization,
        action="ita_peers.delete",
        target=dataset,
        changes={"name": dataset.name},
    )
    dataset.delete()


REPORT_FIELDS = (
    "summary",
    "measures",
    "prepared_by_name",
    "prepared_by_position",
    "approver_name",
    "approver_position",
    "thai_digits",
    "status",
)


def _clean_measures(measures) -> list[dict]:
    cleaned = []
    for measure in measures or []:
        entry = {
            key: str(measure.get(key, "") or "").strip()
            for key in ("weakness", "title", "responsible_unit", "steps", "timeline")
        }
        if entry["title"]:
            cleaned.append(entry)
    return cleaned


@transaction.atomic
def analysis_report_save(
    *,
    actor: User | None,
    organization: Organization,
    fiscal_year: int,
    summary: str | None = None,
    measures: list[dict] | None = None,
    prepared_by_name: str | None = None,
    prepared_by_position: str | None = None,
    approver_name: str | None = None,
    approver_position: str | None = None,
    thai_digits: bool | None = None,
) -> AnalysisReport:
    """Create or update the coordinator's part of a fiscal year's report.

    A field left out (``None``) keeps its value.
    """
    if not ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("Record the ITA result of fiscal year %(year)s first.")
            % {"year": fiscal_year}
        )
    report, created = AnalysisReport.objects.get_or_create(
        organization=organization, fiscal_year=fiscal_year
    )
    given = {
        "summary": summary,
        "prepared_by_name": prepared_by_name,
        "prepared_by_position": prepared_by_position,
        "approver_name": approver_name,
        "approver_position": approver_position,
    }
    data: dict = {key: text.strip() for key, text in given.items() if text is not None}
    if measures is not None:
        data["measures"] = _clean_measures(measures)
    if thai_digits is not None:
        data["thai_digits"] = thai_digits
    changes = model_update(report, data, REPORT_FIELDS)
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_report.create" if created else "ita_report.update",
        target=report,
        changes=snapshot(report, REPORT_FIELDS) if created else changes,
    )
    return report


@transaction.atomic
def analysis_report_publish(
    *, actor: User | None, report: AnalysisReport, pdf: bytes
) -> AnalysisReport:
    """Publish the report: its PDF as it stands now gets a stable public URL."""
    if not report.approver_name or not report.prepared_by_name:
        raise DomainError(
            _("Fill in who prepared the report and who approves it before publishing.")
        )
    if report.published_pdf:
        report.published_pdf.delete(save=False)
    report.published_pdf.save(
        f"ita-analysis-{report.organization.slug}-{report.fiscal_year}.pdf",
        ContentFile(pdf),
        save=False,
    )
    report.status = AnalysisReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.full_clean()
    report.save()
    audit_log(
        actor=actor,
        organization=report.organization,
        action="ita_report.publish",
        target=report,
        changes={"status": {"old": "draft", "new": "published"}},
    )
    return report


@transaction.atomic
def analysis_report_unpublish(*, actor: User, report: AnalysisReport) -> AnalysisReport:
    """Take the report off the public pages (it stays as a draft)."""
    report.status = AnalysisReport.Status.DRAFT
    report.published_at = None
    report.save()
    audit_log(
        actor=actor,
        organization=report.organization,
        action="ita_report.unpublish",
        target=report,
        changes={"status": {"old": "published", "new": "draft"}},
    )
    return report
