"""Statistics of the complaint centre: yearly figures, the public board of
answered cases and the open-data rows."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from prongsai.core import thai_dates

from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Case,
    CaseEntry,
    Channel,
    Kind,
    Status,
)

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


def statistics_year_list(*, organization) -> list[int]:
    """Fiscal years with cases, plus the current and the previous one (the OIT
    asks for the previous year's figures, "none" included), newest first."""
    current = thai_dates.fiscal_year(timezone.localdate())
    years = {current, current - 1}
    # One row a month with cases (not one a case): the public documents are
    # answered from storage, and this list is asked before each of them.
    for month in Case.objects.filter(organization=organization).dates(
        "received_at", "month"
    ):
        years.add(thai_dates.fiscal_year(month))
    return sorted(years, reverse=True)


def complaint_statistics_get(*, organization, fiscal_year: int) -> dict:
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
    ratings, reopens = _ratings_and_reopens(organization, fiscal_year)
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
        "reopen_rates": reopens,
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


@dataclass(frozen=True)
class ReopenRate:
    """Ratings of one category and how many of them reopened the case."""

    category: str
    rated: int
    reopened: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.reopened / self.rated, 1) if self.rated else None


def _ratings_and_reopens(organization, fiscal_year: int):
    """The scores of every rating of the year's general cases, and per
    category how many ratings there were and how many reopened the case.

    Counted from the history entries (each rating and each reopening is one),
    so a case rated, reopened and rated again counts twice.
    """
    rows = (
        CaseEntry.objects.for_organization(organization)
        .filter(
            case__in=_fiscal_cases(organization, fiscal_year).exclude(
                kind=Kind.CORRUPTION
            ),
            type__in=(CaseEntry.Type.RATING, CaseEntry.Type.REOPEN),
        )
        .values_list("case__category__name", "type", "score")
    )
    scores: list[int] = []
    rated: Counter[str] = Counter()
    reopened: Counter[str] = Counter()
    for category, kind, score in rows:
        if kind == CaseEntry.Type.RATING:
            rated[category or ""] += 1
            if score:
                scores.append(score)
        else:
            reopened[category or ""] += 1
    rates = [
        ReopenRate(category=name, rated=rated[name], reopened=reopened[name])
        for name in sorted(set(rated) | set(reopened))
    ]
    if rates:
        rates.append(
            ReopenRate(
                category=TOTAL,
                rated=sum(rated.values()),
                reopened=sum(reopened.values()),
            )
        )
    return scores, rates


TOTAL = "*"


def case_list_public_board(*, organization, limit: int = 10) -> list[dict]:
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


def complaint_dataset_row_list(
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
