"""Back-office pages of the HR registers: criteria, the plan of a year and
its projects, training records (and their import), the year's report."""

from __future__ import annotations

import copy
from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.documents import file_response
from prongsai.core.errors import DomainError
from prongsai.core.forms import add_service_error, handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import (
    hr_documents,
    selectors_hr,
    services_hr,
    services_hr_import,
    services_hr_publish,
    services_hr_training,
)
from .forms_hr import (
    HRCriterionForm,
    HRPlanForm,
    HRProjectForm,
    HRProjectResultForm,
    HRReportForm,
    TrainingImportForm,
    TrainingRecordForm,
)
from .models_hr import HRProject
from .permissions import (
    can_manage_hr,
    can_see_all_training,
    can_view_hr_plan,
    can_view_own_training,
)
from .views_common import (
    create_or_update,
    record_form,
    record_or_none,
    requested_year,
    save_record,
    year_choices,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(name: str, organization, fiscal_year: int | None = None) -> str:
    url = reverse(f"integrity-staff:{name}", kwargs={"org": organization.slug})
    return f"{url}?year={fiscal_year}" if fiscal_year else url


def _form_page(request, form, heading: str, back: str, **context):
    return render(
        request,
        "integrity/hr/form.html",
        {"organization": request.organization, "form": form, "heading": heading}
        | {"back": back}
        | context,
    )


# --- the plan of a year -------------------------------------------------------------


@org_staff_view(can_view_own_training)
def hr_home(request, organization):
    """The year's HR plan with its projects (members: their own training)."""
    if not can_view_hr_plan(request.user, request.membership):
        return redirect("integrity-staff:hr-training", org=organization.slug)
    fiscal_year = requested_year(request)
    plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    return render(
        request,
        "integrity/hr/plan.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": year_choices(),
            "plan": plan,
            "projects": selectors_hr.hr_project_list(plan=plan) if plan else [],
            "criteria": selectors_hr.hr_criterion_list_in_force(
                organization=organization
            ),
            "publication": selectors_hr.hr_plan_publication_get(plan=plan)
            if plan
            else None,
            "can_manage": can_manage_hr(request.user, request.membership),
        },
    )


@org_staff_view(can_manage_hr)
def hr_plan_edit(request, organization):
    fiscal_year = requested_year(request)
    plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    form = HRPlanForm(
        request.POST or None,
        instance=copy.copy(plan),
        initial=None
        if plan
        else {"title": services_hr.hr_plan_default_title(fiscal_year)},
    )
    response = save_record(
        request,
        form,
        plan,
        create=partial(
            services_hr.hr_plan_create,
            organization=organization,
            fiscal_year=fiscal_year,
        ),
        update=partial(services_hr.hr_plan_update, plan=plan),
        success_message=_("The HR plan was saved."),
        redirect_to=_url("hr", organization, fiscal_year),
    )
    return response or _form_page(
        request,
        form,
        _("HR plan of fiscal year %(year)s") % {"year": fiscal_year},
        _url("hr", organization, fiscal_year),
        fiscal_year=fiscal_year,
    )


def _project_form_page(request, organization, plan, project, form_class, heading):
    form = form_class(
        request.POST or None,
        instance=copy.copy(project),
        **({"fiscal_year": plan.fiscal_year} if form_class is HRProjectForm else {}),
    )
    if form_class is HRProjectResultForm:

        def on_valid(data):
            return services_hr.hr_project_result_update(
                actor=request.user, project=project, **data
            )
    else:
        on_valid = create_or_update(
            project,
            partial(services_hr.hr_project_create, actor=request.user, plan=plan),
            partial(services_hr.hr_project_update, actor=request.user, project=project),
        )
    back = _url("hr", organization, plan.fiscal_year)
    response = handle_form(
        request,
        form,
        on_valid=on_valid,
        success_message=_("The project was saved."),
        redirect_to=back,
    )
    return response or _form_page(
        request, form, heading, back, fiscal_year=plan.fiscal_year
    )


@org_staff_view(can_manage_hr)
def hr_project_edit(request, organization, pk=None):
    if pk is None:
        fiscal_year = requested_year(request)
        plan = selectors_hr.hr_plan_get(
            organization=organization, fiscal_year=fiscal_year
        )
        if plan is None:
            return redirect(_url("hr-plan-edit", organization, fiscal_year))
        project = None
    else:
        project = selectors_hr.access_hr_project(organization=organization, pk=pk)
        plan = project.plan
    return _project_form_page(
        request,
        organization,
        plan,
        project,
        HRProjectForm,
        _("Edit the project") if project else _("Add a project or activity"),
    )


@org_staff_view(can_manage_hr)
def hr_project_result(request, organization, pk):
    project = selectors_hr.access_hr_project(organization=organization, pk=pk)
    return _project_form_page(
        request,
        organization,
        project.plan,
        project,
        HRProjectResultForm,
        _("Result of %(name)s") % {"name": project.name},
    )


@require_POST
@org_staff_view(can_manage_hr)
def hr_project_delete(request, organization, pk):
    project = selectors_hr.access_hr_project(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_hr.hr_project_delete(actor=request.user, project=project),
        success_message=_("The project was removed."),
        redirect_to=_url("hr", organization, project.plan.fiscal_year),
    )


# --- criteria -----------------------------------------------------------------------


@org_staff_view(can_view_hr_plan)
def hr_criteria(request, organization):
    today = timezone.localdate()
    return render(
        request,
        "integrity/hr/criteria.html",
        {
            "organization": organization,
            "criteria": selectors_hr.hr_criterion_list(organization=organization),
            "today": today,
            "can_manage": can_manage_hr(request.user, request.membership),
        },
    )


@org_staff_view(can_manage_hr)
def hr_criterion_edit(request, organization, pk=None):
    criterion = record_or_none(selectors_hr.access_hr_criterion, organization, pk)
    form = record_form(request, HRCriterionForm, criterion)
    back = _url("hr-criteria", organization)
    response = save_record(
        request,
        form,
        criterion,
        create=partial(services_hr.hr_criterion_create, organization=organization),
        update=partial(services_hr.hr_criterion_update, criterion=criterion),
        success_message=_("The HR criteria were saved."),
        redirect_to=back,
    )
    return response or _form_page(
        request,
        form,
        _("Edit the HR criteria") if criterion else _("Add HR criteria"),
        back,
    )


@require_POST
@org_staff_view(can_manage_hr)
def hr_criterion_delete(request, organization, pk):
    criterion = selectors_hr.access_hr_criterion(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_hr.hr_criterion_delete(
            actor=request.user, criterion=criterion
        ),
        success_message=_("The HR criteria were removed."),
        redirect_to=_url("hr-criteria", organization),
    )


# --- training records ---------------------------------------------------------------


@org_staff_view(can_view_own_training)
def hr_training(request, organization):
    """Training records: all (HR, integrity) or the member's own."""
    fiscal_year = requested_year(request)
    see_all = can_see_all_training(request.user, request.membership)
    people = selectors_hr.training_people(organization=organization) if see_all else []
    person = None
    if see_all and request.GET.get("person"):
        person = next((m for m in people if str(m.pk) == request.GET["person"]), None)
    member = person if see_all else request.membership
    records = selectors_hr.training_record_list(
        organization=organization, fiscal_year=fiscal_year, member=member
    )
    if not see_all and member is None:
        records = records.none()
    return render(
        request,
        "integrity/hr/training.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": year_choices(),
            "page": Paginator(records, 100).get_page(request.GET.get("page")),
            "see_all": see_all,
            "people": people,
            "person": person,
            "query_string": urlencode(
                {"year": fiscal_year} | ({"person": person.pk} if person else {})
            ),
            "figures": selectors_hr.hr_figures_get(
                organization=organization, fiscal_year=fiscal_year
            )
            if see_all
            else None,
            "can_manage": can_manage_hr(request.user, request.membership),
        },
    )


def _projects(organization):
    return HRProject.objects.filter(organization=organization).select_related("plan")


@org_staff_view(can_manage_hr)
def hr_training_edit(request, organization, pk=None):
    record = record_or_none(selectors_hr.access_training_record, organization, pk)
    form = record_form(
        request,
        TrainingRecordForm,
        record,
        organization=organization,
        projects=_projects(organization),
    )
    response = save_record(
        request,
        form,
        record,
        create=partial(
            services_hr_training.training_record_create, organization=organization
        ),
        update=partial(services_hr_training.training_record_update, record=record),
        success_message=_("The training record was saved."),
        redirect_to=lambda r: _url("hr-training", organization, r.fiscal_year),
    )
    return response or _form_page(
        request,
        form,
        _("Edit the training record") if record else _("Add a training record"),
        _url("hr-training", organization),
    )


@require_POST
@org_staff_view(can_manage_hr)
def hr_training_delete(request, organization, pk):
    record = selectors_hr.access_training_record(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_hr_training.training_record_delete(
            actor=request.user, record=record
        ),
        success_message=_("The training record was removed."),
        redirect_to=_url("hr-training", organization, record.fiscal_year),
    )


@org_staff_view(can_manage_hr)
def hr_training_import(request, organization):
    form = TrainingImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services_hr_import.training_import_preview(
                actor=request.user,
                organization=organization,
                filename=upload.name,
                content=upload.read(),
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            return redirect(
                "integrity-staff:hr-training-import-preview",
                org=organization.slug,
                pk=batch.pk,
            )
    return render(
        request,
        "integrity/hr/import.html",
        {"organization": organization, "form": form},
    )


@org_staff_view(can_manage_hr)
def hr_training_import_preview(request, organization, pk):
    batch = selectors_hr.access_training_import(organization=organization, pk=pk)
    if request.method == "POST":
        return run_action(
            request,
            lambda: services_hr_import.training_import_commit(
                actor=request.user, batch=batch
            ),
            success_message=lambda count: (
                _("%(count)s training records were imported.") % {"count": count}
            ),
            redirect_to=lambda count: (
                _url("hr-training", organization) if count else request.path
            ),
        )
    return render(
        request,
        "integrity/hr/import_preview.html",
        {
            "organization": organization,
            "batch": batch,
            "problems": Paginator(batch.problems, 100).get_page(
                request.GET.get("problems")
            ),
            "rows": Paginator(batch.rows, 100).get_page(request.GET.get("page")),
        },
    )


# --- the report ---------------------------------------------------------------------


@org_staff_view(can_view_hr_plan)
def hr_report(request, organization):
    fiscal_year = requested_year(request)
    report = selectors_hr.hr_report_get(
        organization=organization, fiscal_year=fiscal_year
    )
    manage = can_manage_hr(request.user, request.membership)
    form = HRReportForm(request.POST or None, instance=copy.copy(report))
    back = reverse("integrity-staff:hr-report", kwargs={"org": organization.slug})
    if manage:
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services_hr_training.hr_report_save(
                actor=request.user,
                organization=organization,
                fiscal_year=fiscal_year,
                **data,
            ),
            success_message=_("The report was saved."),
            redirect_to=f"{back}?year={fiscal_year}",
        )
        if response:
            return response
    snapshot = selectors_hr.hr_report_snapshot(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(
        request,
        "integrity/hr/report.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": year_choices(),
            "form": form,
            "s": snapshot,
            "summary_sentence": hr_documents.report_summary_sentence(snapshot),
            "plan": selectors_hr.hr_plan_get(
                organization=organization, fiscal_year=fiscal_year
            ),
            "report": report,
            "publication": selectors_hr.hr_report_publication_get(report=report)
            if report
            else None,
            "can_manage": manage,
        },
    )


@org_staff_view(can_view_hr_plan)
def hr_document(request, organization, document, extension):
    """The live draft of the year's plan or report as PDF or DOCX."""
    fiscal_year = requested_year(request)
    plan = selectors_hr.hr_plan_get(organization=organization, fiscal_year=fiscal_year)
    if plan is None:
        raise Http404
    if document == "plan":
        snapshot = selectors_hr.hr_plan_snapshot(plan=plan)
        pdf, docx = hr_documents.hr_plan_pdf, hr_documents.hr_plan_docx
    else:
        snapshot = selectors_hr.hr_report_snapshot(
            organization=organization, fiscal_year=fiscal_year
        )
        pdf, docx = hr_documents.hr_report_pdf, hr_documents.hr_report_docx
    name = f"hr-{document}-{fiscal_year}-draft.{extension}"
    if extension == "pdf":
        return file_response(
            pdf(snapshot), filename=name, content_type="application/pdf"
        )
    return file_response(docx(snapshot), filename=name, content_type=DOCX)


@require_POST
@org_staff_view(can_manage_hr)
def hr_publish(request, organization, document):
    fiscal_year = requested_year(request)
    if (
        selectors_hr.hr_plan_get(organization=organization, fiscal_year=fiscal_year)
        is None
    ):
        raise Http404
    withdraw = bool(request.POST.get("withdraw"))
    back = _url("hr" if document == "plan" else "hr-report", organization, fiscal_year)
    action = {
        ("plan", False): services_hr_publish.hr_plan_publish,
        ("plan", True): services_hr_publish.hr_plan_withdraw,
        ("report", False): services_hr_publish.hr_report_publish,
        ("report", True): services_hr_publish.hr_report_withdraw,
    }[(document, withdraw)]
    return run_action(
        request,
        lambda: action(
            actor=request.user, organization=organization, fiscal_year=fiscal_year
        ),
        success_message=_("Withdrawn from the public pages.")
        if withdraw
        else _("Published. The public page shows this version."),
        redirect_to=back,
    )
