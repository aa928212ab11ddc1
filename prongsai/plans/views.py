"""Back-office views of plans, measures, progress, participation and risks."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prongsai.complaints.permissions import (
    can_handle_complaints,
    can_handle_confidential,
)
from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services
from .forms import (
    ActivityForm,
    CommentForm,
    DecisionForm,
    DeclineForm,
    DraftFromAnalysisForm,
    FollowUpForm,
    LinkCasesForm,
    MeasureForm,
    PlanForm,
    PlanSettingsForm,
    ProgressForm,
    ProposalForm,
    ReportForm,
    ReviseForm,
    RiskAssessmentForm,
    RiskForm,
)
from .models import Plan, WorkStatus
from .permissions import (
    can_approve_plans,
    can_edit_plans,
    can_manage_risks,
    can_propose_measure,
    can_update_progress,
    can_view_dashboard,
    can_view_plans,
)


def _flags(request) -> dict:
    user, membership = request.user, request.membership
    return {
        "can_edit": can_edit_plans(user, membership),
        "can_approve": can_approve_plans(user, membership),
        "can_view_dashboard": can_view_dashboard(user, membership),
        "can_manage_risks": can_manage_risks(user, membership),
    }


def _render(request, template, context):
    context.setdefault("organization", request.organization)
    context.update(_flags(request))
    return render(request, template, context)


def _plan_url(plan):
    return plan.get_staff_url()


# --- plans --------------------------------------------------------------------------


@org_staff_view(can_view_plans)
def plan_list(request, organization):
    plans = selectors.plan_list(organization=organization)
    return _render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "my_measures": selectors.my_measures(
                organization=organization, membership=request.membership
            ),
            "analysis_available": selectors.ita_years_with_results(
                organization=organization
            ),
        },
    )


@org_staff_view(can_edit_plans)
def plan_create(request, organization):
    initial = {
        "fiscal_year": thai_dates.fiscal_year(timezone.localdate()),
        "kind": Plan.Kind.INTEGRITY,
    }
    form = PlanForm(request.POST or None, initial=initial)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The plan was created as a draft."),
        redirect_to=_plan_url,
    )
    return response or _render(
        request, "plans/plan_form.html", {"form": form, "plan": None}
    )


@org_staff_view(can_edit_plans)
def plan_edit(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = PlanForm(request.POST or None, instance=copy.copy(plan))
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_update(
            actor=request.user, plan=plan, **data
        ),
        success_message=_("The plan was saved."),
        redirect_to=_plan_url,
    )
    return response or _render(
        request, "plans/plan_form.html", {"form": form, "plan": plan}
    )


@org_staff_view(can_view_plans)
def plan_detail(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    dashboard = selectors.plan_dashboard(plan=plan, with_gantt=False)
    return _render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "rows": dashboard.rows,
            "dashboard": dashboard,
            "versions": selectors.plan_versions(plan=plan),
            "reviews": selectors.plan_reviews(plan=plan),
            "proposals": selectors.proposal_list(plan=plan),
            "comments": selectors.plan_comment_list(plan=plan),
            "participants": selectors.participation_list(plan=plan),
            "approved": selectors.latest_approved_version(plan),
            "decision_form": DecisionForm(),
            "revise_form": ReviseForm(),
            "proposal_form": ProposalForm(),
            "comment_form": CommentForm(),
            "report_form": ReportForm(),
        },
    )


@require_POST
@org_staff_view(can_edit_plans)
def plan_submit(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.plan_submit(actor=request.user, plan=plan),
        success_message=_("The plan was sent to the executive for approval."),
        redirect_to=plan.get_staff_url(),
    )


@require_POST
@org_staff_view(can_approve_plans)
def plan_approve(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    comment = request.POST.get("comment", "")
    return run_action(
        request,
        lambda: services.plan_approve(actor=request.user, plan=plan, comment=comment),
        success_message=_("The plan was approved."),
        redirect_to=plan.get_staff_url(),
    )


@org_staff_view(can_approve_plans)
def plan_return(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = DecisionForm(request.POST or None)
    form.fields["comment"].required = True
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_return(
            actor=request.user, plan=plan, comment=data["comment"]
        ),
        success_message=_("The plan was returned with your comment."),
        redirect_to=_plan_url,
    )
    return response or _render(
        request,
        "plans/plan_decision.html",
        {"form": form, "plan": plan, "heading": _("Return the plan for changes")},
    )


@org_staff_view(can_edit_plans)
def plan_revise(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ReviseForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_revise(
            actor=request.user, plan=plan, reason=data["reason"]
        ),
        success_message=_("A new version of the plan was opened for changes."),
        redirect_to=_plan_url,
    )
    return response or _render(
        request,
        "plans/plan_decision.html",
        {"form": form, "plan": plan, "heading": _("Revise the approved plan")},
    )


@require_POST
@org_staff_view(can_edit_plans)
def plan_publish(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    if request.POST.get("unpublish"):
        return run_action(
            request,
            lambda: services.plan_unpublish(actor=request.user, plan=plan),
            success_message=_("The plan was withdrawn from the public pages."),
            redirect_to=plan.get_staff_url(),
        )
    return run_action(
        request,
        lambda: services.plan_publish(actor=request.user, plan=plan),
        success_message=_("The approved plan is now on the public pages."),
        redirect_to=plan.get_staff_url(),
    )


@org_staff_view(can_view_dashboard)
def plan_dashboard(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    dashboard = selectors.plan_dashboard(plan=plan)
    return _render(
        request,
        "plans/plan_dashboard.html",
        {"plan": plan, "dashboard": dashboard, "report_form": ReportForm()},
    )


@org_staff_view(can_edit_plans)
def plan_draft_from_analysis(request, organization):
    years = selectors.ita_years_with_results(organization=organization)
    # The ITA analysis page links here with ?ita_fiscal_year=<year>.
    wanted = request.GET.get("ita_fiscal_year", "")
    ita_year = int(wanted) if wanted.isdigit() and int(wanted) in years else None
    if ita_year is None and years:
        ita_year = years[0]
    initial = {
        "fiscal_year": ita_year + 1
        if ita_year
        else thai_dates.fiscal_year(timezone.localdate()),
        "ita_fiscal_year": ita_year,
    }
    form = DraftFromAnalysisForm(request.POST or None, years=years, initial=initial)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_draft_from_analysis(
            actor=request.user, organization=organization, **data
        ),
        success_message=_(
            "A draft plan was made from the analysis: one measure per weakness."
        ),
        redirect_to=_plan_url,
    )
    return response or _render(
        request, "plans/plan_draft_from_analysis.html", {"form": form, "years": years}
    )


@org_staff_view(can_view_dashboard)
def plan_report(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ReportForm(request.GET or None)
    if not form.is_valid():
        return redirect(plan.get_staff_url())
    from .reports import plan_report_file

    try:
        content, filename, content_type = plan_report_file(
            plan=plan,
            period=form.cleaned_data["period"],
            file_format=form.cleaned_data["format"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(plan.get_staff_url())
    return file_response(content, filename=filename, content_type=content_type)


# --- measures and activities --------------------------------------------------------


@org_staff_view(can_edit_plans)
def measure_create(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    form = MeasureForm(
        request.POST or None,
        organization=organization,
        initial={"start_date": start, "due_date": end},
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.measure_create(
            actor=request.user, plan=plan, **data
        ),
        success_message=_("The measure was added."),
        redirect_to=lambda measure: measure.plan.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/work_form.html",
        {"form": form, "plan": plan, "heading": _("Add a measure")},
    )


@org_staff_view(can_view_plans)
def measure_detail(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    return _measure_page(request, organization, measure, LinkCasesForm())


def _case_rows(request, organization, measure) -> list[dict]:
    user, membership = request.user, request.membership
    general = can_handle_complaints(user, membership)
    confidential = can_handle_confidential(user, membership)
    rows = []
    for link in selectors.measure_case_links(measure=measure):
        case = link.case
        shown = confidential if case.is_confidential else True
        url = ""
        if case.is_confidential and confidential:
            url = reverse(
                "complaints_staff:confidential-case",
                kwargs={"org": organization.slug, "pk": case.pk},
            )
        elif not case.is_confidential and general:
            url = reverse(
                "complaints_staff:case",
                kwargs={"org": organization.slug, "pk": case.pk},
            )
        rows.append({"link": link, "case": case, "shown": shown, "url": url})
    return rows


def _measure_page(request, organization, measure, link_form):
    return _render(
        request,
        "plans/measure_detail.html",
        {
            "plan": measure.plan,
            "measure": measure,
            "assessment": selectors.measure_assessment(measure=measure),
            "updates": selectors.progress_list(measure=measure),
            "activities": measure.activities.select_related("owner__user"),
            "can_update": can_update_progress(
                request.user, request.membership, measure
            ),
            "case_rows": _case_rows(request, organization, measure),
            "link_form": link_form,
        },
    )


@require_POST
@org_staff_view(can_edit_plans)
def measure_link_cases(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    form = LinkCasesForm(request.POST)

    def link(data):
        references = selectors.split_references(data["references"])
        cases, unknown = selectors.cases_by_references(
            organization=organization, references=references
        )
        if unknown:
            raise DomainError(
                ngettext(
                    "No case has the reference %(references)s.",
                    "No cases have the references %(references)s.",
                    len(unknown),
                )
                % {"references": ", ".join(unknown)},
                field="references",
            )
        return services.measure_link_cases(
            actor=request.user, measure=measure, cases=cases
        )

    response = handle_form(
        request,
        form,
        on_valid=link,
        success_message=lambda links: (
            ngettext(
                "%(count)d case was linked to the measure.",
                "%(count)d cases were linked to the measure.",
                len(links),
            )
            % {"count": len(links)}
        ),
        redirect_to=measure.get_staff_url() + "#linked-complaints",
    )
    if response:
        return response
    return _measure_page(request, organization, measure, form)


@require_POST
@org_staff_view(can_edit_plans)
def measure_unlink_case(request, organization, pk):
    link = selectors.access_measure_case(organization=organization, pk=pk)
    measure = link.measure
    return run_action(
        request,
        lambda: services.measure_unlink_case(
            actor=request.user, measure=measure, case=link.case
        ),
        success_message=_("The case was unlinked from the measure."),
        redirect_to=measure.get_staff_url() + "#linked-complaints",
    )


@org_staff_view(can_edit_plans)
def measure_edit(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    form = MeasureForm(
        request.POST or None, instance=copy.copy(measure), organization=organization
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.measure_update(
            actor=request.user, measure=measure, **data
        ),
        success_message=_("The measure was saved."),
        redirect_to=lambda m: m.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/work_form.html",
        {
            "form": form,
            "plan": measure.plan,
            "measure": measure,
            "heading": _("Edit the measure"),
        },
    )


@require_POST
@org_staff_view(can_edit_plans)
def measure_delete(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.measure_delete(actor=request.user, measure=measure),
        success_message=_("The measure was removed."),
        redirect_to=measure.plan.get_staff_url(),
    )


@org_staff_view(can_edit_plans)
def activity_create(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    form = ActivityForm(
        request.POST or None,
        organization=organization,
        initial={"start_date": measure.start_date, "due_date": measure.due_date},
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.activity_create(
            actor=request.user, measure=measure, **data
        ),
        success_message=_("The activity was added."),
        redirect_to=lambda activity: measure.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/work_form.html",
        {
            "form": form,
            "plan": measure.plan,
            "measure": measure,
            "heading": _("Add an activity or project"),
        },
    )


@org_staff_view(can_edit_plans)
def activity_edit(request, organization, pk):
    activity = selectors.access_activity(organization=organization, pk=pk)
    measure = activity.measure
    form = ActivityForm(
        request.POST or None, instance=copy.copy(activity), organization=organization
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.activity_update(
            actor=request.user, activity=activity, **data
        ),
        success_message=_("The activity was saved."),
        redirect_to=lambda a: measure.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/work_form.html",
        {
            "form": form,
            "plan": measure.plan,
            "measure": measure,
            "heading": _("Edit the activity or project"),
        },
    )


@require_POST
@org_staff_view(can_edit_plans)
def activity_delete(request, organization, pk):
    activity = selectors.access_activity(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.activity_delete(actor=request.user, activity=activity),
        success_message=_("The activity was removed."),
        redirect_to=activity.measure.get_staff_url(),
    )


@org_staff_view(can_view_plans)
def progress_create(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    if not can_update_progress(request.user, request.membership, measure):
        raise PermissionDenied
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "reported_on": timezone.localdate(),
            "status": measure.status
            if measure.status != WorkStatus.NOT_STARTED
            else WorkStatus.IN_PROGRESS,
            "percent_done": measure.percent_done,
            "kpi_value": measure.kpi_value,
        },
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.progress_record(
            actor=request.user, measure=measure, **data
        ),
        success_message=_("Your progress report was saved."),
        redirect_to=lambda update: measure.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/progress_form.html",
        {"form": form, "plan": measure.plan, "measure": measure},
    )


@org_staff_view(can_view_plans)
def my_measures(request, organization):
    return _render(
        request,
        "plans/my_measures.html",
        {
            "rows": selectors.my_measures(
                organization=organization, membership=request.membership
            )
        },
    )


# --- participation ------------------------------------------------------------------


@org_staff_view(can_propose_measure)
def proposal_create(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ProposalForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.proposal_create(
            actor=request.user, plan=plan, **data
        ),
        success_message=_("Thank you. Your proposal is open for others to support."),
        redirect_to=lambda proposal: plan.get_staff_url() + "#participation",
    )
    return response or _render(
        request,
        "plans/plan_decision.html",
        {"form": form, "plan": plan, "heading": _("Propose a measure")},
    )


@require_POST
@org_staff_view(can_propose_measure)
def plan_comment(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(plan.get_staff_url() + "#participation")
    return run_action(
        request,
        lambda: services.comment_create(
            actor=request.user, plan=plan, body=form.cleaned_data["body"]
        ),
        success_message=_("Your comment was posted."),
        redirect_to=plan.get_staff_url() + "#participation",
    )


@require_POST
@org_staff_view(can_propose_measure)
def proposal_support(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.proposal_support(actor=request.user, proposal=proposal),
        success_message=_("You support this proposal."),
        redirect_to=proposal.plan.get_staff_url() + "#participation",
    )


@require_POST
@org_staff_view(can_propose_measure)
def proposal_comment(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    form = CommentForm(request.POST)
    target = proposal.plan.get_staff_url() + "#participation"
    if not form.is_valid():
        messages.error(request, _("Write a comment first."))
        return redirect(target)
    return run_action(
        request,
        lambda: services.comment_create(
            actor=request.user,
            plan=proposal.plan,
            proposal=proposal,
            body=form.cleaned_data["body"],
        ),
        success_message=_("Your comment was posted."),
        redirect_to=target,
    )


@require_POST
@org_staff_view(can_edit_plans)
def proposal_adopt(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services.proposal_adopt(actor=request.user, proposal=proposal),
        success_message=_("The proposal was adopted as a measure of the plan."),
        redirect_to=proposal.plan.get_staff_url(),
    )


@org_staff_view(can_edit_plans)
def proposal_decline(request, organization, pk):
    proposal = selectors.access_proposal(organization=organization, pk=pk)
    form = DeclineForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.proposal_decline(
            actor=request.user, proposal=proposal, note=data["note"]
        ),
        success_message=_("The proposal was declined."),
        redirect_to=lambda p: p.plan.get_staff_url() + "#participation",
    )
    return response or _render(
        request,
        "plans/plan_decision.html",
        {
            "form": form,
            "plan": proposal.plan,
            "heading": _("Decline the proposal “%(title)s”")
            % {"title": proposal.title},
        },
    )


# --- risks --------------------------------------------------------------------------


@org_staff_view(can_view_plans)
def risk_assessment_list(request, organization):
    form = RiskAssessmentForm(
        request.POST or None,
        initial={"fiscal_year": thai_dates.fiscal_year(timezone.localdate())},
    )
    if request.method == "POST" and not can_manage_risks(
        request.user, request.membership
    ):
        raise PermissionDenied
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.risk_assessment_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The risk assessment was created."),
        redirect_to=lambda assessment: assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/risk_assessment_list.html",
        {
            "form": form,
            "assessments": selectors.risk_assessment_list(organization=organization),
        },
    )


@org_staff_view(can_view_plans)
def risk_assessment_detail(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    register = selectors.risk_register(assessment=assessment)
    return _render(
        request,
        "plans/risk_assessment_detail.html",
        {
            "assessment": assessment,
            "register": register,
            "matrix": selectors.risk_matrix_picture(register=register),
        },
    )


@require_POST
@org_staff_view(can_manage_risks)
def risk_assessment_publish(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    publish = not request.POST.get("unpublish")
    return run_action(
        request,
        lambda: services.risk_assessment_publish(
            actor=request.user, assessment=assessment, publish=publish
        ),
        success_message=_("The risk assessment is now on the public pages.")
        if publish
        else _("The risk assessment was withdrawn from the public pages."),
        redirect_to=assessment.get_staff_url(),
    )


@org_staff_view(can_manage_risks)
def risk_create(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    form = RiskForm(
        request.POST or None,
        measures=selectors.measure_choices(
            organization=organization, fiscal_year=assessment.fiscal_year
        ),
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.risk_create(
            actor=request.user, assessment=assessment, **data
        ),
        success_message=_("The risk was added."),
        redirect_to=lambda risk: assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/risk_form.html",
        {"form": form, "assessment": assessment, "heading": _("Add a risk")},
    )


@org_staff_view(can_manage_risks)
def risk_edit(request, organization, pk):
    risk = selectors.access_risk(organization=organization, pk=pk)
    assessment = risk.assessment
    form = RiskForm(
        request.POST or None,
        instance=copy.copy(risk),
        measures=selectors.measure_choices(
            organization=organization, fiscal_year=assessment.fiscal_year
        ),
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.risk_update(
            actor=request.user, risk=risk, **data
        ),
        success_message=_("The risk was saved."),
        redirect_to=lambda r: assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/risk_form.html",
        {"form": form, "assessment": assessment, "heading": _("Edit the risk")},
    )


@org_staff_view(can_manage_risks)
def risk_follow_up(request, organization, pk):
    risk = selectors.access_risk(organization=organization, pk=pk)
    form = FollowUpForm(
        request.POST or None,
        initial={"follow_up": risk.follow_up, "note": risk.follow_up_note},
    )
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.risk_follow_up(
            actor=request.user, risk=risk, **data
        ),
        success_message=_("The follow-up was recorded."),
        redirect_to=lambda r: r.assessment.get_staff_url(),
    )
    return response or _render(
        request,
        "plans/risk_form.html",
        {
            "form": form,
            "assessment": risk.assessment,
            "heading": _("Follow up: %(event)s") % {"event": risk.event},
        },
    )


@org_staff_view(can_view_plans)
def risk_report(request, organization, pk):
    assessment = selectors.access_risk_assessment(organization=organization, pk=pk)
    file_format = request.GET.get("format", "pdf")
    if file_format not in ("pdf", "docx"):
        file_format = "pdf"
    from .reports import risk_report_file

    content, filename, content_type = risk_report_file(
        assessment=assessment, file_format=file_format
    )
    return file_response(content, filename=filename, content_type=content_type)


@org_staff_view(can_edit_plans)
def plan_settings(request, organization):
    current = services.plan_settings_for(organization)
    form = PlanSettingsForm(request.POST or None, instance=copy.copy(current))
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.plan_settings_update(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The follow-up settings were saved."),
        redirect_to=lambda s: request.path,
    )
    return response or _render(request, "plans/plan_settings.html", {"form": form})
