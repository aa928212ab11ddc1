"""Reads of the complaint centre and the ``access_*`` helpers (404 otherwise).

General cases and confidential reports are reached through different helpers:
``access_case`` never returns a confidential report, so a complaint officer's
pages cannot show one even with a guessed id.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core import codes, thai_dates

from . import receipts, similarity
from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseAttachment,
    CaseEntry,
    Category,
    Channel,
    ComplaintSettings,
    ExternalAddressChange,
    ExternalBody,
    ExternalRecipient,
    Kind,
    Status,
)


def complaint_settings_for(*, organization) -> ComplaintSettings:
    """The stored settings, or unsaved defaults when none were saved yet."""
    return ComplaintSettings.for_organization(organization)


# --- Where reports about executives go ------------------------------------------
@dataclass(frozen=True)
class RecipientInForce:
    """The body that reports about executives are sent to, and why."""

    name: str
    email: str
    source: str  # "listed", "own" or "default"


def external_recipient_choices(*, organization) -> QuerySet[ExternalRecipient]:
    """Operator-listed recipients the organisation may choose: national ones and
    those of its own province."""
    province = getattr(organization, "province", "") or ""
    return ExternalRecipient.objects.filter(is_active=True).filter(
        Q(province="") | Q(province=province)
    )


def external_recipient_default(*, organization, kind: str) -> ExternalRecipient | None:
    """The operator-listed recipient used when the organisation chose none:
    of the kind in its settings, its province's before a national one, else
    the national NACC entry."""
    choices = external_recipient_choices(organization=organization)
    for wanted in (kind, ExternalBody.NACC):
        found = (
            choices.filter(kind=wanted)
            .order_by("-province", "name", "pk")  # provincial ("x") before ""
            .first()
        )
        if found is not None:
            return found
    return None


def external_recipient_in_force(*, organization) -> RecipientInForce | None:
    """Where a report about an executive of ``organization`` is sent now.

    The organisation's choice from the operator's list; else its own address,
    but only once verified and confirmed by a second person; else the
    operator-listed default. None when the operator has listed nothing.
    """
    row = (
        ComplaintSettings.objects.select_related("external_recipient")
        .filter(organization=organization)
        .first()
    )
    listed = row.external_recipient if row is not None else None
    if listed is not None and listed.is_active:
        return RecipientInForce(listed.name, listed.email, "listed")
    if row is not None and row.external_body_email:
        confirmed = (
            ExternalAddressChange.objects.filter(
                organization=organization,
                status=ExternalAddressChange.Status.CONFIRMED,
                email__iexact=row.external_body_email,
            )
            .order_by("-decided_at", "-pk")
            .first()
        )
        if confirmed is not None:
            return RecipientInForce(
                confirmed.body_name or confirmed.email, confirmed.email, "own"
            )
    kind = row.external_body if row is not None else ExternalBody.NACC
    default = external_recipient_default(organization=organization, kind=kind)
    if default is None:
        return None
    return RecipientInForce(default.name, default.email, "default")


def external_address_change_list(*, organization) -> QuerySet[ExternalAddressChange]:
    return ExternalAddressChange.objects.filter(
        organization=organization
    ).select_related("proposed_by", "decided_by")


def access_external_address_change(*, organization, pk) -> ExternalAddressChange:
    try:
        return ExternalAddressChange.objects.select_related("proposed_by").get(
            organization=organization, pk=pk
        )
    except (ExternalAddressChange.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def category_list(*, organization, active_only: bool = False) -> QuerySet[Category]:
    categories = Category.objects.filter(organization=organization)
    if active_only:
        categories = categories.filter(is_active=True)
    return categories.order_by("order", "name")


def access_category(*, organization, pk) -> Category:
    try:
        return Category.objects.get(organization=organization, pk=pk)
    except (Category.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_list(
    *,
    organization,
    status: str = "",
    category_id=None,
    channel: str = "",
    kind: str = "",
    overdue: bool = False,
    mine_user=None,
    query: str = "",
) -> list[Case] | QuerySet[Case]:
    """General cases (never confidential ones), newest first, filtered."""
    cases = (
        Case.objects.filter(organization=organization)
        .exclude(kind=Kind.CORRUPTION)
        .select_related("category", "assigned_to")
    )
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status:
        cases = cases.filter(status=status)
    if category_id:
        cases = cases.filter(category_id=category_id)
    if channel:
        cases = cases.filter(channel=channel)
    if kind:
        cases = cases.filter(kind=kind)
    if mine_user is not None:
        cases = cases.filter(assigned_to=mine_user)
    if query:
        cases = cases.filter(
            Q(reference__icontains=query)
            | Q(subject__icontains=query)
            | Q(location_text__icontains=query)
        )
    cases = cases.order_by("-received_at", "-id")
    if overdue:
        return [c for c in cases.filter(status__in=OPEN_STATUSES) if c.is_overdue]
    return cases


def access_case(*, organization, pk) -> Case:
    """A general case of the organisation, or 404 (confidential ones too)."""
    try:
        return (
            Case.objects.select_related("category", "assigned_to", "merged_into")
            .exclude(kind=Kind.CORRUPTION)
            .get(organization=organization, pk=pk)
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_get_by_reference(*, organization, reference: str) -> Case | None:
    """A general case of the organisation by its reference (typed), or None."""
    return (
        Case.objects.filter(
            organization=organization, reference=(reference or "").strip().upper()
        )
        .exclude(kind=Kind.CORRUPTION)
        .first()
    )


def access_case_attachment(*, organization, pk) -> CaseAttachment:
    """A file of a general case of the organisation, or 404."""
    item = (
        CaseAttachment.objects.select_related("case")
        .filter(case__organization=organization, pk=pk)
        .exclude(case__kind=Kind.CORRUPTION)
        .first()
    )
    if item is None:
        raise Http404
    return item


def access_confidential_attachment(*, organization, pk) -> CaseAttachment:
    """A file of a confidential report handled inside the organisation, or 404."""
    item = (
        CaseAttachment.objects.select_related("case")
        .filter(
            case__organization=organization,
            case__kind=Kind.CORRUPTION,
            case__external_body="",
            pk=pk,
        )
        .first()
    )
    if item is None:
        raise Http404
    return item


# Codes issued before ``core.codes``: ten characters, stored without a hyphen.
LEGACY_TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def tracking_lookup_key(code: str) -> str | None:
    """The stored form of a typed tracking code, or None for a typing mistake."""
    return codes.lookup_key(
        code, legacy_reader=codes.legacy(LEGACY_TRACKING_ALPHABET, 10)
    )


def access_case_by_tracking_code(*, organization, code: str) -> Case:
    """A general case by its tracking code, or 404 (mistyped codes too)."""
    key = tracking_lookup_key(code)
    if key is None:
        raise Http404
    try:
        return (
            Case.objects.select_related("category", "merged_into")
            .exclude(kind=Kind.CORRUPTION)
            .get(organization=organization, tracking_code=key)
        )
    except Case.DoesNotExist:
        raise Http404 from None


def confidential_list(*, organization, status: str = "") -> QuerySet[Case]:
    cases = Case.objects.filter(organization=organization, kind=Kind.CORRUPTION)
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status:
        cases = cases.filter(status=status)
    return cases.order_by("-received_at", "-id")


def access_confidential_case(*, organization, pk) -> Case:
    try:
        return Case.objects.get(organization=organization, kind=Kind.CORRUPTION, pk=pk)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_confidential_by_receipt(*, organization, code: str) -> Case | None:
    """The report a receipt code opens, or None. The code is never stored."""
    code = codes.normalize_receipt_code(code)
    if len(code) != codes.RECEIPT_LENGTH:
        return None
    row = ComplaintSettings.objects.filter(organization=organization).first()
    if row is None or not row.receipt_salt:
        return None
    reports = Case.objects.filter(organization=organization, kind=Kind.CORRUPTION)
    algorithms = {
        stored.split("$", 1)[0]
        for stored in reports.exclude(receipt_hash="")
        .values_list("receipt_hash", flat=True)
        .distinct()
    }
    if not algorithms:
        return None
    hashes = receipts.receipt_hash_candidates(code, row.receipt_salt, algorithms)
    return reports.filter(receipt_hash__in=hashes).first()


def case_entries(*, case: Case, public_only: bool = False) -> QuerySet[CaseEntry]:
    entries = case.entries.select_related("author")
    if public_only:
        entries = entries.filter(is_public=True)
    return entries.order_by("created_at", "id")


def duplicate_candidates(*, case: Case, limit: int = 5) -> list[tuple[Case, float]]:
    """Open or recent cases that look like the same matter, best first."""
    if case.category_id is None or case.merged_into_id:
        return []
    since = case.received_at - datetime.timedelta(days=90)
    others = (
        Case.objects.filter(
            organization=case.organization,
            kind=case.kind,
            category_id=case.category_id,
            merged_into__isnull=True,
            received_at__gte=since,
        )
        .exclude(pk=case.pk)
        .order_by("-received_at")[:300]
    )

    def candidate(c: Case) -> similarity.Candidate:
        return similarity.Candidate(
            pk=c.pk,
            category_id=c.category_id,
            text=f"{c.subject} {c.description}",
            latitude=c.latitude,
            longitude=c.longitude,
            location_text=c.location_text,
        )

    me = candidate(case)
    scored = []
    for other in others:
        value = similarity.score(me, candidate(other))
        if value is not None:
            scored.append((other, value))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def assignable_members(*, organization):
    from prongsai.organizations.selectors import membership_list

    return [
        m
        for m in membership_list(organization=organization)
        if {"complaint_officer", "org_admin", "staff", "service_officer"} & set(m.roles)
    ]


# --- Statistics -----------------------------------------------------------------------
OUTCOME_RECEIVED = "received"
OUTCOME_IN_PROGRESS = "in_progress"
OUTCOME_COMPLETED = "completed"
OUTCOME_FORWARDED = "forwarded"


def outcome_of(status: str) -> str:
    if status in OPEN_STATUSES:
        return OUTCOME_IN_PROGRESS
    if status == Status.FORWARDED:
        return OUTCOME_FORWARDED
    return OUTCOME_COMPLETED


def _fiscal_cases(organization, fiscal_year: int) -> QuerySet[Case]:
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    tz = timezone.get_current_timezone()
    return Case.objects.filter(
        organization=organization,
        merged_into__isnull=True,
        received_at__gte=datetime.datetime.combine(start, datetime.time.min, tz),
        received_at__lt=datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tz
        ),
    )


def statistics_years(*, organization) -> list[int]:
    """Fiscal years with cases, plus the current and the previous one (the OIT
    asks for the previous year's figures, "none" included), newest first."""
    current = thai_dates.fiscal_year(timezone.localdate())
    years = {current, current - 1}
    for received in Case.objects.filter(organization=organization).values_list(
        "received_at", flat=True
    ):
        years.add(thai_dates.fiscal_year(received))
    return sorted(years, reverse=True)


def complaint_statistics(*, organization, fiscal_year: int) -> dict:
    """Counts for one fiscal year, by kind, category, channel and outcome.

    Corruption reports are counted apart and only as totals per outcome: no
    category, channel or case detail.
    """
    rows = list(
        _fiscal_cases(organization, fiscal_year).values_list(
            "kind", "category__name", "channel", "status", "satisfaction"
        )
    )
    general = [r for r in rows if r[0] != Kind.CORRUPTION]
    corruption = [r for r in rows if r[0] == Kind.CORRUPTION]
    outcomes = Counter(outcome_of(r[3]) for r in general)
    by_category: dict[str, Counter] = {}
    for kind, category, _channel, status, _rating in general:
        key = category or ""
        by_category.setdefault(key, Counter())
        by_category[key][OUTCOME_RECEIVED] += 1
        by_category[key][outcome_of(status)] += 1
        del kind
    ratings = [r[4] for r in general if r[4]]
    channel_labels = dict(Channel.choices)
    kind_labels = dict(Kind.choices)
    return {
        "fiscal_year": fiscal_year,
        "total": len(general),
        "outcomes": {
            OUTCOME_RECEIVED: len(general),
            OUTCOME_IN_PROGRESS: outcomes[OUTCOME_IN_PROGRESS],
            OUTCOME_COMPLETED: outcomes[OUTCOME_COMPLETED],
            OUTCOME_FORWARDED: outcomes[OUTCOME_FORWARDED],
        },
        "by_kind": [
            (str(kind_labels[k]), n)
            for k, n in sorted(Counter(r[0] for r in general).items())
        ],
        "by_channel": [
            (str(channel_labels.get(c, c)), n)
            for c, n in Counter(r[2] for r in general).most_common()
        ],
        "by_category": [(name, counts) for name, counts in sorted(by_category.items())],
        "satisfaction_count": len(ratings),
        "satisfaction_mean": (sum(ratings) / len(ratings)) if ratings else None,
        "corruption": {
            "total": len(corruption),
            OUTCOME_IN_PROGRESS: sum(
                1 for r in corruption if outcome_of(r[3]) == OUTCOME_IN_PROGRESS
            ),
            OUTCOME_COMPLETED: sum(
                1 for r in corruption if outcome_of(r[3]) == OUTCOME_COMPLETED
            ),
            OUTCOME_FORWARDED: sum(
                1 for r in corruption if outcome_of(r[3]) == OUTCOME_FORWARDED
            ),
        },
    }


def public_case_board(*, organization, limit: int = 10) -> list[dict]:
    """Recently closed general cases for the public page.

    The subject is the text an officer approved (``case_review_public_text``),
    or "" while none is approved: the case is counted and listed, its words
    are not shown.
    """
    cases = (
        Case.objects.filter(
            organization=organization,
            status__in=CLOSED_STATUSES,
            merged_into__isnull=True,
        )
        .exclude(kind__in=[Kind.CORRUPTION, Kind.PRAISE])
        .select_related("category")
        .order_by("-closed_at")[:limit]
    )
    return [
        {
            "reference": c.reference,
            "category": c.category.name if c.category else "",
            "subject": c.public_text,
            "status": c.get_status_display(),
            "received_at": c.received_at,
            "closed_at": c.closed_at,
        }
        for c in cases
    ]


def complaint_dataset_rows(
    *, organization, fiscal_year: int | None = None
) -> list[dict]:
    """One row per general case for the open-data catalogue; no personal data.

    The subject is the text an officer approved, or "" while none is; names,
    contacts, chat ids, coordinates and confidential reports are left out.
    """
    cases = (
        Case.objects.filter(organization=organization, merged_into__isnull=True)
        .exclude(kind=Kind.CORRUPTION)
        .select_related("category")
        .order_by("received_at", "id")
    )
    if fiscal_year is not None:
        cases = cases.filter(pk__in=_fiscal_cases(organization, fiscal_year))
    return [
        {
            "reference": c.reference,
            "fiscal_year": thai_dates.fiscal_year(c.received_at),
            "received_date": timezone.localtime(c.received_at).date().isoformat(),
            "kind": c.kind,
            "category": c.category.name if c.category else "",
            "channel": c.channel,
            "subject": c.public_text,
            "status": c.status,
            "outcome": outcome_of(c.status),
            "closed_date": timezone.localtime(c.closed_at).date().isoformat()
            if c.closed_at
            else "",
            "satisfaction": c.satisfaction or "",
        }
        for c in cases
    ]


COMPLAINT_DATASET_FIELDS = (
    "reference",
    "fiscal_year",
    "received_date",
    "kind",
    "category",
    "channel",
    "subject",
    "status",
    "outcome",
    "closed_date",
    "satisfaction",
)


# --- PDPA ---------------------------------------------------------------------------
# --- OIT evidence: the corruption-report guideline ------------------------------


@dataclass(frozen=True)
class CorruptionGuideline:
    """What the public guideline for corruption reports states."""

    acknowledge_days: int
    resolve_days: int
    deadline_unit: str
    external_body: str
    has_address: bool
    has_phone: bool

    @property
    def missing_contacts(self) -> list[str]:
        return [
            label
            for label, present in (
                ("ที่อยู่สำหรับยื่นเรื่องด้วยตนเองหรือทางไปรษณีย์", self.has_address),
                ("หมายเลขโทรศัพท์", self.has_phone),
            )
            if not present
        ]


def corruption_guideline(*, organization) -> CorruptionGuideline:
    from .models import ExternalBody
    from .services_intake import (
        CONFIDENTIAL_ACKNOWLEDGE_DAYS,
        CONFIDENTIAL_RESOLVE_DAYS,
    )

    settings_row = complaint_settings_for(organization=organization)
    return CorruptionGuideline(
        acknowledge_days=CONFIDENTIAL_ACKNOWLEDGE_DAYS,
        resolve_days=CONFIDENTIAL_RESOLVE_DAYS,
        deadline_unit=settings_row.confidential_deadline_unit,
        external_body=str(ExternalBody(settings_row.external_body).label),
        has_address=bool(organization.address.strip()),
        has_phone=bool(organization.phone.strip()),
    )
