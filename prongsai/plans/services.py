"""Writes on plans, measures, progress, participation and risks."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.complaints.models import Case
from prongsai.complaints.permissions import can_handle_confidential
from prongsai.core import thai_dates
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.workflow import transition
from prongsai.ita import selectors as ita_selectors
from prongsai.notifications.services import notify
from prongsai.organizations.models import Membership

from .models import (
    Activity,
    Comment,
    Measure,
    MeasureCase,
    Plan,
    PlanReview,
    PlanSettings,
    PlanVersion,
    ProgressUpdate,
    Proposal,
    ProposalSupport,
    Risk,
    RiskAssessment,
    WorkStatus,
)
from .workflow import PLANS

PLAN_FIELDS = ("fiscal_year", "kind", "title", "description", "ita_fiscal_year")
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
MEASURE_FIELDS = (*WORK_FIELDS, "steps", "ita_kind", "ita_code", "ita_title")
ACTIVITY_FIELDS = (*WORK_FIELDS, "kind")
RISK_FIELDS = (
    "process",
    "event",
    "cause",
    "likelihood",
    "impact",
    "existing_controls",
    "control_measures",
    "measure",
    "responsible_unit",
)
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


def _check_owner(owner, organization) -> None:
    if owner is not None and owner.organization_id != organization.pk:
        raise DomainError(
            _("The responsible person must be a member of this organisation."),
            field="owner",
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


def _default_dates(plan: Plan, values: dict[str, Any]) -> None:
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    values.setdefault("start_date", start)
    values.setdefault("due_date", end)


# --- settings -----------------------------------------------------------------------


def plan_settings_for(organization) -> PlanSettings:
    """The organisation's settings, with defaults when never saved."""
    return PlanSettings.for_organization(organization)


@transaction.atomic
def plan_settings_update(*, actor, organization, **values) -> PlanSettings:
    settings_row = plan_settings_for(organization)
    before = snapshot(settings_row, SETTINGS_FIELDS)
    _set_fields(settings_row, values, SETTINGS_FIELDS)
    settings_row.full_clean()
    settings_row.save()
    audit_log(
        actor=actor,
        organization=organization,
        action="plan_settings.update",
        target=settings_row,
        changes=diff(before, snapshot(settings_row, SETTINGS_FIELDS)),
    )
    return settings_row


# --- plans --------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor,
    organization,
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


@transaction.atomic
def plan_update(*, actor, plan: Plan, **values) -> Plan:
    _ensure_editable(plan)
    before = snapshot(plan, PLAN_FIELDS)
    _set_fields(plan, values, PLAN_FIELDS)
    plan.full_clean()
    plan.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="plan.update",
        target=plan,
        changes=diff(before, snapshot(plan, PLAN_FIELDS)),
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
    return Plan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_submit(*, actor, plan: Plan, comment: str = "") -> Plan:
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
    _review(plan, PlanReview.Action.SUBMIT, actor, comment)
    return plan


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
def plan_approve(*, actor, plan: Plan, comment: str = "") -> Plan:
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
def plan_return(*, actor, plan: Plan, comment: str) -> Plan:
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
def plan_revise(*, actor, plan: Plan, reason: str) -> Plan:
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


@transaction.atomic
def plan_publish(*, actor, plan: Plan) -> Plan:
    """Show the latest approved version on the organisation's public pages."""
    if not plan.versions.filter(approved_at__isnull=False).exists():
        raise DomainError(_("Only an approved plan can be published."))
    plan.published_at = timezone.now()
    plan.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor, organization=plan.organization, action="plan.publish", target=plan
    )
    return plan


@transaction.atomic
def plan_unpublish(*, actor, plan: Plan) -> Plan:
    plan.published_at = None
    plan.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="plan.unpublish",
        target=plan,
    )
    return plan


# --- measures and activities ------------------------------------------------------


@transaction.atomic
def measure_create(*, actor, plan: Plan, **values) -> Measure:
    """Add a measure to an editable plan; dates default to the fiscal year."""
    _ensure_editable(plan)
    _check_owner(values.get("owner"), plan.organization)
    _default_dates(plan, values)
    # A measure's number is its place in the plan's list, not an identifier;
    # the plan's row lock keeps two measures added at once from taking the
    # same place.
    _lock(plan)
    number = (plan.measures.aggregate(n=Max("number"))["n"] or 0) + 1
    measure = Measure(plan=plan, organization=plan.organization, number=number)
    _set_fields(measure, values, MEASURE_FIELDS)
    measure.full_clean()
    measure.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="measure.create",
        target=measure,
        changes=snapshot(measure, MEASURE_FIELDS),
    )
    return measure


@transaction.atomic
def measure_update(*, actor, measure: Measure, **values) -> Measure:
    _ensure_editable(measure.plan)
    _check_owner(values.get("owner"), measure.organization)
    before = snapshot(measure, MEASURE_FIELDS)
    _set_fields(measure, values, MEASURE_FIELDS)
    measure.full_clean()
    measure.save()
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="measure.update",
        target=measure,
        changes=diff(before, snapshot(measure, MEASURE_FIELDS)),
    )
    return measure


@transaction.atomic
def measure_delete(*, actor, measure: Measure) -> None:
    _ensure_editable(measure.plan)
    if measure.updates.exists():
        raise DomainError(
            _("Progress has been reported on this measure; it cannot be removed.")
        )
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="measure.delete",
        target=measure,
        changes=snapshot(measure, ("title",)),
    )
    measure.delete()


@transaction.atomic
def activity_create(*, actor, measure: Measure, **values) -> Activity:
    _ensure_editable(measure.plan)
    _check_owner(values.get("owner"), measure.organization)
    values.setdefault("start_date", measure.start_date)
    values.setdefault("due_date", measure.due_date)
    activity = Activity(measure=measure, organization=measure.organization)
    _set_fields(activity, values, ACTIVITY_FIELDS)
    activity.full_clean()
    activity.save()
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="activity.create",
        target=activity,
        changes=snapshot(activity, ACTIVITY_FIELDS),
    )
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, **values) -> Activity:
    _ensure_editable(activity.measure.plan)
    _check_owner(values.get("owner"), activity.organization)
    before = snapshot(activity, ACTIVITY_FIELDS)
    _set_fields(activity, values, ACTIVITY_FIELDS)
    activity.full_clean()
    activity.save()
    audit_log(
        actor=actor,
        organization=activity.organization,
        action="activity.update",
        target=activity,
        changes=diff(before, snapshot(activity, ACTIVITY_FIELDS)),
    )
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity) -> None:
    _ensure_editable(activity.measure.plan)
    audit_log(
        actor=actor,
        organization=activity.organization,
        action="activity.delete",
        target=activity,
        changes=snapshot(activity, ("title",)),
    )
    activity.delete()


# --- drafting from the ITA analysis -------------------------------------------------


def _attr(obj, name: str, default=""):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _steps_text(steps) -> str:
    if not steps:
        return ""
    if isinstance(steps, str):
        return steps
    return "\n".join(str(step) for step in steps)


NUMBER = re.compile(r"\d+(?:\.\d+)?")


def kpi_from_text(text: str, *, score=None, threshold=None) -> dict:
    """Turn a recommendation's KPI sentence into a measurable target.

    The last number in the sentence is the target ("คะแนน OIT ไม่ต่ำกว่า 95
    คะแนน" gives 95); a score target starts from the current score. Without a
    number the target is that the thing is done every time: 100 percent.
    """
    numbers = NUMBER.findall(thai_dates.to_arabic_digits(text))
    is_score = "คะแนน" in text
    percent = "ร้อยละ" in text or "%" in text
    values: dict = {"kpi_name": text[:300]}
    if numbers:
        values["kpi_target"] = Decimal(numbers[-1])
    elif threshold is not None and is_score:
        values["kpi_target"] = Decimal(str(threshold))
    else:
        values["kpi_target"] = Decimal(100)
        percent = True
    values["kpi_unit"] = "คะแนน" if is_score else ("%" if percent else "")
    values["kpi_baseline"] = (
        Decimal(str(score)) if is_score and score is not None else Decimal(0)
    )
    if "ไม่เกิน" in text or "ลดลง" in text:
        values["kpi_direction"] = "at_most"
    return values


KIND_LABELS = {
    "tool": "เครื่องมือ",
    "indicator": "ตัวชี้วัดที่",
    "item": "ข้อ",
}


@transaction.atomic
def plan_draft_from_weaknesses(
    *,
    actor,
    organization,
    fiscal_year: int,
    ita_fiscal_year: int,
    weaknesses: Iterable,
    title: str = "",
) -> Plan:
    """Create a draft integrity-measures plan, one measure per weakness.

    Each weakness has ``kind`` (tool, indicator or item), ``code``, ``title``,
    ``score``, ``threshold`` and ``recommendations`` (objects with ``title``,
    ``description``, ``responsible_unit``, ``steps`` and ``kpi``). The first
    recommendation gives the measure its content; the others are listed in
    its steps. A weakness without a recommendation still gets a measure,
    named after what it addresses, for the coordinator to complete.
    """
    weaknesses = list(weaknesses)
    if not weaknesses:
        raise DomainError(
            _("The ITA result of %(year)s shows no weakness to plan for.")
            % {"year": ita_fiscal_year}
        )
    plan = plan_create(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        kind=Plan.Kind.INTEGRITY,
        title=title
        or _("Internal integrity and transparency measures, fiscal year %(year)s")
        % {"year": fiscal_year},
        description=_(
            "Drafted from the analysis of the ITA result of fiscal year %(year)s."
        )
        % {"year": ita_fiscal_year},
        ita_fiscal_year=ita_fiscal_year,
    )
    for weakness in weaknesses:
        kind = _attr(weakness, "kind")
        code = str(_attr(weakness, "code"))
        weakness_title = str(_attr(weakness, "title"))
        score = _attr(weakness, "score", None)
        threshold = _attr(weakness, "threshold", None)
        recommendations = list(_attr(weakness, "recommendations", []) or [])
        first = recommendations[0] if recommendations else None
        steps = _steps_text(_attr(first, "steps", [])) if first else ""
        for extra in recommendations[1:]:
            steps += ("\n" if steps else "") + str(_attr(extra, "title"))
        if first is None:
            measure_title = _("Improve %(what)s %(code)s %(title)s") % {
                "what": KIND_LABELS.get(kind, ""),
                "code": code,
                "title": weakness_title,
            }
        elif kind == "item":
            # Item rules are often shared by every item: name the item.
            measure_title = f"{code} {weakness_title}: {_attr(first, 'title')}"
        else:
            measure_title = str(_attr(first, "title"))
        values = {
            "title": measure_title[:300],
            "description": str(_attr(first, "description")) if first else "",
            "responsible_unit": str(_attr(first, "responsible_unit"))[:200]
            if first
            else "",
            "steps": steps,
            "ita_kind": kind if kind in Measure.ItaKind.values else "",
            "ita_code": code[:20],
            "ita_title": weakness_title[:300],
        }
        kpi = str(_attr(first, "kpi")) if first else ""
        if kpi:
            values.update(kpi_from_text(kpi, score=score, threshold=threshold))
        measure = measure_create(actor=actor, plan=plan, **values)
        if score is not None:
            measure.ita_score = Decimal(str(score)).quantize(Decimal("0.01"))
            measure.save(update_fields=["ita_score"])
    audit_log(
        actor=actor,
        organization=organization,
        action="plan.draft_from_analysis",
        target=plan,
        changes={"ita_fiscal_year": ita_fiscal_year, "measures": len(weaknesses)},
    )
    return plan


def plan_draft_from_analysis(
    *, actor, organization, ita_fiscal_year: int, fiscal_year: int
) -> Plan:
    """Draft the measures plan of ``fiscal_year`` from the analysis of the ITA
    result of ``ita_fiscal_year``, one measure per weakness."""
    try:
        analysis = ita_selectors.ita_analysis_get(
            organization=organization, fiscal_year=ita_fiscal_year
        )
    except Http404:
        raise DomainError(
            _("There is no ITA result on record for fiscal year %(year)s.")
            % {"year": ita_fiscal_year},
            field="ita_fiscal_year",
        ) from None
    return plan_draft_from_weaknesses(
        actor=actor,
        organization=organization,
        fiscal_year=fiscal_year,
        ita_fiscal_year=ita_fiscal_year,
        weaknesses=analysis.weaknesses,
    )


# --- progress -----------------------------------------------------------------------


@transaction.atomic
def progress_record(
    *,
    actor,
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


# --- participation ------------------------------------------------------------------


@transaction.atomic
def proposal_create(*, actor, plan: Plan, title: str, description: str) -> Proposal:
    """Any member proposes a measure for the plan (ร่วมคิดร่วมทำ)."""
    proposal = Proposal(
        organization=plan.organization,
        plan=plan,
        title=title.strip(),
        description=description.strip(),
        proposed_by=_user(actor),
    )
    proposal.full_clean()
    proposal.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="proposal.create",
        target=proposal,
        changes={"title": proposal.title},
    )
    return proposal


@transaction.atomic
def proposal_support(*, actor, proposal: Proposal) -> ProposalSupport:
    user = _user(actor)
    if user is None:
        raise DomainError(_("Sign in to support a proposal."))
    if proposal.status != Proposal.Status.OPEN:
        raise DomainError(_("Only an open proposal can be supported."))
    if proposal.proposed_by_id == user.pk:
        raise DomainError(_("You cannot support your own proposal."))
    if proposal.supports.filter(user=user).exists():
        raise DomainError(_("You already support this proposal."))
    support = ProposalSupport.objects.create(proposal=proposal, user=user)
    audit_log(
        actor=actor,
        organization=proposal.organization,
        action="proposal.support",
        target=proposal,
    )
    return support


@transaction.atomic
def comment_create(
    *, actor, plan: Plan, body: str, proposal: Proposal | None = None
) -> Comment:
    if proposal is not None and proposal.plan_id != plan.pk:
        raise DomainError(_("The proposal belongs to another plan."))
    comment = Comment(
        organization=plan.organization,
        plan=plan,
        proposal=proposal,
        author=_user(actor),
        body=body.strip(),
    )
    comment.full_clean()
    comment.save()
    audit_log(
        actor=actor,
        organization=plan.organization,
        action="comment.create",
        target=plan,
    )
    return comment


@transaction.atomic
def proposal_adopt(*, actor, proposal: Proposal, **values) -> Measure:
    """The coordinator turns an open proposal into a measure of the plan."""
    if proposal.status != Proposal.Status.OPEN:
        raise DomainError(_("This proposal has already been decided."))
    values.setdefault("title", proposal.title)
    values.setdefault("description", proposal.description)
    measure = measure_create(actor=actor, plan=proposal.plan, **values)
    proposal.status = Proposal.Status.ADOPTED
    proposal.measure = measure
    proposal.decided_by = _user(actor)
    proposal.decided_at = timezone.now()
    proposal.save()
    audit_log(
        actor=actor,
        organization=proposal.organization,
        action="proposal.adopt",
        target=proposal,
        changes={"measure": measure.title},
    )
    return measure


@transaction.atomic
def proposal_decline(*, actor, proposal: Proposal, note: str) -> Proposal:
    if proposal.status != Proposal.Status.OPEN:
        raise DomainError(_("This proposal has already been decided."))
    if not note.strip():
        raise DomainError(
            _("Tell the proposer why the proposal is declined."), field="note"
        )
    proposal.status = Proposal.Status.DECLINED
    proposal.decision_note = note.strip()
    proposal.decided_by = _user(actor)
    proposal.decided_at = timezone.now()
    proposal.save()
    audit_log(
        actor=actor,
        organization=proposal.organization,
        action="proposal.decline",
        target=proposal,
        changes={"note": proposal.decision_note},
    )
    return proposal


# --- reminders ----------------------------------------------------------------------


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


# --- risk register ------------------------------------------------------------------


@transaction.atomic
def risk_assessment_create(
    *, actor, organization, fiscal_year: int, title: str = "", notes: str = ""
) -> RiskAssessment:
    """Open the risk assessment of a fiscal year.

    Last year's risks that were not fully controlled are carried over, linked
    to the old entry, so that the follow-up report can trace them.
    """
    if RiskAssessment.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).exists():
        raise DomainError(
            _("There is already a risk assessment for fiscal year %(year)s.")
            % {"year": fiscal_year},
            field="fiscal_year",
        )
    assessment = RiskAssessment(
        organization=organization,
        fiscal_year=fiscal_year,
        title=title.strip()
        or _("Corruption risk assessment, fiscal year %(year)s")
        % {"year": fiscal_year},
        notes=notes.strip(),
        created_by=_user(actor),
    )
    assessment.full_clean()
    assessment.save()
    previous = RiskAssessment.objects.filter(
        organization=organization, fiscal_year=fiscal_year - 1
    ).first()
    if previous is not None:
        for old in previous.risks.exclude(follow_up=Risk.FollowUp.CONTROLLED):
            Risk.objects.create(
                organization=organization,
                assessment=assessment,
                process=old.process,
                event=old.event,
                cause=old.cause,
                likelihood=old.likelihood,
                impact=old.impact,
                existing_controls=old.control_measures or old.existing_controls,
                responsible_unit=old.responsible_unit,
                previous=old,
            )
    audit_log(
        actor=actor,
        organization=organization,
        action="risk_assessment.create",
        target=assessment,
        changes={"fiscal_year": fiscal_year},
    )
    return assessment


@transaction.atomic
def risk_assessment_publish(
    *, actor, assessment: RiskAssessment, publish: bool = True
) -> RiskAssessment:
    """Show the risk assessment and its follow-up on the public pages (or not)."""
    assessment.published_at = timezone.now() if publish else None
    assessment.save(update_fields=["published_at", "updated_at"])
    audit_log(
        actor=actor,
        organization=assessment.organization,
        action="risk_assessment.publish" if publish else "risk_assessment.unpublish",
        target=assessment,
    )
    return assessment


def _check_risk_measure(measure, organization) -> None:
    if measure is not None and measure.organization_id != organization.pk:
        raise DomainError(
            _("The linked measure must be one of this organisation's measures."),
            field="measure",
        )


@transaction.atomic
def risk_create(*, actor, assessment: RiskAssessment, **values) -> Risk:
    _check_risk_measure(values.get("measure"), assessment.organization)
    risk = Risk(organization=assessment.organization, assessment=assessment)
    _set_fields(risk, values, RISK_FIELDS)
    risk.full_clean()
    risk.save()
    audit_log(
        actor=actor,
        organization=assessment.organization,
        action="risk.create",
        target=risk,
        changes=snapshot(risk, RISK_FIELDS),
    )
    return risk


@transaction.atomic
def risk_update(*, actor, risk: Risk, **values) -> Risk:
    _check_risk_measure(values.get("measure"), risk.organization)
    before = snapshot(risk, RISK_FIELDS)
    _set_fields(risk, values, RISK_FIELDS)
    risk.full_clean()
    risk.save()
    audit_log(
        actor=actor,
        organization=risk.organization,
        action="risk.update",
        target=risk,
        changes=diff(before, snapshot(risk, RISK_FIELDS)),
    )
    return risk


@transaction.atomic
def risk_follow_up(*, actor, risk: Risk, follow_up: str, note: str) -> Risk:
    """Record what came of a risk's control measures (next year's evidence)."""
    if follow_up not in Risk.FollowUp.values or not follow_up:
        raise DomainError(_("Choose the result of the follow-up."), field="follow_up")
    before = snapshot(risk, ("follow_up", "follow_up_note"))
    risk.follow_up = follow_up
    risk.follow_up_note = note.strip()
    risk.full_clean()
    risk.save()
    audit_log(
        actor=actor,
        organization=risk.organization,
        action="risk.follow_up",
        target=risk,
        changes=diff(before, snapshot(risk, ("follow_up", "follow_up_note"))),
    )
    return risk


# --- complaints that measures address ---------------------------------------------


def _may_link_confidential(actor, organization) -> bool:
    membership = (
        Membership.objects.active()
        .filter(user=actor, organization=organization)
        .first()
    )
    return can_handle_confidential(actor, membership)


def _check_case(actor, measure: Measure, case: Case) -> None:
    if case.organization_id != measure.organization_id:
        raise DomainError(
            _("Case %(reference)s belongs to another organisation.")
            % {"reference": case.reference},
            field="references",
        )
    if case.is_confidential and not _may_link_confidential(actor, measure.organization):
        raise DomainError(
            _(
                "Case %(reference)s is a confidential report; only an integrity "
                "officer may link it to a measure."
            )
            % {"reference": case.reference},
            field="references",
        )


@transaction.atomic
def measure_link_cases(*, actor, measure: Measure, cases: Iterable[Case]) -> list:
    """Link cases to the measure they led to; all or nothing.

    Cases already linked are skipped. Returns the links made.
    """
    cases = list(cases)
    if not cases:
        raise DomainError(_("Give at least one case reference."), field="references")
    for case in cases:
        _check_case(actor, measure, case)
    already = set(
        MeasureCase.objects.filter(measure=measure).values_list("case_id", flat=True)
    )
    links = []
    for case in cases:
        if case.pk in already:
            continue
        already.add(case.pk)
        link = MeasureCase(
            organization=measure.organization,
            measure=measure,
            case=case,
            linked_by=actor,
        )
        link.full_clean()
        link.save()
        links.append(link)
        audit_log(
            actor=actor,
            organization=measure.organization,
            action="measure.link_case",
            target=measure,
            changes={"case": [None, case.reference]},
        )
    return links


@transaction.atomic
def measure_unlink_case(*, actor, measure: Measure, case: Case) -> None:
    _check_case(actor, measure, case)
    deleted, _count = MeasureCase.objects.filter(measure=measure, case=case).delete()
    if not deleted:
        raise DomainError(_("This case is not linked to the measure."))
    audit_log(
        actor=actor,
        organization=measure.organization,
        action="measure.unlink_case",
        target=measure,
        changes={"case": [case.reference, None]},
    )
