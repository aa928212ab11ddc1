"""A plan report as plain data (JSON) and back.

``report_data`` turns the context of ``reports.plan_report_context`` into
what a plan's publication stores; ``report_from_data`` rebuilds a context
that ``reports_documents`` prints. Every report, published or not, is
printed from rebuilt data, so a published report prints exactly as a fresh
one did when it was published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from .models import WorkStatus
from .reports import ApprovedMeasure, MeasureReport, _summary
from .templatetags.plans import STATE_LABELS

NARRATIVE_FIELDS = ("problems", "obstacles", "suggestions")


@dataclass
class FrozenVersion:
    """The approved version a report follows, as published."""

    number: int
    approved_by_name: str
    approved_at: datetime.datetime | None


@dataclass
class FrozenPerson:
    """Who signs the report (name and position as published)."""

    name: str
    position: str


@dataclass
class FrozenUpdate:
    """A progress update as the report showed it."""

    reported_on: datetime.date
    narrative: str
    evidence_url: str
    has_evidence_file: bool


@dataclass
class PendingLine:
    """A measure of an open revision, awaiting approval."""

    number: int
    title: str
    responsible: str
    progress_text: str


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _datetime(value) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _text(value) -> str | None:
    return None if value is None else str(value)


def _version(version) -> dict | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "approved_by_name": version.approved_by_name,
        "approved_at": version.approved_at.isoformat() if version.approved_at else "",
    }


def _person(member) -> dict | None:
    if member is None:
        return None
    if isinstance(member, FrozenPerson):
        return {"name": member.name, "position": member.position}
    return {"name": member.user.display_name, "position": member.position or ""}


def _measure(m: ApprovedMeasure) -> dict:
    return {
        "id": m.id,
        "number": m.number,
        "title": m.title,
        "description": m.description,
        "responsible_unit": m.responsible_unit,
        "owner": m.owner,
        "owner_position": m.owner_position,
        "start_date": m.start_date.isoformat(),
        "due_date": m.due_date.isoformat(),
        "budget": str(m.budget),
        "kpi_name": m.kpi_name,
        "kpi_unit": m.kpi_unit,
        "kpi_baseline": _text(m.kpi_baseline),
        "kpi_target": _text(m.kpi_target),
        "kpi_direction": m.kpi_direction,
        "removal": m.removal,
    }


def _update(update) -> dict:
    if isinstance(update, FrozenUpdate):
        has_file = update.has_evidence_file
    else:
        has_file = bool(update.evidence_file)
    return {
        "reported_on": update.reported_on.isoformat(),
        "narrative": update.narrative,
        "evidence_url": update.evidence_url,
        "has_evidence_file": has_file,
    }


def _row(row: MeasureReport) -> dict:
    return {
        "measure": _measure(row.measure),
        "state": row.state,
        "flags": list(row.flags),
        "status": row.status,
        "percent": row.percent,
        "kpi_value": _text(row.kpi_value),
        "updates": [_update(u) for u in row.updates],
        "case_references": list(row.case_references),
        "confidential_cases": row.confidential_cases,
    }


def _pending(item) -> dict:
    if isinstance(item, PendingLine):
        return {
            "number": item.number,
            "title": item.title,
            "responsible": item.responsible,
            "progress_text": item.progress_text,
        }
    measure = item.measure
    owner = measure.owner.user.display_name if measure.owner else ""
    return {
        "number": measure.number,
        "title": measure.title,
        "responsible": " · ".join(p for p in (measure.responsible_unit, owner) if p),
        "progress_text": item.progress_text,
    }


def report_data(context: dict) -> dict:
    """The report's context as JSON-ready data (dates ISO, amounts as text)."""
    return {
        "plan_title": context["plan_title"],
        "period": context["period"],
        "title": context["title"],
        "start": context["start"].isoformat(),
        "end": context["end"].isoformat(),
        "as_of": context["as_of"].isoformat(),
        "approved": _version(context["approved"]),
        "approved_after_period": context["approved_after_period"],
        "later_version": _version(context["later_version"]),
        "revision_pending": context["revision_pending"],
        "pending": [_pending(p) for p in context["pending"]],
        "rows": [_row(r) for r in context["rows"]],
        "reporter": _person(context["reporter"]),
        "executive": _person(context["executive"]),
        "generated_on": context["generated_on"].isoformat(),
        "narrative": {
            key: (context.get("narrative") or {}).get(key, "")
            for key in NARRATIVE_FIELDS
        },
    }


def _approved_measure(data: dict) -> ApprovedMeasure:
    measure = ApprovedMeasure(
        id=data.get("id"),
        number=data["number"],
        title=data["title"],
        description=data.get("description", ""),
        responsible_unit=data.get("responsible_unit", ""),
        owner=data.get("owner", ""),
        owner_position=data.get("owner_position", ""),
        start_date=_date(data["start_date"]),  # type: ignore[arg-type]
        due_date=_date(data["due_date"]),  # type: ignore[arg-type]
        budget=_decimal(data.get("budget")) or Decimal(0),
        kpi_name=data.get("kpi_name", ""),
        kpi_unit=data.get("kpi_unit", ""),
        kpi_baseline=_decimal(data.get("kpi_baseline")),
        kpi_target=_decimal(data.get("kpi_target")),
        kpi_direction=data.get("kpi_direction") or "at_least",
    )
    measure.removal = data.get("removal", "")
    return measure


def _frozen_row(data: dict) -> MeasureReport:
    status = data.get("status") or WorkStatus.NOT_STARTED
    row = MeasureReport(
        measure=_approved_measure(data["measure"]),
        state=data["state"],
        flags=list(data.get("flags", [])),
        status_label=str(WorkStatus(status).label),
        percent=data.get("percent", 0),
        kpi_value=_decimal(data.get("kpi_value")),
        updates=[
            FrozenUpdate(
                reported_on=_date(u["reported_on"]),  # type: ignore[arg-type]
                narrative=u.get("narrative", ""),
                evidence_url=u.get("evidence_url", ""),
                has_evidence_file=bool(u.get("has_evidence_file")),
            )
            for u in data.get("updates", [])
        ],
        latest=None,
        case_references=list(data.get("case_references", [])),
        confidential_cases=data.get("confidential_cases", 0),
        status=status,
    )
    return row


def _frozen_version(data: dict | None) -> FrozenVersion | None:
    if not data:
        return None
    return FrozenVersion(
        number=data["number"],
        approved_by_name=data.get("approved_by_name", ""),
        approved_at=_datetime(data.get("approved_at")),
    )


def _frozen_person(data: dict | None) -> FrozenPerson | None:
    if not data:
        return None
    return FrozenPerson(name=data.get("name", ""), position=data.get("position", ""))


def report_from_data(data: dict, *, plan, organization) -> dict:
    """A context for ``reports_documents`` from ``report_data`` output; labels
    are translated in the active language."""
    rows = [_frozen_row(r) for r in data.get("rows", [])]
    return {
        "organization": organization,
        "plan": plan,
        "plan_title": data["plan_title"],
        "period": data["period"],
        "title": data["title"],
        "start": _date(data["start"]),
        "end": _date(data["end"]),
        "as_of": _date(data["as_of"]),
        "approved": _frozen_version(data.get("approved")),
        "approved_after_period": data.get("approved_after_period", False),
        "later_version": _frozen_version(data.get("later_version")),
        "revision_pending": data.get("revision_pending"),
        "pending": [PendingLine(**p) for p in data.get("pending", [])],
        **_summary(rows, [r.measure for r in rows]),
        "state_labels": {k: str(v) for k, v in STATE_LABELS.items()},
        "reporter": _frozen_person(data.get("reporter")),
        "executive": _frozen_person(data.get("executive")),
        "generated_on": _date(data.get("generated_on")),
        "narrative": {
            key: (data.get("narrative") or {}).get(key, "") for key in NARRATIVE_FIELDS
        },
    }
