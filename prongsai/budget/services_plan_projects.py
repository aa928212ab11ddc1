"""Writes on the projects of the development plan (ผ.02) and their amounts per year."""

from __future__ import annotations

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
    BudgetLine,
    DevelopmentPlan,
    PlanAmendment,
    Programme,
    Project,
    ProjectYear,
)
from .services_plan import (
    PROJECT_AUDITED,
    PROJECT_FIELDS,
    _clean,
)

if TYPE_CHECKING:
    from prongsai.accounts.models import User


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
