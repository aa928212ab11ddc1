"""Writes on ITA frameworks and results."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.models import Publication
from prongsai.core.publications import (
    publication_current,
    publication_publish,
    publication_withdraw,
    says_the_same,
)
from prongsai.core.services import model_update
from prongsai.organizations.models import Organization

from . import importing
from .consistency import item_mismatches
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
from .scoring import ScoringInputError, round2, score, validate_indicators

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


def _item_codes() -> set[str]:
    codes: set[str] = set()
    for version in FrameworkVersion.objects.all():
        codes.update(item.code for item in version.framework().oit_items)
    return codes


@dataclass
class ResultImport:
    """What an import changed, value by value, and what looks inconsistent.

    Scores are the indicators and the published figures; items the OIT item
    results; ``unchanged`` counts values in the file equal to the stored ones.
    Values the file leaves empty are not counted: they were kept.
    """

    results: list[ItaResult] = field(default_factory=list)
    created_years: list[int] = field(default_factory=list)
    scores_changed: int = 0
    items_changed: int = 0
    notes_changed: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts = [
            _(
                "Imported %(years)s fiscal year(s): %(scores)s score(s) changed, "
                "%(items)s item result(s) changed, %(unchanged)s value(s) "
                "unchanged. Empty cells kept the stored values."
            )
            % {
                "years": len(self.results),
                "scores": self.scores_changed,
                "items": self.items_changed,
                "unchanged": self.unchanged,
            }
        ]
        if self.created_years:
            parts.append(
                _("New fiscal years: %(years)s.")
                % {"years": ", ".join(str(y) for y in self.created_years)}
            )
        if self.notes_changed:
            parts.append(
                _("Notes changed in %(count)s fiscal year(s).")
                % {"count": self.notes_changed}
            )
        return " ".join(parts)

    @property
    def warning_message(self) -> str:
        """Typed OIT indicators that the item results contradict, or ``""``."""
        if not self.warnings:
            return ""
        return _("Check: %(warnings)s.") % {"warnings": "; ".join(self.warnings)}


def _import_counts(record: dict, result: ItaResult | None) -> dict[str, int]:
    """How many values of the file's row differ from the stored result."""
    counts = {"scores": 0, "items": 0, "notes": 0, "unchanged": 0}
    stored_scores = {
        **(result.indicators if result else {}),
        **{
            f"published_{k}": v for k, v in (result.published if result else {}).items()
        },
    }
    given_scores = {
        **record["indicators"],
        **{f"published_{k}": v for k, v in record["published"].items()},
    }
    for key, value in given_scores.items():
        counts["scores" if stored_scores.get(key) != value else "unchanged"] += 1
    stored_items = result.item_results if result else {}
    for code, value in record["items"].items():
        counts["items" if stored_items.get(code) != value else "unchanged"] += 1
    if "notes" in record:
        stored_notes = result.notes if result else ""
        counts["notes" if stored_notes != record["notes"] else "unchanged"] += 1
    return counts


def _import_errors(record: dict, error: ValidationError) -> list[str]:
    lines = []
    for key, messages in error.message_dict.items():
        cell = record["cells"].get(key)
        for message in messages:
            if cell:
                lines.append(
                    _("%(cell)s: %(message)s") % {"cell": cell, "message": message}
                )
            else:
                lines.append(
                    _("Row %(row)s: %(message)s")
                    % {"row": record["row"], "message": message}
                )
    return lines


def _import_record(
    *,
    actor: User,
    organization: Organization,
    record: dict,
    outcome: ResultImport,
) -> list[str]:
    """Merge one row of the file into the stored result; its problems returned.

    Only the values the row holds change; a year not yet recorded needs all
    ten indicators.
    """
    fiscal_year = record["fiscal_year"]
    result = ItaResult.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()
    if result is None:
        missing = [n for n in INDICATOR_NUMBERS if n not in record["indicators"]]
        if missing:
            return [
                _(
                    "%(cell)s (indicator %(number)s): needs a score, as fiscal "
                    "year %(year)s has no result yet"
                )
                % {
                    "cell": record["cells"].get(f"i{n}", record["row"]),
                    "number": n,
                    "year": fiscal_year,
                }
                for n in missing
            ]
    try:
        clean = _clean_result(
            fiscal_year=fiscal_year,
            indicators={
                **(result.indicators if result else {}),
                **record["indicators"],
            },
            published={**(result.published if result else {}), **record["published"]},
            item_results={
                **(result.item_results if result else {}),
                **record["items"],
            },
        )
    except ValidationError as error:
        return _import_errors(record, error)
    counts = _import_counts(record, result)
    changed = counts["scores"] + counts["items"] + counts["notes"]
    if result is None or changed:
        notes = record.get("notes", result.notes if result else "")
        if result is None:
            outcome.created_years.append(fiscal_year)
        result = _result_save(
            actor=actor,
            organization=organization,
            fiscal_year=fiscal_year,
            result=result,
            data=_result_data(clean=clean, notes=notes, actor=actor),
        )
    outcome.results.append(result)
    outcome.scores_changed += counts["scores"]
    outcome.items_changed += counts["items"]
    outcome.notes_changed += 1 if counts["notes"] else 0
    outcome.unchanged += counts["unchanged"]
    framework = FrameworkVersion.objects.get(fiscal_year=fiscal_year).framework()
    outcome.warnings.extend(
        _("FY %(year)s: %(warning)s")
        % {"year": fiscal_year, "warning": mismatch.message}
        for mismatch in item_mismatches(
            framework, result.indicators, result.item_results
        )
    )
    return []


@transaction.atomic
def ita_result_import(
    *, actor: User, organization: Organization, content: bytes, filename: str
) -> ResultImport:
    """Merge a filled-in template into the stored results, all or nothing.

    An empty cell means "not in this file": the stored value stays. Only
    values the file holds change, and the outcome counts them. Raises
    ``ValidationError`` with one Thai line per bad cell or value, naming its
    row and column; then nothing is saved.
    """
    try:
        rows = read_table(content, filename)
    except ImportFileError as error:
        raise ValidationError(error.messages) from None
    parsed = parse_results(rows, item_codes=_item_codes())
    if parsed.errors:
        raise ValidationError(importing.listed_problems(parsed.errors))
    outcome = ResultImport()
    errors: list[str] = []
    for record in parsed.records:
        errors.extend(
            _import_record(
                actor=actor, organization=organization, record=record, outcome=outcome
            )
        )
    if errors:
        raise ValidationError(importing.listed_problems(errors))
    return outcome


PEER_BATCH = 2000


def _peer_framework(
    *, name: str, scope: str, fiscal_year: int, source: str, source_date
) -> FrameworkVersion:
    """The year's framework, once the peer group's own fields are valid."""
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [_("Give the peer group a name.")]
    if scope not in PeerDataset.Scope.values:
        errors["scope"] = [_("Choose the scope of the peer group.")]
    if not source.strip():
        errors["source"] = [
            _("Say where the figures come from: a web address or the publisher.")
        ]
    if source_date is None:
        errors["source_date"] = [
            _("Give the date of the source (when it published the figures).")
        ]
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


def _peer_scores(frame, record: dict) -> dict:
    """Indicators, tools and total of one peer: the file's figures first, the
    rest computed from them (tools from indicators, total from tools)."""
    indicators = record["indicators"]
    tools = dict(record["tools"])
    total = record["total"]
    if indicators:
        computed = score(frame, indicators)
        for key in ("iit", "eit", "oit"):
            tools.setdefault(key, getattr(computed, key))
        if total is None:
            total = computed.total
    if total is None:
        total = round2(
            sum(
                (tool.weight * tools[tool.code.lower()] for tool in frame.tools),
                Decimal(0),
            )
        )
    return {
        "total": total,
        **tools,
        **{f"i{n}": indicators.get(n) for n in INDICATOR_NUMBERS},
    }


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
    source: str,
    source_date: datetime.date | None,
) -> PeerDataset:
    """Import other organisations' results of one fiscal year, all or nothing.

    The file may hold the ten indicators, or only IIT, EIT, OIT and the total
    as agencies publish them; ``source`` and ``source_date`` say where and
    when the figures were published, so readers can check them.
    """
    framework = _peer_framework(
        name=name,
        scope=scope,
        fiscal_year=fiscal_year,
        source=source,
        source_date=source_date,
    )
    records = _peer_records(content, filename)
    frame = framework.framework()
    dataset = PeerDataset(
        organization=organization,
        name=name.strip(),
        scope=scope,
        fiscal_year=fiscal_year,
        source_name=filename[:255],
        source=source.strip()[:500],
        source_date=source_date,
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
                **_peer_scores(frame, record),
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
        changes={
            "name": dataset.name,
            "rows": dataset.row_count,
            "source": dataset.source,
            "source_date": str(source_date),
        },
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
    *, actor: User | None, report: AnalysisReport, snapshot: dict, pdf: bytes
) -> Publication:
    """Publish the report: freeze what it says now, with its PDF, for the public.

    ``snapshot`` is :func:`prongsai.ita.report.report_snapshot` of the report
    and ``pdf`` the PDF made from exactly that snapshot. Each call adds a
    publication (earlier ones stay as history); the public sees the latest.
    Publishing again what is already public changes nothing and is refused.
    """
    report = AnalysisReport.objects.select_for_update().get(
        organization=report.organization, pk=report.pk
    )
    if not report.approver_name or not report.prepared_by_name:
        raise DomainError(
            _("Fill in who prepared the report and who approves it before publishing.")
        )
    if not pdf.startswith(b"%PDF"):
        raise DomainError(_("The report could not be turned into a PDF file."))
    if report.is_published and says_the_same(publication_current(report), snapshot):
        raise DomainError(_("Nothing has changed since the report was last published."))
    old_status = report.status
    publication = publication_publish(
        actor=actor,
        subject=report,
        snapshot=snapshot,
        pdf=pdf,
        filename=f"ita-analysis-{report.organization.slug}-{report.fiscal_year}.pdf",
        action="ita_report.publish",
        changes={"status": {"old": old_status, "new": "published"}},
    )
    model_update(
        report,
        {
            "status": AnalysisReport.Status.PUBLISHED,
            "published_at": publication.published_at,
        },
        ("status", "published_at"),
    )
    return publication


@transaction.atomic
def analysis_report_unpublish(*, actor: User, report: AnalysisReport) -> AnalysisReport:
    """Take the report off the public pages (its publications stay as history)."""
    report = AnalysisReport.objects.select_for_update().get(
        organization=report.organization, pk=report.pk
    )
    if not report.is_published:
        raise DomainError(_("The report is not published."))
    status = {"status": {"old": "published", "new": "draft"}}
    if publication_current(report) is not None:
        publication_withdraw(
            actor=actor, subject=report, action="ita_report.unpublish", changes=status
        )
    else:  # published before publications were kept
        audit_log(
            actor=actor,
            organization=report.organization,
            action="ita_report.unpublish",
            target=report,
            changes=status,
        )
    model_update(
        report,
        {"status": AnalysisReport.Status.DRAFT, "published_at": None},
        ("status", "published_at"),
    )
    return report
