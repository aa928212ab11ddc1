"""Writes on participation in a plan: proposals, support, comments, decisions."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.accounts.models import User
from prongsai.core.audit import audit_log
from prongsai.core.errors import DomainError
from prongsai.core.services import model_update

from .models import Measure, Plan
from .models_participation import Comment, Proposal, ProposalSupport
from .services import _user
from .services_measures import MeasureData, measure_create


@transaction.atomic
def proposal_create(
    *, actor: User, plan: Plan, title: str, description: str
) -> Proposal:
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
def proposal_support(*, actor: User, proposal: Proposal) -> ProposalSupport:
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
    *, actor: User, plan: Plan, body: str, proposal: Proposal | None = None
) -> Comment:
    if proposal is not None and proposal.plan_id != plan.pk:
        raise DomainError(_("The proposal belongs to another plan."))
    if not body.strip():
        raise DomainError(_("Write a comment first."), field="body")
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


def _check_open(proposal: Proposal) -> None:
    if proposal.status != Proposal.Status.OPEN:
        raise DomainError(_("This proposal has already been decided."))


def _decide(
    *, actor: User, proposal: Proposal, data: dict, action: str, changes: dict
) -> None:
    """Record the coordinator's decision on an open proposal, and audit it."""
    model_update(
        proposal,
        {**data, "decided_by": _user(actor), "decided_at": timezone.now()},
        (*data, "decided_by", "decided_at"),
    )
    audit_log(
        actor=actor,
        organization=proposal.organization,
        action=action,
        target=proposal,
        changes=changes,
    )


@transaction.atomic
def proposal_adopt(
    *, actor: User, proposal: Proposal, data: MeasureData | None = None
) -> Measure:
    """The coordinator turns an open proposal into a measure of the plan."""
    _check_open(proposal)
    values = MeasureData(title=proposal.title, description=proposal.description)
    values.update(data or {})
    measure = measure_create(actor=actor, plan=proposal.plan, data=values)
    _decide(
        actor=actor,
        proposal=proposal,
        data={"status": Proposal.Status.ADOPTED, "measure": measure},
        action="proposal.adopt",
        changes={"measure": measure.title},
    )
    return measure


@transaction.atomic
def proposal_decline(*, actor: User, proposal: Proposal, note: str) -> Proposal:
    _check_open(proposal)
    if not note.strip():
        raise DomainError(
            _("Tell the proposer why the proposal is declined."), field="note"
        )
    _decide(
        actor=actor,
        proposal=proposal,
        data={"status": Proposal.Status.DECLINED, "decision_note": note.strip()},
        action="proposal.decline",
        changes={"note": note.strip()},
    )
    return proposal
