"""Public procurement pages of an organisation: search, filters, detail, tables."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.core.documents import csv_response, file_response
from prongsai.core.params import bounded_int
from prongsai.organizations.selectors import access_organization

from . import (
    exports,
    exports_annual,
    exports_files,
    selectors,
    selectors_feed,
    selectors_indicators,
)
from .forms import FilterForm
from .indicators import DISCLAIMER
from .models import RiskIndicator
from .paging import CappedPaginator

PAGE_SIZE = 30


def _organization(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    return organization


def current_fiscal_year() -> int:
    return thai_dates.fiscal_year(timezone.localdate())


def export_response(
    *, organization, fmt: str, fiscal_year, month, staff: bool = False
) -> HttpResponse:
    """A download of the register; the annual report is kept between requests
    until its data changes (``exports_files.annual_document``)."""
    if fmt in exports.PUBLIC_ANNUAL_FORMATS:
        document = exports_files.annual_document(
            organization=organization,
            fmt=fmt,
            fiscal_year=fiscal_year,
            indicators=selectors_indicators.indicators_visible(
                organization=organization, staff=staff
            ),
        )
        return file_response(
            document.content,
            filename=document.filename,
            content_type=document.content_type,
        )
    if fmt == "register-csv":
        queryset = selectors.procurement_list(
            organization=organization, fiscal_year=fiscal_year
        )
        return csv_response(
            f"procurement-{organization.slug}-{fiscal_year}.csv",
            *exports.register_table(queryset),
        )
    try:
        document = exports_files.build(
            organization=organization,
            fmt=fmt,
            fiscal_year=fiscal_year,
            month=month,
        )
    except exports.ExportError:
        raise Http404 from None
    return file_response(
        document.content,
        filename=document.filename,
        content_type=document.content_type,
    )


def year_month(request, organization) -> tuple[int, int | None]:
    """The fiscal year (default: the latest with records) and month asked for."""
    try:
        fiscal_year = bounded_int(request.GET.get("year"), default=0, high=9999)
        month = bounded_int(request.GET.get("month"), default=0, high=12) or None
    except ValueError:
        raise Http404 from None
    if not fiscal_year:
        years = selectors.procurement_years(organization=organization)
        fiscal_year = years[0] if years else current_fiscal_year()
    return fiscal_year, month


def list_page(request, organization, page_size: int, *, staff: bool = False) -> dict:
    """The filter form, the page of procurements it selects, the fiscal year
    to show (the one filtered on, else the latest with records, else ``None``)
    and, for who may see them, that year's stored risk indicators."""
    years = selectors.procurement_years(organization=organization)
    visible = selectors_indicators.indicators_visible(
        organization=organization, staff=staff
    )
    form = FilterForm(request.GET or None, years=years, indicators=visible)
    filters = form.filters() if form.is_bound else {}
    if not visible:
        filters.pop("indicator", None)
    queryset = selectors.procurement_list(organization=organization, **filters)
    if visible:
        queryset = queryset.prefetch_related(
            Prefetch(
                "risk_indicators",
                queryset=RiskIndicator.objects.filter(organization=organization).only(
                    "id", "procurement_id", "code"
                ),
            )
        )
    query = request.GET.copy()
    query.pop("page", None)
    fiscal_year = filters.get("fiscal_year") or (years[0] if years else None)
    year = selectors_indicators.indicator_year(
        organization=organization, fiscal_year=fiscal_year
    )
    return {
        "organization": organization,
        "form": form,
        "page": CappedPaginator(queryset, page_size).get_page(request.GET.get("page")),
        "query_string": query.urlencode(),
        "fiscal_year": fiscal_year,
        "show_indicators": visible,
        "indicator_counts": selectors_indicators.indicator_counts(year)
        if visible
        else [],
        "indicator_disclaimer": DISCLAIMER,
    }


def procurement_list(request, org):
    organization = _organization(request, org)
    context = list_page(request, organization, PAGE_SIZE)
    fiscal_year = context["fiscal_year"]
    context["months"] = exports.fiscal_months(fiscal_year) if fiscal_year else []
    return render(request, "procurement/public/list.html", context)


def procurement_detail(request, org, pk):
    organization = _organization(request, org)
    procurement = selectors.access_procurement(organization=organization, pk=pk)
    visible = selectors_indicators.indicators_visible(
        organization=organization, staff=False
    )
    return render(
        request,
        "procurement/public/detail.html",
        {
            "organization": organization,
            "procurement": procurement,
            "bids": procurement.bids.select_related("supplier"),
            "documents": procurement.documents.all(),
            "flags": selectors_indicators.flag_list(procurement=procurement)
            if visible
            else [],
            "indicator_disclaimer": DISCLAIMER,
            "announcements": selectors_feed.announcements_for(procurement=procurement),
        },
    )


def download(request, org, fmt):
    organization = _organization(request, org)
    if fmt not in exports.PUBLIC_FORMATS + exports.PUBLIC_ANNUAL_FORMATS:
        raise Http404
    fiscal_year, month = year_month(request, organization)
    if fmt in exports.PUBLIC_ANNUAL_FORMATS and not selectors.fiscal_year_ended(
        fiscal_year
    ):
        raise Http404
    return export_response(
        organization=organization, fmt=fmt, fiscal_year=fiscal_year, month=month
    )


def plan(request, org):
    """The annual procurement plan of a fiscal year (latest by default)."""
    organization = _organization(request, org)
    years = sorted(
        set(
            selectors.plan_item_list(organization=organization).values_list(
                "fiscal_year", flat=True
            )
        ),
        reverse=True,
    )
    try:
        fiscal_year = bounded_int(request.GET.get("year"), default=0, high=9999) or (
            years[0] if years else 0
        )
    except ValueError:
        raise Http404 from None
    items = selectors.plan_item_list(organization=organization, fiscal_year=fiscal_year)
    return render(
        request,
        "procurement/public/plan.html",
        {
            "organization": organization,
            "years": years,
            "fiscal_year": fiscal_year,
            "items": items,
            "total": sum(item.budget_amount for item in items),
        },
    )


def _year_param(request, organization) -> int:
    """``?year=`` (a Buddhist-era fiscal year), else the current fiscal year."""
    current = thai_dates.fiscal_year(timezone.localdate())
    try:
        year = int(request.GET.get("year") or current)
    except ValueError:
        raise Http404 from None
    if not 2500 <= year <= current + 1:
        raise Http404
    return year


def monthly(request, org):
    """Every month of a fiscal year: its สขร.1 summary or an explicit "none"."""
    organization = _organization(request, org)
    fiscal_year = _year_param(request, organization)
    years = selectors.procurement_years(organization=organization)
    if fiscal_year not in years:
        years = sorted({fiscal_year, *years}, reverse=True)
    today = timezone.localdate()
    return render(
        request,
        "procurement/public/monthly.html",
        {
            "organization": organization,
            "fiscal_year": fiscal_year,
            "years": years,
            "months": [
                (row, row.month <= today)
                for row in selectors.month_coverage(
                    organization=organization, fiscal_year=fiscal_year
                )
            ],
            "last_updated": selectors.procurement_last_modified(
                organization=organization, fiscal_year=fiscal_year
            ),
            "annual_available": selectors.fiscal_year_ended(fiscal_year)
            and selectors.year_has_records(
                organization=organization, fiscal_year=fiscal_year
            ),
        },
    )


def annual(request, org, fiscal_year):
    """The annual procurement report of an ended fiscal year, with its analysis."""
    organization = _organization(request, org)
    if (
        fiscal_year < 2500
        or not selectors.fiscal_year_ended(fiscal_year)
        or not selectors.year_has_records(
            organization=organization, fiscal_year=fiscal_year
        )
    ):
        raise Http404
    context = exports_annual.annual_context(
        organization,
        fiscal_year,
        indicators=selectors_indicators.indicators_visible(
            organization=organization, staff=False
        ),
    )
    context["coverage"] = selectors.month_coverage(
        organization=organization, fiscal_year=fiscal_year
    )
    return render(request, "procurement/public/annual.html", context)
