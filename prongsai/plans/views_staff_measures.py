"""Back-office views of a plan's measures, their activities, progress reports
and the complaints they address."""

from __future__ import annotations

import copy

from django.core.exceptions import PermissionDenied
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
from prongsai.core.errors import DomainError
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    selectors,
    selectors_case_links,
    services_case_links,
    services_measures,
)
from .forms import ActivityForm, LinkCasesForm, MeasureForm, ProgressForm
from .models import WorkStatus
from .permissions import can_edit_plans, can_update_progress, can_view_plans
from .views_staff import form_page, render_plans


def _work_page(request, form, heading, *, plan, measure=None, **handle):
    context = {"plan": plan, "measure": measure, "heading": heading}
    return form_page(request, form, "plans/work_form.html", context, **handle)


@org_staff_view(can_edit_plans)
def measure_create(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    start, end = thai_dates.fiscal_year_bounds(plan.fiscal_year)
    form = MeasureForm(
        request.POST or None,
        organization=organization,
        initial={"start_date": start, "due_date": end},
    )
    return _work_page(
        request,
        form,
        _("Add a measure"),
        plan=plan,
        on_valid=lambda data: services_measures.measure_create(
            actor=request.user, plan=plan, data=data
        ),
        success_message=_("The measure was added."),
        redirect_to=lambda measure: measure.plan.get_staff_url(),
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
    for link in selectors_case_links.measure_case_list(measure=measure):
        case = link.case
        shown = confidential if case.is_confidential else True
        url = ""
        if case.is_confidential and confidential:
            url = reverse(
                "complaints-staff:confidential-case",
                kwargs={"org": organization.slug, "pk": case.pk},
            )
        elif not case.is_confidential and general:
            url = reverse(
                "complaints-staff:case",
                kwargs={"org": organization.slug, "pk": case.pk},
            )
        rows.append({"link": link, "case": case, "shown": shown, "url": url})
    return rows


def _measure_page(request, organization, measure, link_form):
    return render_plans(
        request,
        "plans/measure_detail.html",
        {
            "plan": measure.plan,
            "measure": measure,
            "assessment": selectors.measure_assessment_get(measure=measure),
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
        references = selectors_case_links.split_references(data["references"])
        cases, unknown = selectors_case_links.case_list_by_references(
            organization=organization,
            references=references,
            include_confidential=can_handle_confidential(
                request.user, request.membership
            ),
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
        return services_case_links.measure_link_cases(
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
    link = selectors_case_links.access_measure_case(organization=organization, pk=pk)
    measure = link.measure
    return run_action(
        request,
        lambda: services_case_links.measure_unlink_case(
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
    return _work_page(
        request,
        form,
        _("Edit the measure"),
        plan=measure.plan,
        measure=measure,
        on_valid=lambda data: services_measures.measure_update(
            actor=request.user, measure=measure, data=data
        ),
        success_message=_("The measure was saved."),
        redirect_to=lambda m: m.get_staff_url(),
    )


@require_POST
@org_staff_view(can_edit_plans)
def measure_delete(request, organization, pk):
    measure = selectors.access_measure(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_measures.measure_delete(actor=request.user, measure=measure),
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
    return _work_page(
        request,
        form,
        _("Add an activity or project"),
        plan=measure.plan,
        measure=measure,
        on_valid=lambda data: services_measures.activity_create(
            actor=request.user, measure=measure, data=data
        ),
        success_message=_("The activity was added."),
        redirect_to=measure.get_staff_url(),
    )


@org_staff_view(can_edit_plans)
def activity_edit(request, organization, pk):
    activity = selectors.access_activity(organization=organization, pk=pk)
    measure = activity.measure
    form = ActivityForm(
        request.POST or None, instance=copy.copy(activity), organization=organization
    )
    return _work_page(
        request,
        form,
        _("Edit the activity or project"),
        plan=measure.plan,
        measure=measure,
        on_valid=lambda data: services_measures.activity_update(
            actor=request.user, activity=activity, data=data
        ),
        success_message=_("The activity was saved."),
        redirect_to=measure.get_staff_url(),
    )


@require_POST
@org_staff_view(can_edit_plans)
def activity_delete(request, organization, pk):
    activity = selectors.access_activity(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_measures.activity_delete(
            actor=request.user, activity=activity
        ),
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
    return form_page(
        request,
        form,
        "plans/progress_form.html",
        {"plan": measure.plan, "measure": measure},
        on_valid=lambda data: services_measures.progress_record(
            actor=request.user, measure=measure, **data
        ),
        success_message=_("Your progress report was saved."),
        redirect_to=lambda update: measure.get_staff_url(),
    )


@org_staff_view(can_view_plans)
def my_measures(request, organization):
    return render_plans(
        request,
        "plans/my_measures.html",
        {
            "rows": selectors.measure_list_of_member(
                organization=organization, membership=request.membership
            )
        },
    )
