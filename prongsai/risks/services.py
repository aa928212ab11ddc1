"""Writes on the corruption risk register."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, diff, snapshot
from prongsai.core.errors import DomainError
from prongsai.organizations.models import Organization

from .models import Risk, RiskAssessment


class Measure(Protocol):
    """A plan measure (``plans.Measure``, above this app: not imported)."""

    organization_id: int


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
FOLLOW_UP_FIELDS = ("follow_up", "follow_up_note")


def _carry_over(assessment: RiskAssessment) -> None:
    """Copy last year's risks that were not fully controlled into ``assessment``,
    linked to the old entry, so that the follow-up report can trace them."""
    previous = RiskAssessment.objects.filter(
        organization=assessment.organization, fiscal_year=assessment.fiscal_year - 1
    ).first()
    if previous is None:
        return
    for old in previous.risks.exclude(follow_up=Risk.FollowUp.CONTROLLED):
        Risk.objects.create(
            organization=assessment.organization,
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


@transaction.atomic
def risk_assessment_create(
    *,
    actor: User,
    organization: Organization,
    fiscal_year: int,
    title: str = "",
    notes: str = "",
) -> RiskAssessment:
    """Open the risk assessment of a fiscal year, carrying over last year's
    risks that were not fully controlled."""
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
        created_by=actor,
    )
    assessment.full_clean()
    assessment.save()
    _carry_over(assessment)
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
    *, actor: User, assessment: RiskAssessment, publish: bool = True
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


def _check_risk_measure(measure: Measure | None, organization_id: int) -> None:
    if measure is not None and measure.organization_id != organization_id:
        raise DomainError(
            _("The linked measure must be one of this organisation's measures."),
            field="measure",
        )


def _risk_values(
    *,
    process: str,
    event: str,
    cause: str,
    likelihood: int,
    impact: int,
    existing_controls: str,
    control_measures: str,
    measure: Measure | None,
    responsible_unit: str,
) -> dict[str, Any]:
    return {
        "process": process,
        "event": event.strip(),
        "cause": cause.strip(),
        "likelihood": likelihood,
        "impact": impact,
        "existing_controls": existing_controls.strip(),
        "control_measures": control_measures.strip(),
        "measure": measure,
        "responsible_unit": responsible_unit.strip(),
    }


def _save_risk(*, actor: User, risk: Risk, values: dict[str, Any], action: str) -> Risk:
    _check_risk_measure(values["measure"], risk.organization_id)
    before = snapshot(risk, values)
    for name, value in values.items():
        setattr(risk, name, value)
    risk.full_clean()
    risk.save()
    after = snapshot(risk, values)
    audit_log(
        actor=actor,
        organization=risk.organization,
        action=action,
        target=risk,
        changes=after if action == "risk.create" else diff(before, after),
    )
    return risk


@transaction.atomic
def risk_create(
    *,
    actor: User,
    assessment: RiskAssessment,
    process: str,
    event: str,
    likelihood: int,
    impact: int,
    cause: str = "",
    existing_controls: str = "",
    control_measures: str = "",
    measure: Measure | None = None,
    responsible_unit: str = "",
) -> Risk:
    risk = Risk(organization=assessment.organization, assessment=assessment)
    values = _risk_values(
        process=process,
        event=event,
        cause=cause,
        likelihood=likelihood,
        impact=impact,
        existing_controls=existing_controls,
        control_measures=control_measures,
        measure=measure,
        responsible_unit=responsible_unit,
    )
    return _save_risk(actor=actor, risk=risk, values=values, action="risk.create")


@transaction.atomic
def risk_update(
    *,
    actor: User,
    risk: Risk,
    process: str,
    event: str,
    likelihood: int,
    impact: int,
    cause: str = "",
    existing_controls: str = "",
    control_measures: str = "",
    measure: Measure | None = None,
    responsible_unit: str = "",
) -> Risk:
    values = _risk_values(
        process=process,
        event=event,
        cause=cause,
        likelihood=likelihood,
        impact=impact,
        existing_controls=existing_controls,
        control_measures=control_measures,
        measure=measure,
        responsible_unit=responsible_unit,
    )
    return _save_risk(actor=actor, risk=risk, values=values, action="risk.update")


@transaction.atomic
def risk_follow_up(*, actor: User, risk: Risk, follow_up: str, note: str) -> Risk:
    """Record what came of a risk's control measures (next year's evidence)."""
    if follow_up not in Risk.FollowUp.values or not follow_up:
        raise DomainError(_("Choose the result of the follow-up."), field="follow_up")
    before = snapshot(risk, FOLLOW_UP_FIELDS)
    risk.follow_up = follow_up
    risk.follow_up_note = note.strip()
    risk.full_clean()
    risk.save()
    audit_log(
        actor=actor,
        organization=risk.organization,
        action="risk.follow_up",
        target=risk,
        changes=diff(before, snapshot(risk, FOLLOW_UP_FIELDS)),
    )
    return risk
