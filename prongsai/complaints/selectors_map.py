"""What the public may see of the complaint centre's reports: the map, its
GeoJSON and the Open311 feed (``open311_feed.py``) read only this module.

One rule for every public output (:func:`public_report_queryset`):

- complaints and suggestions only: never a confidential report
  (``Kind.CORRUPTION``), nor praise (as on the public board);
- never a duplicate merged into another case;
- only once an officer approved the public text (``public_subject``,
  ``public_text_reviewed_at``; ``services.case_review_public_text``): that
  text is the only words shown, never the complainant's subject or
  description, name, phone, e-mail or chat ids;
- open cases, and cases resolved in the last :data:`RESOLVED_SHOWN_DAYS`
  days (rejected and forwarded ones are not reports of work done here).

Coordinates point at a house: they are rounded to :data:`COORDINATE_PLACES`
decimals (about 10 m), and left out once the complainant's personal data was
removed. A photo after the fix is shown once the case is resolved, when the
officer who closed it let it be shown publicly (``CaseAttachment.is_public``,
checked by default: it shows public works, not people); never a photo the
complainant sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from .models import OPEN_STATUSES, Case, Kind, Status
from .selectors_entries import public_after_fix_photos

RESOLVED_SHOWN_DAYS = 90
MAX_REPORTS = 2000
COORDINATE_PLACES = 4
PUBLIC_REPORT_KINDS = (Kind.COMPLAINT, Kind.SUGGESTION)
STATE_OPEN = "open"
STATE_RESOLVED = "resolved"

_PLACES = Decimal(1).scaleb(-COORDINATE_PLACES)


def round_coordinate(value: Decimal | float | None) -> float | None:
    """A coordinate rounded to about 10 m, for public outputs."""
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(_PLACES, rounding=ROUND_HALF_EVEN))


@dataclass(frozen=True)
class PublicReport:
    """One report as the public sees it: nothing else of the case leaves."""

    public_id: str  # the case reference (C2569-0001), never the tracking code
    category: str
    category_id: int | None
    state: str  # STATE_OPEN or STATE_RESOLVED
    status: str  # the case's status code
    status_label: str  # its label in the active language
    subject: str  # the approved public text
    received_at: datetime.datetime
    updated_at: datetime.datetime
    latitude: float | None
    longitude: float | None
    # The latest photo after the fix that may be shown publicly, of a
    # resolved case (``complaints-public:after-photo``), else None.
    after_photo_url: str | None = None

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class PublicReportList:
    reports: list[PublicReport]
    capped: bool = False  # more reports matched than ``limit``
    limit: int = MAX_REPORTS
    located: list[PublicReport] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "located", [r for r in self.reports if r.located])


def public_report_queryset(*, organization, now=None) -> QuerySet[Case]:
    """Every case of ``organization`` the public may see (see the module)."""
    since = (now or timezone.now()) - datetime.timedelta(days=RESOLVED_SHOWN_DAYS)
    return (
        Case.objects.filter(
            organization=organization,
            kind__in=PUBLIC_REPORT_KINDS,
            merged_into__isnull=True,
            public_text_reviewed_at__isnull=False,
        )
        .exclude(kind=Kind.CORRUPTION)
        .exclude(public_subject="")
        .filter(
            Q(status__in=OPEN_STATUSES)
            | Q(status=Status.RESOLVED, closed_at__gte=since)
        )
    )


def public_report_of(case: Case) -> PublicReport:
    """The public view of one case taken from :func:`public_report_queryset`."""
    located = case.personal_data_removed_at is None
    photo = getattr(case, "after_photo_pk", None)
    return PublicReport(
        public_id=case.reference,
        category=case.category.name if case.category else "",
        category_id=case.category_id,
        state=STATE_OPEN if case.status in OPEN_STATUSES else STATE_RESOLVED,
        status=case.status,
        status_label=str(case.get_status_display()),
        subject=case.public_subject,
        received_at=case.received_at,
        updated_at=case.closed_at or case.updated_at,
        latitude=round_coordinate(case.latitude) if located else None,
        longitude=round_coordinate(case.longitude) if located else None,
        after_photo_url=reverse(
            "complaints-public:after-photo",
            kwargs={"org": getattr(case, "org_slug", ""), "pk": photo},
        )
        if photo and case.status == Status.RESOLVED
        else None,
    )


#: Only what a public report shows is read (never the complainant's words,
#: name or contacts, not even into memory).
_PUBLIC_FIELDS = (
    "reference",
    "category_id",
    "category__name",
    "status",
    "public_subject",
    "received_at",
    "closed_at",
    "updated_at",
    "latitude",
    "longitude",
    "personal_data_removed_at",
)


def _public_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    after_photo = (
        public_after_fix_photos(OuterRef("organization_id"))
        .filter(case=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    return (
        cases.select_related("category")
        .only(*_PUBLIC_FIELDS)
        .annotate(
            after_photo_pk=Subquery(after_photo), org_slug=F("organization__slug")
        )
        .order_by("-received_at", "-id")
    )


def public_report_list(
    *,
    organization,
    category_id: int | None = None,
    state: str = "",
    period_days: int | None = None,
    located_only: bool = False,
    limit: int | None = None,
) -> PublicReportList:
    """The public reports that match the filters, newest first, at most
    ``limit`` (default :data:`MAX_REPORTS`) of them (one query, the category
    joined)."""
    limit = MAX_REPORTS if limit is None else limit
    now = timezone.now()
    cases = public_report_queryset(organization=organization, now=now)
    if category_id is not None:
        cases = cases.filter(category_id=category_id)
    if state == STATE_OPEN:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif state == STATE_RESOLVED:
        cases = cases.filter(status=Status.RESOLVED)
    if period_days is not None:
        cases = cases.filter(
            received_at__gte=now - datetime.timedelta(days=period_days)
        )
    if located_only:
        cases = cases.filter(
            latitude__isnull=False,
            longitude__isnull=False,
            personal_data_removed_at__isnull=True,
        )
    rows = list(_public_rows(cases)[: limit + 1])
    return PublicReportList(
        reports=[public_report_of(c) for c in rows[:limit]],
        capped=len(rows) > limit,
        limit=limit,
    )


def public_report_iter(
    *,
    organization,
    received_from: datetime.datetime,
    received_to: datetime.datetime,
    category_ids: Iterable[int] | None = None,
    uncategorised: bool = False,
    state: str = "",
) -> Iterator[PublicReport]:
    """Public reports received in a window, newest first, read in chunks (the
    Open311 feed pages them with the E-Service's requests).

    ``category_ids`` (with ``uncategorised`` for cases without a category)
    narrows them to those categories; None: every category.
    """
    cases = public_report_queryset(organization=organization).filter(
        received_at__gte=received_from, received_at__lte=received_to
    )
    if category_ids is not None:
        wanted = Q(category_id__in=list(category_ids))
        if uncategorised:
            wanted |= Q(category__isnull=True)
        cases = cases.filter(wanted)
    if state == STATE_OPEN:
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif state == STATE_RESOLVED:
        cases = cases.filter(status=Status.RESOLVED)
    for case in _public_rows(cases).iterator(chunk_size=500):
        yield public_report_of(case)


def public_report_list_by_id(
    *, organization, public_ids: list[str]
) -> list[PublicReport]:
    """The public reports with these public ids (others are left out)."""
    references = {(i or "").strip().upper()[:20] for i in public_ids}
    cases = public_report_queryset(organization=organization).filter(
        reference__in=references
    )
    return [public_report_of(c) for c in _public_rows(cases)]
