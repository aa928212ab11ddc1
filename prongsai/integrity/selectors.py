"""Reads of the integrity registers, always scoped to one organisation."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.organizations.models import Membership
from prongsai.organizations.roles import Role

from .models import (
    NO_GIFT_BODY_TH,
    GiftNilStatement,
    GiftReport,
    NoGiftActivity,
    NoGiftAnnouncement,
)

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

_M = TypeVar("_M", bound=Model)


def _access(model: type[_M], organization: Organization, pk: Any) -> _M:
    try:
        return model._default_manager.get(organization=organization, pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_no_gift_announcement(
    *, organization: Organization, pk: Any
) -> NoGiftAnnouncement:
    """The organisation's announcement ``pk``, or 404."""
    return _access(NoGiftAnnouncement, organization, pk)


def access_no_gift_activity(*, organization: Organization, pk: Any) -> NoGiftActivity:
    """The organisation's activity ``pk``, or 404."""
    return _access(NoGiftActivity, organization, pk)


def access_published_no_gift_year(
    *, organization: Organization, fiscal_year: int
) -> NoGiftAnnouncement:
    """The year's published announcement, or 404 (the public year page)."""
    announcement = no_gift_announcement_get(
        organization=organization, fiscal_year=fiscal_year, published=True
    )
    if announcement is None:
        raise Http404
    return announcement


def no_gift_announcement_get(
    *, organization: Organization, fiscal_year: int, published: bool = False
) -> NoGiftAnnouncement | None:
    """The year's announcement (only a published one with ``published``)."""
    announcements = NoGiftAnnouncement.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    )
    if published:
        announcements = announcements.filter(published_at__isnull=False)
    return announcements.first()


def no_gift_year_list_published(*, organization: Organization) -> list[int]:
    return list(
        NoGiftAnnouncement.objects.filter(
            organization=organization, published_at__isnull=False
        ).values_list("fiscal_year", flat=True)
    )


def no_gift_activity_list(
    *, organization: Organization, fiscal_year: int
) -> list[NoGiftActivity]:
    return list(
        NoGiftActivity.objects.filter(
            organization=organization, fiscal_year=fiscal_year
        ).order_by("held_on", "id")
    )


def gift_report_list(
    *,
    organization: Organization,
    fiscal_year: int,
    reporter: Membership | None = None,
) -> QuerySet[GiftReport]:
    """The year's gift reports; only ``reporter``'s own when given."""
    reports = GiftReport.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).select_related("reporter__user")
    if reporter is not None:
        reports = reports.filter(reporter=reporter)
    return reports.order_by("-received_on", "-id")


def gift_nil_statement_get(
    *, organization: Organization, fiscal_year: int
) -> GiftNilStatement | None:
    return GiftNilStatement.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


@dataclass
class GiftSummaryRow:
    action: str
    label: str
    count: int
    total: Decimal


@dataclass
class GiftSummary:
    """Counts and values by action, never names: what the public page shows."""

    rows: list[GiftSummaryRow]
    count: int
    total: Decimal
    flagged: int


def _total(reports: list[GiftReport]) -> Decimal:
    return sum((r.value for r in reports), Decimal(0))


def gift_summary_get(*, organization: Organization, fiscal_year: int) -> GiftSummary:
    reports = list(
        GiftReport.objects.filter(organization=organization, fiscal_year=fiscal_year)
    )
    rows = []
    for action, label in GiftReport.Action.choices:
        mine = [r for r in reports if r.action == action]
        if mine:
            rows.append(
                GiftSummaryRow(
                    action=action, label=str(label), count=len(mine), total=_total(mine)
                )
            )
    return GiftSummary(
        rows=rows,
        count=len(reports),
        total=_total(reports),
        flagged=sum(1 for r in reports if r.flagged),
    )


def no_gift_executive_get(*, organization: Organization) -> Membership | None:
    """The organisation's top executive member (นายก first), or ``None``."""
    executives = [
        m
        for m in Membership.objects.active()
        .filter(organization=organization)
        .select_related("user")
        .order_by("id")
        if Role.EXECUTIVE.value in m.roles
    ]
    executives.sort(key=lambda m: not m.position.startswith("นายก"))
    return executives[0] if executives else None


def _executive_position(
    executive: Membership | None, organization: Organization
) -> str:
    if executive is None:
        return ""
    position = executive.position.strip()
    if position in ("นายก", "ปลัด"):  # "นายก" alone: of which organisation
        return f"{position}{organization.name}"
    return position


def no_gift_announcement_get_initial(
    *, organization: Organization, fiscal_year: int
) -> dict[str, Any]:
    """Prefilled announcement: the current executive and the standard text."""
    executive = no_gift_executive_get(organization=organization)
    start, end = thai_dates.fiscal_year_bounds(fiscal_year)
    return {
        "fiscal_year": fiscal_year,
        "announced_on": max(start, min(timezone.localdate(), end)),
        "executive_name": executive.user.display_name if executive else "",
        "executive_position": _executive_position(executive, organization),
        "body": NO_GIFT_BODY_TH.format(
            organization=organization.name, fiscal_year=fiscal_year
        ),
    }
