"""Writes on the corruption risk register."""

from __future__ import annotations

from typing import Any, Protocol, TypedDict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log, snapshot
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update
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
    actor: User | None,
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


class RiskData(TypedDict, total=False):
    """A risk's rating and controls (any of these keys)."""

    process: str
    event: str
    cause: str
    likelihood: int
    impact: int
    existing_controls: str
    control_measures: str
    measure: Measure | None
    responsible_unit: str


def _clean(data: RiskData) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}


@transaction.atomic
def risk_create(*, actor: User, assessment: RiskAssessment, data: RiskData) -> Risk:
    _check_risk_measure(data.get("measure"), assessment.organization_id)
    risk = Risk(organization=assessment.organization, assessment=assessment)
    for name, value in _clean(data).items():
        if name in RISK_FIELDS:
            setattr(risk, name, value)
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
def risk_update(*, actor: User, risk: Risk, data: RiskData) -> Risk:
    _check_risk_measure(data.get("measure"), risk.organization_id)
    changes = model_update(risk, _clean(data), RISK_FIELDS)
    audit_log(
        actor=actor,
        organization=risk.organization,
        action="risk.update",
        target=risk,
        changes=changes,
    )
    return risk


@transaction.atomic
def risk_follow_up(*, actor: User, risk: Risk, follow_up: str, note: str) -> Risk:
    """Record what came of a risk's control measures (next year's evidence)."""
    if follow_up not in Risk.FollowUp.values or not follow_up:
        raise DomainError(_("Choose the result of the follow-up."), field="follow_up")
    changes = model_update(
        risk, {"follow_up": follow_up, "follow_up_note": note.strip()}, FOLLOW_UP_FIELDS
    )
    audit_log(
        actor=actor,
        organization=risk.organization,
        action="risk.follow_up",
        target=risk,
        changes=changes,
    )
    return risk
