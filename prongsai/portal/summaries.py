"""The summaries the province and national pages read, refreshed by a
scheduled task (the portal is the one layer that may read every app).

:func:`summary_refresh` writes one organisation's row of a fiscal year from
the apps' own selectors; :func:`province_summaries_refresh` rolls the rows
and the LAO directory up per province. Only aggregates are stored: never a
name, a contact or anything of a confidential report.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from decimal import Decimal
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from prongsai.complaints.selectors_statistics import (
    OUTCOME_COMPLETED,
    OUTCOME_FORWARDED,
    OUTCOME_IN_PROGRESS,
    complaint_statistics_get,
)
from prongsai.core import thai_dates
from prongsai.eservices.selectors import eservice_statistics_get
from prongsai.ita.scoring import ScoreResult, ScoringInputError
from prongsai.ita.selectors import ita_result_list_scores
from prongsai.oit.selectors import checklist_list, readiness_get
from prongsai.organizations.models import (
    DirectoryEntry,
    Organization,
    ProvinceSummary,
    RegionSummary,
)
from prongsai.organizations.services_regions import directory_match

logger = logging.getLogger(__name__)

# Under this many respondents a predicted ITA is not shown (nor stored).
MIN_PREDICTION_RESPONDENTS = 5
TWO = Decimal("0.01")


def current_fiscal_year() -> int:
    return thai_dates.fiscal_year(timezone.localdate())


def _ita_figures(organization) -> dict:
    try:
        scored = ita_result_list_scores(organization=organization)
    except (ScoringInputError, KeyError, ValueError):
        logger.warning("region summary: ITA results of %s not scored", organization.pk)
        scored = []
    if not scored:
        return {}
    latest, score = scored[0][0], cast(ScoreResult, scored[0][1])
    total = (
        latest.published_total if latest.published_total is not None else score.total
    )
    figures = {
        "ita_fiscal_year": latest.fiscal_year,
        "ita_total": total,
        "ita_level": score.level.label_th,
        "ita_indicators": {str(n): str(v) for n, v in latest.indicators.items()},
    }
    for earlier, earlier_score in scored[1:]:
        if earlier.fiscal_year == latest.fiscal_year - 1:
            before = (
                earlier.published_total
                if earlier.published_total is not None
                else cast(ScoreResult, earlier_score).total
            )
            figures["ita_change"] = total - before
    return figures


def _oit_figures(organization, fiscal_year: int) -> dict:
    """The checklist of the year or, before it is made, the latest one."""
    checklist = (
        checklist_list(organization=organization)
        .filter(fiscal_year__lte=fiscal_year)
        .first()
    )
    if checklist is None:
        return {}
    readiness = readiness_get(organization=organization, checklist=checklist)
    return {
        "oit_fiscal_year": checklist.fiscal_year,
        "oit_items_done": readiness.done,
        "oit_items_total": readiness.total,
        "oit_readiness": readiness.share if readiness.total else None,
    }


def _service_figures(organization, fiscal_year: int) -> dict:
    total = eservice_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    ).total
    percent = total.in_time_percent
    complaints = complaint_statistics_get(
        organization=organization, fiscal_year=fiscal_year
    )
    # ``total`` and ``outcomes`` leave corruption (confidential) reports out.
    outcomes = complaints["outcomes"]
    return {
        "eservice_received": total.received,
        "eservice_completed": total.completed,
        "eservice_in_time": total.in_time,
        "eservice_in_time_percent": Decimal(str(percent))
        if percent is not None
        else None,
        "complaints_received": complaints["total"],
        "complaints_in_progress": outcomes[OUTCOME_IN_PROGRESS],
        "complaints_completed": outcomes[OUTCOME_COMPLETED],
        "complaints_forwarded": outcomes[OUTCOME_FORWARDED],
    }


def prediction_figures(organization, fiscal_year: int) -> dict:
    """The predicted ITA from pulse surveys
    (``surveys.selectors_prediction.prediction_summary``), when enough people
    answered (``MIN_PREDICTION_RESPONDENTS`` in the smallest surveyed group)."""
    from prongsai.ita.scoring import ScoringInputError
    from prongsai.surveys.selectors_prediction import prediction_summary

    try:
        found = prediction_summary(organization=organization, fiscal_year=fiscal_year)
    except ScoringInputError:
        return {}
    if found is None or found.total is None or found.respondents is None:
        return {}
    if found.respondents < MIN_PREDICTION_RESPONDENTS:
        return {}
    return {
        "prediction_total": Decimal(str(found.total)).quantize(TWO),
        "prediction_respondents": found.respondents,
    }


EMPTY: dict[str, Any] = {
    "ita_fiscal_year": None,
    "ita_total": None,
    "ita_level": "",
    "ita_change": None,
    "ita_indicators": {},
    "oit_fiscal_year": None,
    "oit_items_done": 0,
    "oit_items_total": 0,
    "oit_readiness": None,
    "prediction_total": None,
    "prediction_respondents": None,
}


@transaction.atomic
def summary_refresh(*, organization, fiscal_year: int | None = None) -> RegionSummary:
    """Write the organisation's summary row of the fiscal year (default: the
    current one) from the apps' selectors."""
    year = fiscal_year or current_fiscal_year()
    values = {
        **EMPTY,
        **_ita_figures(organization),
        **_oit_figures(organization, year),
        **_service_figures(organization, year),
        **prediction_figures(organization, year),
        "refreshed_at": timezone.now(),
    }
    summary, _created = RegionSummary.objects.update_or_create(
        organization=organization, fiscal_year=year, defaults=values
    )
    return summary


def _average(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(TWO)


@transaction.atomic
def province_summaries_refresh(*, fiscal_year: int | None = None) -> int:
    """Roll the directory and the organisations' rows up per province (one
    row per province with an LAO); returns the number of provinces."""
    year = fiscal_year or current_fiscal_year()
    directory_match()
    counts: dict[str, dict] = defaultdict(
        lambda: {"lao": 0, "on": 0, "ita": [], "oit": [], "es": 0, "cp": 0}
    )
    for province in DirectoryEntry.objects.values_list("province", flat=True):
        counts[province]["lao"] += 1
    active = dict(Organization.objects.active().values_list("pk", "province"))
    listed = set(
        DirectoryEntry.objects.filter(organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    for pk, province in active.items():
        counts[province]["on"] += 1
        if pk not in listed:
            counts[province]["lao"] += 1
    rows = (
        RegionSummary.objects.all_organizations()
        .filter(fiscal_year=year, organization_id__in=list(active))
        .values_list(
            "organization_id",
            "ita_total",
            "oit_readiness",
            "eservice_received",
            "complaints_received",
        )
    )
    for pk, ita, oit, eservice, complaints in rows:
        figures = counts[active[pk]]
        if ita is not None:
            figures["ita"].append(ita)
        if oit is not None:
            figures["oit"].append(oit)
        figures["es"] += eservice
        figures["cp"] += complaints
    now = timezone.now()
    ProvinceSummary.objects.filter(fiscal_year=year).exclude(
        province__in=list(counts)
    ).delete()
    for province, figures in counts.items():
        ProvinceSummary.objects.update_or_create(
            province=province,
            fiscal_year=year,
            defaults={
                "refreshed_at": now,
                "lao_count": figures["lao"],
                "on_platform": figures["on"],
                "ita_count": len(figures["ita"]),
                "ita_average": _average(figures["ita"]),
                "oit_count": len(figures["oit"]),
                "oit_average": _average(figures["oit"]),
                "eservice_received": figures["es"],
                "complaints_received": figures["cp"],
            },
        )
    return len(counts)


def summaries_refresh_all(*, fiscal_year: int | None = None) -> int:
    """Every active organisation's row, then the provinces (the command)."""
    count = 0
    for organization in Organization.objects.active().order_by("pk"):
        summary_refresh(organization=organization, fiscal_year=fiscal_year)
        count += 1
    province_summaries_refresh(fiscal_year=fiscal_year)
    return count
