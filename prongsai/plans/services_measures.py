"""Writes on a plan's measures, their activities and their progress reports."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.notifications.services import notify
from prongsai.organizations.models import Membership

from .models import Activity, Measure, Plan, ProgressUpdate, WorkStatus
from .services import _ensure_editable, _lock, _name, _user, stripped

WORK_FIELDS = (
    "title",
    "description",
    "responsible_unit",
    "owner",
    "start_date",
    "due_date",
    "budget",
    "kpi_name",
    "kpi_unit",
    "kpi_baseline",
    "kpi_target",
    "kpi_direction",
)
MEASURE_FIELDS = (
    *WORK_FIELDS,
    "due_date_reason",
    "steps",
    "ita_kind",
    "ita_code",
    "ita_title",
)
ACTIVITY_FIELDS = (*WORK_FIELDS, "kind")


class WorkData(TypedDict, total=False):
    """What a measure and an activity share (any of these keys)."""

    title: str
    description: str
    responsible_unit: str
    owner: Membership | None
    start_date: datetime.date
    due_date: datetime.date
    budget: Decimal
    kpi_name: str
    kpi_unit: str
    kpi_baseline: Decimal | None
    kpi_target: Decimal | None
    kpi_direction: str


class MeasureData(WorkData, total=False):
    due_date_reason: str
    steps: str
    ita_kind: str
    ita_code: str
    ita_title: str


class ActivityData(WorkData, total=False):
    kind: str


def _check_owner(owner: Membership | None, organization_id: int) -> None:
    if owner is not None and owner.organization_id != organization_id:
        raise DomainError(
            _("The responsible person must be a member of this organisation."),
            field="owner",
        )


def _check_due_date(plan: Plan, due_date: datetime.date | None, reason: str) -> None:
    """A measure is due within its plan's fiscal year (1 October – 30
    September), unless the officer says why not."""
    if due_date is None or (reason or "").strip():
        return
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    if not start <= due_date <= end:
        raise DomainError(
            _(
                "The due date is outside fiscal year %(year)s (%(start)s – %(end)s) "
                "— give the reason."
            )
            % {
                "year": plan.fiscal_year,
                "start": thai_dates.format_date(start, "medium"),
                "end": thai_dates.format_date(end, "medium"),
            },
            field="due_date",
        )


def _work_create(
    *, actor: User, item, data: dict[str, Any], fields: Sequence[str], action: str
):
    """Save a new measure or activity from ``data`` and audit it."""
    _check_owner(data.get("owner"), item.organization_id)
    for name in fields:
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    item.save()
    audit_log(
        actor=actor,
        organization=item.organization,
        action=action,
        target=item,
        changes=snapshot(item, fields),
    )
    return item


def _work_update(
    *, actor: User, item, data: dict[str, Any], fields: Sequence[str], action: str
):
    _check_owner(data.get("owner"), item.organization_id)
    changes = model_update(item, data, fields)
    audit_log(
        actor=actor,
        organization=item.organization,
        action=action,
        target=item,
        changes=changes,
    )
    return item


def _work_delete(*, actor: User, item, action: str) -> None:
    audit_log(
        actor=actor,
        organization=item.organization,
        action=action,
        target=item,
        changes=snapshot(item, ("title",)),
    )
    item.delete()


@transaction.atomic
def measure_create(*, actor: User, plan: Plan, data: MeasureData) -> Measure:
    """Add a measure to an editable plan; dates default to the fiscal year."""
    _ensure_editable(plan)
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    values = {"start_date": start, "due_date": end, **stripped(data)}
    _check_due_date(plan, values["due_date"], values.get("due_date_reason", ""))
    # A measure's number is its place in the plan's list, not an identifier;
    # the plan's row lock keeps two measures added at once from taking the
    # same place.
    _lock(plan)
    number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    measure = Measure(plan=plan, organization=plan.organization, number=number)
    return _work_create(
        actor=actor,
        item=measure,
        data=values,
        fields=MEASURE_FIELDS,
        action="measure.create",
    )


@transaction.atomic
def measure_update(*, actor: User, measure: Measure, data: MeasureData) -> Measure:
    _ensure_editable(measure.plan)
    _check_due_date(
        measure.plan,
        data.get("due_date", measure.due_date),
        data.get("due_date_reason", measure.due_date_reason),
    )
    return _work_update(
        actor=actor,
        item=measure,
        data=stripped(data),
        fields=MEASURE_FIELDS,
        action="measure.update",
    )


@transaction.atomic
def measure_delete(*, actor: User, measure: Measure) -> None:
    _ensure_editable(measure.plan)
    if measure.updates.exists():
        raise DomainError(
            _("Progress has been reported on this measure; it cannot be removed.")
        )
    _work_delete(actor=actor, item=measure, action="measure.delete")


@transaction.atomic
def activity_create(*, actor: User, measure: Measure, data: ActivityData) -> Activity:
    _ensure_editable(measure.plan)
    values = {
        "start_date": measure.start_date,
        "due_date": measure.due_date,
        **stripped(data),
    }
    return _work_create(
        actor=actor,
        item=Activity(measure=measure, organization=measure.organization),
        data=values,
        fields=ACTIVITY_FIELDS,
        action="activity.create",
    )


@transaction.atomic
def activity_update(*, actor: User, activity: Activity, data: ActivityData) -> Activity:
    _ensure_editable(activity.measure.plan)
    return _work_update(
        actor=actor,
        item=activity,
        data=stripped(data),
        fields=ACTIVITY_FIELDS,
        action="activity.update",
    )


@transaction.atomic
def activity_delete(*, actor: User, activity: Activity) -> None:
    _ensure_editable(activity.measure.plan)
    _work_delete(actor=actor, item=activity, action="activity.delete")


@transaction.atomic
def progress_record(
    *,
    actor: User,
    measure: Measure,
    reported_on: datetime.date,
    status: str,
    percent_done: int,
    narrative: str,
    kpi_value: Decimal | None = None,
    evidence_file=None,
    evidence_url: str = "",
) -> ProgressUpdate:
    """Record an owner's progress report; the measure shows the latest one."""
    plan = measure.plan
    if not plan.versions.filter(approved_at__isnull=False).exists():
        raise DomainError(
            _("Progress is reported once the plan has been approved."),
        )
    if reported_on > timezone.localdate():
        raise DomainError(
            _("The report date cannot be in the future."), field="reported_on"
        )
    if status == WorkStatus.DONE and percent_done != 100:
        raise DomainError(
            _("A measure that is done is 100 percent done."), field="percent_done"
        )
    update = ProgressUpdate(
        organization=measure.organization,
        measure=measure,
        reported_on=reported_on,
        status=status,
        percent_done=percent_done,
        kpi_value=kpi_value,
        narrative=narrative.strip(),
        evidence_url=evidence_url.strip(),
        reported_by=_user(actor),
        reported_by_name=_name(actor),
    )
    if evidence_file:
        update.evidence_file = evidence_file
    update.full_clean()
    update.save()
    if measure.last_update_on is None or reported_on >= measure.last_update_on:
        measure.status = status
        measure.percent_done = percent_done
        if kpi_value is not None:
            measure.kpi_value = kpi_value
        measure.last_update_on = reported_on
        measure.save(
            update_fields=[
                "status",
                "percent_done",
                "kpi_value",
                "last_update_on",
                "updated_at",
            ]
        )
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="progress.create",
        target=measure,
        changes={
            "reported_on": reported_on,
            "status": status,
            "percent_done": percent_done,
            "kpi_value": kpi_value,
        },
    )
    return update


def measure_remind(*, measure: Measure, kind: str, key: str) -> bool:
    """Remind the measure's owner once per ``kind`` and ``key`` (a date), by
    the channels the owner chose; False when already reminded."""
    notification = notify(
        organization=measure.organization,
        recipient=measure.owner,
        kind="plans/reminder",
        context={"measure": measure, "kind": kind},
        url=measure.get_staff_url(),
        dedup_key=f"plans.reminder:{measure.pk}:{kind}:{key}",
    )
    if notification is None:
        return False
    audit_log(
        actor=None,
        organization=measure.organization,
        action="reminder.send",
        target=measure,
        changes={"kind": kind},
    )
    return True
