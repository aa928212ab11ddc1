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

from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError

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
def recommendation_rules_load(*, actor=None, update: bool = False) -> dict:
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
def ita_settings_update(*, actor, organization, weakness_threshold) -> ItaSettings:
    """Set the score below which the organisation's analysis lists a weakness."""
    settings_row, _created = ItaSettings.objects.get_or_create(
        organization=organization
    )
    before = snapshot(settings_row, ("weakness_threshold",))
    settings_row.weakness_threshold = weakness_threshold
    settings_row.full_clean()
    settings_row.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_settings.update",
        target=settings_row,
        changes=diff(before, snapshot(settings_row, ("weakness_threshold",))),
    )
    return settings_row


def _item_codes() -> set[str]:
    codes: set[str] = set()
    for version in FrameworkVersion.objects.all():
        codes.update(item.code for item in version.framework().oit_items)
    return codes


@transaction.atomic
def ita_result_import(
    *, actor, organization, content: bytes, filename: str
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


@transaction.atomic
def peer_dataset_import(
    *,
    actor,
    organization,
    name: str,
    scope: str,
    fiscal_year: int,
    content: bytes,
    filename: str,
) -> PeerDataset:
    """Import other organisations' results of one fiscal year, all or nothing."""
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
    try:
        rows = read_table(content, filename)
    except ImportFileError as error:
        raise ValidationError({"file": error.messages}) from None
    parsed = parse_peers(rows)
    if parsed.errors:
        raise ValidationError({"file": importing.listed_problems(parsed.errors)})
    frame = framework.framework()
    dataset = PeerDataset(
        organization=organization,
        name=name.strip(),
        scope=scope,
        fiscal_year=fiscal_year,
        source_name=filename[:255],
        row_count=len(parsed.records),
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    dataset.full_clean()
    dataset.save()
    batch = []
    for record in parsed.records:
        values = record["indicators"]
        total = score(frame, values).total
        batch.append(
            PeerResult(
                dataset=dataset,
                name=record["name"],
                code=record.get("code", "")[:20],
                province=record.get("province", "")[:100],
                kind=record.get("kind", "")[:100],
                total=total,
                **{f"i{n}": values[n] for n in INDICATOR_NUMBERS},
            )
        )
    PeerResult.objects.bulk_create(batch, batch_size=PEER_BATCH)
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_peers.import",
        target=dataset,
        changes={"name": dataset.name, "rows": dataset.row_count},
    )
    return dataset


@transaction.atomic
def peer_dataset_delete(*, actor, dataset: PeerDataset) -> None:
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
    *, actor, organization, fiscal_year: int, **fields
) -> AnalysisReport:
    """Create or update the coordinator's part of a fiscal year's report."""
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
    before = snapshot(report, REPORT_FIELDS) if not created else {}
    for key, value in fields.items():
        if key not in REPORT_FIELDS or key == "status":
            raise TypeError(key)
        if key == "measures":
            value = _clean_measures(value)
        elif isinstance(value, str):
            value = value.strip()
        setattr(report, key, value)
    report.full_clean()
    report.save()
    after = snapshot(report, REPORT_FIELDS)
    audit_log(
        actor=actor,
        organization=organization,
        action="ita_report.create" if created else "ita_report.update",
        target=report,
        changes=after if created else diff(before, after),
    )
    return report


@transaction.atomic
def analysis_report_publish(
    *, actor, report: AnalysisReport, pdf: bytes
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
def analysis_report_unpublish(*, actor, report: AnalysisReport) -> AnalysisReport:
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
