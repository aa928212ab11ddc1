"""The public map of reports and its GeoJSON (``selectors_map`` decides what
is public). Both take the same GET filters (category, status, period), so
the page works without JavaScript and the map, the list and the data agree.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from prongsai.core import thai_dates
from prongsai.core.pagecache import public_page
from prongsai.organizations.selectors import access_organization

from . import selectors, selectors_map
from .forms import MapFilterForm
from .selectors_map import RESOLVED_SHOWN_DAYS, PublicReport

GEOJSON_TYPE = "application/geo+json"
CACHE_SECONDS = 300


def _filters(request, organization) -> tuple[MapFilterForm, dict]:
    form = MapFilterForm(
        request.GET or None,
        categories=selectors.category_list(organization=organization),
    )
    return form, form.filters() if request.GET else {}


def _point(report: PublicReport) -> dict:
    """A marker of the page's map (its JavaScript builds the popup as text)."""
    return {
        "id": report.public_id,
        "lat": report.latitude,
        "lng": report.longitude,
        "category": report.category,
        "subject": report.subject,
        "state": report.state,
        "status": report.status_label,
        "received": thai_dates.format_date(report.received_at, "medium"),
    }


@require_safe
@public_page
def report_map(request, org):
    organization = access_organization(slug=org)
    request.organization = organization
    form, filters = _filters(request, organization)
    reports = selectors_map.public_report_list(organization=organization, **filters)
    return render(
        request,
        "complaints/map.html",
        {
            "organization": organization,
            "form": form,
            "filtered": any(v not in (None, "") for v in filters.values()),
            "reports": reports,
            "points": [_point(r) for r in reports.located],
            "resolved_days": RESOLVED_SHOWN_DAYS,
            "query_string": request.GET.urlencode(),
        },
    )


def _feature(report: PublicReport) -> dict:
    return {
        "type": "Feature",
        "id": report.public_id,
        # RFC 7946: longitude first.
        "geometry": {
            "type": "Point",
            "coordinates": [report.longitude, report.latitude],
        },
        "properties": {
            "id": report.public_id,
            "category": report.category,
            "status": report.state,
            "status_label": report.status_label,
            "received": timezone.localtime(report.received_at).date().isoformat(),
            "subject": report.subject,
            "after_photo_url": report.after_photo_url,
        },
    }


@require_safe
def report_map_geojson(request, org):
    """The located public reports as a GeoJSON FeatureCollection (RFC 7946)."""
    organization = access_organization(slug=org)
    _form, filters = _filters(request, organization)
    reports = selectors_map.public_report_list(
        organization=organization, located_only=True, **filters
    )
    body = {
        "type": "FeatureCollection",
        "features": [_feature(r) for r in reports.reports],
        # Foreign members (RFC 7946 6.1): whether the newest ``limit`` were cut.
        "capped": reports.capped,
        "limit": reports.limit,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        content_type=f"{GEOJSON_TYPE}; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
