"""Reads of the results part: each project's status per fiscal year, its
photos, the annual performance report and the plan follow-up report, and the
public "งบประมาณของเรา" pages. Money always comes from
:func:`selectors.budget_money` / :func:`selectors.project_money`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from prongsai.core import publications
from prongsai.core.thai_dates import fiscal_year_label

from . import figures, selectors
from .figures import LineMoney
from .models import (
    Budget,
    DevelopmentPlan,
    Project,
    ProjectPhoto,
    ProjectYear,
    Strategy,
)
from .models_documents import ResultsReport
from .models_spending import Commitment

if TYPE_CHECKING:
    from prongsai.core.models import Publication
    from prongsai.organizations.models import Organization

Status = Project.Status
STATUS_ORDER = (
    Status.NOT_STARTED,
    Status.IN_PROGRESS,
    Status.COMPLETED,
    Status.CANCELLED,
)
# The official Thai words of the plan follow-up (ยังไม่ดำเนินการ, อยู่ระหว่าง
# ดำเนินการ, ดำเนินการแล้วเสร็จ, ยกเลิก), apart from the generic labels.
STATUS_LABELS: dict[str, Any] = {
    Status.NOT_STARTED: pgettext_lazy("project status", "Not started"),
    Status.IN_PROGRESS: pgettext_lazy("project status", "In progress"),
    Status.COMPLETED: pgettext_lazy("project status", "Completed"),
    Status.CANCELLED: pgettext_lazy("project status", "Cancelled"),
}


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, status))


CARRIED_OUT = (Status.IN_PROGRESS, Status.COMPLETED)
"""A project counts as carried out once it started (done or in progress)."""
NO_STRATEGY = 0
"""Group key of the budget lines not linked to a plan project."""


def access_project_year(*, organization: Organization, pk: Any) -> ProjectYear:
    return selectors._access(ProjectYear, organization, pk)


def access_photo(*, organization: Organization, pk: Any) -> ProjectPhoto:
    return selectors._access(ProjectPhoto, organization, pk)


def project_year_get(
    *, organization: Organization, project: Project, fiscal_year: int
) -> ProjectYear | None:
    return (
        ProjectYear.objects.filter(
            organization=organization, project=project, fiscal_year=fiscal_year
        )
        .order_by()
        .first()
    )


def results_years(*, organization: Organization) -> list[int]:
    """Fiscal years with a budget or with plan projects, newest first."""
    years = set(selectors.budget_years(organization=organization))
    years.update(
        ProjectYear.objects.filter(organization=organization)
        .order_by()
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


# --- the projects of a year -----------------------------------------------------------


@dataclass
class ProjectRow:
    """A project in one fiscal year: its plan row, status and money."""

    project: Project
    year: ProjectYear | None
    money: LineMoney
    photo_count: int = 0

    @property
    def status(self) -> str:
        return self.year.status if self.year else Status.NOT_STARTED

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def planned(self) -> Decimal:
        return self.year.planned_amount if self.year else figures.ZERO

    @property
    def strategy(self):
        return self.project.programme.strategy


@dataclass
class YearResults:
    """Everything the results pages and reports of a fiscal year read."""

    fiscal_year: int
    plan: DevelopmentPlan | None
    budget: Budget | None
    rows: list[ProjectRow]
    money: selectors.BudgetMoney | None
    strategy_of_project: dict[int, int] = field(default_factory=dict)

    @cached_property
    def total(self) -> LineMoney:
        return self.money.total if self.money else LineMoney()

    def status_counts(self) -> list[dict[str, Any]]:
        counts: dict[str, int] = dict.fromkeys(STATUS_ORDER, 0)
        for row in self.rows:
            counts[row.status] += 1
        return [
            {"key": str(s), "label": status_label(s), "count": counts[s]}
            for s in STATUS_ORDER
        ]


# What the lists, reports and datasets read (no timestamps to parse).
YEAR_FIELDS = (
    "organization_id",
    "project_id",
    "fiscal_year",
    "planned_amount",
    "status",
    "output",
    "result",
    "problems",
)
PROJECT_FIELDS = (
    "organization_id",
    "plan_id",
    "number",
    "name",
    "target",
    "responsible_unit",
    "location",
    "latitude",
    "longitude",
    "programme__name",
    "programme__strategy__number",
    "programme__strategy__name",
)


def _rows(
    organization: Organization,
    fiscal_year: int,
    money: selectors.BudgetMoney | None,
    *,
    photos: bool,
) -> list[ProjectRow]:
    by_project = money.by_project() if money else {}
    years = {
        y.project_id: y
        # order_by(): ProjectYear's default ordering (through Project's)
        # loops in Django's ordering resolver.
        for y in ProjectYear.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        )
        .order_by()
        .only(*YEAR_FIELDS)
    }
    ids = set(years) | set(by_project)
    projects = (
        Project.objects.filter(organization=organization, pk__in=ids)
        .select_related("programme__strategy")
        .only(*PROJECT_FIELDS)
        .order_by("programme__strategy__number", "number", "id")
    )
    counts = (
        dict(
            ProjectPhoto.objects.filter(organization=organization, project_id__in=ids)
            .order_by()
            .values("project_id")
            .annotate(n=Count("id"))
            .values_list("project_id", "n")
        )
        if photos
        else {}
    )
    return [
        ProjectRow(
            project=project,
            year=years.get(project.pk),
            money=by_project.get(project.pk, LineMoney()),
            photo_count=counts.get(project.pk, 0),
        )
        for project in projects
    ]


def year_results(
    *, organization: Organization, fiscal_year: int, photos: bool = False
) -> YearResults:
    """The projects of ``fiscal_year`` (those the plan sets a budget for that
    year and those a line of the year's budget funds), with status and money."""
    budget = selectors.budget_for_year(
        organization=organization, fiscal_year=fiscal_year
    )
    money = (
        selectors.budget_money(organization=organization, budget=budget)
        if budget
        else None
    )
    rows = _rows(organization, fiscal_year, money, photos=photos)
    strategy_of_project = {row.project.pk: row.strategy.number for row in rows}
    return YearResults(
        fiscal_year=fiscal_year,
        plan=selectors.plan_for_year(
            organization=organization, fiscal_year=fiscal_year
        ),
        budget=budget,
        rows=rows,
        money=money,
        strategy_of_project=strategy_of_project,
    )


@dataclass
class StrategyResult:
    number: int
    name: str
    projects: int = 0
    completed: int = 0
    carried_out: int = 0
    planned: Decimal = figures.ZERO
    money: LineMoney = field(default_factory=LineMoney)

    @property
    def carried_out_percent(self) -> Decimal | None:
        return figures.share(Decimal(self.carried_out), Decimal(self.projects))

    @property
    def completed_percent(self) -> Decimal | None:
        return figures.share(Decimal(self.completed), Decimal(self.projects))


def strategy_results(results: YearResults) -> list[StrategyResult]:
    """Per strategy: the plan's projects of the year, how many were carried
    out, the budget planned, in force and used. The lines of the budget not
    linked to a plan project are the last group (number 0)."""
    out: dict[int, StrategyResult] = {}
    if results.plan is not None:
        for strategy in Strategy.objects.filter(
            organization=results.plan.organization_id, plan=results.plan
        ).order_by("number"):
            out[strategy.number] = StrategyResult(strategy.number, strategy.name)
    for row in results.rows:
        s = row.strategy
        item = out.setdefault(s.number, StrategyResult(s.number, s.name))
        if row.year is not None:
            item.projects += 1
            item.completed += row.status == Status.COMPLETED
            item.carried_out += row.status in CARRIED_OUT
            item.planned += row.planned
    for row in results.rows:
        item = out[row.strategy.number]
        item.money = item.money.add(row.money)
    if results.money is not None:
        unlinked = figures.total(
            results.money.of(line)
            for line in results.money.lines
            if line.project_id not in results.strategy_of_project
        )
        if unlinked.in_force or unlinked.committed or unlinked.disbursed:
            out[NO_STRATEGY] = StrategyResult(
                NO_STRATEGY, _("Not linked to a plan project"), money=unlinked
            )
    return sorted(out.values(), key=lambda s: (s.number == NO_STRATEGY, s.number))


def programme_money(results: YearResults) -> list[tuple[str, LineMoney]]:
    """The year's budget per programme (แผนงาน) of the ordinance."""
    if results.money is None:
        return []
    return list(results.money.grouped(lambda line: line.programme).items())


# --- one project -----------------------------------------------------------------


def project_photos(
    *, organization: Organization, project: Project
) -> list[ProjectPhoto]:
    return list(
        ProjectPhoto.objects.filter(
            organization=organization, project=project
        ).order_by("taken_on", "id")
    )


def project_contracts(
    *, organization: Organization, project: Project
) -> list[Commitment]:
    """The confirmed commitments of the project's budget lines, with their
    procurement and contract (one query)."""
    return list(
        Commitment.objects.filter(
            organization=organization,
            line__project=project,
            state=Commitment.State.CONFIRMED,
        )
        .select_related("procurement__supplier", "procurement__organization", "line")
        .order_by("line__budget__fiscal_year", "procurement__procured_on", "id")
    )


def project_detail(*, organization: Organization, project: Project) -> dict[str, Any]:
    """What a project's page shows: its years (plan, status, money), the
    contracts and the photos."""
    money = selectors.project_money(organization=organization, project=project)
    years = {
        y.fiscal_year: y
        for y in ProjectYear.objects.filter(
            organization=organization, project=project
        ).order_by()
    }
    rows = [
        {
            "fiscal_year": year,
            "year": years.get(year),
            "status_label": status_label(years[year].status) if year in years else "",
            "money": money.get(year, LineMoney()),
        }
        for year in sorted(set(years) | set(money))
    ]
    return {
        "years": rows,
        "contracts": project_contracts(organization=organization, project=project),
        "photos": project_photos(organization=organization, project=project),
    }


# --- the reports --------------------------------------------------------------------


def report_get(
    *, organization: Organization, kind: str, fiscal_year: int
) -> ResultsReport | None:
    return ResultsReport.objects.filter(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    ).first()


def published_report(
    *, organization: Organization, kind: str, fiscal_year: int
) -> Publication | None:
    report = report_get(organization=organization, kind=kind, fiscal_year=fiscal_year)
    return publications.publication_current(report) if report else None


def published_reports(
    *, organization: Organization, fiscal_year: int
) -> dict[str, Publication]:
    """kind -> the current publication of the year's reports (two queries)."""
    reports = {
        r.pk: r.kind
        for r in ResultsReport.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).only("pk", "kind")
    }
    current = publications.publications_current(organization, ResultsReport, reports)
    return {reports[pk]: publication for pk, publication in current.items()}


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _project_snapshot(row: ProjectRow) -> dict[str, Any]:
    return {
        "id": row.project.pk,
        "number": row.project.number,
        "name": row.project.name,
        "strategy": row.strategy.number,
        "unit": row.project.responsible_unit,
        "target": row.project.target,
        "status": row.status,
        "status_label": row.status_label,
        "output": row.year.output if row.year else "",
        "result": row.year.result if row.year else "",
        "problems": row.year.problems if row.year else "",
        "planned": _money(row.planned),
        "in_force": _money(row.money.in_force),
        "committed": _money(row.money.committed),
        "disbursed": _money(row.money.disbursed),
    }


def _strategy_snapshot(s: StrategyResult) -> dict[str, Any]:
    return {
        "number": s.number,
        "name": s.name,
        "projects": s.projects,
        "carried_out": s.carried_out,
        "completed": s.completed,
        "carried_out_percent": _percent(s.carried_out_percent),
        "planned": _money(s.planned),
        "in_force": _money(s.money.in_force),
        "committed": _money(s.money.committed),
        "disbursed": _money(s.money.disbursed),
        "disbursed_percent": _percent(s.money.disbursed_share),
    }


def report_snapshot(
    *, organization: Organization, kind: str, fiscal_year: int
) -> dict[str, Any]:
    """Plain data of the year's annual performance report or plan follow-up
    report: what its PDF, DOCX and public page print (and what is frozen
    when it is published)."""
    results = year_results(organization=organization, fiscal_year=fiscal_year)
    report = report_get(organization=organization, kind=kind, fiscal_year=fiscal_year)
    total = results.total
    planned_rows = [row for row in results.rows if row.year is not None]
    carried = sum(row.status in CARRIED_OUT for row in planned_rows)
    completed = sum(row.status == Status.COMPLETED for row in planned_rows)
    title = (
        ResultsReport.Kind.ANNUAL.label
        if kind == ResultsReport.Kind.ANNUAL
        else ResultsReport.Kind.FOLLOW_UP.label
    )
    return {
        "kind": kind,
        "title": f"{title} {fiscal_year_label(fiscal_year)}",
        "organization_name": organization.name,
        "fiscal_year": fiscal_year,
        "plan_title": results.plan.title if results.plan else "",
        "budget_title": results.budget.title if results.budget else "",
        "project_count": len(results.rows),
        "plan_project_count": len(planned_rows),
        "carried_out": carried,
        "completed": completed,
        "carried_out_percent": _percent(
            figures.share(Decimal(carried), Decimal(len(planned_rows)))
        ),
        "completed_percent": _percent(
            figures.share(Decimal(completed), Decimal(len(planned_rows)))
        ),
        "status_counts": results.status_counts(),
        "budget_in_force": _money(total.in_force),
        "budget_committed": _money(total.committed),
        "budget_disbursed": _money(total.disbursed),
        "budget_disbursed_percent": _percent(total.disbursed_share),
        "projects": [_project_snapshot(row) for row in results.rows],
        "strategies": [_strategy_snapshot(s) for s in strategy_results(results)],
        "summary": report.summary if report else "",
        "problems": report.problems if report else "",
        "recommendations": report.recommendations if report else "",
        "reported_by_name": report.reported_by_name if report else "",
        "reported_by_position": report.reported_by_position if report else "",
    }


# --- the public pages --------------------------------------------------------------


def public_years(*, organization: Organization) -> list[dict[str, Any]]:
    """The fiscal years with a budget, newest first, with their totals."""
    out = []
    for budget in Budget.objects.filter(organization=organization).order_by(
        "-fiscal_year"
    ):
        money = selectors.budget_money(organization=organization, budget=budget)
        out.append({"budget": budget, "money": money.total})
    return out


def mapped_projects(
    rows: list[ProjectRow], *, organization: Organization
) -> list[dict[str, Any]]:
    """The projects of ``rows`` that have a location, as plain data for the map."""
    return [
        {
            "id": row.project.pk,
            "url": reverse(
                "budget-public:project",
                kwargs={"org": organization.slug, "pk": row.project.pk},
            ),
            "name": row.project.name,
            "lat": float(row.project.latitude),
            "lng": float(row.project.longitude),
            "status": row.status_label,
        }
        for row in rows
        if row.project.latitude is not None and row.project.longitude is not None
    ]
