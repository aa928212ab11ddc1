"""The approval workflow of a plan as data (``core.workflow``).

Draft (or returned) -> submitted -> approved, or returned with a comment;
an approved plan is revised back to a draft of its next version.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from prongsai.core.workflow import Workflow, step
from prongsai.organizations.models import Membership

from .models import Plan
from .permissions import APPROVER_ROLES

Status = Plan.Status
DECIDED_BY = frozenset(APPROVER_ROLES)
NOT_AN_APPROVER = _("Only an executive of the organisation decides on plans.")


def roles_of(actor, plan: Plan) -> list[str]:
    if not getattr(actor, "is_authenticated", False):
        return []
    membership = (
        Membership.objects.active()
        .filter(organization=plan.organization_id, user=actor)
        .first()
    )
    return list(membership.roles) if membership else []


PLANS = Workflow(
    action="plan.status",
    labels=Status,
    roles_of=roles_of,
    error_field=None,
    steps=[
        step(
            Status.SUBMITTED,
            [Status.DRAFT, Status.RETURNED],
            action="plan.submit",
            refused=_("Only a draft or returned plan can be submitted."),
        ),
        step(
            Status.APPROVED,
            [Status.SUBMITTED],
            action="plan.approve",
            roles=DECIDED_BY,
            forbidden=NOT_AN_APPROVER,
            refused=_("Only a plan awaiting approval can be approved."),
        ),
        step(
            Status.RETURNED,
            [Status.SUBMITTED],
            action="plan.return",
            roles=DECIDED_BY,
            forbidden=NOT_AN_APPROVER,
            refused=_("Only a plan awaiting approval can be returned."),
            reason=True,
            reason_message=_("Say what should change before returning the plan."),
            reason_field="comment",
        ),
        step(
            Status.DRAFT,
            [Status.APPROVED],
            action="plan.revise",
            refused=_("Only an approved plan can be revised."),
            reason=True,
            reason_message=_("Give the reason for revising the plan."),
        ),
    ],
)
