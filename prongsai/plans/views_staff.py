"""Back-office views of plans: the list, a plan and its approval path, its
dashboard and reports, drafting from the ITA analysis and the follow-up
settings. Measures are in ``views_staff_measures``, participation in
``views_staff_participation``."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    selectors,
    selectors_publication,
    services,
    services_drafting,
    services_publication,
)
from .forms import (
    CommentForm,
    DecisionForm,
    DraftFromAnalysisForm,
    PlanForm,
    PlanSettingsForm,
    ProposalForm,
    ReportForm,
    ReportNarrativeForm,
    ReviseForm,
)
from .models import Plan, PlanReport
from .permissions import (
    can_approve_plans,
    can_edit_plans,
    can_view_dashboard,
    can_view_plans,
)
from .reports_documents import plan_report_file


def _flags(request) -> dict:
    user, membership = request.user, request.membership
    return {
        "can_edit": can_edit_plans(user, membership),
        "can_approve": can_approve_plans(user, membership),
        "can_view_dashboard": can_view_dashboard(user, membership),
    }


def render_plans(request, template, context):
    """A plans back-office page: the organisation and what the member may do."""
    context.setdefault("organization", request.organization)
    context.update(_flags(request))
    return render(request, template, context)


def form_page(
    request, form, template, context, *, on_valid, success_message, redirect_to
):
    """The form run through its service (``handle_form``), or its page again."""
    response = handle_form(
        request,
        form,
        on_valid=on_valid,
        success_message=success_message,
        redirect_to=redirect_to,
    )
    return response or render_plans(request, template, {"form": form, **context})


def _plan_url(plan):
    return plan.get_staff_url()


@org_staff_view(can_view_plans)
def plan_list(request, organization):
    plans = selectors.plan_list(organization=organization)
    return render_plans(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "my_measures": selectors.measure_list_of_member(
                organization=organization, membership=request.membership
            ),
            "analysis_available": selectors.ita_year_list_with_results(
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
    return form_page(
        request,
        form,
        "plans/plan_form.html",
        {"plan": None},
        on_valid=lambda data: services.plan_create(
            actor=request.user, organization=organization, **data
        ),
        success_message=_("The plan was created as a draft."),
        redirect_to=_plan_url,
    )


@org_staff_view(can_edit_plans)
def plan_edit(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = PlanForm(request.POST or None, instance=copy.copy(plan))
    return form_page(
        request,
        form,
        "plans/plan_form.html",
        {"plan": plan},
        on_valid=lambda data: services.plan_update(
            actor=request.user, plan=plan, data=data
        ),
        success_message=_("The plan was saved."),
        redirect_to=_plan_url,
    )


@org_staff_view(can_view_plans)
def plan_detail(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    dashboard = selectors.plan_dashboard_get(plan=plan, with_gantt=False)
    return render_plans(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "rows": dashboard.rows,
            "dashboard": dashboard,
            "versions": selectors.plan_version_list(plan=plan),
            "reviews": selectors.plan_review_list(plan=plan),
            "proposals": selectors.proposal_list(plan=plan),
            "comments": selectors.plan_comment_list(plan=plan),
            "participants": selectors.participation_list(plan=plan),
            "approved": selectors.plan_version_get_latest_approved(plan),
            "publication": selectors_publication.publication_get_current(plan),
            "publication_changes": selectors_publication.plan_publication_changes(plan),
            "narratives": {r.period: r for r in plan.reports.all()},
            "report_periods": PlanReport.Period.choices,
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
    return form_page(
        request,
        form,
        "plans/plan_decision.html",
        {"plan": plan, "heading": _("Return the plan for changes")},
        on_valid=lambda data: services.plan_return(
            actor=request.user, plan=plan, comment=data["comment"]
        ),
        success_message=_("The plan was returned with your comment."),
        redirect_to=_plan_url,
    )


@org_staff_view(can_edit_plans)
def plan_revise(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ReviseForm(request.POST or None)
    return form_page(
        request,
        form,
        "plans/plan_decision.html",
        {"plan": plan, "heading": _("Revise the approved plan")},
        on_valid=lambda data: services.plan_revise(
            actor=request.user, plan=plan, reason=data["reason"]
        ),
        success_message=_("A new version of the plan was opened for changes."),
        redirect_to=_plan_url,
    )


@require_POST
@org_staff_view(can_edit_plans)
def plan_publish(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    if request.POST.get("unpublish"):
        return run_action(
            request,
            lambda: services_publication.plan_unpublish(actor=request.user, plan=plan),
            success_message=_("The plan was withdrawn from the public pages."),
            redirect_to=plan.get_staff_url(),
        )
    return run_action(
        request,
        lambda: services_publication.plan_publish(actor=request.user, plan=plan),
        success_message=_(
            "The approved plan is now on the public pages, as it stands today."
        ),
        redirect_to=plan.get_staff_url(),
    )


@org_staff_view(can_edit_plans)
def plan_report_narrative(request, organization, pk, period):
    """Write the problems, obstacles and suggestions of a period's report."""
    plan = selectors.access_plan(organization=organization, pk=pk)
    if period not in PlanReport.Period.values:
        raise Http404
    report = plan.reports.filter(period=period).first() or PlanReport(
        plan=plan, period=period
    )
    form = ReportNarrativeForm(request.POST or None, instance=copy.copy(report))
    return form_page(
        request,
        form,
        "plans/report_narrative_form.html",
        {
            "plan": plan,
            "heading": PlanReport.Period(period).label,
            "period": period,
        },
        on_valid=lambda data: services_publication.plan_report_narrative_update(
            actor=request.user, plan=plan, period=period, **data
        ),
        success_message=_("The report's narrative was saved."),
        redirect_to=lambda _report: plan.get_staff_url() + "#report-heading",
    )


@org_staff_view(can_view_dashboard)
def plan_dashboard(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    dashboard = selectors.plan_dashboard_get(plan=plan)
    return render_plans(
        request,
        "plans/plan_dashboard.html",
        {"plan": plan, "dashboard": dashboard, "report_form": ReportForm()},
    )


@org_staff_view(can_edit_plans)
def plan_draft_from_analysis(request, organization):
    years = selectors.ita_year_list_with_results(organization=organization)
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
    return form_page(
        request,
        form,
        "plans/plan_draft_from_analysis.html",
        {"years": years},
        on_valid=lambda data: services_drafting.plan_draft_from_analysis(
            actor=request.user, organization=organization, **data
        ),
        success_message=_(
            "A draft plan was made from the analysis: one measure per weakness."
        ),
        redirect_to=_plan_url,
    )


@org_staff_view(can_view_dashboard)
def plan_report(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    form = ReportForm(request.GET or None)
    if not form.is_valid():
        return redirect(plan.get_staff_url())
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


@org_staff_view(can_edit_plans)
def plan_settings(request, organization):
    current = services.plan_settings_for(organization)
    form = PlanSettingsForm(request.POST or None, instance=copy.copy(current))
    return form_page(
        request,
        form,
        "plans/plan_settings.html",
        {},
        on_valid=lambda data: services.plan_settings_update(
            actor=request.user, organization=organization, data=data
        ),
        success_message=_("The follow-up settings were saved."),
        redirect_to=lambda s: request.path,
    )
