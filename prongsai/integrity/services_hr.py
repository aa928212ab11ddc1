"""Writes to the HR registers: criteria, the plan of a fiscal year and its
projects, training records and the narrative of the year's HR report.
Importing training records is in ``services_hr_import``, publishing in
``services_hr_publish``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.errors import DomainError

from .models_hr import (
    HRCriterion,
    HRPlan,
    HRProject,
)
from .services_common import create_audited, delete_audited, update_audited

if TYPE_CHECKING:
    from prongsai.accounts.models import User
    from prongsai.organizations.models import Organization

CRITERION_AUDITED = ("kind", "title", "effective_from", "effective_to", "url")
PLAN_AUDITED = ("title", "approved_on", "approved_by_name", "approved_by_position")
PROJECT_AUDITED = (
    "number",
    "name",
    "category",
    "target_group",
    "budget",
    "start_month",
    "end_month",
    "indicator",
)
RESULT_AUDITED = ("status", "budget_used")
TRAINING_AUDITED = ("fiscal_year", "course", "start_on", "end_on", "hours", "ethics")
REPORT_AUDITED = ("reported_by_name", "reported_by_position")


# --- criteria -----------------------------------------------------------------------


def _criterion_data(
    *,
    kind: str,
    title: str,
    effective_from: datetime.date,
    effective_to: datetime.date | None,
    url: str,
    text: str,
    document: File | None,
) -> dict[str, Any]:
    if effective_to is not None and effective_to < effective_from:
        raise DomainError(
            _("The end date is before the date the criteria came into force."),
            field="effective_to",
        )
    data: dict[str, Any] = {
        "kind": kind,
        "title": title.strip(),
        "effective_from": effective_from,
        "effective_to": effective_to,
        "url": url.strip(),
        "text": text.strip(),
    }
    if document:
        data["document"] = document
    return data


def _check_criterion_source(criterion: HRCriterion) -> None:
    if not (criterion.document or criterion.url or criterion.text):
        raise DomainError(
            _("Attach the document (PDF), give a link or type the text."),
            field="document",
        )


@transaction.atomic
def hr_criterion_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    title: str,
    effective_from: datetime.date,
    effective_to: datetime.date | None = None,
    url: str = "",
    text: str = "",
    document: File | None = None,
) -> HRCriterion:
    """Record a document of HR criteria (kept with its dates as history)."""
    criterion = HRCriterion(
        organization=organization,
        created_by=actor,
        **_criterion_data(
            kind=kind,
            title=title,
            effective_from=effective_from,
            effective_to=effective_to,
            url=url,
            text=text,
            document=document,
        ),
    )
    _check_criterion_source(criterion)
    return create_audited(
        criterion, actor=actor, action="hr_criterion.create", fields=CRITERION_AUDITED
    )


@transaction.atomic
def hr_criterion_update(
    *,
    actor: User,
    criterion: HRCriterion,
    kind: str,
    title: str,
    effective_from: datetime.date,
    effective_to: datetime.date | None = None,
    url: str = "",
    text: str = "",
    document: File | None = None,
) -> HRCriterion:
    data = _criterion_data(
        kind=kind,
        title=title,
        effective_from=effective_from,
        effective_to=effective_to,
        url=url,
        text=text,
        document=document,
    )
    _check_criterion_source(
        HRCriterion(
            document=data.get("document") or criterion.document,
            url=data["url"],
            text=data["text"],
        )
    )
    update_audited(
        criterion,
        data,
        actor=actor,
        action="hr_criterion.update",
        fields=CRITERION_AUDITED,
        uploaded=("document",) if document else (),
    )
    return criterion


@transaction.atomic
def hr_criterion_delete(*, actor: User, criterion: HRCriterion) -> None:
    delete_audited(
        criterion,
        actor=actor,
        action="hr_criterion.delete",
        fields=("kind", "title", "effective_from"),
    )


# --- the plan and its projects ------------------------------------------------------


def hr_plan_default_title(fiscal_year: int) -> str:
    return f"แผนการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {fiscal_year}"


def _check_approval(
    approved_on: datetime.date | None, approved_by_name: str, fiscal_year: int
) -> None:
    if approved_on is None:
        return
    _start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    if approved_on > end:
        raise DomainError(
            _("The plan must be approved by the end of fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="approved_on",
        )
    if not approved_by_name.strip():
        raise DomainError(
            _("Give the name of whoever approved the plan."), field="approved_by_name"
        )


@transaction.atomic
def hr_plan_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    title: str = "",
    introduction: str = "",
    approved_on: datetime.date | None = None,
    approved_by_name: str = "",
    approved_by_position: str = "",
) -> HRPlan:
    """Start the HR plan of a fiscal year (one per organisation and year)."""
    if HRPlan.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("There is already an HR plan for fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    _check_approval(approved_on, approved_by_name, fiscal_year)
    plan = HRPlan(
        organization=organization,
        fiscal_year=fiscal_year,
        title=title.strip() or hr_plan_default_title(fiscal_year),
        introduction=introduction.strip(),
        approved_on=approved_on,
        approved_by_name=approved_by_name.strip(),
        approved_by_position=approved_by_position.strip(),
        created_by=actor,
    )
    return create_audited(
        plan,
        actor=actor,
        action="hr_plan.create",
        fields=("fiscal_year", *PLAN_AUDITED),
    )


@transaction.atomic
def hr_plan_update(
    *,
    actor: User,
    plan: HRPlan,
    title: str,
    introduction: str = "",
    approved_on: datetime.date | None = None,
    approved_by_name: str = "",
    approved_by_position: str = "",
) -> HRPlan:
    _check_approval(approved_on, approved_by_name, plan.fiscal_year)
    data = {
        "title": title.strip() or hr_plan_default_title(plan.fiscal_year),
        "introduction": introduction.strip(),
        "approved_on": approved_on,
        "approved_by_name": approved_by_name.strip(),
        "approved_by_position": approved_by_position.strip(),
    }
    update_audited(
        plan, data, actor=actor, action="hr_plan.update", fields=PLAN_AUDITED
    )
    return plan


def _check_months(start_month: int, end_month: int) -> None:
    if end_month < start_month:
        raise DomainError(
            _("The end month is before the start month."), field="end_month"
        )


@transaction.atomic
def hr_project_create(
    *,
    actor: User,
    plan: HRPlan,
    name: str,
    category: str,
    start_month: int,
    end_month: int,
    budget: Decimal = Decimal(0),
    target_group: str = "",
    indicator: str = "",
    number: int | None = None,
) -> HRProject:
    """Add a project or activity to the plan (numbered after the last one)."""
    _check_months(start_month, end_month)
    if number is None:
        last = plan.projects.aggregate(last=Max("number"))["last"] or 0
        number = last + 1
    project = HRProject(
        organization=plan.organization,
        plan=plan,
        number=number,
        name=name.strip(),
        category=category,
        target_group=target_group.strip(),
        budget=budget,
        start_month=start_month,
        end_month=end_month,
        indicator=indicator.strip(),
    )
    return create_audited(
        project,
        actor=actor,
        action="hr_project.create",
        fields=("plan_id", *PROJECT_AUDITED),
    )


@transaction.atomic
def hr_project_update(
    *,
    actor: User,
    project: HRProject,
    name: str,
    category: str,
    start_month: int,
    end_month: int,
    budget: Decimal = Decimal(0),
    target_group: str = "",
    indicator: str = "",
    number: int | None = None,
) -> HRProject:
    _check_months(start_month, end_month)
    data = {
        "number": project.number if number is None else number,
        "name": name.strip(),
        "category": category,
        "target_group": target_group.strip(),
        "budget": budget,
        "start_month": start_month,
        "end_month": end_month,
        "indicator": indicator.strip(),
    }
    update_audited(
        project, data, actor=actor, action="hr_project.update", fields=PROJECT_AUDITED
    )
    return project


@transaction.atomic
def hr_project_result_update(
    *,
    actor: User,
    project: HRProject,
    status: str,
    output: str = "",
    budget_used: Decimal | None = None,
    problems: str = "",
) -> HRProject:
    """Record what came of a project, for the year's report."""
    if budget_used is not None and budget_used < 0:
        raise DomainError(_("The budget used cannot be negative."), field="budget_used")
    if status == HRProject.Status.DONE and not output.strip():
        raise DomainError(
            _("Describe the output of a project that is done."), field="output"
        )
    data = {
        "status": status,
        "output": output.strip(),
        "budget_used": budget_used,
        "problems": problems.strip(),
    }
    update_audited(
        project, data, actor=actor, action="hr_project.result", fields=RESULT_AUDITED
    )
    return project


@transaction.atomic
def hr_project_delete(*, actor: User, project: HRProject) -> None:
    delete_audited(
        project, actor=actor, action="hr_project.delete", fields=("number", "name")
    )
