"""Back-office pages of the results part: the projects of a fiscal year with
their status (and a quick status edit), a project's result page with its
photos, and the year's two reports (narrative, PDF/DOCX, publishing)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core import publications, thai_dates
from prongsai.core.document_jobs import document_job_response
from prongsai.core.forms import handle_form, run_action
from prongsai.organizations.decorators import org_staff_view

from . import selectors, selectors_results, services_results
from .forms_results import (
    ProjectPhotoForm,
    ProjectResultForm,
    QuickStatusForm,
    ResultsReportForm,
)
from .models import Project
from .models_documents import ResultsReport
from .permissions import can_manage_plan, can_view_budget

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIRST_YEAR, LAST_YEAR = 2540, 2700


def _has_year(organization, fiscal_year: int) -> bool:
    """Whether the organisation has a plan, a budget or plan projects that year."""
    return fiscal_year in selectors_results.results_years(
        organization=organization
    ) or (
        selectors.plan_for_year(organization=organization, fiscal_year=fiscal_year)
        is not None
    )


def _check_year(fiscal_year: int, organization=None) -> int:
    """404 for an absurd year, or a year the organisation has nothing for."""
    if not FIRST_YEAR <= fiscal_year <= LAST_YEAR:
        raise Http404
    if organization is not None and not _has_year(organization, fiscal_year):
        raise Http404
    return fiscal_year


def _kind(kind: str) -> str:
    if kind not in ResultsReport.Kind.values:
        raise Http404
    return kind


def _year_url(organization, fiscal_year: int) -> str:
    return reverse(
        "budget-staff:results-year",
        kwargs={"org": organization.slug, "fiscal_year": fiscal_year},
    )


def _project_url(organization, fiscal_year: int, project) -> str:
    return reverse(
        "budget-staff:results-project",
        kwargs={
            "org": organization.slug,
            "fiscal_year": fiscal_year,
            "pk": project.pk,
        },
    )


def _report_url(organization, fiscal_year: int, kind: str) -> str:
    return reverse(
        "budget-staff:results-report",
        kwargs={"org": organization.slug, "fiscal_year": fiscal_year, "kind": kind},
    )


@org_staff_view(can_view_budget)
def results_home(request, organization):
    """This fiscal year's results, else the latest year with a plan or budget."""
    current = thai_dates.fiscal_year(timezone.localdate())
    if _has_year(organization, current):
        return redirect(_year_url(organization, current))
    years = selectors_results.results_years(organization=organization)
    if years:
        return redirect(_year_url(organization, years[0]))
    return render(
        request,
        "budget/results/year.html",
        {
            "organization": organization,
            "fiscal_year": current,
            "years": [],
            "results": selectors_results.year_results(
                organization=organization, fiscal_year=current
            ),
            "can_manage": False,
            "report_kinds": [],
        },
    )


@org_staff_view(can_view_budget)
def results_year(request, organization, fiscal_year):
    """The year's projects with their status, money and photos."""
    _check_year(fiscal_year, organization)
    results = selectors_results.year_results(
        organization=organization, fiscal_year=fiscal_year, photos=True
    )
    years = selectors_results.results_years(organization=organization)
    if fiscal_year not in years:
        years = sorted([*years, fiscal_year], reverse=True)
    return render(
        request,
        "budget/results/year.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": years,
            "results": results,
            "status_choices": selectors_results.STATUS_LABELS.items(),
            "can_manage": can_manage_plan(request.user, request.membership),
            "report_kinds": ResultsReport.Kind.choices,
        },
    )


@require_POST
@org_staff_view(can_manage_plan)
def results_status(request, organization, fiscal_year, pk):
    """The quick status edit of the year's list."""
    _check_year(fiscal_year)
    project = selectors.access_project(organization=organization, pk=pk)
    form = QuickStatusForm(request.POST)
    back = _year_url(organization, fiscal_year) + f"#project-{project.pk}"
    if not form.is_valid():
        messages.error(request, _("Choose a valid status."))
        return redirect(back)
    return run_action(
        request,
        lambda: services_results.project_status_set(
            actor=request.user,
            organization=organization,
            project=project,
            fiscal_year=fiscal_year,
            status=form.cleaned_data["status"],
        ),
        redirect_to=back,
        success_message=_("The status of %(name)s was saved.") % {"name": project},
    )


@org_staff_view(can_view_budget)
def results_project(request, organization, fiscal_year, pk):
    """A project's result in the year (status, output, result, problems) and
    its photos."""
    _check_year(fiscal_year)
    project = selectors.access_project(organization=organization, pk=pk)
    year = selectors_results.project_year_get(
        organization=organization, project=project, fiscal_year=fiscal_year
    )
    can_manage = can_manage_plan(request.user, request.membership)
    form = ProjectResultForm(request.POST or None, initial=_result_initial(year))
    if request.method == "POST" and not can_manage:
        raise Http404
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_results.project_result_update(
            actor=request.user,
            organization=organization,
            project=project,
            fiscal_year=fiscal_year,
            **data,
        ),
        success_message=_("The result was saved."),
        redirect_to=_project_url(organization, fiscal_year, project),
    )
    if response:
        return response
    return _project_page(
        request, organization, fiscal_year, project, year, form, ProjectPhotoForm()
    )


def _result_initial(year) -> dict:
    """The result form's values: the project's year, or a project not started."""
    return {
        "status": year.status if year else Project.Status.NOT_STARTED,
        "output": year.output if year else "",
        "result": year.result if year else "",
        "problems": year.problems if year else "",
    }


def _project_page(request, organization, fiscal_year, project, year, form, photo_form):
    return render(
        request,
        "budget/results/project.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "project": project,
            "year": year,
            "status_label": selectors_results.status_label(
                year.status if year else Project.Status.NOT_STARTED
            ),
            "form": form,
            "photo_form": photo_form,
            "detail": selectors_results.project_detail(
                organization=organization, project=project
            ),
            "can_manage": can_manage_plan(request.user, request.membership),
        },
    )


@require_POST
@org_staff_view(can_manage_plan)
def results_photo_add(request, organization, fiscal_year, pk):
    _check_year(fiscal_year)
    project = selectors.access_project(organization=organization, pk=pk)
    photo_form = ProjectPhotoForm(request.POST, request.FILES)
    response = handle_form(
        request,
        photo_form,
        on_valid=lambda data: services_results.project_photo_add(
            actor=request.user,
            organization=organization,
            project=project,
            fiscal_year=fiscal_year,
            **data,
        ),
        success_message=_("The photo was added."),
        redirect_to=_project_url(organization, fiscal_year, project),
    )
    if response:
        return response
    year = selectors_results.project_year_get(
        organization=organization, project=project, fiscal_year=fiscal_year
    )
    form = ProjectResultForm(initial=_result_initial(year))
    return _project_page(
        request, organization, fiscal_year, project, year, form, photo_form
    )


@require_POST
@org_staff_view(can_manage_plan)
def results_photo_delete(request, organization, pk):
    photo = selectors_results.access_photo(organization=organization, pk=pk)
    project = photo.project
    fiscal_year = photo.fiscal_year or thai_dates.fiscal_year(timezone.localdate())
    return run_action(
        request,
        lambda: services_results.project_photo_delete(
            actor=request.user, organization=organization, photo=photo
        ),
        redirect_to=_project_url(organization, fiscal_year, project),
        success_message=_("The photo was deleted."),
    )


# --- the reports ------------------------------------------------------------------


@org_staff_view(can_view_budget)
def results_report(request, organization, fiscal_year, kind):
    """The year's report: its figures, the narrative form, publishing."""
    _check_year(fiscal_year, organization)
    _kind(kind)
    report = selectors_results.report_get(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    can_manage = can_manage_plan(request.user, request.membership)
    if request.method == "POST" and not can_manage:
        raise Http404
    form = ResultsReportForm(request.POST or None, instance=report)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services_results.results_report_save(
            actor=request.user,
            organization=organization,
            kind=kind,
            fiscal_year=fiscal_year,
            **data,
        ),
        success_message=_("The report was saved."),
        redirect_to=_report_url(organization, fiscal_year, kind),
    )
    if response:
        return response
    snapshot = selectors_results.report_snapshot(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    return render(
        request,
        "budget/results/report.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "kind": kind,
            "kind_label": ResultsReport.Kind(kind).label,
            "s": snapshot,
            "form": form,
            "publication": publications.publication_current(report) if report else None,
            "can_manage": can_manage,
        },
    )


@org_staff_view(can_view_budget)
def results_report_download(request, organization, fiscal_year, kind, extension):
    """The report as it is now (a draft), as PDF or DOCX, made in the
    background (``budget.long_documents``)."""
    _check_year(fiscal_year, organization)
    return document_job_response(
        request,
        organization=organization,
        kind="budget.results_report",
        params={
            "fiscal_year": fiscal_year,
            "kind": _kind(kind),
            "extension": extension,
        },
    )


@require_POST
@org_staff_view(can_manage_plan)
def results_report_publish(request, organization, fiscal_year, kind):
    _check_year(fiscal_year, organization)
    _kind(kind)
    return run_action(
        request,
        lambda: services_results.results_report_publish(
            actor=request.user,
            organization=organization,
            kind=kind,
            fiscal_year=fiscal_year,
        ),
        redirect_to=_report_url(organization, fiscal_year, kind),
        success_message=_("The report was published."),
    )


@require_POST
@org_staff_view(can_manage_plan)
def results_report_withdraw(request, organization, fiscal_year, kind):
    _check_year(fiscal_year, organization)
    _kind(kind)
    return run_action(
        request,
        lambda: services_results.results_report_withdraw(
            actor=request.user,
            organization=organization,
            kind=kind,
            fiscal_year=fiscal_year,
        ),
        redirect_to=_report_url(organization, fiscal_year, kind),
        success_message=_("The report was taken off the public pages."),
    )
