"""Reads of the development plan for its pages, documents and publication:
the tree strategy > programme > project with each project's planned amount
per year and the totals (per programme, per strategy, per year), and the
plain snapshot the ผ.01/ผ.02 documents and the public page are made from."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from prongsai.core import publications, thai_dates
from prongsai.core.models import Publication

from .models import DevelopmentPlan, PlanAmendment, Programme, Project, Strategy
from .models_documents import PlanImport
from .selectors import _access, project_years

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

ZERO = Decimal("0")


def access_amendment(*, organization: Organization, pk: Any) -> PlanAmendment:
    return _access(PlanAmendment, organization, pk)


def access_plan_import(*, organization: Organization, pk: Any) -> PlanImport:
    return _access(PlanImport, organization, pk)


def strategy_list(*, plan: DevelopmentPlan) -> list[Strategy]:
    return list(Strategy.objects.filter(organization=plan.organization, plan=plan))


def programme_list(*, plan: DevelopmentPlan) -> list[Programme]:
    return list(
        Programme.objects.filter(organization=plan.organization, strategy__plan=plan)
        .select_related("strategy")
        .order_by("strategy__number", "id")
    )


def amendment_list(*, plan: DevelopmentPlan) -> list[PlanAmendment]:
    return list(PlanAmendment.objects.filter(organization=plan.organization, plan=plan))


def amendment_label(amendment: PlanAmendment | None) -> str:
    """ "แผนพัฒนาเพิ่มเติม ครั้งที่ 1" (Thai whatever the language: it is a title)."""
    if amendment is None:
        return ""
    kind = (
        "แผนพัฒนาเพิ่มเติม"
        if amendment.kind == PlanAmendment.Kind.ADDITION
        else "แผนพัฒนาเปลี่ยนแปลง"
    )
    return f"{kind} ครั้งที่ {amendment.number}"


def plan_tree(*, plan: DevelopmentPlan) -> dict[str, Any]:
    """Strategies > programmes > projects, each project with ``amounts`` (one
    per year of the plan, ``None`` where the plan sets no budget), and the
    totals and counts per year at every level; in six queries."""
    organization = plan.organization
    years = plan.years
    planned = project_years(organization=organization, plan=plan)
    projects_by_programme: dict[int, list[Project]] = defaultdict(list)
    for project in (
        Project.objects.filter(organization=organization, plan=plan)
        .select_related("amendment")
        .order_by("number")
    ):
        rows = planned.get(project.pk, {})
        project.amounts = [
            rows[y].planned_amount if y in rows and rows[y].planned_amount else None
            for y in years
        ]
        project.amendment_label = amendment_label(project.amendment)
        projects_by_programme[project.programme_id].append(project)
    programmes_by_strategy: dict[int, list[Programme]] = defaultdict(list)
    for programme in programme_list(plan=plan):
        programmes_by_strategy[programme.strategy_id].append(programme)

    def sums(projects: list[Project]) -> tuple[list[Decimal], list[int]]:
        totals = [ZERO] * len(years)
        counts = [0] * len(years)
        for project in projects:
            for index, amount in enumerate(project.amounts):  # type: ignore[attr-defined]
                if amount is not None:
                    totals[index] += amount
                    counts[index] += 1
        return totals, counts

    strategies = []
    every: list[Project] = []
    for strategy in strategy_list(plan=plan):
        programmes = []
        in_strategy: list[Project] = []
        for programme in programmes_by_strategy.get(strategy.pk, []):
            projects = projects_by_programme.get(programme.pk, [])
            totals, counts = sums(projects)
            programmes.append(
                {
                    "programme": programme,
                    "projects": projects,
                    "totals": totals,
                    "counts": counts,
                    "total": sum(totals, ZERO),
                }
            )
            in_strategy += projects
        totals, counts = sums(in_strategy)
        strategies.append(
            {
                "strategy": strategy,
                "programmes": programmes,
                "totals": totals,
                "counts": counts,
                "total": sum(totals, ZERO),
                "project_count": len(in_strategy),
            }
        )
        every += in_strategy
    totals, counts = sums(every)
    return {
        "plan": plan,
        "years": years,
        "strategies": strategies,
        "totals": totals,
        "counts": counts,
        "total": sum(totals, ZERO),
        "project_count": len(every),
    }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _day(value) -> str:
    return thai_dates.format_date(value) if value else ""


def plan_snapshot(*, plan: DevelopmentPlan) -> dict[str, Any]:
    """The plan as the public sees it once published, and as the ผ.01/ผ.02
    documents print it (plain JSON)."""
    tree = plan_tree(plan=plan)
    amendments = amendment_list(plan=plan)
    project_counts: dict[int, int] = defaultdict(int)
    for strategy in tree["strategies"]:
        for programme in strategy["programmes"]:
            for project in programme["projects"]:
                if project.amendment_id:
                    project_counts[project.amendment_id] += 1
    return {
        "organization_name": plan.organization.name,
        "title": plan.title,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "years": tree["years"],
        "approved_on": _day(plan.approved_on),
        "vision": plan.vision,
        "amendments": [
            {
                "label": amendment_label(a),
                "kind": a.kind,
                "number": a.number,
                "title": a.title,
                "approved_on": _day(a.approved_on),
                "project_count": project_counts.get(a.pk, 0),
            }
            for a in amendments
        ],
        "strategies": [
            {
                "number": s["strategy"].number,
                "name": s["strategy"].name,
                "goal": s["strategy"].goal,
                "indicators": s["strategy"].indicators,
                "totals": [str(v) for v in s["totals"]],
                "counts": s["counts"],
                "total": str(s["total"]),
                "project_count": s["project_count"],
                "programmes": [
                    {
                        "name": p["programme"].name,
                        "totals": [str(v) for v in p["totals"]],
                        "total": str(p["total"]),
                        "projects": [
                            {
                                "number": project.number,
                                "name": project.name,
                                "objective": project.objective,
                                "target": project.target,
                                "kpi": project.kpi,
                                "expected_result": project.expected_result,
                                "responsible_unit": project.responsible_unit,
                                "amendment": project.amendment_label,
                                "amounts": [_money(v) for v in project.amounts],
                            }
                            for project in p["projects"]
                        ],
                    }
                    for p in s["programmes"]
                ],
            }
            for s in tree["strategies"]
        ],
        "totals": [str(v) for v in tree["totals"]],
        "counts": tree["counts"],
        "total": str(tree["total"]),
        "project_count": tree["project_count"],
    }


def plan_snapshot_problems(snapshot: dict[str, Any]) -> list[str]:
    """What the plan lacks to be published (Thai, for the staff and OIT)."""
    problems = []
    if not snapshot["strategies"]:
        problems.append(_("The plan has no strategies."))
    for s in snapshot["strategies"]:
        goal, indicators = bool(s["goal"].strip()), bool(s["indicators"].strip())
        if not goal and not indicators:
            message = _("Strategy %(number)s has no goal and no indicators.")
        elif not goal:
            message = _("Strategy %(number)s has no goal.")
        elif not indicators:
            message = _("Strategy %(number)s has no indicators.")
        else:
            continue
        problems.append(message % {"number": s["number"]})
    if not snapshot["project_count"]:
        problems.append(_("The plan has no projects."))
    return problems


# --- publications -------------------------------------------------------------------


def plan_publication_get(*, plan: DevelopmentPlan | None) -> Publication | None:
    return publications.publication_current(plan) if plan is not None else None


def plan_publications_current(
    *, organization: Organization, plans: list[DevelopmentPlan]
) -> dict[int, Publication]:
    """The current publication of each plan, by plan id (one query)."""
    return publications.publications_current(
        organization, DevelopmentPlan, [plan.pk for plan in plans]
    )


def published_plans(
    *, organization: Organization
) -> list[tuple[DevelopmentPlan, Publication]]:
    """Every plan with a current publication, newest plan first."""
    plans = list(DevelopmentPlan.objects.filter(organization=organization))
    current = publications.publications_current(
        organization, DevelopmentPlan, [plan.pk for plan in plans]
    )
    return [(plan, current[plan.pk]) for plan in plans if plan.pk in current]


def published_plan_for_year(
    *, organization: Organization, fiscal_year: int
) -> tuple[DevelopmentPlan, Publication] | None:
    """The published plan covering ``fiscal_year`` (the latest starting one)."""
    for plan, publication in published_plans(organization=organization):
        snapshot = publication.snapshot
        if snapshot["first_year"] <= fiscal_year <= snapshot["last_year"]:
            return plan, publication
    return None


def publication_pdf_bytes(publication: Publication) -> bytes:
    with publication.pdf.open("rb") as handle:
        return handle.read()
