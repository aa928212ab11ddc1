"""Reads and access helpers of the E-Service, always scoped to an organisation."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from prongsai.core import codes, deadlines, thai_dates
from prongsai.core.manuals import ProcedureData

from . import statistics
from .formdefs import answer_text
from .models import (
    OPEN_STATUSES,
    QUEUED_STATUSES,
    Attachment,
    EServiceSettings,
    FormVersion,
    ReopenRequest,
    Service,
    ServiceProcedure,
    ServiceRequest,
    Status,
)

STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_services.yaml"


@lru_cache(maxsize=1)
def _starter_templates() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(STARTER_FILE.read_text(encoding="utf-8")))


def starter_template_list() -> list[dict]:
    """The starter templates of common LAO services (a data file)."""
    return [dict(t) for t in _starter_templates()]


def eservice_settings_get(*, organization) -> EServiceSettings:
    """The organisation's settings, or unsaved defaults."""
    return EServiceSettings.for_organization(organization)


def open311_key_valid(*, organization, key: str) -> bool:
    from .services import api_key_hash

    row = EServiceSettings.objects.filter(organization=organization).first()
    if row is None or not row.open311_api_key_hash or not key:
        return False
    return constant_time_compare(row.open311_api_key_hash, api_key_hash(key))


# --- Services -----------------------------------------------------------------


def service_list(*, organization, published_only: bool = False) -> QuerySet[Service]:
    # Each row's link names its organisation: one join, not a query a row.
    qs = Service.objects.filter(organization=organization).select_related(
        "organization"
    )
    if published_only:
        qs = qs.filter(is_published=True)
    return qs.order_by("category", "name")


def access_service(*, organization, pk) -> Service:
    try:
        return Service.objects.get(organization=organization, pk=pk)
    except (Service.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_public_service(*, organization, code: str) -> Service:
    try:
        return Service.objects.get(
            organization=organization, code=code, is_published=True
        )
    except Service.DoesNotExist:
        raise Http404 from None


def service_get_current_form(*, service: Service) -> FormVersion:
    version = service.form_versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version


# --- Requests -----------------------------------------------------------------


def access_request(*, organization, pk) -> ServiceRequest:
    try:
        return ServiceRequest.objects.select_related(
            "service", "form_version", "assignee", "filed_by", "organization"
        ).get(organization=organization, pk=pk)
    except (ServiceRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# Codes issued before ``core.codes``: ten characters, stored as ``ABCDE-FGHJK``.
LEGACY_TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def tracking_lookup_key(text: str) -> str | None:
    """The stored form of a typed tracking code, or None for a typing mistake.

    New codes come from ``core.codes``; older ones (``ABCDE-FGHJK``) are
    still found, typed with or without the hyphen.
    """
    return codes.lookup_key(
        text,
        legacy_reader=codes.legacy(
            LEGACY_TRACKING_ALPHABET, 10, lambda raw: f"{raw[:5]}-{raw[5:]}"
        ),
    )


def access_request_by_code(*, organization, code: str) -> ServiceRequest:
    """A request by its tracking code; the code is the citizen's only key."""
    key = tracking_lookup_key(code)
    if key is None:
        raise Http404
    try:
        return ServiceRequest.objects.select_related(
            "service", "form_version", "organization"
        ).get(organization=organization, tracking_code=key)
    except ServiceRequest.DoesNotExist:
        raise Http404 from None


def request_list_for_line_user(*, organization, line_user_id: str):
    """The requests of one organisation that a LINE user follows, newest first."""
    if not line_user_id:
        return ServiceRequest.objects.none()
    return (
        ServiceRequest.objects.filter(
            organization=organization, line_user_id=line_user_id
        )
        .select_related("service", "organization")
        .order_by("-received_at")
    )


def access_attachment(*, organization, request_pk, pk) -> Attachment:
    """An attachment of a request of ``organization`` (staff side); else 404."""
    try:
        return Attachment.objects.select_related("request").get(
            request__organization=organization, request_id=request_pk, pk=pk
        )
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def citizen_owns_request(
    *, request: ServiceRequest, filed_ids, line_user_id: str
) -> bool:
    """Whether the visitor is the citizen who filed ``request``.

    Knowing the tracking code is not enough to see the files: the browser
    that filed the request (``filed_ids`` from its session) or the citizen
    signed in with the LINE account linked to the request is.
    """
    if request.pk in set(filed_ids or ()):
        return True
    if line_user_id and request.line_user_id:
        return constant_time_compare(request.line_user_id, line_user_id)
    return False


def attachment_list_for_citizen(
    *,
    request: ServiceRequest,
    filed_ids,
    line_user_id: str,
    is_service_staff: bool = False,
) -> QuerySet[Attachment]:
    """The request's attachments for its owner or service staff; else none."""
    if not (
        is_service_staff
        or citizen_owns_request(
            request=request, filed_ids=filed_ids, line_user_id=line_user_id
        )
    ):
        return Attachment.objects.none()
    return request.attachments.all()


def access_citizen_attachment(
    *,
    request: ServiceRequest,
    pk,
    filed_ids,
    line_user_id: str,
    is_service_staff: bool = False,
) -> Attachment:
    """One attachment for the owner of ``request`` or service staff; else 404."""
    attachments = attachment_list_for_citizen(
        request=request,
        filed_ids=filed_ids,
        line_user_id=line_user_id,
        is_service_staff=is_service_staff,
    )
    try:
        return attachments.get(pk=pk)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_reopen_request(*, organization, pk) -> ReopenRequest:
    try:
        return ReopenRequest.objects.select_related("request", "rating").get(
            request__organization=organization, pk=pk
        )
    except (ReopenRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def request_list_earlier_waiting(
    *, request: ServiceRequest
) -> QuerySet[ServiceRequest]:
    """Requests of the same service still waiting their turn ahead of this one."""
    return ServiceRequest.objects.filter(
        service_id=request.service_id,
        status__in=QUEUED_STATUSES,
        sequence__lt=request.sequence,
    )


def request_get_queue_position(*, request: ServiceRequest) -> int | None:
    """1 for the next request to be worked; None once work has started."""
    if request.status not in QUEUED_STATUSES:
        return None
    return request_list_earlier_waiting(request=request).count() + 1


def deadline_flag(request: ServiceRequest, *, now: datetime, soon_days: int) -> str:
    """ "overdue", "soon" or "" for an open request; the clock stops while waiting."""
    if request.status not in OPEN_STATUSES:
        return ""
    due = request.due_at
    if request.paused_at is not None:
        due = due + (now - request.paused_at)
    if deadlines.is_overdue(due, now):
        return "overdue"
    if deadlines.is_due_within(due, now, soon_days):
        return "soon"
    return ""


def request_list_queue(
    *,
    organization,
    service: Service | None = None,
    status: str = "",
    flag: str = "",
    assignee=None,
) -> QuerySet[ServiceRequest]:
    """The staff queue: open requests in arrival order by default."""
    qs = ServiceRequest.objects.filter(organization=organization).select_related(
        "organization", "service", "assignee"
    )
    if service is not None:
        qs = qs.filter(service=service)
    if status == "closed":
        qs = qs.exclude(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    elif status != "all":
        qs = qs.filter(status__in=OPEN_STATUSES)
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    now = timezone.now()
    if flag == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__lt=now)
    elif flag == "soon":
        days = eservice_settings_get(organization=organization).soon_due_days
        qs = qs.filter(
            status__in=OPEN_STATUSES,
            paused_at__isnull=True,
            due_at__gte=now,
            due_at__lte=now + timedelta(days=days),
        )
    return qs.order_by("received_at", "sequence")


def request_get_counts(*, organization) -> dict[str, int]:
    """Open, overdue and soon-due requests (one query) and open reopen requests."""
    now = timezone.now()
    days = eservice_settings_get(organization=organization).soon_due_days
    running = Q(paused_at__isnull=True)
    counts = ServiceRequest.objects.filter(
        organization=organization, status__in=OPEN_STATUSES
    ).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=running & Q(due_at__lt=now)),
        soon=Count(
            "pk",
            filter=running & Q(due_at__gte=now, due_at__lte=now + timedelta(days=days)),
        ),
    )
    counts["reopen"] = ReopenRequest.objects.filter(
        request__organization=organization, state=ReopenRequest.State.OPEN
    ).count()
    return counts


def reopen_request_list(*, organization) -> QuerySet[ReopenRequest]:
    return (
        ReopenRequest.objects.filter(
            request__organization=organization, state=ReopenRequest.State.OPEN
        )
        .select_related("request", "request__service", "rating")
        .order_by("created_at")
    )


def request_get_answers(*, request: ServiceRequest) -> list[tuple[str, str]]:
    """(label, answer) pairs under the form version the request was filed with."""
    rows = []
    for field in request.form_version.fields:
        if field["type"] == "file":
            continue
        rows.append(
            (field["label"], answer_text(field, request.answers.get(field["code"])))
        )
    return rows


def request_list_public_history(*, request: ServiceRequest):
    return request.events.filter(is_public=True).order_by("created_at", "id")


def request_list_due_for_reminder(
    *, now: datetime, organization_id: int | None = None
) -> QuerySet[ServiceRequest]:
    """Open, running requests that may be overdue or due within their
    organisation's window (a month ahead at most); of one organisation when
    ``organization_id`` is given."""
    horizon = now + timedelta(days=30)
    rows = (
        ServiceRequest.objects.all_organizations()  # the hourly job serves them all
        .filter(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__lte=horizon)
        .select_related("organization", "service", "service__officer", "assignee")
        .order_by("organization_id", "due_at")
    )
    if organization_id is not None:
        rows = rows.filter(organization_id=organization_id)
    return rows


# --- Statistics ---------------------------------------------------------------


def _records(qs) -> list[statistics.Record]:
    ratings: dict[int, list[int]] = {}
    rows = list(
        qs.values(
            "pk",
            "service_id",
            "service__name",
            "status",
            "received_at",
            "closed_at",
            "due_at",
            "queue_jump_reason",
        )
    )
    from .models import Rating

    ids = [r["pk"] for r in rows]
    for rid, score in Rating.objects.filter(request_id__in=ids).values_list(
        "request_id", "score"
    ):
        ratings.setdefault(rid, []).append(score)
    reopens: dict[int, int] = {}
    for rid in ReopenRequest.objects.filter(
        request_id__in=ids, state=ReopenRequest.State.REOPENED
    ).values_list("request_id", flat=True):
        reopens[rid] = reopens.get(rid, 0) + 1
    return [
        statistics.Record(
            service=row["service__name"],
            status=row["status"],
            received=thai_dates.local_date(row["received_at"]),
            received_at=row["received_at"],
            closed_at=row["closed_at"],
            due_at=row["due_at"],
            jumped=bool(row["queue_jump_reason"]),
            ratings=tuple(ratings.get(row["pk"], ())),
            reopens=reopens.get(row["pk"], 0),
        )
        for row in rows
    ]


def eservice_statistics_get(
    *, organization, fiscal_year: int, service: Service | None = None
) -> statistics.Report:
    """Statistics of requests received in a fiscal year, per service and period."""
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    tz = timezone.get_current_timezone()
    qs = ServiceRequest.objects.filter(
        organization=organization,
        received_at__gte=datetime.combine(start, datetime.min.time(), tz),
        received_at__lt=datetime.combine(
            end + timedelta(days=1), datetime.min.time(), tz
        ),
    )
    if service is not None:
        qs = qs.filter(service=service)
    return statistics.build_report(_records(qs), fiscal_year=fiscal_year)


def eservice_dataset_list_years(*, organization) -> list[int]:
    """Fiscal years that have requests, newest first."""
    dates = ServiceRequest.objects.filter(organization=organization).dates(
        "received_at", "month"
    )
    return sorted({thai_dates.fiscal_year(d) for d in dates}, reverse=True)


ESERVICE_DATASET_FIELDS = [
    ("service", "บริการ"),
    ("month", "เดือน"),
    ("received", "รับคำขอ"),
    ("completed", "ดำเนินการแล้วเสร็จ"),
    ("rejected", "ไม่อนุมัติ"),
    ("in_time", "แล้วเสร็จภายในกำหนด"),
    ("mean_days", "เวลาดำเนินการเฉลี่ย (วัน)"),
    ("median_days", "เวลาดำเนินการมัธยฐาน (วัน)"),
    ("queue_jumps", "การดำเนินการข้ามคิว"),
    ("ratings", "จำนวนการประเมิน"),
    ("satisfaction", "ความพึงพอใจเฉลี่ย (เต็ม 5)"),
]


def eservice_dataset_list_rows(*, organization, fiscal_year: int) -> list[dict]:
    """One row per service and month of a fiscal year, for the open-data catalogue.

    Keys are the first items of ``ESERVICE_DATASET_FIELDS``; no personal data.
    """
    report = eservice_statistics_get(organization=organization, fiscal_year=fiscal_year)
    rows = []
    for (service_name, month), figures in sorted(report.by_service_month.items()):
        rows.append(
            {"service": service_name, "month": month.isoformat()[:7]} | figures.as_row()
        )
    return rows


# --- OIT evidence -------------------------------------------------------------


def service_list_online(*, organization) -> list[Service]:
    """Published services that take requests online (they have a form)."""
    return list(
        Service.objects.filter(
            organization=organization, is_published=True, form_versions__isnull=False
        )
        .distinct()
        .order_by("category", "name")
    )


def service_get_last_updated(*, organization):
    return (
        Service.objects.filter(organization=organization, is_published=True)
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )


# --- Staff work manuals -------------------------------------------------------


def service_procedure_data(service: Service) -> ProcedureData:
    """The internal procedure of a service as the shared editor shows it."""
    procedure = (
        ServiceProcedure.objects.filter(service=service)
        .prefetch_related("steps")
        .first()
    )
    if procedure is None:
        return ProcedureData()
    return ProcedureData.of(procedure, procedure.steps.all())


def service_list_with_procedure(
    *, organization, pk: int | None = None
) -> list[Service]:
    """Published services that have a procedure with steps, with it loaded
    (only the one with ``pk`` when given)."""
    services = Service.objects.filter(
        organization=organization,
        is_published=True,
        procedure__steps__isnull=False,
    )
    if pk is not None:
        services = services.filter(pk=pk)
    return list(
        services.distinct()
        .select_related("organization", "procedure")
        .prefetch_related("procedure__steps")
        .order_by("category", "name")
    )
