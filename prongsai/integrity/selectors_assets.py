"""Reads of the asset register and its loans, scoped to one organisation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from . import availability
from .models_assets import Asset, AssetLoan, LoanStatus
from .services_assets import bookings_for

if TYPE_CHECKING:
    from prongsai.organizations.models import Organization

PAGE_SIZE = 50


def access_asset(*, organization: Organization, pk: Any) -> Asset:
    """The organisation's asset ``pk``, or 404."""
    try:
        return Asset.objects.select_related("custodian").get(
            organization=organization, pk=pk
        )
    except (Asset.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_loan(*, organization: Organization, pk: Any) -> AssetLoan:
    """The organisation's loan ``pk``, or 404."""
    try:
        return AssetLoan.objects.select_related(
            "borrower",
            "decided_by",
            "handed_over_by",
            "received_back_by",
            "service_request",
            "organization",
        ).get(organization=organization, pk=pk)
    except (AssetLoan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def asset_list(
    *,
    organization: Organization,
    category: str = "",
    condition: str = "",
    lendable: str = "",
    query: str = "",
) -> QuerySet[Asset]:
    assets = Asset.objects.filter(organization=organization).select_related("custodian")
    if category in Asset.Category.values:
        assets = assets.filter(category=category)
    if condition in Asset.Condition.values:
        assets = assets.filter(condition=condition)
    if lendable == "public":
        assets = assets.filter(lendable_to_public=True)
    elif lendable == "staff":
        assets = assets.filter(lendable_to_staff=True)
    query = query.strip()
    if query:
        assets = assets.filter(
            Q(code__icontains=query)
            | Q(name__icontains=query)
            | Q(location__icontains=query)
        )
    return assets.order_by("code")


def asset_list_lendable(*, organization: Organization, public: bool) -> QuerySet[Asset]:
    assets = Asset.objects.filter(organization=organization).exclude(
        condition__in=(Asset.Condition.DAMAGED, Asset.Condition.WRITTEN_OFF)
    )
    if public:
        assets = assets.filter(lendable_to_public=True)
    else:
        assets = assets.filter(lendable_to_staff=True)
    return assets.order_by("category", "name")


@dataclass
class AssetFree:
    asset: Asset
    free: int


def asset_list_free(
    *,
    organization: Organization,
    assets: list[Asset],
    start: datetime.date,
    end: datetime.date,
) -> list[AssetFree]:
    """Each asset with how many are free on every day from ``start`` to ``end``."""
    bookings = bookings_for(
        organization=organization,
        asset_ids=[a.pk for a in assets],
        start=start,
        end=end,
    )
    return [
        AssetFree(
            asset=a,
            free=availability.free_quantity(
                a.lendable_stock, bookings, asset_id=a.pk, start=start, end=end
            ),
        )
        for a in assets
    ]


def loan_list_for_asset(*, asset: Asset) -> QuerySet[AssetLoan]:
    return (
        AssetLoan.objects.filter(organization=asset.organization_id, lines__asset=asset)
        .distinct()
        .order_by("-start_on", "-id")
    )


QUEUE_TABS = ("requested", "approved", "out", "overdue", "closed", "all")


def loan_list(
    *,
    organization: Organization,
    tab: str = "requested",
    borrower=None,
    fiscal_year: int | None = None,
    today: datetime.date | None = None,
) -> QuerySet[AssetLoan]:
    """Loans of a queue tab; only ``borrower``'s own when given."""
    today = today or timezone.localdate()
    loans = AssetLoan.objects.filter(organization=organization).prefetch_related(
        "lines__asset"
    )
    if borrower is not None:
        loans = loans.filter(Q(borrower=borrower) | Q(created_by=borrower))
    if fiscal_year is not None:
        loans = loans.filter(fiscal_year=fiscal_year)
    if tab == "requested":
        loans = loans.filter(status=LoanStatus.REQUESTED)
    elif tab == "approved":
        loans = loans.filter(status=LoanStatus.APPROVED)
    elif tab == "out":
        loans = loans.filter(status=LoanStatus.HANDED_OVER)
    elif tab == "overdue":
        loans = loans.filter(status=LoanStatus.HANDED_OVER, end_on__lt=today)
    elif tab == "closed":
        loans = loans.filter(
            status__in=(LoanStatus.RETURNED, LoanStatus.REJECTED, LoanStatus.CANCELLED)
        )
    order = (
        ("start_on", "id")
        if tab in ("requested", "approved", "out")
        else (
            "-start_on",
            "-id",
        )
    )
    return loans.order_by(*order)


def loan_get_counts(
    *, organization: Organization, today: datetime.date | None = None
) -> dict[str, int]:
    today = today or timezone.localdate()
    loans = AssetLoan.objects.filter(organization=organization)
    return {
        "requested": loans.filter(status=LoanStatus.REQUESTED).count(),
        "approved": loans.filter(status=LoanStatus.APPROVED).count(),
        "out": loans.filter(status=LoanStatus.HANDED_OVER).count(),
        "overdue": loans.filter(
            status=LoanStatus.HANDED_OVER, end_on__lt=today
        ).count(),
    }


def loan_list_overdue(*, today: datetime.date) -> QuerySet[AssetLoan]:
    """Handed-over loans past their end date, every organisation (the reminder)."""
    return (
        AssetLoan.objects.all_organizations()
        .filter(status=LoanStatus.HANDED_OVER, end_on__lt=today)
        .select_related("organization", "borrower", "service_request")
        .prefetch_related("lines__asset__custodian")
        .order_by("organization_id", "end_on", "id")
    )


# --- statistics ---------------------------------------------------------------------


@dataclass
class LoanStatistics:
    fiscal_year: int
    requests: int = 0
    lent: int = 0
    lent_staff: int = 0
    lent_citizen: int = 0
    items_lent: int = 0
    returned: int = 0
    returned_on_time: int = 0
    overdue: int = 0
    returned_late: int = 0
    damaged: int = 0
    rejected: int = 0
    cancelled: int = 0
    by_asset: list[dict] = field(default_factory=list)

    @property
    def on_time_share(self) -> float | None:
        """Share of returned loans that came back by their end date (0–100)."""
        if not self.returned:
            return None
        return round(100 * self.returned_on_time / self.returned, 1)


def loan_statistics_get(
    *,
    organization: Organization,
    fiscal_year: int,
    today: datetime.date | None = None,
) -> LoanStatistics:
    """The fiscal year's loans (by the first day of the loan), counted."""
    today = today or timezone.localdate()
    stats = LoanStatistics(fiscal_year=fiscal_year)
    per_asset: dict[int, dict] = {}
    loans = AssetLoan.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).prefetch_related("lines__asset")
    for loan in loans:
        stats.requests += 1
        if loan.status == LoanStatus.REJECTED:
            stats.rejected += 1
        elif loan.status == LoanStatus.CANCELLED:
            stats.cancelled += 1
        if loan.status not in (LoanStatus.HANDED_OVER, LoanStatus.RETURNED):
            continue
        stats.lent += 1
        if loan.kind == AssetLoan.Kind.STAFF:
            stats.lent_staff += 1
        else:
            stats.lent_citizen += 1
        lines = list(loan.lines.all())
        for line in lines:
            stats.items_lent += line.quantity
            row = per_asset.setdefault(
                line.asset_id,
                {"asset": line.asset, "loans": 0, "quantity": 0, "damaged": 0},
            )
            row["loans"] += 1
            row["quantity"] += line.quantity
            row["damaged"] += int(line.is_damaged)
        if loan.status == LoanStatus.HANDED_OVER:
            stats.overdue += int(loan.end_on < today)
            continue
        stats.returned += 1
        if loan.returned_on is not None and loan.returned_on <= loan.end_on:
            stats.returned_on_time += 1
        else:
            stats.returned_late += 1
        stats.damaged += int(any(line.is_damaged for line in lines))
    stats.by_asset = sorted(
        per_asset.values(), key=lambda r: (-r["loans"], r["asset"].code)
    )
    return stats


def loan_list_years(*, organization: Organization) -> list[int]:
    return sorted(
        set(
            AssetLoan.objects.filter(organization=organization).values_list(
                "fiscal_year", flat=True
            )
        ),
        reverse=True,
    )
