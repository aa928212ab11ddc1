"""Importing a ผ.02 project list into a development plan: check, preview,
commit (every row or none). The file goes into the plan as first approved,
or into a new amendment (แผนพัฒนาเพิ่มเติม: new projects; แผนพัฒนาเปลี่ยนแปลง:
the rows change the plan's projects of the same name). One-by-one writes
are in ``services_plan``; the commit goes through them."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.spreadsheets import read_upload

from . import parsing_plan, services_plan, services_plan_projects
from .models import DevelopmentPlan, PlanAmendment, Programme, Project, Strategy
from .models_documents import PlanImport

if TYPE_CHECKING:
    from prongsai.accounts.models import User


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def plan_import_check(
    *,
    plan: DevelopmentPlan,
    rows: list[list[object]],
    amendment: dict[str, Any] | None = None,
) -> parsing_plan.ParseResult:
    """Every row checked as the commit will check it, against the plan:
    project numbers free, for a change the project to change found."""
    result = parsing_plan.parse_plan_rows(rows, plan_years=plan.years)
    organization = plan.organization
    projects = list(
        Project.objects.filter(organization=organization, plan=plan).order_by("number")
    )
    by_number = {p.number: p for p in projects}
    by_name: dict[str, list[Project]] = {}
    for project in projects:
        by_name.setdefault(_norm(project.name), []).append(project)
    kind = (amendment or {}).get("kind")
    strategies = {
        s.number: s
        for s in Strategy.objects.filter(organization=organization, plan=plan)
    }
    next_number = services_plan_projects.project_next_number(plan=plan)
    for row in result.rows:
        row["project_id"] = None
        if kind == PlanAmendment.Kind.CHANGE:
            found = by_name.get(_norm(row["name"]), [])
            if len(found) == 1:
                row["project_id"] = found[0].pk
                row["number"] = found[0].number
            elif row["name"]:
                result.problems.append(
                    parsing_plan.Problem(
                        row["row"],
                        parsing_plan.column_title("name"),
                        _(
                            "The plan has no project named “%(name)s”; a change "
                            "can only change the plan's projects (import new "
                            "ones as an addition)."
                        )
                        % {"name": row["name"]}
                        if not found
                        else _("The plan has more than one project named “%(name)s”.")
                        % {"name": row["name"]},
                    )
                )
            continue
        if kind == PlanAmendment.Kind.ADDITION or row["number"] is None:
            # An addition continues the plan's numbering, whatever the file says.
            row["number"] = next_number
            next_number += 1
        elif row["number"] in by_number:
            result.problems.append(
                parsing_plan.Problem(
                    row["row"],
                    parsing_plan.column_title("number"),
                    _("The plan already has project %(number)s (“%(name)s”).")
                    % {"number": row["number"], "name": by_number[row["number"]].name},
                )
            )
        number = row["strategy_number"]
        known = strategies.get(number) if number is not None else None
        if (
            known is not None
            and row["strategy_name"]
            and _norm(known.name) != _norm(row["strategy_name"])
        ):
            row["strategy_note"] = known.name
    if len(result.rows) > parsing_plan.MAX_ROWS:
        result.problems.insert(
            0,
            parsing_plan.Problem(
                None,
                "",
                _("The file has more than %(count)s rows; split it into smaller files.")
                % {"count": f"{parsing_plan.MAX_ROWS:,}"},
            ),
        )
    return result


def _amendment_options(
    plan: DevelopmentPlan,
    kind: str,
    number: int | None,
    approved_on: datetime.date | None,
    title: str,
) -> dict[str, Any]:
    if not kind:
        return {}
    if number is None:
        number = services_plan.amendment_next_number(plan=plan, kind=kind)
    if approved_on is None:
        raise DomainError(_("Give the approval date."), field="approved_on")
    services_plan.check_amendment(
        plan=plan, kind=kind, number=number, approved_on=approved_on
    )
    return {
        "kind": kind,
        "number": number,
        "approved_on": approved_on.isoformat(),
        "title": services_plan._clean(title, "title"),
    }


@transaction.atomic
def plan_import_preview(
    *,
    actor: User,
    plan: DevelopmentPlan,
    filename: str,
    content: bytes,
    amendment_kind: str = "",
    amendment_number: int | None = None,
    amendment_approved_on: datetime.date | None = None,
    amendment_title: str = "",
) -> PlanImport:
    """Read and check an uploaded ผ.02 file; keep the result for confirmation.

    With ``amendment_kind`` the file is an amendment (created on commit)."""
    options = _amendment_options(
        plan, amendment_kind, amendment_number, amendment_approved_on, amendment_title
    )
    rows = read_upload(filename, content, max_rows=parsing_plan.MAX_ROWS + 50)
    result = plan_import_check(plan=plan, rows=rows, amendment=options)
    batch = PlanImport(
        organization=plan.organization,
        plan=plan,
        filename=filename[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        amendment=options,
        rows=result.rows,
        problems=[p.as_dict() for p in result.problems],
        created_by=actor,
    )
    batch.full_clean()
    batch.save()
    return batch


def _strategy(actor, plan, row, strategies: dict) -> Strategy:
    number, name = row["strategy_number"], row["strategy_name"]
    if number is None:
        for strategy in strategies.values():
            if _norm(strategy.name) == _norm(name):
                return strategy
        number = max(strategies, default=0) + 1
    if number not in strategies:
        strategies[number] = services_plan.strategy_create(
            actor=actor, plan=plan, number=number, name=name
        )
    return strategies[number]


def _programme(actor, strategy: Strategy, name: str, programmes: dict) -> Programme:
    key = (strategy.pk, _norm(name))
    if key not in programmes:
        programmes[key] = services_plan.programme_create(
            actor=actor, strategy=strategy, name=_norm(name)
        )
    return programmes[key]


def _amendment_of(
    actor: User, plan: DevelopmentPlan, options: dict[str, Any]
) -> PlanAmendment | None:
    """The amendment the import creates, if the file is one."""
    if not options:
        return None
    return services_plan.amendment_create(
        actor=actor,
        plan=plan,
        kind=options["kind"],
        number=options["number"],
        approved_on=datetime.date.fromisoformat(options["approved_on"]),
        title=options.get("title", ""),
    )


@dataclass
class _PlanIndex:
    """The plan's strategies (by number), programmes (by strategy and name)
    and projects (by id), grown as the import creates them."""

    strategies: dict[int, Strategy]
    programmes: dict[tuple[int, str], Programme]
    projects: dict[int, Project]


def _plan_index(plan: DevelopmentPlan) -> _PlanIndex:
    organization = plan.organization
    return _PlanIndex(
        strategies={
            s.number: s
            for s in Strategy.objects.filter(organization=organization, plan=plan)
        },
        programmes={
            (p.strategy_id, _norm(p.name)): p
            for p in Programme.objects.filter(
                organization=organization, strategy__plan=plan
            )
        },
        projects={
            p.pk: p
            for p in Project.objects.filter(
                organization=organization, plan=plan
            ).order_by("number")
        },
    )


def _commit_row(
    actor: User,
    plan: DevelopmentPlan,
    row: dict[str, Any],
    index: _PlanIndex,
    amendment: PlanAmendment | None,
) -> None:
    """Create the row's project, or change the project it names."""
    strategy = _strategy(actor, plan, row, index.strategies)
    programme = _programme(actor, strategy, row["programme"], index.programmes)
    fields: dict[str, Any] = {
        "programme": programme,
        "number": row["number"],
        "name": row["name"],
        "objective": row["objective"],
        "target": row["target"],
        "kpi": row["kpi"],
        "expected_result": row["expected_result"],
        "responsible_unit": row["responsible_unit"],
        "amounts": {int(y): Decimal(a) for y, a in row["years"].items()},
        "amendment": amendment,
    }
    if row.get("project_id"):
        project = index.projects.get(row["project_id"])
        if project is None:
            raise DomainError(_("The project to change was removed."))
        services_plan_projects.project_update(
            actor=actor,
            project=project,
            location=project.location,
            **fields,
        )
    else:
        services_plan_projects.project_create(actor=actor, plan=plan, **fields)


@transaction.atomic
def plan_import_commit(*, actor: User, batch: PlanImport) -> int:
    """Write every checked row of a previewed import, or none; the count."""
    batch = PlanImport.objects.select_for_update().get(
        organization=batch.organization, pk=batch.pk
    )
    if batch.state != PlanImport.State.PREVIEW:
        raise DomainError(_("This import has already been committed."))
    if batch.problems or not batch.rows:
        raise DomainError(_("The file has problems; correct them and upload it again."))
    plan = batch.plan
    organization = batch.organization
    amendment = _amendment_of(actor, plan, batch.amendment)
    index = _plan_index(plan)
    for row in batch.rows:
        try:
            _commit_row(actor, plan, row, index, amendment)
        except DomainError as error:
            raise DomainError(
                _("Row %(row)s: %(message)s")
                % {"row": row["row"], "message": error.message}
            ) from error
    batch.state = PlanImport.State.COMMITTED
    batch.save(update_fields=["state", "updated_at"])
    audit_log(
        actor=actor,
        organization=organization,
        action="development_plan.import",
        target=plan,
        changes={
            "file": batch.filename,
            "rows": len(batch.rows),
            "amendment": str(amendment) if amendment else "",
        },
    )
    return len(batch.rows)
