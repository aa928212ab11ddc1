"""Back-office pages of the development plan: the list of plans, a plan with
its strategies, programmes, projects and amendments, their forms, the ผ.02
import, the ผ.01/ผ.02 documents and publishing."""

from __future__ import annotations

import copy
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.document_jobs import document_job_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    selectors,
    selectors_plan,
    services_plan,
    services_plan_import,
    services_plan_projects,
    services_plan_publish,
)
from .forms_plan import (
    AmendmentForm,
    PlanForm,
    PlanImportForm,
    ProgrammeForm,
    ProjectForm,
    StrategyForm,
)
from .long_documents import PLAN_DOCUMENTS
from .models import BudgetLine, ProjectYear
from .permissions import can_manage_plan, can_view_budget


def _plan_url(plan) -> str:
    return reverse(
        "budget-staff:plan-detail",
        kwargs={"org": plan.organization.slug, "pk": plan.pk},
    )


def _form_page(request, form, heading: str, back: str, **context):
    return render(
        request,
        "budget/plan/form.html",
        {
            "organization": request.organization,
            "form": form,
            "heading": heading,
            "back": back,
        }
        | context,
    )


def _create_or_update(record, create, update):
    return lambda data: (create if record is None else update)(**data)


# --- plans ----------------------------------------------------------------------------


@org_staff_view(can_view_budget)
def plan_list(request, organization):
    plans = selectors.plan_list(organization=organization)
    current = selectors_plan.plan_publications_current(
        organization=organization, plans=plans
    )
    return render(
        request,
        "budget/plan/plan_list.html",
        {
            "organization": organization,
            "plans": [(plan, current.get(plan.pk)) for plan in plans],
            "can_manage": can_manage_plan(request.user, request.membership),
        },
    )


@org_staff_view(can_manage_plan)
def plan_edit(request, organization, pk=None):
    plan = (
        None if pk is None else selectors.access_plan(organization=organization, pk=pk)
    )
    form = PlanForm(request.POST or None, instance=copy.copy(plan))
    back = (
        _plan_url(plan)
        if plan
        else reverse("budget-staff:plan-list", kwargs={"org": organization.slug})
    )
    response = handle_form(
        request,
        form,
        on_valid=_create_or_update(
            plan,
            partial(
                services_plan.plan_create,
                actor=request.user,
                organization=organization,
            ),
            partial(services_plan.plan_update, actor=request.user, plan=plan),
        ),
        success_message=_("The development plan was saved."),
        redirect_to=_plan_url,
    )
    return response or _form_page(
        request,
        form,
        _("Edit the development plan") if plan else _("New development plan"),
        back,
    )


@org_staff_view(can_view_budget)
def plan_detail(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    tree = selectors_plan.plan_tree(plan=plan)
    publication = selectors_plan.plan_publication_get(plan=plan)
    return render(
        request,
        "budget/plan/plan_detail.html",
        {
            "organization": organization,
            "plan": plan,
            "tree": tree,
            "amendments": selectors_plan.amendment_list(plan=plan),
            "problems": selectors_plan.plan_snapshot_problems(
                {
                    "strategies": [
                        {
                            "number": s["strategy"].number,
                            "goal": s["strategy"].goal,
                            "indicators": s["strategy"].indicators,
                        }
                        for s in tree["strategies"]
                    ],
                    "project_count": tree["project_count"],
                }
            ),
            "publication": publication,
            "public_url": reverse(
                "budget-public:plan-year",
                kwargs={"org": organization.slug, "first_year": plan.first_year},
            ),
            "can_manage": can_manage_plan(request.user, request.membership),
        },
    )


# --- strategies and programmes ------------------------------------------------------


@org_staff_view(can_manage_plan)
def strategy_edit(request, organization, pk=None, plan_pk=None):
    if pk is None:
        plan = selectors.access_plan(organization=organization, pk=plan_pk)
        strategy = None
        initial = {"number": len(selectors_plan.strategy_list(plan=plan)) + 1}
    else:
        strategy = selectors.access_strategy(organization=organization, pk=pk)
        plan = strategy.plan
        initial = None
    form = StrategyForm(
        request.POST or None, instance=copy.copy(strategy), initial=initial
    )
    response = handle_form(
        request,
        form,
        on_valid=_create_or_update(
            strategy,
            partial(services_plan.strategy_create, actor=request.user, plan=plan),
            partial(
                services_plan.strategy_update, actor=request.user, strategy=strategy
            ),
        ),
        success_message=_("The strategy was saved."),
        redirect_to=_plan_url(plan),
    )
    return response or _form_page(
        request,
        form,
        _("Edit the strategy") if strategy else _("Add a strategy"),
        _plan_url(plan),
        plan=plan,
    )


@org_staff_view(can_manage_plan)
def programme_edit(request, organization, pk=None, plan_pk=None):
    if pk is None:
        plan = selectors.access_plan(organization=organization, pk=plan_pk)
        programme = None
    else:
        programme = selectors.access_programme(organization=organization, pk=pk)
        plan = programme.strategy.plan
    form = ProgrammeForm(
        request.POST or None,
        instance=copy.copy(programme),
        plan=plan,
        initial={"strategy": request.GET.get("strategy")} if not programme else None,
    )
    response = handle_form(
        request,
        form,
        on_valid=_create_or_update(
            programme,
            partial(services_plan.programme_create, actor=request.user),
            partial(
                services_plan.programme_update, actor=request.user, programme=programme
            ),
        ),
        success_message=_("The programme was saved."),
        redirect_to=_plan_url(plan),
    )
    return response or _form_page(
        request,
        form,
        _("Edit the programme") if programme else _("Add a programme"),
        _plan_url(plan),
        plan=plan,
    )


# --- amendments and projects --------------------------------------------------------


@org_staff_view(can_manage_plan)
def amendment_create(request, organization, plan_pk):
    plan = selectors.access_plan(organization=organization, pk=plan_pk)
    form = AmendmentForm(request.POST or None)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_plan.amendment_create(
            actor=request.user, plan=plan, **data
        ),
        success_message=_("The amendment was recorded."),
        redirect_to=_plan_url(plan),
    )
    return response or _form_page(
        request, form, _("Record an amendment of the plan"), _plan_url(plan), plan=plan
    )


def _project_initial(project) -> dict:
    initial = {
        name: getattr(project, name)
        for name in (
            "number",
            "name",
            "objective",
            "target",
            "kpi",
            "expected_result",
            "responsible_unit",
            "location",
        )
    }
    initial["programme"] = project.programme_id
    initial["amendment"] = project.amendment_id
    for year in ProjectYear.objects.filter(
        organization=project.organization, project=project
    ).order_by("fiscal_year"):
        if year.planned_amount:
            initial[f"year_{year.fiscal_year}"] = f"{year.planned_amount:,.2f}"
    return initial


@org_staff_view(can_manage_plan)
def project_edit(request, organization, pk=None, plan_pk=None):
    if pk is None:
        plan = selectors.access_plan(organization=organization, pk=plan_pk)
        project = None
        initial = {"programme": request.GET.get("programme")}
    else:
        project = selectors.access_project(organization=organization, pk=pk)
        plan = project.plan
        initial = _project_initial(project)
    form = ProjectForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_for_service()
        try:
            if project is None:
                services_plan_projects.project_create(
                    actor=request.user, plan=plan, **data
                )
            else:
                services_plan_projects.project_update(
                    actor=request.user, project=project, **data
                )
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(_plan_url(plan))
    return render(
        request,
        "budget/plan/project_form.html",
        {
            "organization": organization,
            "plan": plan,
            "project": project,
            "form": form,
            "heading": _("Edit the project") if project else _("Add a project"),
            "back": _plan_url(plan),
            "can_delete": project is not None
            and not BudgetLine.objects.filter(
                organization=organization, project=project
            ).exists(),
        },
    )


@require_POST
@org_staff_view(can_manage_plan)
def project_delete(request, organization, pk):
    project = selectors.access_project(organization=organization, pk=pk)
    plan = project.plan
    return run_action(
        request,
        lambda: services_plan_projects.project_delete(
            actor=request.user, project=project
        ),
        success_message=_("The project was removed."),
        redirect_to=_plan_url(plan),
    )


# --- import ---------------------------------------------------------------------------


@org_staff_view(can_manage_plan)
def plan_import(request, organization, plan_pk):
    plan = selectors.access_plan(organization=organization, pk=plan_pk)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services_plan_import.plan_import_preview(
                actor=request.user,
                plan=plan,
                filename=upload.name,
                content=upload.read(),
                amendment_kind=form.cleaned_data["amendment_kind"],
                amendment_number=form.cleaned_data["amendment_number"],
                amendment_approved_on=form.cleaned_data["amendment_approved_on"],
                amendment_title=form.cleaned_data["amendment_title"],
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            return redirect(
                "budget-staff:plan-import-preview", org=organization.slug, pk=batch.pk
            )
    return render(
        request,
        "budget/plan/import.html",
        {"organization": organization, "plan": plan, "form": form},
    )


@org_staff_view(can_manage_plan)
def plan_import_preview(request, organization, pk):
    batch = selectors_plan.access_plan_import(organization=organization, pk=pk)
    if request.method == "POST":
        return run_action(
            request,
            lambda: services_plan_import.plan_import_commit(
                actor=request.user, batch=batch
            ),
            success_message=lambda count: (
                _("%(count)s projects were imported.") % {"count": count}
            ),
            redirect_to=lambda count: _plan_url(batch.plan) if count else request.path,
        )
    years = [str(y) for y in batch.plan.years]
    rows = Paginator(batch.rows, 100).get_page(request.GET.get("page"))
    for row in rows:
        row["amount_list"] = [row["years"].get(y) for y in years]
    return render(
        request,
        "budget/plan/import_preview.html",
        {
            "organization": organization,
            "batch": batch,
            "plan": batch.plan,
            "years": years,
            "problems": Paginator(batch.problems, 100).get_page(
                request.GET.get("problems")
            ),
            "rows": rows,
        },
    )


# --- documents and publishing -------------------------------------------------------


@org_staff_view(can_view_budget)
def plan_document(request, organization, pk, document, extension):
    """The live draft of the plan as the ผ.01 or ผ.02 PDF or DOCX, made in the
    background (``budget.long_documents``)."""
    plan = selectors.access_plan(organization=organization, pk=pk)
    if document not in PLAN_DOCUMENTS:
        raise Http404
    return document_job_response(
        request,
        organization=organization,
        kind="budget.plan_document",
        params={"pk": plan.pk, "document": document, "extension": extension},
    )


@require_POST
@org_staff_view(can_manage_plan)
def plan_publish(request, organization, pk):
    plan = selectors.access_plan(organization=organization, pk=pk)
    if request.POST.get("withdraw"):
        return run_action(
            request,
            lambda: services_plan_publish.plan_withdraw(actor=request.user, plan=plan),
            success_message=_("The plan was withdrawn from the public pages."),
            redirect_to=_plan_url(plan),
        )
    return run_action(
        request,
        lambda: services_plan_publish.plan_publish(actor=request.user, plan=plan),
        success_message=_("The plan was published."),
        redirect_to=_plan_url(plan),
    )
