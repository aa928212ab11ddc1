"""The figures of the HR report of a fiscal year: a pure calculation.

Input: the plan's projects (planned budget, status, budget used) and the
year's training records (who, hours, ethics content, cost); output: per
project planned vs used and the number of people it trained, counts by
status, totals, and the training aggregates the public may see (never
names).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
STATUSES = ("done", "in_progress", "not_done", "cancelled", "")


@dataclass(frozen=True)
class ProjectInput:
    id: int
    number: int
    name: str
    category: str
    budget: Decimal
    status: str = ""
    budget_used: Decimal | None = None
    output: str = ""
    problems: str = ""


@dataclass(frozen=True)
class TrainingInput:
    person: Hashable  # one key per person (a member, or a name)
    hours: Decimal
    ethics: bool = False
    cost: Decimal | None = None
    project_id: int | None = None


@dataclass(frozen=True)
class ProjectFigures:
    id: int
    number: int
    name: str
    category: str
    status: str
    budget: Decimal
    budget_used: Decimal | None
    output: str
    problems: str
    people_trained: int
    training_hours: Decimal


@dataclass(frozen=True)
class HRFigures:
    projects: list[ProjectFigures]
    status_counts: dict[str, int]
    project_count: int
    done_percent: Decimal | None
    budget_planned: Decimal
    budget_used: Decimal
    budget_used_percent: Decimal | None
    people_trained: int
    training_records: int
    training_hours: Decimal
    hours_per_person: Decimal | None
    ethics_records: int
    ethics_people: int
    ethics_share_percent: Decimal | None  # of the people trained
    training_cost: Decimal
    categories: list[str] = field(default_factory=list)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to one decimal (half up); None of 0."""
    if not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ratio(part: Decimal, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _project(project: ProjectInput, trainings: list[TrainingInput]) -> ProjectFigures:
    mine = [t for t in trainings if t.project_id == project.id]
    return ProjectFigures(
        id=project.id,
        number=project.number,
        name=project.name,
        category=project.category,
        status=project.status,
        budget=project.budget,
        budget_used=project.budget_used,
        output=project.output,
        problems=project.problems,
        people_trained=len({t.person for t in mine}),
        training_hours=sum((t.hours for t in mine), ZERO),
    )


def hr_figures(
    projects: Iterable[ProjectInput], trainings: Iterable[TrainingInput]
) -> HRFigures:
    """Planned against done for each project, and the training aggregates."""
    project_list = sorted(projects, key=lambda p: (p.number, p.id))
    training_list = list(trainings)
    rows = [_project(p, training_list) for p in project_list]
    counts = dict.fromkeys(STATUSES, 0)
    for project in project_list:
        counts[project.status if project.status in counts else ""] += 1
    planned = sum((p.budget for p in project_list), ZERO)
    used = sum((p.budget_used or ZERO for p in project_list), ZERO)
    people = {t.person for t in training_list}
    ethics = [t for t in training_list if t.ethics]
    ethics_people = {t.person for t in ethics}
    hours = sum((t.hours for t in training_list), ZERO)
    # Cancelled projects are not counted against the plan's completion.
    counted = len(project_list) - counts["cancelled"]
    return HRFigures(
        projects=rows,
        status_counts=counts,
        project_count=len(project_list),
        done_percent=percent(counts["done"], counted),
        budget_planned=planned,
        budget_used=used,
        budget_used_percent=percent(used, planned),
        people_trained=len(people),
        training_records=len(training_list),
        training_hours=hours,
        hours_per_person=_ratio(hours, len(people)),
        ethics_records=len(ethics),
        ethics_people=len(ethics_people),
        ethics_share_percent=percent(len(ethics_people), len(people)),
        training_cost=sum((t.cost or ZERO for t in training_list), ZERO),
        categories=sorted({p.category for p in project_list}),
    )
