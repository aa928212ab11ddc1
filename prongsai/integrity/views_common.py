"""What every back-office page of the integrity registers shares: the fiscal
year asked for, the years offered, and a form's create-or-update service."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from prongsai.core import thai_dates
from prongsai.core.params import bounded_int

FIRST_YEAR = 2500


def requested_year(request) -> int:
    """The fiscal year asked for (``year``), this one by default; 404 if absurd."""
    current = thai_dates.fiscal_year(timezone.localdate())
    raw = request.POST.get("year") or request.GET.get("year")
    try:
        return bounded_int(raw, default=current, low=FIRST_YEAR, high=current + 1)
    except ValueError:
        raise Http404 from None


def year_choices() -> list[int]:
    """Next year, this year and the two before, for the year switcher."""
    current = thai_dates.fiscal_year(timezone.localdate())
    return [current + 1, current, current - 1, current - 2]


def create_or_update(record, create, update):
    """The form's service: ``create(**data)`` for a new record, else ``update``."""
    return lambda data: (create if record is None else update)(**data)
