"""Reads of the complaint centre and the ``access_*`` helpers (404 otherwise).

General cases and confidential reports are reached through different helpers:
``access_case`` never returns a confidential report, so a complaint officer's
pages cannot show one even with a guessed id.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core import codes, personal_data
from prongsai.core.manuals import ProcedureData

from . import receipts, similarity
from .models import (
    OPEN_STATUSES,
    Case,
    CaseAttachment,
    CaseEntry,
    Category,
    CategoryProcedure,
    ComplaintSettings,
    ExternalAddressChange,
    ExternalBody,
    ExternalRecipient,
    Kind,
    Status,
)

#: Who reads a confidential report inside the organisation: the integrity
#: officers, or (a report about one of them) the executives.
#: (The same names as the personal-data search's audiences.)
AUDIENCE_OFFICERS = personal_data.AUDIENCE_OFFICERS
AUDIENCE_EXECUTIVES = personal_data.AUDIENCE_EXECUTIVES


def _for_audience(cases, audience: str, prefix: str = ""):
    return cases.filter(
        **{prefix + "concerns_integrity_officer": audience == AUDIENCE_EXECUTIVES}
    )


def complaint_settings_get(*, organization) -> ComplaintSettings:
    """The stored settings, or unsaved defaults when none were saved yet."""
    return ComplaintSettings.for_organization(organization)


# --- Where reports about executives go ----------------------------------------
@dataclass(frozen=True)
class RecipientInForce:
    """The body that reports about executives are sent to, and why."""

    name: str
    email: str
    source: str  # "listed", "own" or "default"


def external_recipient_list(*, organization) -> QuerySet[ExternalRecipient]:
    """Operator-listed recipients the organisation may choose: national ones and
    those of its own province."""
    province = getattr(organization, "province", "") or ""
    return ExternalRecipient.objects.filter(is_active=True).filter(
        Q(province="") | Q(province=province)
    )


def external_recipient_get_default(
    *, organization, kind: str
) -> ExternalRecipient | None:
    """The operator-listed recipient used when the organisation chose none:
    of the kind in its settings, its province's before a national one, else
    the national NACC entry."""
    choices = external_recipient_list(organization=organization)
    for wanted in (kind, ExternalBody.NACC):
        found = (
            choices.filter(kind=wanted)
            .order_by("-province", "name", "pk")  # provincial ("x") before ""
            .first()
        )
        if found is not None:
            return found
    return None


def external_recipient_get_in_force(*, organization) -> RecipientInForce | None:
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
    default = external_recipient_get_default(organization=organization, kind=kind)
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
    cases = cases.annotate(
        reopened=Exists(
            CaseEntry.objects.filter(case=OuterRef("pk"), type=CaseEntry.Type.REOPEN)
        )
    ).order_by("-received_at", "-id")
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


def access_confidential_attachment(
    *, organization, pk, audience: str = AUDIENCE_OFFICERS
) -> CaseAttachment:
    """A file of a confidential report handled inside the organisation, or 404."""
    item = (
        _for_audience(CaseAttachment.objects.select_related("case"), audience, "case__")
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


def confidential_list(
    *, organization, status: str = "", audience: str = AUDIENCE_OFFICERS
) -> QuerySet[Case]:
    cases = _for_audience(
        Case.objects.filter(organization=organization, kind=Kind.CORRUPTION), audience
    )
    if status == "open":
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status:
        cases = cases.filter(status=status)
    return cases.order_by("-received_at", "-id")


def access_confidential_case(
    *, organization, pk, audience: str = AUDIENCE_OFFICERS
) -> Case:
    """A confidential report the audience reads, or 404."""
    try:
        return _for_audience(Case.objects, audience).get(
            organization=organization, kind=Kind.CORRUPTION, pk=pk
        )
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


def case_entry_list(*, case: Case, public_only: bool = False) -> QuerySet[CaseEntry]:
    entries = case.entries.select_related("author")
    if public_only:
        entries = entries.filter(is_public=True)
    return entries.order_by("created_at", "id")


def case_entry_list_surviving(*, case: Case) -> QuerySet[CaseEntry] | None:
    """For a case merged into another: the surviving case's public entries
    (its tracking page shows them), else None."""
    into = case.merged_into
    if into is None or case.is_confidential or into.is_confidential:
        return None
    return case_entry_list(case=into, public_only=True).filter(copied_from__isnull=True)


def case_entry_list_tracking(*, case: Case) -> QuerySet[CaseEntry]:
    """A case's own public entries; on a merged case without the copies of the
    surviving case's entries (``services.entry_fan_out``), shown apart."""
    entries = case_entry_list(case=case, public_only=True)
    if case.merged_into_id:
        entries = entries.filter(copied_from__isnull=True)
    return entries


@dataclass(frozen=True)
class Duplicate:
    """A likely duplicate of a case: the other case and why it looks the same."""

    case: Case
    match: similarity.Match


def case_list_duplicates(*, case: Case, limit: int = 5) -> list[Duplicate]:
    """Open or lately resolved cases that look like the same matter, best first
    (the rule is ``similarity.match``)."""
    if case.category_id is None or case.merged_into_id:
        return []
    now = timezone.now()
    since = case.received_at - datetime.timedelta(days=90)
    recently = now - datetime.timedelta(days=similarity.RECENTLY_RESOLVED_DAYS)
    others = (
        Case.objects.filter(
            organization=case.organization,
            kind=case.kind,
            category_id=case.category_id,
            merged_into__isnull=True,
            received_at__gte=since,
        )
        .filter(
            Q(status__in=OPEN_STATUSES)
            | Q(status=Status.RESOLVED, closed_at__gte=recently)
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
            is_open=c.is_open,
            resolved_at=c.closed_at if c.status == Status.RESOLVED else None,
        )

    me = candidate(case)
    found = []
    for other in others:
        match = similarity.match(me, candidate(other), now=now)
        if match is not None:
            found.append(Duplicate(case=other, match=match))
    found.sort(key=lambda duplicate: -duplicate.match.score)
    return found[:limit]


def member_list_assignable(*, organization):
    from prongsai.organizations.selectors import membership_list

    return [
        m
        for m in membership_list(organization=organization)
        if {"complaint_officer", "org_admin", "staff", "service_officer"} & set(m.roles)
    ]


# --- PDPA ---------------------------------------------------------------------
# --- OIT evidence: the corruption-report guideline ----------------------------


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


def corruption_guideline_get(*, organization) -> CorruptionGuideline:
    from .models import ExternalBody
    from .services_intake import (
        CONFIDENTIAL_ACKNOWLEDGE_DAYS,
        CONFIDENTIAL_RESOLVE_DAYS,
    )

    settings_row = complaint_settings_get(organization=organization)
    return CorruptionGuideline(
        acknowledge_days=CONFIDENTIAL_ACKNOWLEDGE_DAYS,
        resolve_days=CONFIDENTIAL_RESOLVE_DAYS,
        deadline_unit=settings_row.confidential_deadline_unit,
        external_body=str(ExternalBody(settings_row.external_body).label),
        has_address=bool(organization.address.strip()),
        has_phone=bool(organization.phone.strip()),
    )


# --- Staff work manuals -------------------------------------------------------


def category_procedure_data(category: Category) -> ProcedureData:
    """How the staff handle a category, as the shared editor shows it."""
    procedure = (
        CategoryProcedure.objects.filter(category=category)
        .prefetch_related("steps")
        .first()
    )
    if procedure is None:
        return ProcedureData()
    return ProcedureData.of(procedure, procedure.steps.all())


def category_list_with_procedure(
    *, organization, pk: int | None = None
) -> list[Category]:
    """Categories in use whose procedure has steps, with it loaded (only the
    one with ``pk`` when given)."""
    categories = Category.objects.filter(
        organization=organization, is_active=True, procedure__steps__isnull=False
    )
    if pk is not None:
        categories = categories.filter(pk=pk)
    return list(
        categories.distinct()
        .select_related("organization", "procedure")
        .prefetch_related("procedure__steps")
        .order_by("order", "name")
    )
