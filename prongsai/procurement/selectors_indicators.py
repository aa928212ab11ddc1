"""Reads of the stored risk indicators (written by ``services_indicators``):
who sees them, a year's counts and flags, one record's flags, and the
fingerprint of what the annual report shows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils import timezone

from . import redflags
from .indicators import INDICATORS
from .models import Procurement, ProcurementYear, RiskIndicator
from .selectors import procurement_settings


def indicators_visible(*, organization, staff: bool) -> bool:
    """Officers always see the risk indicators; the public when the
    organisation has turned them on."""
    if staff:
        return True
    return procurement_settings(organization=organization).public_indicators


def indicator_year(*, organization, fiscal_year: int | None) -> ProcurementYear | None:
    """The stored indicator counts of a fiscal year (``None`` before any)."""
    if not fiscal_year:
        return None
    return ProcurementYear.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


@dataclass(frozen=True)
class IndicatorCount:
    code: str
    label: str
    rule: str
    count: int


def indicator_counts(year: ProcurementYear | None) -> list[IndicatorCount]:
    """The year's indicators by kind, in catalogue order."""
    if year is None:
        return []
    counts = year.indicator_counts
    return [
        IndicatorCount(code, str(item.label), str(item.rule), counts[code])
        for code, item in INDICATORS.items()
        if counts.get(code)
    ]


def _flags(rows) -> list[redflags.Flag]:
    flags: dict[int, redflags.Flag] = {}
    for number, code, params, related, pk in rows:
        flags.setdefault(number, redflags.Flag(code, related or [pk], params))
    return list(flags.values())


def year_flags(*, organization, fiscal_year: int) -> list[redflags.Flag]:
    """The stored indicators of one fiscal year, each once."""
    return _flags(
        RiskIndicator.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .order_by("number", "id")
        .values_list("number", "code", "params", "related_ids", "procurement_id")
        .iterator(chunk_size=2000)
    )


def flag_list(*, procurement: Procurement) -> list[redflags.Flag]:
    """The stored indicators that concern one procurement."""
    return _flags(
        procurement.risk_indicators.order_by("number", "id").values_list(
            "number", "code", "params", "related_ids", "procurement_id"
        )
    )


def annual_fingerprint(*, organization, fiscal_year: int) -> str:
    """A short hash of what the annual report of a year shows: the year's data
    version (bumped by every change of its records, bids, "no procurement"
    months and notes), the organisation's name and indicator settings, and
    the day (the report is dated)."""
    year = indicator_year(organization=organization, fiscal_year=fiscal_year)
    settings = procurement_settings(organization=organization)
    parts = [
        REPORT_LAYOUT_VERSION,
        fiscal_year,
        year.version if year else 0,
        year.refreshed_at.isoformat() if year and year.refreshed_at else "",
        organization.name,
        organization.updated_at.isoformat() if organization.updated_at else "",
        settings.updated_at.isoformat() if settings.pk else "",
        timezone.localdate().isoformat(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


#: Change when the annual report's template changes, so stored copies renew.
REPORT_LAYOUT_VERSION = 2
