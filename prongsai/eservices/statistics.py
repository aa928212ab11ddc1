"""E-Service statistics: plain records in, figures per service and period out.

No ORM and no request here. A request counts in the period it was received;
"completed in time" means closed as completed no later than its deadline
(which moves on while the request waits for the citizen).
"""

from __future__ import annotations

import statistics as pystats
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from prongsai.core import thai_dates

COMPLETED = "completed"
REJECTED = "rejected"


@dataclass(frozen=True)
class Record:
    service: str
    status: str
    received: date  # local date
    received_at: datetime
    closed_at: datetime | None
    due_at: datetime
    jumped: bool = False
    ratings: tuple[int, ...] = ()
    reopens: int = 0  # reopened after an unhappy rating


@dataclass
class Figures:
    received: int = 0
    completed: int = 0
    rejected: int = 0
    in_time: int = 0
    queue_jumps: int = 0
    durations: list[float] = field(default_factory=list)  # days, completed only
    scores: list[int] = field(default_factory=list)
    reopened: int = 0

    def add(self, record: Record) -> None:
        self.received += 1
        self.reopened += record.reopens
        if record.jumped:
            self.queue_jumps += 1
        self.scores.extend(record.ratings)
        if record.status == REJECTED:
            self.rejected += 1
        if record.status == COMPLETED and record.closed_at is not None:
            self.completed += 1
            seconds = (record.closed_at - record.received_at).total_seconds()
            self.durations.append(round(seconds / 86400, 4))
            if record.closed_at <= record.due_at:
                self.in_time += 1

    @property
    def mean_days(self) -> float | None:
        return round(pystats.fmean(self.durations), 2) if self.durations else None

    @property
    def median_days(self) -> float | None:
        return round(pystats.median(self.durations), 2) if self.durations else None

    @property
    def in_time_percent(self) -> float | None:
        return round(100 * self.in_time / self.completed, 1) if self.completed else None

    @property
    def satisfaction(self) -> float | None:
        return round(pystats.fmean(self.scores), 2) if self.scores else None

    @property
    def reopen_percent(self) -> float | None:
        """Reopened after an unhappy rating, per 100 ratings."""
        return round(100 * self.reopened / len(self.scores), 1) if self.scores else None

    @property
    def satisfaction_percent(self) -> float | None:
        return round(self.satisfaction * 20, 1) if self.scores else None

    def as_row(self) -> dict:
        return {
            "received": self.received,
            "completed": self.completed,
            "rejected": self.rejected,
            "in_time": self.in_time,
            "mean_days": self.mean_days,
            "median_days": self.median_days,
            "queue_jumps": self.queue_jumps,
            "ratings": len(self.scores),
            "satisfaction": self.satisfaction,
        }


@dataclass
class Report:
    fiscal_year: int
    total: Figures
    by_quarter: dict[int, Figures]
    by_month: dict[date, Figures]
    by_service: dict[str, Figures]
    by_service_month: dict[tuple[str, date], Figures]
    by_service_quarter: dict[tuple[str, int], Figures]


def fiscal_months(fiscal_year: int) -> list[date]:
    start, _end = thai_dates.fiscal_year_bounds(fiscal_year)
    months = []
    year, month = start.year, start.month
    for _i in range(12):
        months.append(date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


def build_report(records: list[Record], *, fiscal_year: int) -> Report:
    """Group the records of one fiscal year by quarter, month and service."""
    total = Figures()
    by_quarter = {q: Figures() for q in (1, 2, 3, 4)}
    by_month = {m: Figures() for m in fiscal_months(fiscal_year)}
    by_service: dict[str, Figures] = defaultdict(Figures)
    by_service_month: dict[tuple[str, date], Figures] = defaultdict(Figures)
    by_service_quarter: dict[tuple[str, int], Figures] = defaultdict(Figures)
    for record in records:
        fy, quarter = thai_dates.fiscal_quarter(record.received)
        if fy != fiscal_year:
            continue
        month = record.received.replace(day=1)
        total.add(record)
        by_quarter[quarter].add(record)
        by_month[month].add(record)
        by_service[record.service].add(record)
        by_service_month[(record.service, month)].add(record)
        by_service_quarter[(record.service, quarter)].add(record)
    return Report(
        fiscal_year=fiscal_year,
        total=total,
        by_quarter=by_quarter,
        by_month=by_month,
        by_service=dict(sorted(by_service.items())),
        by_service_month=dict(by_service_month),
        by_service_quarter=dict(by_service_quarter),
    )
