"""Public pages "งบประมาณของเรา" (our budget): the fiscal years, each year's
budget by strategy and by programme (chart and table), its projects and a map
of them, each project's page (budget per year, procurement and contracts,
status, photos), the published results reports and the budget as a Fiscal
Data Package. Aggregates and public records only: no personal data."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core import thai_dates
from prongsai.core.documents import file_response
from prongsai.core.public_documents import public_document_response
from prongsai.organizations.selectors import access_organization

from . import documents_results, selectors, selectors_budget, selectors_results
from .figures import LineMoney
from .models import Project
from .models_documents import ResultsReport

FIRST_YEAR, LAST_YEAR = 2540, 2700


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def budget_index(request, org):
    """The fiscal years with a budget, with their totals."""
    organization = _organization(request, org)
    years = selectors_results.public_years(organization=organization)
    return render(
        request,
        "budget/public/index.html",
        {"organization": organization, "years": years},
    )


def _strategy_chart(strategies):
    with_money = [s for s in strategies if s.money.in_force or s.money.disbursed]
    return documents_results.strategy_chart(
        [
            {
                "number": s.number,
                "name": s.name,
                "planned": str(s.planned),
                "in_force": str(s.money.in_force),
                "disbursed": str(s.money.disbursed),
            }
            for s in with_money
        ]
    )


def budget_year(request, org, fiscal_year):
    """The year's budget by strategy and programme, its projects and their map."""
    organization = _organization(request, org)
    if not FIRST_YEAR <= fiscal_year <= LAST_YEAR:
        raise Http404
    results = selectors_results.year_results(
        organization=organization, fiscal_year=fiscal_year
    )
    if results.budget is None and not results.rows:
        raise Http404
    strategies = selectors_results.strategy_results(results)
    published = selectors_results.published_reports(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(
        request,
        "budget/public/year.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "results": results,
            "strategies": strategies,
            "programmes": selectors_results.programme_money(results),
            "chart": _strategy_chart(strategies),
            "map_points": selectors_results.mapped_projects(
                results.rows, organization=organization
            ),
            "reports": [
                (ResultsReport.Kind(kind).label, kind)
                for kind in ResultsReport.Kind.values
                if kind in published
            ],
            "operation_plan": selectors_budget.published_operation_plan(
                organization=organization, fiscal_year=fiscal_year
            ),
            "six_month_report": selectors_budget.published_six_month_report(
                organization=organization, fiscal_year=fiscal_year
            ),
        },
    )


def budget_project(request, org, pk):
    """One project: its budget per year, procurement and contracts, status
    and photos."""
    organization = _organization(request, org)
    project = selectors.access_project(organization=organization, pk=pk)
    project = (
        type(project)
        .objects.filter(organization=organization, pk=project.pk)
        .select_related("programme__strategy", "plan")
        .get()
    )
    detail = selectors_results.project_detail(
        organization=organization, project=project
    )
    latest = _current_year(detail["years"])
    return render(
        request,
        "budget/public/project.html",
        {
            "organization": organization,
            "project": project,
            "detail": detail,
            "latest": latest,
            "latest_label": selectors_results.status_label(latest.status)
            if latest
            else "",
            "map_points": selectors_results.mapped_projects(
                [
                    selectors_results.ProjectRow(
                        project=project, year=latest, money=LineMoney()
                    )
                ],
                organization=organization,
            ),
        },
    )


def _current_year(years):
    """The row the page leads with: the latest year up to this one that has a
    status (started, done or cancelled), else this year's or the last before
    it, else the first."""
    rows = [y["year"] for y in years if y["year"] is not None]
    if not rows:
        return None
    today = thai_dates.fiscal_year(timezone.localdate())
    past = [y for y in rows if y.fiscal_year <= today]
    started = [y for y in past if y.status != Project.Status.NOT_STARTED]
    return (started or past or rows)[-1 if (started or past) else 0]


def budget_report(request, org, fiscal_year, kind, extension):
    """The published version of a results report, as PDF or DOCX."""
    organization = _organization(request, org)
    if kind not in ResultsReport.Kind.values:
        raise Http404
    publication = selectors_results.published_report(
        organization=organization, kind=kind, fiscal_year=fiscal_year
    )
    if publication is None:
        raise Http404
    if extension == "pdf":
        name = f"{kind.replace('_', '-')}-report-{fiscal_year}.pdf"
        return _publication_pdf(publication, name)
    return public_document_response(
        request,
        organization=organization,
        kind="budget.results_report_docx",
        params={"kind": kind, "fiscal_year": fiscal_year},
    )


def _publication_pdf(publication, filename: str):
    """The frozen PDF of a publication, shown in the browser; 404 without one."""
    if publication is None or not publication.pdf:
        raise Http404
    with publication.pdf.open("rb") as pdf:
        content = pdf.read()
    return file_response(
        content, filename=filename, content_type="application/pdf", attachment=False
    )


def budget_operation_plan(request, org, fiscal_year):
    """The published operation plan (แผนการดำเนินงาน) of the year, as published."""
    organization = _organization(request, org)
    return _publication_pdf(
        selectors_budget.published_operation_plan(
            organization=organization, fiscal_year=fiscal_year
        ),
        f"operation-plan-{fiscal_year}.pdf",
    )


def budget_six_month_report(request, org, fiscal_year):
    """The published six-month spending report of the year, as published."""
    organization = _organization(request, org)
    return _publication_pdf(
        selectors_budget.published_six_month_report(
            organization=organization, fiscal_year=fiscal_year
        ),
        f"six-month-report-{fiscal_year}.pdf",
    )


def budget_datapackage(request, org, fiscal_year):
    """The year's budget lines as a Fiscal Data Package (``datapackage.json``):
    the descriptor points at the CSV of the catalogue's "budget lines" dataset."""
    from prongsai.opendata.models import Dataset

    organization = _organization(request, org)
    dataset = (
        Dataset.objects.filter(
            organization=organization,
            provider_key="budget-lines",
            fiscal_year=fiscal_year,
            is_active=True,
        )
        .only("name", "title")
        .first()
    )
    if dataset is None:
        raise Http404
    csv_url = request.build_absolute_uri(
        reverse(
            "opendata-public:dataset-csv",
            kwargs={"org": organization.slug, "name": dataset.name},
        )
    )
    return JsonResponse(
        fiscal_data_package(
            organization=organization,
            fiscal_year=fiscal_year,
            name=dataset.name,
            title=dataset.title,
            csv_url=csv_url,
        ),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def fiscal_data_package(
    *, organization, fiscal_year: int, name: str, title: str, csv_url: str
) -> dict:
    """The descriptor in the Open Fiscal Data Package layout (v1.0): one CSV
    resource, three measures in THB and the ordinance's classification."""
    from .datasets import BUDGET_LINE_FIELDS

    types = {"text": "string", "integer": "integer", "number": "number"}
    return {
        "name": name,
        "title": title,
        "profile": "fiscal-data-package",
        "countryCode": "TH",
        "fiscalPeriod": {
            "start": f"{fiscal_year - 544}-10-01",
            "end": f"{fiscal_year - 543}-09-30",
        },
        "publisher": {"name": organization.name},
        "resources": [
            {
                "name": "budget-lines",
                "path": csv_url,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [
                        {
                            "name": title_th,
                            "title": title_th,
                            "type": types.get(kind, "string"),
                            **(
                                {"columnType": COLUMN_TYPES[key]}
                                if key in COLUMN_TYPES
                                else {}
                            ),
                        }
                        for key, title_th, kind in BUDGET_LINE_FIELDS
                    ]
                },
            }
        ],
        "model": {
            "measures": {
                key: {
                    "source": title_th,
                    "currency": "THB",
                    "direction": "expenditure",
                    "phase": PHASES[key],
                }
                for key, title_th, _kind in BUDGET_LINE_FIELDS
                if key in PHASES
            },
            "dimensions": {
                key: {
                    "dimensionType": "classification",
                    "attributes": {
                        key: {"source": title_th},
                    },
                    "primaryKey": key,
                }
                for key, title_th, _kind in BUDGET_LINE_FIELDS
                if key in DIMENSIONS
            },
        },
        "description": _(
            "The budget of fiscal year %(year)s line by line, with what is in "
            "force, committed and disbursed."
        )
        % {"year": fiscal_year},
    }


PHASES = {
    "original": "proposed",
    "in_force": "adjusted",
    "committed": "executed",
    "disbursed": "executed",
}
COLUMN_TYPES = {
    "programme": "functional-classification:generic:level1:label",
    "work": "functional-classification:generic:level2:label",
    "category": "economic-classification:generic:level1:label",
    "expense_class": "economic-classification:generic:level2:label",
    "expense_type": "economic-classification:generic:level3:label",
    "item": "activity:generic:program:label",
    "project": "activity:generic:project:label",
    "strategy": "activity:generic:subprogram:label",
    "original": "value",
    "in_force": "value",
    "committed": "value",
    "disbursed": "value",
}
DIMENSIONS = (
    "programme",
    "work",
    "category",
    "expense_class",
    "expense_type",
    "item",
    "strategy",
    "project",
)
