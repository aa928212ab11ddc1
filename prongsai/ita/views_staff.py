"""ITA back office: results, analysis, peers, settings and the analysis report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.document_jobs import document_job_response
from prongsai.core.forms import handle_form, run_action
from prongsai.core.params import bounded_int
from prongsai.core.publications import says_the_same
from prongsai.organizations.decorators import org_staff_view

from . import selectors, services, services_analysis, services_import, services_peers
from .charts import analysis_charts
from .forms import (
    MeasureFormSet,
    PeerImportForm,
    ReportForm,
    ResultForm,
    SettingsForm,
    UploadForm,
)
from .permissions import can_manage_ita, can_view_ita
from .report import (
    report_context,
    report_filename,
    report_publication_files,
    report_snapshot,
)
from .result_templates import result_template_csv, result_template_xlsx
from .tools import weakness_tool_links


def _analysis_url(organization, fiscal_year) -> str:
    return reverse(
        "ita-staff:analysis",
        kwargs={"org": organization.slug, "fiscal_year": fiscal_year},
    )


def _report_edit_url(organization, fiscal_year) -> str:
    return reverse(
        "ita-staff:report-edit",
        kwargs={"org": organization.slug, "fiscal_year": fiscal_year},
    )


def _framework_or_none(fiscal_year):
    try:
        return selectors.framework_get(fiscal_year=fiscal_year)
    except Exception:
        return None


@org_staff_view(can_view_ita)
def index(request, organization):
    rows = selectors.ita_result_list_scores(organization=organization)
    return render(
        request,
        "ita/index.html",
        {
            "organization": organization,
            "rows": rows,
            "can_manage": can_manage_ita(request.user, request.membership),
        },
    )


def _no_frameworks(request, organization):
    messages.error(
        request,
        _(
            "No ITA framework is loaded yet. Ask the platform administrator to "
            "run “prongsai load_ita_frameworks”."
        ),
    )
    return redirect("ita-staff:index", org=organization.slug)


def _result_form_view(request, organization, *, result=None):
    years = selectors.framework_list_years()
    if not years:
        return _no_frameworks(request, organization)
    if request.method == "POST":
        year = request.POST.get("fiscal_year") if result is None else None
    else:
        year = request.GET.get("fiscal_year")
    try:
        fiscal_year = (
            result.fiscal_year
            if result
            else bounded_int(year, default=years[0], high=9999)
        )
    except ValueError:
        fiscal_year = years[0]
    if fiscal_year not in years:
        fiscal_year = years[0]
    framework = _framework_or_none(fiscal_year)
    initial = {"fiscal_year": fiscal_year}
    if result is not None:
        initial.update({f"i{n}": v for n, v in result.indicators.items()})
        initial.update({f"published_{k}": v for k, v in result.published.items()})
        initial.update({f"item_{k}": str(v) for k, v in result.item_results.items()})
        initial["notes"] = result.notes
    form = ResultForm(
        request.POST or None,
        years=years,
        framework=framework,
        lock_year=result is not None,
        initial=initial,
    )
    warnings = _result_warnings(request, form, result)
    # Typed OIT indicators that the items contradict are shown first; the
    # officer saves them as typed with the second button.
    if not warnings or request.POST.get("save_with_warnings") == "1":
        response = handle_form(
            request,
            form,
            on_valid=lambda _data: services.ita_result_record(
                actor=request.user,
                organization=organization,
                **form.service_arguments(),
            ),
            success_message=_("The ITA result has been saved."),
            redirect_to=lambda saved: _analysis_url(organization, saved.fiscal_year),
        )
        if response:
            return response
    return render(
        request,
        "ita/result_form.html",
        {
            "organization": organization,
            "form": form,
            "result": result,
            "warnings": warnings,
        },
    )


def _result_warnings(request, form, result) -> list[str]:
    """Mismatches of the posted values, or of the stored result on a GET."""
    if request.method == "POST":
        if not form.is_valid():
            return []
        arguments = form.service_arguments()
        mismatches = selectors.ita_result_list_mismatches(
            fiscal_year=arguments["fiscal_year"],
            indicators=arguments["indicators"],
            item_results=arguments["item_results"],
        )
    elif result is not None:
        mismatches = selectors.ita_result_list_mismatches(
            fiscal_year=result.fiscal_year,
            indicators=result.indicators,
            item_results=result.item_results,
        )
    else:
        return []
    return [mismatch.message for mismatch in mismatches]


@org_staff_view(can_manage_ita)
def result_create(request, organization):
    return _result_form_view(request, organization)


@org_staff_view(can_manage_ita)
def result_edit(request, organization, fiscal_year):
    result = selectors.access_ita_result(
        organization=organization, fiscal_year=fiscal_year
    )
    return _result_form_view(request, organization, result=result)


@org_staff_view(can_manage_ita)
def result_import(request, organization):
    form = UploadForm(request.POST or None, request.FILES or None)

    def run_import(data):
        outcome = services_import.ita_result_import(
            actor=request.user,
            organization=organization,
            content=data["file"].read(),
            filename=data["file"].name,
        )
        if outcome.warning_message:
            messages.warning(request, outcome.warning_message)
        return outcome

    response = handle_form(
        request,
        form,
        on_valid=run_import,
        success_message=lambda outcome: outcome.message,
        redirect_to=lambda outcome: _analysis_url(
            organization, max(r.fiscal_year for r in outcome.results)
        ),
    )
    if response:
        return response
    # The problems of the file are listed above the form, not inside it.
    errors = form.errors.pop(NON_FIELD_ERRORS, [])
    return render(
        request,
        "ita/result_import.html",
        {
            "organization": organization,
            "form": form,
            "errors": errors,
            "years": selectors.framework_list_years(),
        },
    )


@org_staff_view(can_view_ita)
def result_template(request, organization, fmt):
    years = selectors.framework_list_years()
    if not years:
        return _no_frameworks(request, organization)
    try:
        fiscal_year = bounded_int(
            request.GET.get("fiscal_year"), default=years[0], high=9999
        )
    except ValueError:
        raise Http404 from None
    framework = _framework_or_none(fiscal_year)
    if framework is None:
        raise Http404
    if fmt == "xlsx":
        return result_template_xlsx(framework)
    return result_template_csv(framework)


@org_staff_view(can_view_ita)
def analysis(request, organization, fiscal_year):
    peer_dataset = None
    if request.GET.get("peers"):
        peer_dataset = selectors.access_peer_dataset(
            organization=organization, pk=request.GET["peers"]
        )
    result_analysis = selectors.ita_analysis_get(
        organization=organization, fiscal_year=fiscal_year, peer_dataset=peer_dataset
    )
    result = selectors.access_ita_result(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(
        request,
        "ita/analysis.html",
        {
            "organization": organization,
            "analysis": result_analysis,
            "item_warnings": selectors.ita_result_list_mismatches(
                fiscal_year=result.fiscal_year,
                indicators=result.indicators,
                item_results=result.item_results,
            ),
            "charts": analysis_charts(result_analysis),
            "peer_datasets": selectors.peer_dataset_list(
                organization=organization
            ).filter(fiscal_year=fiscal_year),
            "report": selectors.analysis_report_get(
                organization=organization, fiscal_year=fiscal_year
            ),
            "can_manage": can_manage_ita(request.user, request.membership),
            "weakness_tools": weakness_tool_links(
                organization,
                result_analysis.urgent,
                user=request.user,
                membership=request.membership,
            ),
        },
    )


def _initial_measures(result_analysis):
    measures = []
    for weakness in result_analysis.urgent:
        for rule in weakness.recommendations[:1]:
            measures.append(
                {
                    "weakness": f"{weakness.kind}:{weakness.code}",
                    "title": rule.title,
                    "responsible_unit": rule.responsible_unit,
                    "steps": "\n".join(rule.steps),
                    "timeline": "",
                }
            )
    return measures


@org_staff_view(can_manage_ita)
def report_edit(request, organization, fiscal_year):
    result_analysis = selectors.ita_analysis_get(
        organization=organization, fiscal_year=fiscal_year
    )
    report = selectors.analysis_report_get(
        organization=organization, fiscal_year=fiscal_year
    )
    measures = report.measures if report and report.measures else None
    form = ReportForm(request.POST or None, instance=report)
    formset = MeasureFormSet(
        request.POST or None,
        prefix="measures",
        initial=measures or _initial_measures(result_analysis),
    )

    def save(data):
        services_analysis.analysis_report_save(
            actor=request.user,
            organization=organization,
            fiscal_year=fiscal_year,
            summary=data["summary"],
            measures=[f.cleaned_data for f in formset.forms if f.cleaned_data],
            prepared_by_name=data["prepared_by_name"],
            prepared_by_position=data["prepared_by_position"],
            approver_name=data["approver_name"],
            approver_position=data["approver_position"],
            thai_digits=data["thai_digits"],
        )

    if request.method != "POST" or formset.is_valid():
        response = handle_form(
            request,
            form,
            on_valid=save,
            success_message=_("The analysis report has been saved."),
            redirect_to=_report_edit_url(organization, fiscal_year),
        )
        if response:
            return response
    return render(
        request,
        "ita/report_form.html",
        {
            "organization": organization,
            "analysis": result_analysis,
            "report": report,
            "form": form,
            "formset": formset,
            **_publication_state(report),
        },
    )


def _publication_state(report) -> dict:
    """The report's publications and whether the draft says something else."""
    if report is None:
        return {"publications": [], "unpublished_changes": False}
    publications = list(selectors.analysis_publication_list(report=report))
    latest = publications[0] if publications else None
    unpublished_changes = (
        report.is_published
        and latest is not None
        and not says_the_same(latest, report_snapshot(report))
    )
    return {
        "publications": publications,
        "latest_publication": latest,
        "unpublished_changes": unpublished_changes,
    }


@org_staff_view(can_view_ita)
def report_preview(request, organization, fiscal_year):
    """The draft as the public page would show it if published now."""
    report = selectors.access_analysis_report(
        organization=organization, fiscal_year=fiscal_year
    )
    context = report_context(report)
    context["charts"] = analysis_charts(context["analysis"])
    context["preview"] = True
    return render(request, "ita/public_report.html", context)


@org_staff_view(can_view_ita)
def publication_pdf(request, organization, fiscal_year, pk):
    """The PDF of one publication, as it was published (the history)."""
    publication = selectors.access_analysis_publication(
        organization=organization, fiscal_year=fiscal_year, pk=pk
    )
    return FileResponse(
        publication.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=report_filename(publication.subject, "pdf").replace(
            ".pdf", f" ({publication.number}).pdf"
        ),
    )


@org_staff_view(can_view_ita)
def report_download(request, organization, fiscal_year, fmt):
    """The report as a file, made in the background (``ita.long_documents``)."""
    selectors.access_analysis_report(organization=organization, fiscal_year=fiscal_year)
    return document_job_response(
        request,
        organization=organization,
        kind="ita.analysis_report",
        params={"fiscal_year": fiscal_year, "fmt": fmt},
    )


def _report_action(request, organization, fiscal_year, action, message):
    """Run a one-click action on the year's report, back to its edit page."""
    report = selectors.access_analysis_report(
        organization=organization, fiscal_year=fiscal_year
    )
    return run_action(
        request,
        lambda: action(report),
        success_message=message,
        redirect_to=_report_edit_url(organization, fiscal_year),
    )


def _publication_files(report) -> dict:
    snapshot, pdf = report_publication_files(report)
    return {"snapshot": snapshot, "pdf": pdf}


@require_POST
@org_staff_view(can_manage_ita)
def report_publish(request, organization, fiscal_year):
    return _report_action(
        request,
        organization,
        fiscal_year,
        lambda report: services_analysis.analysis_report_publish(
            actor=request.user, report=report, **_publication_files(report)
        ),
        _("The report is published on the organisation's public pages."),
    )


@require_POST
@org_staff_view(can_manage_ita)
def report_unpublish(request, organization, fiscal_year):
    return _report_action(
        request,
        organization,
        fiscal_year,
        lambda report: services_analysis.analysis_report_unpublish(
            actor=request.user, report=report
        ),
        _("The report is no longer public."),
    )


@org_staff_view(can_view_ita)
def peers(request, organization):
    can_manage = can_manage_ita(request.user, request.membership)
    form = PeerImportForm(
        request.POST or None,
        request.FILES or None,
        years=selectors.framework_list_years(),
    )
    if request.method == "POST":
        if not can_manage:
            raise Http404
        response = handle_form(
            request,
            form,
            on_valid=lambda data: services_peers.peer_dataset_import(
                actor=request.user,
                organization=organization,
                name=data["name"],
                scope=data["scope"],
                fiscal_year=data["fiscal_year"],
                content=data["file"].read(),
                filename=data["file"].name,
                source=data["source"],
                source_date=data["source_date"],
            ),
            success_message=lambda dataset: (
                _("Imported %(count)s organisations into %(name)s.")
                % {"count": dataset.row_count, "name": dataset.name}
            ),
            redirect_to=reverse("ita-staff:peers", kwargs={"org": organization.slug}),
        )
        if response:
            return response
    return render(
        request,
        "ita/peers.html",
        {
            "organization": organization,
            "form": form,
            "standings": selectors.peer_dataset_list_standings(
                organization=organization
            ),
            "can_manage": can_manage,
        },
    )


@require_POST
@org_staff_view(can_manage_ita)
def peer_delete(request, organization, pk):
    dataset = selectors.access_peer_dataset(organization=organization, pk=pk)
    return run_action(
        request,
        lambda: services_peers.peer_dataset_delete(actor=request.user, dataset=dataset),
        success_message=_("The peer results have been deleted."),
        redirect_to=reverse("ita-staff:peers", kwargs={"org": organization.slug}),
    )


@org_staff_view(can_manage_ita)
def ita_settings(request, organization):
    instance = (
        organization.ita_settings if hasattr(organization, "ita_settings") else None
    )
    form = SettingsForm(request.POST or None, instance=instance)
    response = handle_form(
        request,
        form,
        on_valid=lambda data: services.ita_settings_update(
            actor=request.user,
            organization=organization,
            weakness_threshold=data["weakness_threshold"],
        ),
        success_message=_("The ITA settings have been saved."),
        redirect_to=reverse("ita-staff:index", kwargs={"org": organization.slug}),
    )
    if response:
        return response
    return render(
        request, "ita/settings.html", {"organization": organization, "form": form}
    )
