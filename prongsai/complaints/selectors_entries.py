"""Reads of a case's history for its pages: each message's delivery (staff),
what the complainant sees with the photos after the fix, and the public
after-fix photo."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from .models import Case, CaseAttachment, CaseEntry, Kind, Status
from .selectors import case_entry_list, case_entry_list_tracking


def access_case_entry(*, case: Case, pk) -> CaseEntry:
    """An entry of ``case`` (already reached through an ``access_*``), or 404."""
    entry = case.entries.filter(pk=pk).select_related("case").first()
    if entry is None:
        raise Http404
    return entry


@dataclass(frozen=True)
class DeliveryState:
    """How far a message to the complainant got, for the case page."""

    attempts: int
    sent_at: datetime.datetime | None
    next_attempt_at: datetime.datetime | None
    reason: str  # the kind of the last failure, in words; "" when none


def case_entry_list_with_delivery(*, case: Case) -> list[CaseEntry]:
    """The case's history; each message to the complainant carries its
    ``delivery_state`` (attempts, sent at, the kind of failure)."""
    from prongsai.notifications.selectors import (
        delivery_failure_reason,
        delivery_map_by_source,
    )

    entries = list(case_entry_list(case=case))
    sent = [e for e in entries if e.delivery and e.delivery != e.Delivery.PAGE_ONLY]
    rows = delivery_map_by_source(
        organization=case.organization,
        sources=[f"complaints.entry:{e.pk}" for e in sent],
    )
    for entry in entries:
        row = rows.get(f"complaints.entry:{entry.pk}")
        entry.delivery_state = (  # type: ignore[attr-defined]  # page data
            DeliveryState(
                attempts=row.attempts,
                sent_at=row.sent_at,
                next_attempt_at=row.next_attempt_at,
                reason=delivery_failure_reason(row.last_error)
                if row.last_error
                else "",
            )
            if row is not None
            else None
        )
    return entries


def case_get_reopen_entry(*, case: Case) -> CaseEntry | None:
    """The unhappy rating that reopened the case, while it is open again."""
    if not case.is_open:
        return None
    return case.entries.filter(type=CaseEntry.Type.REOPEN).order_by("-pk").first()


def case_has_report_photos(case: Case) -> bool:
    """Whether the case came with a photo (then resolving it asks for one)."""
    return case.attachments.filter(kind=CaseAttachment.Kind.REPORT).exists()


def case_entry_list_for_complainant(*, case: Case) -> list[CaseEntry]:
    """What the complainant sees of the history; each closure carries its
    photos after the fix (``after_fix_photos``)."""
    photos: dict[int | None, list[CaseAttachment]] = {}
    for item in case.attachments.filter(kind=CaseAttachment.Kind.AFTER_FIX):
        photos.setdefault(item.entry_id, []).append(item)
    entries = list(case_entry_list_tracking(case=case))
    for entry in entries:
        entry.after_fix_photos = photos.get(entry.pk, [])  # type: ignore[attr-defined]  # page data
    return entries


def access_case_after_fix_photo(*, case: Case, pk) -> CaseAttachment:
    """A photo after the fix of ``case`` (for its complainant), or 404; the
    photos sent with the case are never served here."""
    item = case.attachments.filter(kind=CaseAttachment.Kind.AFTER_FIX, pk=pk).first()
    if item is None:
        raise Http404
    return item


def public_after_fix_photos(organization) -> QuerySet[CaseAttachment]:
    """The photos after the fix the public may see: marked public by the
    officer, of a resolved case that is neither a confidential report nor
    merged into another; never a photo the complainant sent. *organization*
    may be an ``OuterRef`` (the public map's subquery)."""
    return CaseAttachment.objects.filter(
        case__organization=organization,
        kind=CaseAttachment.Kind.AFTER_FIX,
        is_public=True,
        case__status=Status.RESOLVED,
        case__merged_into__isnull=True,
    ).exclude(case__kind=Kind.CORRUPTION)


def access_public_after_fix_photo(*, organization, pk) -> CaseAttachment:
    """A photo after the fix marked public, of a resolved general case, or 404."""
    item = public_after_fix_photos(organization).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def case_public_after_photo_url(case: Case) -> str | None:
    """The public address of the case's latest photo after the fix, or None.

    Only a photo the officer let be shown publicly, of a resolved case that is
    not a confidential report; never a photo the complainant sent.
    """
    from django.urls import reverse

    item = (
        public_after_fix_photos(case.organization_id)
        .filter(case=case)
        .order_by("-created_at", "-pk")
        .first()
    )
    if item is None:
        return None
    return reverse(
        "complaints-public:after-photo",
        kwargs={"org": case.organization.slug, "pk": item.pk},
    )
