"""Province and national views: read-only pages for viewers above
organisations (a provincial office, the DLA, the platform operator).

They read the summary tables only (``organizations.selectors_regions``),
written at night by ``portal.summaries``: no figure is computed per request.
"""

from __future__ import annotations

from functools import cached_property, wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.core.documents import csv_response
from prongsai.core.thai_dates import fiscal_year_label
from prongsai.ita.analysis import MIN_PEERS_FOR_RANK
from prongsai.organizations import selectors_regions as regions
from prongsai.organizations.mfa import user_needs_mfa_setup
from prongsai.organizations.models import ProvinceSummary

from .summaries import current_fiscal_year

PROVINCES_PER_PAGE = 20
MAX_QUERY = 100


def region_view(*, operator: bool = False):
    """Signed-in viewers only (403 for anyone else), with TOTP set up as for
    staff; ``operator`` pages need the platform operator's scope."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            scope = regions.viewer_scope_get(user=request.user)
            if not scope.any or (operator and not scope.operator):
                raise PermissionDenied
            if user_needs_mfa_setup(request.user):
                messages.warning(
                    request,
                    _(
                        "Viewing many organisations requires two-factor "
                        "authentication. Set up an authenticator app to continue."
                    ),
                )
                return redirect(
                    reverse("mfa_activate_totp")
                    + "?"
                    + urlencode({"next": request.get_full_path()})
                )
            request.viewer_scope = scope
            return view(request, scope, *args, **kwargs)

        return wrapped

    return decorator


def _fiscal_year() -> int:
    """The newest year with summaries (the current one once refreshed)."""
    current = current_fiscal_year()
    latest = (
        ProvinceSummary.objects.filter(fiscal_year__lte=current)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    return latest or current


@region_view()
def home(request, scope):
    """The country's provinces, or straight to the one province of a viewer."""
    if not scope.national and len(scope.provinces) == 1:
        (province,) = scope.provinces
        return redirect("region:province", province=province)
    fiscal_year = _fiscal_year()
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    rows = regions.province_summary_list(
        scope=scope, fiscal_year=fiscal_year, query=query
    )
    page = Paginator(rows, PROVINCES_PER_PAGE).get_page(request.GET.get("page"))
    everything = regions.province_summary_list(scope=scope, fiscal_year=fiscal_year)
    totals = _totals(list(everything)) if scope.national else None
    return render(
        request,
        "portal/regions/national.html",
        {
            "scope": scope,
            "page": page,
            "query": query,
            "query_string": urlencode({"q": query}) if query else "",
            "fiscal_year": fiscal_year,
            "fiscal_year_label": fiscal_year_label(fiscal_year),
            "totals": totals,
        },
    )


def _totals(rows: list[ProvinceSummary]) -> dict:
    """The country's line: sums of the (at most 77) province rows."""
    return {
        "provinces": len(rows),
        "lao_count": sum(r.lao_count for r in rows),
        "on_platform": sum(r.on_platform for r in rows),
        "ita_count": sum(r.ita_count for r in rows),
        "refreshed_at": max((r.refreshed_at for r in rows), default=None),
    }


def _province_rows(province: str, sort: str, fiscal_year: int):
    rows = regions.province_row_list(province=province, fiscal_year=fiscal_year)
    ranked = regions.rank_rows(rows, min_for_rank=MIN_PEERS_FOR_RANK)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "rank":
        key, descending = "ita", not descending
    regions.sort_rows(rows, key, descending=descending)
    return rows, ranked


SORTS = ("rank", "name", "kind", "district", "ita", "oit", "eservice", "complaints")


class ProvinceTable:
    """The province's rows, built only when the template's cached table
    fragment is missing (the summaries change once a night)."""

    def __init__(self, province: str, sort: str, fiscal_year: int):
        self.province, self.sort, self.fiscal_year = province, sort, fiscal_year

    @cached_property
    def _built(self):
        return _province_rows(self.province, self.sort, self.fiscal_year)

    @property
    def rows(self):
        return self._built[0]

    @property
    def ranked(self) -> bool:
        return self._built[1]


@region_view()
def province(request, scope, province):
    province = regions.access_province(scope=scope, province=province)
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in SORTS:
        sort = "name"
    fiscal_year = _fiscal_year()
    summary = regions.province_summary_get(province=province, fiscal_year=fiscal_year)
    return render(
        request,
        "portal/regions/province.html",
        {
            "scope": scope,
            "province": province,
            "summary": summary,
            "table": ProvinceTable(province, sort, fiscal_year),
            "min_for_rank": MIN_PEERS_FOR_RANK,
            "sort": sort,
            "fiscal_year": fiscal_year,
            "fiscal_year_label": fiscal_year_label(fiscal_year),
            "labels": _row_labels(),
        },
    )


def _row_labels() -> dict[str, str]:
    """The column names each card repeats on a phone, translated once."""
    return {
        "rank": _("Rank"),
        "name": _("Name"),
        "kind": _("LAO type"),
        "district": _("District"),
        "oit": _("OIT readiness"),
        "eservice": _("E-Service in time"),
        "complaints": _("Complaints"),
        "prediction": _("Predicted ITA"),
        "on": _("on the platform"),
        "off": _("not yet on the platform"),
        "website": _("website"),
        "year": _("fiscal year"),
        "received": _("received"),
        "open": _("open"),
        "done": _("done"),
    }


def _cell(value):
    return "" if value is None else value


@region_view()
def province_csv(request, scope, province):
    province = regions.access_province(scope=scope, province=province)
    fiscal_year = _fiscal_year()
    rows, ranked = _province_rows(province, "name", fiscal_year)
    header = [
        _("DLA code"),
        _("Name"),
        _("LAO type"),
        _("District"),
        _("On the platform"),
        _("ITA fiscal year"),
        _("ITA total"),
        _("ITA level"),
        _("Change from the year before"),
        _("Rank in the province"),
        _("OIT readiness (%)"),
        _("E-Service requests"),
        _("E-Service completed in time (%)"),
        _("Complaints received"),
        _("Complaints in progress"),
        _("Complaints completed"),
        _("Predicted ITA"),
        _("Website"),
    ]
    body = []
    for row in rows:
        s = row.summary
        body.append(
            [
                row.dla_code,
                row.name,
                row.kind,
                row.district,
                _("yes") if row.on_platform else _("no"),
                _cell(s and s.ita_fiscal_year),
                _cell(s and s.ita_total),
                s.ita_level if s else "",
                _cell(s and s.ita_change),
                _cell(row.rank) if ranked else "",
                _cell(s and s.oit_readiness),
                _cell(s and s.eservice_received),
                _cell(s and s.eservice_in_time_percent),
                _cell(s and s.complaints_received),
                _cell(s and s.complaints_in_progress),
                _cell(s and s.complaints_completed),
                _cell(s and s.prediction_total),
                row.website,
            ]
        )
    return csv_response(
        f"อปท-{province}-{fiscal_year}.csv", header, body, streaming=False
    )


@region_view(operator=True)
def operator(request, scope):
    """The platform operator's check: are the directory and summaries complete?"""
    fiscal_year = _fiscal_year()
    missing = regions.organization_list_missing_from_directory().order_by(
        "province", "name"
    )
    return render(
        request,
        "portal/regions/operator.html",
        {
            "scope": scope,
            "fiscal_year_label": fiscal_year_label(fiscal_year),
            "freshness": regions.summary_freshness_get(fiscal_year=fiscal_year),
            "missing": Paginator(missing, 50).get_page(request.GET.get("page")),
            "grants": regions.viewer_grant_list(),
        },
    )
