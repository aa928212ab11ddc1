"""Writes to the development plan (แผนพัฒนาท้องถิ่น): the plan, its strategies,
programmes, projects in the ผ.02 layout with their planned budget per year,
and its amendments (แผนพัฒนาเพิ่มเติม/เปลี่ยนแปลง). Every write is audited; a
change of a project keeps its old figures in the audit trail.

Importing a ผ.02 file is in ``services_plan_import``, publishing in
``services_plan_publish``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from .models import (
    PLAN_YEARS,
    DevelopmentPlan,
    PlanAmendment,
    Programme,
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


def _save_logged(
    actor: User, instance, action: str, *, audited=(), changes=None
) -> None:
    """Validate and save a new record, and log its creation: ``changes``, or
    the ``audited`` fields as saved."""
    instance.full_clean()
    instance.save()
    audit_log(
        actor=actor,
        organization=instance.organization,
        action=action,
        target=instance,
        changes=snapshot(instance, audited) if changes is None else changes,
    )


def _update_logged(actor: User, instance, data, fields, action: str) -> None:
    """``model_update`` the record and log what changed, if anything."""
    changes = model_update(instance, data, fields)
    if changes:
        audit_log(
            actor=actor,
            organization=instance.organization,
            action=action,
            target=instance,
            changes=changes,
        )


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
    _save_logged(actor, plan, "development_plan.create", audited=PLAN_AUDITED)
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
    _update_logged(actor, plan, data, PLAN_AUDITED, "development_plan.update")
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
    _save_logged(actor, strategy, "strategy.create", audited=STRATEGY_AUDITED)
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
    _update_logged(actor, strategy, data, STRATEGY_AUDITED, "strategy.update")
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
    _save_logged(
        actor,
        programme,
        "programme.create",
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
    _update_logged(
        actor,
        programme,
        {"strategy": strategy, "name": name},
        ("strategy", "name"),
        "programme.update",
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
    _save_logged(actor, amendment, "plan_amendment.create", audited=AMENDMENT_AUDITED)
    return amendment
