"""How long the conflict-of-interest registers are kept (prongsai.core.retention).

Declarations of interests (with their interests and flags) and procurement
committee declarations are kept for five years after the end of the fiscal
year they belong to (a committee declaration: its procurement's fiscal
year), then deleted. Operators may change the term with
``PRONGSAI_RETENTION_DAYS["integrity.coi_declaration"]`` (days after the end
of the fiscal year).
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.core import thai_dates
from prongsai.core.retention import Effect, RetentionKind, delete_expired, register

from .models_coi import CoiCommitteeDeclaration, CoiDeclaration

KEEP_DAYS = 5 * 365 + 1  # five years after the fiscal year ends


def last_expired_year(*, days: int, now: datetime.datetime) -> int:
    """The latest fiscal year that ended more than ``days`` ago."""
    cutoff = timezone.localdate(now) - datetime.timedelta(days=days)
    year = thai_dates.fiscal_year(cutoff)
    _start, end = thai_dates.fiscal_year_bounds(year)
    return year if end < cutoff else year - 1


def coi_declarations_expire(
    *, days: int, now: datetime.datetime, dry_run: bool
) -> dict[int, int]:
    year = last_expired_year(days=days, now=now)
    found = delete_expired(
        CoiDeclaration.objects.all_organizations().filter(fiscal_year__lte=year),
        dry_run=dry_run,
    )
    committee = delete_expired(
        CoiCommitteeDeclaration.objects.all_organizations().filter(
            procurement__fiscal_year__lte=year
        ),
        dry_run=dry_run,
    )
    for organization_id, count in committee.items():
        found[organization_id] = found.get(organization_id, 0) + count
    return found


register(
    RetentionKind(
        "integrity.coi_declaration",
        _("Declarations of interests and committee declarations"),
        Effect.DELETE,
        coi_declarations_expire,
        KEEP_DAYS,
    )
)
