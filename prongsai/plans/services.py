"""Writes on plans: settings, the plan itself and its approval path.

Measures, activities and progress are in ``services_measures``, drafting from
the ITA analysis in ``services_drafting``, participation in
``services_participation`` and complaints linked to measures in
``services_case_links``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
from prongsai.core.workflow import transition
from prongsai.organizations.models import Membership, Organization
from prongsai.organizations.roles import Role

from .models import (
    Plan,
    PlanReview,
    PlanSettings,
    PlanVersion,
)
from .workflow import PLANS

PLAN_FIELDS = ("fiscal_year", "kind", "title", "description", "ita_fiscal_year")
SETTINGS_FIELDS = ("stale_after_days", "remind_days_before_due", "reminders_enabled")


# --- helpers ------------------------------------------------------------------------


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _name(actor) -> str:
    user = _user(actor)
    return user.display_name[:200] if user else ""


def _membership(actor, organization) -> Membership | None:
    user = _user(actor)
    if user is None:
        return None
    return (
        Membership.objects.active().filter(organization=organization, user=user).first()
    )


def _ensure_editable(plan: Plan) -> None:
    if plan.status == Plan.Status.SUBMITTED:
        raise DomainError(
            _(
                "The plan is waiting for the executive's decision and cannot be "
                "changed until it is approved or returned."
            )
        )
    if plan.status == Plan.Status.APPROVED:
        raise DomainError(
            _(
                "Version %(version)s of the plan is approved and locked. Open a "
                "revision, with its reason, to change it."
            )
            % {"version": plan.version}
        )


def _set_fields(obj, values: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(obj, name, value)


# --- settings -----------------------------------------------------------------------


def plan_settings_for(organization: Organization) -> PlanSettings:
    """The organisation's settings, with defaults when never saved."""
    return PlanSettings.for_organization(organization)


class PlanSettingsData(TypedDict, total=False):
    stale_after_days: int
    remind_days_before_due: int
    reminders_enabled: bool


@transaction.atomic
def plan_settings_update(
    *, actor: User, organization: Organization, data: PlanSettingsData
) -> PlanSettings:
    settings_row = plan_settings_for(organization)
    if settings_row.pk is None:  # defaults until now: keep them first
        settings_row.full_clean()
        settings_row.save()
    changes = model_update(settings_row, data, SETTINGS_FIELDS)
    audit_log(
        actor=actor,
        organization=organization,
        action="plan_settings.update",
        target=settings_row,
        changes=changes,
    )
    return settings_row


# --- plans --------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    kind: str,
    title: str,
    description: str = "",
    ita_fiscal_year: int | None = None,
) -> Plan:
    """Start a plan in draft, as version 1."""
    plan = Plan(
        organization=organization,
        fiscal_year=fiscal_year,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        ita_fiscal_year=ita_fiscal_year,
        created_by=_user(actor),
    )
    plan.full_clean()
    plan.save()
    PlanVersion.objects.create(plan=plan, number=1, created_by=_user(actor))
    audit_log(
        actor=actor,
        organization=organization,
        action="plan.create",
        target=plan,
        changes=snapshot(plan, PLAN_FIELDS),
    )
    return plan


class PlanData(TypedDict, total=False):
    """What an editor may change on a plan (any of these keys)."""

    fiscal_year: int
    kind: str
    title: str
    description: str
    ita_fiscal_year: int | None


def stripped(data: Mapping[str, Any]) -> dict[str, Any]:
    """The values of a form or caller, text without surrounding spaces."""
    return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, data: PlanData) -> Plan:
    _ensure_editable(plan)
    changes = model_update(plan, stripped(data), PLAN_FIELDS)
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="plan.update",
        target=plan,
        changes=changes,
    )
    return plan


def _review(plan: Plan, action: str, actor, comment: str = "") -> PlanReview:
    return PlanReview.objects.create(
        plan=plan,
        version=plan.version,
        action=action,
        actor=_user(actor),
        actor_name=_name(actor),
        comment=comment.strip(),
    )


def _lock(plan: Plan) -> Plan:
    """Re-read the plan under a row lock so that two decisions cannot race."""
    return (
        Plan.objects.for_organization(plan.organization_id)
        .select_for_update()
        .get(pk=plan.pk)
    )


@transaction.atomic
def plan_submit(*, actor: User, plan: Plan, comment: str = "") -> Plan:
    """Send the draft (or returned) plan to the executive for approval."""
    plan = _lock(plan)

    def prepare(_old: str) -> None:
        if not plan.measures.exists():
            raise DomainError(_("Add at least one measure before submitting the plan."))

    transition(
        plan,
        Plan.Status.SUBMITTED,
        actor=actor,
        workflow=PLANS,
        prepare=prepare,
        save_fields=["updated_at"],
        changes={"version": plan.version},
    )
    review = _review(plan, PlanReview.Action.SUBMIT, actor, comment)
    plan_submitted_notify(plan=plan, review=review)
    return plan


def plan_submitted_notify(*, plan: Plan, review: PlanReview) -> int:
    """Tell every executive of the organisation that the plan waits for
    their approval (once per submission)."""
    from django.urls import reverse

    from prongsai.notifications.services import notify
    from prongsai.organizations.selectors import membership_list_with_role

    url = reverse(
        "plans-staff:plan-detail",
        kwargs={"org": plan.organization.slug, "pk": plan.pk},
    )
    told = 0
    for membership in membership_list_with_role(
        organization=plan.organization, role=Role.EXECUTIVE
    ):
        notification = notify(
            organization=plan.organization,
            recipient=membership,
            kind="plans/submitted",
            context={
                "title": plan.title,
                "version": plan.version,
                "submitted_by": review.actor_name,
                "comment": review.comment,
            },
            url=url,
            dedup_key=f"plans.submitted:{review.pk}",
        )
        told += notification is not None
    return told


def plan_snapshot(plan: Plan) -> dict:
    """The plan's content as plain data, frozen when a version is approved."""
    measures = []
    for measure in plan.measures.select_related("owner__user").prefetch_related(
        "activities__owner__user"
    ):
        measures.append(
            {
                "id": measure.pk,
                "number": measure.number,
                **_work_data(measure),
                "steps": measure.steps,
                "due_date_reason": measure.due_date_reason,
                "ita_kind": measure.ita_kind,
                "ita_code": measure.ita_code,
                "ita_title": measure.ita_title,
                "activities": [
                    {"id": a.pk, "kind": a.kind, **_work_data(a)}
                    for a in measure.activities.all()
                ],
            }
        )
    return {
        "title": plan.title,
        "kind": plan.kind,
        "fiscal_year": plan.fiscal_year,
        "description": plan.description,
        "ita_fiscal_year": plan.ita_fiscal_year,
        "measures": measures,
    }


def _work_data(item) -> dict:
    return {
        "title": item.title,
        "description": item.description,
        "responsible_unit": item.responsible_unit,
        "owner": item.owner.user.display_name if item.owner else "",
        "owner_position": item.owner.position if item.owner else "",
        "start_date": item.start_date.isoformat(),
        "due_date": item.due_date.isoformat(),
        "budget": str(item.budget),
        "kpi_name": item.kpi_name,
        "kpi_unit": item.kpi_unit,
        "kpi_baseline": None if item.kpi_baseline is None else str(item.kpi_baseline),
        "kpi_target": None if item.kpi_target is None else str(item.kpi_target),
        "kpi_direction": item.kpi_direction,
    }


@transaction.atomic
def plan_approve(*, actor: User, plan: Plan, comment: str = "") -> Plan:
    """The executive approves the submitted version; it is frozen and locked."""
    plan = _lock(plan)

    def prepare(_old: str) -> None:
        membership = _membership(actor, plan.organization)
        version = plan.versions.get(number=plan.version)
        version.approved_by = _user(actor)
        version.approved_by_name = _name(actor)
        version.approved_by_position = membership.position if membership else ""
        version.approved_at = timezone.now()
        version.snapshot = plan_snapshot(plan)
        version.save()

    transition(
        plan,
        Plan.Status.APPROVED,
        actor=actor,
        workflow=PLANS,
        prepare=prepare,
        save_fields=["updated_at"],
        changes={"version": plan.version},
    )
    _review(plan, PlanReview.Action.APPROVE, actor, comment)
    return plan


@transaction.atomic
def plan_return(*, actor: User, plan: Plan, comment: str) -> Plan:
    """The executive sends the plan back with a comment saying what to change."""
    plan = _lock(plan)
    transition(
        plan,
        Plan.Status.RETURNED,
        actor=actor,
        workflow=PLANS,
        reason=comment,
        save_fields=["updated_at"],
        changes={"version": plan.version, "comment": comment.strip()},
    )
    _review(plan, PlanReview.Action.RETURN, actor, comment)
    return plan


@transaction.atomic
def plan_revise(*, actor: User, plan: Plan, reason: str) -> Plan:
    """Open a new version of an approved plan (ปรับแผนตามสถานการณ์).

    The approved version stays as it was, visible in the history and on the
    public pages, until the new version is approved.
    """
    plan = _lock(plan)

    def prepare(_old: str) -> None:
        plan.version += 1

    transition(
        plan,
        Plan.Status.DRAFT,
        actor=actor,
        workflow=PLANS,
        reason=reason,
        prepare=prepare,
        save_fields=["version", "updated_at"],
        changes={"version": plan.version + 1, "reason": reason.strip()},
    )
    PlanVersion.objects.create(
        plan=plan, number=plan.version, reason=reason.strip(), created_by=_user(actor)
    )
    _review(plan, PlanReview.Action.REVISE, actor, reason)
    return plan


def plan_publish(*, actor: User, plan: Plan) -> Plan:
    """Show the latest approved version, as it stands now, on the public
    pages (a frozen publication: see ``services_publication``)."""
    from .services_publication import plan_publish as publish

    return publish(actor=actor, plan=plan)


def plan_unpublish(*, actor: User, plan: Plan) -> Plan:
    from .services_publication import plan_unpublish as unpublish

    return unpublish(actor=actor, plan=plan)
