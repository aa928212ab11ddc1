"""Writes to the development plan (แผนพัฒนาท้องถิ่น): the plan, its strategies,
programmes, projects in the ผ.02 layout with their planned budget per year,
and its amendments (แผนพัฒนาเพิ่มเติม/เปลี่ยนแปลง). Every write is audited; a
change of a project keeps its old figures in the audit trail.

Importing a ผ.02 file is in ``services_plan_import``, publishing in
``services_plan_publish``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from . import parsing_plan
from .models import (
    PLAN_YEARS,
    BudgetLine,
    DevelopmentPlan,
    PlanAmendment,
    Programme,
    Project,
    ProjectYear,
    Strategy,
)

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

PLAN_AUDITED = ("title", "first_year", "last_year", "approved_on", "vision", "notes")
STRATEGY_AUDITED = ("number", "name", "goal", "indicators")
AMENDMENT_AUDITED = ("kind", "number", "title", "approved_on", "notes")
PROJECT_AUDITED = (
    "number",
    "name",
    "programme",
    "amendment",
    "objective",
    "target",
    "kpi",
    "expected_result",
    "responsible_unit",
    "location",
)
PROJECT_FIELDS = (
    "programme",
    "number",
    "name",
    "objective",
    "target",
    "kpi",
    "expected_result",
    "responsible_unit",
    "location",
)
FIRST_YEAR, LAST_YEAR = 2540, 2700


def _clean(value: str, field: str, *, required: bool = False) -> str:
    """Text as stored: stripped; NUL characters and empty required text refused."""
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(
            _("The text holds a NUL character (\\0); type it again."), field=field
        )
    if required and not value:
        raise DomainError(_("This field is required."), field=field)
    return value


def _check_year(year: int, field: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("Give a Buddhist-era fiscal year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field=field,
        )


# --- the plan ---------------------------------------------------------------------


def plan_default_title(first_year: int, last_year: int) -> str:
    return f"แผนพัฒนาท้องถิ่น (พ.ศ. {first_year} - {last_year})"


def _plan_data(
    organization: Organization,
    *,
    title: str,
    first_year: int,
    last_year: int | None,
    approved_on: datetime.date | None,
    vision: str,
    notes: str,
    exclude: DevelopmentPlan | None = None,
) -> dict[str, Any]:
    _check_year(first_year, "first_year")
    last_year = first_year + PLAN_YEARS - 1 if last_year is None else last_year
    _check_year(last_year, "last_year")
    if last_year < first_year:
        raise DomainError(
            _("The last fiscal year is before the first fiscal year."),
            field="last_year",
        )
    if last_year - first_year + 1 > PLAN_YEARS:
        raise DomainError(
            _("A development plan covers at most %(count)s fiscal years.")
            % {"count": PLAN_YEARS},
            field="last_year",
        )
    others = DevelopmentPlan.objects.filter(
        organization=organization, first_year=first_year
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(
            _("There is already a development plan starting in fiscal year %(year)s.")
            % {"year": first_year},
            field="first_year",
        )
    return {
        "title": _clean(title, "title") or plan_default_title(first_year, last_year),
        "first_year": first_year,
        "last_year": last_year,
        "approved_on": approved_on,
        "vision": _clean(vision, "vision"),
        "notes": _clean(notes, "notes"),
    }


@transaction.atomic
def plan_create(
    *,
    actor: User,
    organization: Organization,
    first_year: int,
    last_year: int | None = None,
    title: str = "",
    approved_on: datetime.date | None = None,
    vision: str = "",
    notes: str = "",
) -> DevelopmentPlan:
    """Create a five-year development plan (the last year defaults to first + 4)."""
    plan = DevelopmentPlan(
        organization=organization,
        created_by=actor,
        **_plan_data(
            organization,
            title=title,
            first_year=first_year,
            last_year=last_year,
            approved_on=approved_on,
            vision=vision,
            notes=notes,
        ),
    )
    plan.full_clean()
    plan.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="development_plan.create",
        target=plan,
        changes=snapshot(plan, PLAN_AUDITED),
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: User,
    plan: DevelopmentPlan,
    first_year: int,
    last_year: int | None = None,
    title: str = "",
    approved_on: datetime.date | None = None,
    vision: str = "",
    notes: str = "",
) -> DevelopmentPlan:
    """Edit the plan; its years may not drop a year that projects budget for."""
    data = _plan_data(
        plan.organization,
        title=title,
        first_year=first_year,
        last_year=last_year,
        approved_on=approved_on,
        vision=vision,
        notes=notes,
        exclude=plan,
    )
    outside = (
        ProjectYear.objects.filter(organization=plan.organization, project__plan=plan)
        .exclude(fiscal_year__range=(data["first_year"], data["last_year"]))
        .order_by("fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    if outside:
        raise DomainError(
            _(
                "Projects of the plan have budgets in fiscal years %(years)s, "
                "outside the new years; change those projects first."
            )
            % {"years": ", ".join(str(y) for y in sorted(outside))},
            field="first_year",
        )
    changes = model_update(plan, data, PLAN_AUDITED)
    if changes:
        audit_log(
            actor=actor,
            organization=plan.organization,
            action="development_plan.update",
            target=plan,
            changes=changes,
        )
    return plan


# --- strategies and programmes ------------------------------------------------------


def _check_strategy_number(plan: DevelopmentPlan, number: int, exclude=None) -> None:
    if number < 1 or number > 99:
        raise DomainError(
            _("The strategy number must be from 1 to 99."), field="number"
        )
    others = Strategy.objects.filter(
        organization=plan.organization, plan=plan, number=number
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(
            _("The plan already has strategy number %(number)s.") % {"number": number},
            field="number",
        )


@transaction.atomic
def strategy_create(
    *,
    actor: User,
    plan: DevelopmentPlan,
    number: int,
    name: str,
    goal: str = "",
    indicators: str = "",
) -> Strategy:
    _check_strategy_number(plan, number)
    strategy = Strategy(
        organization=plan.organization,
        plan=plan,
        number=number,
        name=_clean(name, "name", required=True),
        goal=_clean(goal, "goal"),
        indicators=_clean(indicators, "indicators"),
    )
    strategy.full_clean()
    strategy.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="strategy.create",
        target=strategy,
        changes=snapshot(strategy, STRATEGY_AUDITED),
    )
    return strategy


@transaction.atomic
def strategy_update(
    *,
    actor: User,
    strategy: Strategy,
    number: int,
    name: str,
    goal: str = "",
    indicators: str = "",
) -> Strategy:
    _check_strategy_number(strategy.plan, number, exclude=strategy)
    data = {
        "number": number,
        "name": _clean(name, "name", required=True),
        "goal": _clean(goal, "goal"),
        "indicators": _clean(indicators, "indicators"),
    }
    changes = model_update(strategy, data, STRATEGY_AUDITED)
    if changes:
        audit_log(
            actor=actor,
            organization=strategy.organization,
            action="strategy.update",
            target=strategy,
            changes=changes,
        )
    return strategy


def _check_programme_name(strategy: Strategy, name: str, exclude=None) -> None:
    others = Programme.objects.filter(
        organization=strategy.organization, strategy=strategy, name=name
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(
            _("The strategy already has the programme “%(name)s”.") % {"name": name},
            field="name",
        )


@transaction.atomic
def programme_create(*, actor: User, strategy: Strategy, name: str) -> Programme:
    name = _clean(name, "name", required=True)
    _check_programme_name(strategy, name)
    programme = Programme(
        organization=strategy.organization, strategy=strategy, name=name
    )
    programme.full_clean()
    programme.save()
    audit_log(
        actor=actor,
        organization=strategy.organization,
        action="programme.create",
        target=programme,
        changes={"strategy": str(strategy), "name": name},
    )
    return programme


@transaction.atomic
def programme_update(
    *, actor: User, programme: Programme, strategy: Strategy, name: str
) -> Programme:
    """Rename a programme or move it to another strategy of the same plan."""
    if (
        strategy.organization_id != programme.organization_id
        or strategy.plan_id != programme.strategy.plan_id
    ):
        raise DomainError(_("Choose a strategy of the same plan."), field="strategy")
    name = _clean(name, "name", required=True)
    _check_programme_name(strategy, name, exclude=programme)
    changes = model_update(
        programme, {"strategy": strategy, "name": name}, ("strategy", "name")
    )
    if changes:
        audit_log(
            actor=actor,
            organization=programme.organization,
            action="programme.update",
            target=programme,
            changes=changes,
        )
    return programme


# --- amendments -------------------------------------------------------------------


def amendment_next_number(*, plan: DevelopmentPlan, kind: str) -> int:
    highest = PlanAmendment.objects.filter(
        organization=plan.organization, plan=plan, kind=kind
    ).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def check_amendment(
    *, plan: DevelopmentPlan, kind: str, number: int, approved_on: datetime.date
) -> None:
    """The rules of a new amendment (the import preview checks them too)."""
    if kind not in PlanAmendment.Kind.values:
        raise DomainError(_("Choose addition or change."), field="kind")
    if number < 1 or number > 999:
        raise DomainError(_("The number must be from 1 to 999."), field="number")
    if PlanAmendment.objects.filter(
        organization=plan.organization, plan=plan, kind=kind, number=number
    ).exists():
        raise DomainError(
            _("The plan already has %(kind)s number %(number)s.")
            % {"kind": PlanAmendment.Kind(kind).label, "number": number},
            field="number",
        )
    if approved_on is None:
        raise DomainError(_("Give the approval date."), field="approved_on")
    if plan.approved_on and approved_on < plan.approved_on:
        raise DomainError(
            _("An amendment cannot be approved before the plan itself."),
            field="approved_on",
        )


@transaction.atomic
def amendment_create(
    *,
    actor: User,
    plan: DevelopmentPlan,
    kind: str,
    approved_on: datetime.date,
    number: int | None = None,
    title: str = "",
    notes: str = "",
) -> PlanAmendment:
    """Record an addition or change of the plan (ครั้งที่ N) with its approval date."""
    if number is None:
        number = amendment_next_number(plan=plan, kind=kind)
    check_amendment(plan=plan, kind=kind, number=number, approved_on=approved_on)
    amendment = PlanAmendment(
        organization=plan.organization,
        plan=plan,
        kind=kind,
        number=number,
        approved_on=approved_on,
        title=_clean(title, "title"),
        notes=_clean(notes, "notes"),
    )
    amendment.full_clean()
    amendment.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="plan_amendment.create",
        target=amendment,
        changes=snapshot(amendment, AMENDMENT_AUDITED),
    )
    return amendment


# --- projects ---------------------------------------------------------------------


def project_next_number(*, plan: DevelopmentPlan) -> int:
    highest = Project.objects.filter(
        organization=plan.organization, plan=plan
    ).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _amounts(
    plan: DevelopmentPlan, amounts: Mapping[int, Decimal | None]
) -> dict[int, Decimal]:
    """The planned amount per year: inside the plan's years, not negative or huge."""
    out: dict[int, Decimal] = {}
    for year, amount in amounts.items():
        year = int(year)
        if amount is None:
            continue
        if not plan.covers(year):
            raise DomainError(
                _("The fiscal year %(year)s is outside the plan (%(first)s–%(last)s).")
                % {"year": year, "first": plan.first_year, "last": plan.last_year},
                field=f"year_{year}",
            )
        amount = Decimal(amount)
        message = parsing_plan.amount_checks(amount)
        if message:
            raise DomainError(
                _("Fiscal year %(year)s: %(message)s")
                % {"year": year, "message": message},
                field=f"year_{year}" if plan.covers(year) else None,
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise DomainError(
                _("Fiscal year %(year)s: give the amount to the satang (2 decimals).")
                % {"year": year},
                field=f"year_{year}",
            )
        out[year] = amount
    return out


def _project_data(
    plan: DevelopmentPlan,
    *,
    programme: Programme,
    number: int,
    name: str,
    objective: str,
    target: str,
    kpi: str,
    expected_result: str,
    responsible_unit: str,
    location: str,
    exclude: Project | None = None,
) -> dict[str, Any]:
    if (
        programme.organization_id != plan.organization_id
        or programme.strategy.plan_id != plan.pk
    ):
        raise DomainError(_("Choose a programme of this plan."), field="programme")
    if number < 1:
        raise DomainError(_("The number must be 1 or more."), field="number")
    others = Project.objects.filter(
        organization=plan.organization, plan=plan, number=number
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    clash = others.order_by("pk").first()
    if clash is not None:
        raise DomainError(
            _("Project number %(number)s is already used by “%(name)s”.")
            % {"number": number, "name": clash.name},
            field="number",
        )
    return {
        "programme": programme,
        "number": number,
        "name": _clean(name, "name", required=True),
        "objective": _clean(objective, "objective"),
        "target": _clean(target, "target"),
        "kpi": _clean(kpi, "kpi"),
        "expected_result": _clean(expected_result, "expected_result"),
        "responsible_unit": _clean(responsible_unit, "responsible_unit"),
        "location": _clean(location, "location"),
    }


def _years_of(project: Project) -> dict[str, str]:
    return {
        str(year.fiscal_year): str(year.planned_amount)
        for year in ProjectYear.objects.filter(
            organization=project.organization, project=project
        ).order_by("fiscal_year")
        if year.planned_amount
    }


def _set_years(project: Project, amounts: dict[int, Decimal]) -> None:
    """Set the planned amount of each year; a year left out is set to zero
    (its row stays when it holds the year's status or result)."""
    existing = {
        year.fiscal_year: year
        for year in ProjectYear.objects.filter(
            organization=project.organization, project=project
        ).order_by("fiscal_year")
    }
    for fiscal_year, row in existing.items():
        amount = amounts.get(fiscal_year, Decimal("0"))
        if row.planned_amount != amount:
            row.planned_amount = amount
            row.save(update_fields=["planned_amount", "updated_at"])
    for fiscal_year, amount in amounts.items():
        if fiscal_year not in existing:
            ProjectYear.objects.create(
                organization=project.organization,
                project=project,
                fiscal_year=fiscal_year,
                planned_amount=amount,
            )


def _check_amendment_of(plan: DevelopmentPlan, amendment: PlanAmendment | None):
    if amendment is not None and (
        amendment.organization_id != plan.organization_id
        or amendment.plan_id != plan.pk
    ):
        raise DomainError(_("Choose an amendment of this plan."), field="amendment")


@transaction.atomic
def project_create(
    *,
    actor: User,
    plan: DevelopmentPlan,
    programme: Programme,
    name: str,
    amounts: Mapping[int, Decimal | None],
    number: int | None = None,
    objective: str = "",
    target: str = "",
    kpi: str = "",
    expected_result: str = "",
    responsible_unit: str = "",
    location: str = "",
    amendment: PlanAmendment | None = None,
) -> Project:
    """Add a project (ผ.02 row) with its planned amount per fiscal year.

    ``amendment`` is the addition that brought it in (empty for the plan as
    first approved); the number defaults to the next free one.
    """
    _check_amendment_of(plan, amendment)
    years = _amounts(plan, amounts)
    data = _project_data(
        plan,
        programme=programme,
        number=project_next_number(plan=plan) if number is None else number,
        name=name,
        objective=objective,
        target=target,
        kpi=kpi,
        expected_result=expected_result,
        responsible_unit=responsible_unit,
        location=location,
    )
    project = Project(
        organization=plan.organization,
        plan=plan,
        amendment=amendment,
        created_by=actor,
        **data,
    )
    project.full_clean()
    project.save()
    _set_years(project, years)
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="development_project.create",
        target=project,
        changes={
            **snapshot(project, PROJECT_AUDITED),
            "planned_amounts": _years_of(project),
        },
    )
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    programme: Programme,
    name: str,
    amounts: Mapping[int, Decimal | None],
    number: int | None = None,
    objective: str = "",
    target: str = "",
    kpi: str = "",
    expected_result: str = "",
    responsible_unit: str = "",
    location: str = "",
    amendment: PlanAmendment | None = None,
) -> Project:
    """Edit a project. With ``amendment`` (a change, แผนพัฒนาเปลี่ยนแปลง) the
    project points to it from now on; the audit trail keeps the old figures
    either way."""
    plan = project.plan
    _check_amendment_of(plan, amendment)
    years = _amounts(plan, amounts)
    data = _project_data(
        plan,
        programme=programme,
        number=project.number if number is None else number,
        name=name,
        objective=objective,
        target=target,
        kpi=kpi,
        expected_result=expected_result,
        responsible_unit=responsible_unit,
        location=location,
        exclude=project,
    )
    if amendment is not None:
        data["amendment"] = amendment
    before_years = _years_of(project)
    changes: dict[str, Any] = model_update(
        project, data, (*PROJECT_FIELDS, "amendment")
    )
    _set_years(project, years)
    after_years = _years_of(project)
    if before_years != after_years:
        changes["planned_amounts"] = {"old": before_years, "new": after_years}
    if changes:
        audit_log(
            actor=actor,
            organization=project.organization,
            action="development_project.update",
            target=project,
            changes=changes,
        )
    return project


@transaction.atomic
def project_delete(*, actor: User, project: Project) -> None:
    """Remove a project entered by mistake (not one a budget line funds)."""
    if BudgetLine.objects.filter(
        organization=project.organization, project=project
    ).exists():
        raise DomainError(_("A budget line funds this project; it cannot be removed."))
    audit_log(
        actor=actor,
        organization=project.organization,
        action="development_project.delete",
        target=project,
        changes={
            **snapshot(project, ("number", "name", "programme")),
            "planned_amounts": _years_of(project),
        },
    )
    project.delete()
