"""Reads of the province and national pages: viewer scopes, the directory
and the summaries (one row per organisation; nothing aggregated per request)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from .models import Organization
from .models_regions import DirectoryEntry, ProvinceSummary, RegionSummary, ViewerGrant
from .provinces import NAMES as PROVINCE_NAMES


@dataclass(frozen=True)
class ViewerScope:
    """What a user may read above organisations."""

    national: bool = False
    operator: bool = False
    provinces: frozenset[str] = field(default_factory=frozenset)

    @property
    def any(self) -> bool:
        return self.national or self.operator or bool(self.provinces)

    def covers(self, province: str) -> bool:
        return self.national or province in self.provinces


def viewer_scope_get(*, user) -> ViewerScope:
    """The user's scope: platform superusers and operators see the country."""
    if not getattr(user, "is_authenticated", False):
        return ViewerScope()
    grants = list(
        ViewerGrant.objects.filter(user=user).values_list("scope", "province")
    )
    operator = user.is_superuser or any(
        s == ViewerGrant.Scope.OPERATOR for s, _p in grants
    )
    national = operator or any(s == ViewerGrant.Scope.NATIONAL for s, _p in grants)
    provinces = frozenset(p for s, p in grants if s == ViewerGrant.Scope.PROVINCE)
    return ViewerScope(national=national, operator=operator, provinces=provinces)


def user_is_viewer(*, user) -> bool:
    """Whether the user holds a viewer grant (which obliges them to use MFA)."""
    return ViewerGrant.objects.filter(user=user).exists()


def viewer_grant_list() -> QuerySet[ViewerGrant]:
    return ViewerGrant.objects.select_related("user", "granted_by")


def access_province(*, scope: ViewerScope, province: str) -> str:
    """The province named in a URL when the scope covers it, else 404."""
    if province not in PROVINCE_NAMES or not scope.covers(province):
        raise Http404
    return province


def province_summary_list(
    *, scope: ViewerScope, fiscal_year: int, query: str = ""
) -> QuerySet[ProvinceSummary]:
    """The provinces of the scope, as last rolled up, by name."""
    rows = ProvinceSummary.objects.filter(fiscal_year=fiscal_year)
    if not scope.national:
        rows = rows.filter(province__in=scope.provinces)
    query = " ".join(query.split())
    if query:
        rows = rows.filter(province__icontains=query)
    return rows.order_by("province")


def province_summary_get(*, province: str, fiscal_year: int) -> ProvinceSummary | None:
    return ProvinceSummary.objects.filter(
        province=province, fiscal_year=fiscal_year
    ).first()


@dataclass
class ProvinceRow:
    """One LAO of a province: from the directory, on the platform or not."""

    dla_code: str
    name: str
    kind: str
    district: str
    website: str
    organization: Organization | None
    summary: RegionSummary | None
    rank: int | None = None

    @property
    def on_platform(self) -> bool:
        return self.organization is not None

    @property
    def ita_total(self) -> Decimal | None:
        return self.summary.ita_total if self.summary else None


SORT_KEYS = ("name", "kind", "district", "ita", "oit", "eservice", "complaints")


def _sort_value(row: ProvinceRow, key: str):
    summary = row.summary
    if key == "name":
        return row.name
    if key == "kind":
        return row.kind
    if key == "district":
        return row.district
    value = None
    if summary is not None:
        value = {
            "ita": summary.ita_total,
            "oit": summary.oit_readiness,
            "eservice": summary.eservice_in_time_percent,
            "complaints": summary.complaints_received,
        }[key]
    return value


def sort_rows(rows: list[ProvinceRow], key: str, *, descending: bool) -> None:
    """Sort in place; rows without the figure go last either way."""
    if key not in SORT_KEYS:
        key = "name"
    present = [r for r in rows if _sort_value(r, key) is not None]
    missing = [r for r in rows if _sort_value(r, key) is None]
    present.sort(key=lambda r: (_sort_value(r, key), r.name), reverse=descending)
    missing.sort(key=lambda r: r.name)
    rows[:] = present + missing


def rank_rows(rows: list[ProvinceRow], *, min_for_rank: int) -> bool:
    """Rank by ITA total (1 = best, ties share a rank) when at least
    ``min_for_rank`` organisations have a total; returns whether it did.
    Below that a rank says more about chance than standing, so none is shown."""
    scored = [r for r in rows if r.ita_total is not None]
    for row in rows:
        row.rank = None
    if len(scored) < min_for_rank:
        return False
    scored.sort(key=lambda r: r.ita_total or Decimal(0), reverse=True)
    previous, rank = None, 0
    for position, row in enumerate(scored, start=1):
        if row.ita_total != previous:
            rank, previous = position, row.ita_total
        row.rank = rank
    return True


def province_row_list(*, province: str, fiscal_year: int) -> list[ProvinceRow]:
    """Every LAO of the province: the directory's, plus any organisation on
    the platform the directory lacks; three queries whatever the size."""
    entries = list(
        DirectoryEntry.objects.filter(province=province).select_related("organization")
    )
    listed = {e.organization_id for e in entries if e.organization_id}
    unlisted = list(
        Organization.objects.active()
        .filter(province=province)
        .filter(directory_entry__isnull=True)
    )
    ids = listed | {o.pk for o in unlisted}
    summaries = {
        s.organization_id: s
        for s in RegionSummary.objects.filter(
            organization_id__in=ids, fiscal_year=fiscal_year
        )
    }
    rows = [
        ProvinceRow(
            dla_code=e.dla_code,
            name=e.name,
            kind=e.get_kind_display(),
            district=e.district,
            website=e.website,
            organization=organization,
            summary=summaries.get(organization.pk) if organization else None,
        )
        for e in entries
        for organization in [
            e.organization if e.organization and e.organization.is_active else None
        ]
    ]
    rows.extend(
        ProvinceRow(
            dla_code=o.dla_code,
            name=o.name,
            kind=o.get_kind_display(),
            district=o.district,
            website=o.website,
            organization=o,
            summary=summaries.get(o.pk),
        )
        for o in unlisted
    )
    return rows


def summary_freshness_get(*, fiscal_year: int) -> dict:
    """For the operator: how complete and how fresh the summaries are."""
    summaries = RegionSummary.objects.all_organizations().filter(
        fiscal_year=fiscal_year
    )
    oldest = summaries.order_by("refreshed_at").values_list("refreshed_at", flat=True)
    return {
        "organizations": Organization.objects.active().count(),
        "summaries": summaries.count(),
        "oldest": oldest.first(),
        "directory": DirectoryEntry.objects.count(),
        "matched": DirectoryEntry.objects.filter(organization__isnull=False).count(),
    }


def organization_list_missing_from_directory() -> QuerySet[Organization]:
    """Organisations on the platform that no directory entry names."""
    return Organization.objects.active().filter(directory_entry__isnull=True)
