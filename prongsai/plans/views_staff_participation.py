"""Back-office views of participation in a plan: proposals, support,
comments and the coordinator's decisions."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.forms import run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services_participation
from .forms import DeclineForm, ProposalForm
from .permissions import can_edit_plans, can_propose_measure
from .views_staff import form_page


@org_staff_view(can_propose_measure)
def proposal_create(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ProposalForm(request.POST or None)
    return form_page(
        request,
        form,
        "plans/plan_decision.html",
        {"plan": plan, "heading": _("Propose a measure")},
        on_valid=lambda data: services_participation.proposal_create(
            actor=request.user, plan=plan, **data
        ),
        success_message=_("Thank you. Your proposal is open for others to support."),
        redirect_to=lambda proposal: plan.get_staff_url() + "#participation",
    )


def _comment(request, plan, proposal=None):
    """Post the comment of a one-field form on the plan page (an empty one is
    refused with a message)."""
    return run_action(
        request,
        lambda: services_participation.comment_create(
            actor=request.user,
            plan=plan,
            proposal=proposal,
            body=request.POST.get("body", ""),
        ),
        success_message=_("Your comment was posted."),
        redirect_to=plan.get_staff_url() + "#participation",
    )


@require_POST
@org_staff_view(can_propose_measure)
def plan_comment(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    return _comment(request, plan)


@require_POST
@org_staff_view(can_propose_measure)
def proposal_support(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_participation.proposal_support(
            actor=request.user, proposal=proposal
        ),
        success_message=_("You support this proposal."),
        redirect_to=proposal.plan.get_staff_url() + "#participation",
    )


@require_POST
@org_staff_view(can_propose_measure)
def proposal_comment(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    return _comment(request, proposal.plan, proposal)


@require_POST
@org_staff_view(can_edit_plans)
def proposal_adopt(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_participation.proposal_adopt(
            actor=request.user, proposal=proposal
        ),
        success_message=_("The proposal was adopted as a measure of the plan."),
        redirect_to=proposal.plan.get_staff_url(),
    )


@org_staff_view(can_edit_plans)
def proposal_decline(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    form = DeclineForm(request.POST or None)
    return form_page(
        request,
        form,
        "plans/plan_decision.html",
        {
            "plan": proposal.plan,
            "heading": _("Decline the proposal “%(title)s”")
            % {"title": proposal.title},
        },
        on_valid=lambda data: services_participation.proposal_decline(
            actor=request.user, proposal=proposal, note=data["note"]
        ),
        success_message=_("The proposal was declined."),
        redirect_to=lambda p: p.plan.get_staff_url() + "#participation",
    )
