"""Open311 GeoReport v2 for every organisation (``jurisdiction_id`` = its slug).

Mounted at ``/api/open311/v2/``. JSON and XML. POST needs the organisation's
API key. Requests are named by a public id, never by the citizen's tracking
code, and never show the citizen's name or contact details; locations are
shown only for services that allow it.

Other apps add their public records through ``core.open311`` feeds (the
complaint centre's public reports, read-only): their services follow the
E-Service's in ``services.json``, their requests are merged into
``requests.json`` newest first and paged together, and ``requests/<id>``
asks them for ids that are not the E-Service's (all digits).
"""

from __future__ import annotations

import heapq
import itertools
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from prongsai.core import open311 as feeds
from prongsai.core.errors import DomainError
from prongsai.core.params import MAX_QUERY_INT, bounded_int
from prongsai.organizations.selectors import access_organization

from . import selectors, services_filing
from .formdefs import OPEN311_DATATYPES
from .forms import RequestForm
from .models import CLOSED_STATUSES, Channel, Service, ServiceRequest

MAX_ROWS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _render(data, fmt: str, root: str, item: str, status: int = 200):
    if fmt == "json":
        return JsonResponse(
            data, safe=False, status=status, json_dumps_params={"ensure_ascii": False}
        )
    element = ET.Element(root)
    items = data if isinstance(data, list) else [data]
    for entry in items:
        _to_xml(ET.SubElement(element, item), entry)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(
        element, encoding="utf-8", xml_declaration=False
    )
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _to_xml(element, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, list):
                holder = ET.SubElement(element, key)
                singular = {"attributes": "attribute", "values": "value"}.get(
                    key, key.rstrip("s")
                )
                for entry in child:
                    _to_xml(ET.SubElement(holder, singular), entry)
            else:
                _to_xml(ET.SubElement(element, key), child)
    elif value is None:
        element.text = ""
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    else:
        element.text = str(value)


def _error(fmt: str, status: int, description: str):
    return _render(
        [{"code": status, "description": description}],
        fmt,
        "errors",
        "error",
        status=status,
    )


def _organization(request):
    slug = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if not slug:
        raise Open311Error(
            400, _("jurisdiction_id is required: the organisation's URL name.")
        )
    try:
        return access_organization(slug=slug)
    except Http404:
        raise Open311Error(404, _("There is no jurisdiction with this id.")) from None


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _service_row(service: Service) -> dict:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description,
        "metadata": True,
        "type": "realtime",
        "keywords": service.category,
        "group": service.category,
    }


def _request_row(item: ServiceRequest) -> dict:
    show_location = item.service.location_public
    return {
        "service_request_id": str(item.pk),
        "status": "closed" if item.status in CLOSED_STATUSES else "open",
        # The officer's note is written to one citizen: only the status is public.
        "status_notes": item.get_status_display(),
        "service_name": item.service.name,
        "service_code": item.service.code,
        "description": "",
        "agency_responsible": item.service.responsible_unit,
        "service_notice": "",
        "requested_datetime": _iso(item.received_at),
        "updated_datetime": _iso(item.closed_at or item.updated_at),
        "expected_datetime": _iso(item.due_at),
        "address": item.address if show_location else "",
        "address_id": "",
        "zipcode": "",
        "lat": float(item.latitude)
        if show_location and item.latitude is not None
        else None,
        "long": float(item.longitude)
        if show_location and item.longitude is not None
        else None,
        "media_url": "",
    }


def _handle(view):
    def wrapped(request, *args, fmt: str, **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            return _error(fmt, error.status, error.description)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_http_methods(["GET"])
@_handle
def service_list(request, fmt: str):
    organization = _organization(request)
    rows = [
        _service_row(s)
        for s in selectors.service_list(organization=organization, published_only=True)
    ]
    for feed in feeds.feeds():
        rows.extend(feed.services(organization))
    return _render(rows, fmt, "services", "service")


@require_http_methods(["GET"])
@_handle
def service_definition(request, code: str, fmt: str):
    organization = _organization(request)
    try:
        service = selectors.access_public_service(organization=organization, code=code)
    except Http404:
        raise Open311Error(404, _("There is no service with this code.")) from None
    version = selectors.service_get_current_form(service=service)
    attributes = []
    for order, spec in enumerate(version.fields, start=1):
        attributes.append(
            {
                "variable": True,
                "code": spec["code"],
                "datatype": OPEN311_DATATYPES[spec["type"]],
                "required": bool(spec["required"]) and spec["type"] not in ("file",),
                "datatype_description": spec.get("help", ""),
                "order": order,
                "description": spec["label"],
                "values": [{"key": c, "name": c} for c in spec.get("choices", [])],
            }
        )
    return (
        _render(
            {"service_code": service.code, "attributes": attributes},
            fmt,
            "service_definition",
            "service_definition",
        )
        if fmt == "json"
        else _definition_xml(service.code, attributes)
    )


def _definition_xml(code: str, attributes: list[dict]):
    root = ET.Element("service_definition")
    ET.SubElement(root, "service_code").text = code
    _to_xml(root, {"attributes": attributes})
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(
        root, encoding="utf-8"
    )
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _parse_date(value: str | None, name: str):
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise Open311Error(
            400, _("%(name)s is not an ISO 8601 date and time.") % {"name": name}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_handle
def request_list(request, fmt: str):
    organization = _organization(request)
    if request.method == "POST":
        return _request_create(request, organization, fmt)
    page, size = _paging(request)
    qs = ServiceRequest.objects.filter(organization=organization).select_related(
        "service"
    )
    ids = request.GET.get("service_request_id")
    if ids:
        wanted = [i.strip() for i in ids.split(",") if i.strip()][:MAX_ROWS]
        rows = [_request_row(r) for r in qs.filter(pk__in=_own_ids(wanted))]
        others = [i for i in wanted if not i.isdigit()]
        for feed in feeds.feeds() if others else ():
            rows.extend(feed.requests_by_id(organization, others))
        return _render(rows, fmt, "service_requests", "request")
    query = _query(request)
    qs = qs.filter(received_at__gte=query.start, received_at__lte=query.end)
    if query.service_codes:
        qs = qs.filter(service__code__in=query.service_codes)
    if query.status == "open":
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    elif query.status == "closed":
        qs = qs.filter(status__in=CLOSED_STATUSES)
    own = (
        feeds.Open311Request(item.received_at, _request_row(item))
        for item in qs.order_by("-received_at", "-pk").iterator(chunk_size=500)
    )
    merged = heapq.merge(
        own,
        *(feed.requests(organization, query) for feed in feeds.feeds()),
        key=lambda r: r.requested_at,
        reverse=True,
    )
    rows = itertools.islice(merged, (page - 1) * size, page * size)
    return _render([r.row for r in rows], fmt, "service_requests", "request")


def _own_ids(wanted: list[str]) -> list[int]:
    """The E-Service's ids among ``wanted`` (all digits, within SQL's range)."""
    return [int(i) for i in wanted if i.isdigit() and len(i) < 10]


def _query(request) -> feeds.Open311Query:
    end = _parse_date(request.GET.get("end_date"), "end_date") or timezone.now()
    start = _parse_date(request.GET.get("start_date"), "start_date") or (
        end - timedelta(days=DEFAULT_DAYS)
    )
    codes = request.GET.get("service_code", "")
    return feeds.Open311Query(
        start=start,
        end=end,
        service_codes=tuple(c.strip() for c in codes.split(",") if c.strip()),
        status=request.GET.get("status", ""),
    )


def _paging(request) -> tuple[int, int]:
    try:
        page = bounded_int(request.GET.get("page"), default=1, low=-MAX_QUERY_INT)
        size = bounded_int(
            request.GET.get("page_size"), default=MAX_ROWS, low=-MAX_QUERY_INT
        )
    except ValueError:
        raise Open311Error(400, _("page and page_size are whole numbers.")) from None
    return max(1, page), min(MAX_ROWS, max(1, size))


@require_http_methods(["GET"])
@_handle
def request_get(request, pk: str, fmt: str):
    organization = _organization(request)
    if pk.isdigit():
        rows = [
            _request_row(item)
            for item in ServiceRequest.objects.filter(
                organization=organization, pk__in=_own_ids([pk])
            ).select_related("service")
        ]
    else:
        rows = [r for f in feeds.feeds() for r in f.requests_by_id(organization, [pk])]
    if not rows:
        raise Open311Error(404, _("There is no request with this id."))
    return _render(rows[:1], fmt, "service_requests", "request")


def _checked_form(data, version) -> RequestForm:
    """The citizen and the plain attributes of a POST, as a checked form."""
    form_data = {
        "citizen_name": " ".join(
            p for p in (data.get("first_name", ""), data.get("last_name", "")) if p
        ).strip()
        or _("Open311 user"),
        "citizen_phone": data.get("phone", ""),
        "citizen_email": data.get("email", ""),
        "privacy_accepted": "on",
    }
    plain = [s for s in version.fields if s["type"] not in ("file", "location")]
    for spec in plain:
        key = f"attribute[{spec['code']}]"
        if spec["type"] == "multichoice":
            form_data[f"f_{spec['code']}"] = data.getlist(key)
        elif key in data:
            form_data[f"f_{spec['code']}"] = data.get(key)
    form = RequestForm(form_data, definition=plain)
    if not form.is_valid():
        problems = []
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else name
            problems.append(f"{label}: {' '.join(errors)}")
        raise Open311Error(400, " ".join(problems))
    return form


def _location_answers(data, version) -> dict:
    """The answers of the form's location fields, from lat/long/address_string."""
    answers = {}
    lat, lng = data.get("lat", ""), data.get("long", "")
    address = data.get("address_string", "").strip()
    for spec in version.fields:
        if spec["type"] != "location":
            continue
        value = {}
        try:
            if lat and lng:
                latitude, longitude = float(lat), float(lng)
                if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                    raise ValueError("outside the globe")  # NaN and inf too
                value = {"lat": str(latitude), "lng": str(longitude)}
        except ValueError:
            raise Open311Error(400, _("lat and long must be numbers.")) from None
        if address:
            value["address"] = address[:200]
        if spec["required"] and not value:
            raise Open311Error(
                400, _("A location is required: send lat and long or address_string.")
            )
        answers[spec["code"]] = {k: v for k, v in value.items() if v}
    return answers


def _request_create(request, organization, fmt: str):
    data = request.POST
    if not selectors.open311_key_valid(
        organization=organization, key=data.get("api_key", "")
    ):
        raise Open311Error(403, _("A valid api_key is required to create requests."))
    feed = feeds.feed_for_code(data.get("service_code", ""))
    if feed is not None:
        raise Open311Error(400, feed.read_only_notice(organization))
    try:
        service = selectors.access_public_service(
            organization=organization, code=data.get("service_code", "")
        )
    except Http404:
        raise Open311Error(404, _("There is no service with this code.")) from None
    version = selectors.service_get_current_form(service=service)
    form = _checked_form(data, version)
    answers = {**form.answers(), **_location_answers(data, version)}
    if data.get("description"):
        answers["description"] = data["description"][:4000]
    if data.get("media_url"):
        answers["media_url"] = data["media_url"][:500]
    try:
        filed = services_filing.request_file(
            organization=organization,
            service=service,
            answers=answers,
            citizen_name=form.cleaned_data["citizen_name"],
            citizen_phone=form.cleaned_data["citizen_phone"],
            citizen_email=form.cleaned_data["citizen_email"],
            channel=Channel.OPEN311,
            privacy_accepted=True,
        )
    except (DomainError, ValidationError) as error:
        raise Open311Error(400, str(getattr(error, "message", error))) from None
    notice = _("Tracking code %(code)s. Follow the request at %(url)s") % {
        "code": filed.tracking_code,
        "url": request.build_absolute_uri(filed.get_tracking_url()),
    }
    return _render(
        [
            {
                "service_request_id": str(filed.pk),
                "service_notice": notice,
                "account_id": "",
            }
        ],
        fmt,
        "service_requests",
        "request",
        status=201,
    )
