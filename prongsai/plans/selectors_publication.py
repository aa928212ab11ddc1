"""Reads on what the public sees of a plan: its latest publication (a
``core.Publication`` of the plan, with the approved version it froze) and,
for staff, what has changed since."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.models import Publication
from prongsai.core.publications import publication_latest, publication_latest_of_each

from . import selectors
from .models import Plan, PlanVersion, WorkStatus
from .reports import plan_report_narrative
from .services import plan_snapshot

# The reports the public pages offer for a published plan.
PUBLIC_PERIODS = ("h1", "year")


def measure_progress(plan: Plan) -> dict[str, dict]:
    """Each live measure's progress, keyed by its id (as text, like JSON)."""
    progress = {}
    for measure in plan.measures.order_by("number", "id"):
        progress[str(measure.pk)] = {
            "status": measure.status,
            "percent_done": measure.percent_done,
            "kpi_value": None if measure.kpi_value is None else str(measure.kpi_value),
            "last_update_on": measure.last_update_on.isoformat()
            if measure.last_update_on
            else None,
            "updates": measure.updates.count(),
            "cases": measure.case_links.count(),
        }
    return progress


def publication_state(plan: Plan, version: PlanVersion) -> dict:
    """What a publication of ``version`` would hold now, apart from the
    reports (which also hold the day they were made)."""
    return {
        "version": version.number,
        "content": version.snapshot or {},
        "progress": measure_progress(plan),
        "narratives": {
            period: plan_report_narrative(plan=plan, period=period)
            for period in PUBLIC_PERIODS
        },
    }


@dataclass(frozen=True)
class PlanPublished:
    """A publication of a plan with the approved version it froze."""

    plan: Plan
    version: PlanVersion
    published_at: datetime.datetime
    snapshot: dict
    number: int = 0
    published_by: User | None = None
    published_by_name: str = ""


def publication_get_latest(plan: Plan) -> PlanPublished | None:
    return _published(plan, publication_latest(plan))


def _published(plan: Plan, publication: Publication | None) -> PlanPublished | None:
    """``publication`` of ``plan`` with the version it froze (``None`` when
    there is none, or its version is gone). Uses ``plan.listed_versions``
    when the list page prefetched them."""
    if publication is None:
        return None
    number = (publication.snapshot or {}).get("version")
    version = None
    if number and hasattr(plan, "listed_versions"):
        version = next((v for v in plan.listed_versions if v.number == number), None)
    elif number:
        version = plan.versions.filter(number=number).first()
    if version is None:  # the version is gone with its plan's history
        return None
    return PlanPublished(
        plan=plan,
        version=version,
        published_at=publication.published_at,
        snapshot=publication.snapshot or {},
        number=publication.number,
        published_by=publication.published_by,
        published_by_name=publication.published_by_name,
    )


def _legacy_publication(plan: Plan) -> PlanPublished | None:
    """A plan published before publications were kept: its latest approved
    version, without reports (those are then made afresh)."""
    if hasattr(plan, "listed_versions"):
        approved = [v for v in plan.listed_versions if v.approved_at is not None]
        version = max(approved, key=lambda v: v.number) if approved else None
    else:
        version = selectors.plan_version_get_latest_approved(plan)
    if version is None or plan.published_at is None:
        return None
    return PlanPublished(
        plan=plan,
        version=version,
        published_at=plan.published_at,
        snapshot={"version": version.number, "content": version.snapshot or {}},
    )


def publication_get_current(plan: Plan) -> PlanPublished | None:
    """What the public pages show of a published plan, or ``None``."""
    if plan.published_at is None:
        return None
    return publication_get_latest(plan) or _legacy_publication(plan)


def access_published_plan(*, organization, pk) -> tuple[Plan, PlanPublished]:
    """A published plan and the publication its public pages show, or 404."""
    try:
        plan = Plan.objects.filter(
            organization=organization, published_at__isnull=False
        ).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    publication = publication_get_current(plan)
    if publication is None:
        raise Http404
    return plan, publication


def plan_list_published(*, organization) -> list[tuple[Plan, PlanPublished]]:
    """Every published plan with what its public pages show, in a fixed
    number of queries (no query per plan)."""
    plans = list(
        Plan.objects.filter(organization=organization, published_at__isnull=False)
        .select_related("organization")
        .prefetch_related(
            Prefetch(
                "versions",
                PlanVersion.objects.select_related("approved_by"),
                to_attr="listed_versions",
            )
        )
        .order_by("-fiscal_year", "kind")
    )
    latest = publication_latest_of_each(plans)
    result = []
    for plan in plans:
        publication = _published(plan, latest.get(plan.pk)) or _legacy_publication(plan)
        if publication is not None:
            result.append((plan, publication))
    return result


def published_content(publication: PlanPublished, *, fiscal_year: int) -> dict:
    """The published plan for display (``selectors.snapshot_for_display``),
    each measure with its progress as published (``None`` when unknown)."""
    snapshot = publication.snapshot or {}
    content = selectors.snapshot_for_display(
        snapshot.get("content") or {}, fiscal_year=fiscal_year
    )
    progress = snapshot.get("progress")
    for measure in content["measures"]:
        shown = None if progress is None else progress.get(str(measure.get("id")))
        if shown is not None:
            shown = {**shown, "status_label": _status_label(shown.get("status"))}
        measure["progress"] = shown
    content["approval"] = snapshot.get("approval") or {}
    return content


def _status_label(status) -> str:
    try:
        return str(WorkStatus(status).label)
    except ValueError:
        return ""


def plan_publication_changes(plan: Plan) -> list[str]:
    """What differs between the plan now and what the public pages show
    (empty when the plan is not published or nothing changed)."""
    publication = publication_get_current(plan)
    if publication is None:
        return []
    published = publication.snapshot or {}
    changes = []
    latest = selectors.plan_version_get_latest_approved(plan)
    if latest is not None and latest.number != publication.version.number:
        changes.append(
            _(
                "Version %(version)s was approved after the plan was published; "
                "the public pages still show version %(published)s."
            )
            % {"version": latest.number, "published": publication.version.number}
        )
    if plan_snapshot(plan) != _comparable(published.get("content")):
        changes.append(
            _(
                "The plan has been edited since it was published (measures, "
                "targets, owners or deadlines); the changes reach the public "
                "pages once approved and published."
            )
        )
    now = publication_state(plan, publication.version)
    if now["progress"] != published.get("progress"):
        changes.append(_("Progress has been reported since the plan was published."))
    if now["narratives"] != published.get("narratives"):
        changes.append(
            _(
                "The problems, obstacles or suggestions of a report have been "
                "changed since the plan was published."
            )
        )
    return changes


def _comparable(content) -> dict:
    """A published snapshot in the shape ``plan_snapshot`` gives now (older
    snapshots lack newer keys)."""
    content = dict(content or {})
    content["measures"] = [
        {"due_date_reason": "", **m} for m in content.get("measures", [])
    ]
    return content
