"""Imports of ITA results from the NACC's result files (all rows or none)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.organizations.models import Organization

from . import importing
from .consistency import item_mismatches
from .importing import ImportFileError, parse_results, read_table
from .models import (
    INDICATOR_NUMBERS,
    FrameworkVersion,
    ItaResult,
)
from .services import (
    _clean_result,
    _result_data,
    _result_save,
)


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
