"""Pure money arithmetic of the budget (no database): the amount in force of
a line, what is left, shares; and the months of a fiscal year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
SATANG = Decimal("0.01")
FISCAL_MONTHS = 12


@dataclass
class LineMoney:
    """What a budget line (or a sum of lines) holds and what went out of it."""

    original: Decimal = ZERO  # set by the ordinance
    transferred_in: Decimal = ZERO
    transferred_out: Decimal = ZERO
    supplementary: Decimal = ZERO
    committed: Decimal = ZERO  # confirmed procurement contracts
    disbursed: Decimal = ZERO
    monthly: dict[int, Decimal] = field(default_factory=dict)  # fiscal month -> paid

    @property
    def in_force(self) -> Decimal:
        """The amount the line may spend after transfers and supplements."""
        return (
            self.original
            + self.transferred_in
            - self.transferred_out
            + self.supplementary
        )

    @property
    def remaining(self) -> Decimal:
        """In force, less what is committed or paid (whichever is more)."""
        return self.in_force - max(self.committed, self.disbursed)

    @property
    def disbursed_share(self) -> Decimal | None:
        return share(self.disbursed, self.in_force)

    @property
    def committed_share(self) -> Decimal | None:
        return share(self.committed, self.in_force)

    def add(self, other: LineMoney) -> LineMoney:
        months = dict(self.monthly)
        for month, amount in other.monthly.items():
            months[month] = months.get(month, ZERO) + amount
        return LineMoney(
            original=self.original + other.original,
            transferred_in=self.transferred_in + other.transferred_in,
            transferred_out=self.transferred_out + other.transferred_out,
            supplementary=self.supplementary + other.supplementary,
            committed=self.committed + other.committed,
            disbursed=self.disbursed + other.disbursed,
            monthly=months,
        )


def total(items) -> LineMoney:
    result = LineMoney()
    for item in items:
        result = result.add(item)
    return result


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to two places; None for nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def fiscal_month(day: datetime.date) -> int:
    """1 for October ... 12 for September."""
    return (day.month - 10) % 12 + 1


def fiscal_quarter(day: datetime.date) -> int:
    """1 (Oct-Dec) ... 4 (Jul-Sep)."""
    return (fiscal_month(day) - 1) // 3 + 1


def month_start(fiscal_year: int, month: int) -> datetime.date:
    """The first day of fiscal month ``month`` (1 = October) of BE ``fiscal_year``."""
    if not 1 <= month <= FISCAL_MONTHS:
        raise ValueError(month)
    year = fiscal_year - 543 - (1 if month <= 3 else 0)
    return datetime.date(year, (month + 8) % 12 + 1, 1)


def cumulative(monthly: dict[int, Decimal]) -> list[Decimal]:
    """Running totals over the twelve fiscal months."""
    running = ZERO
    out = []
    for month in range(1, FISCAL_MONTHS + 1):
        running += monthly.get(month, ZERO)
        out.append(running)
    return out
