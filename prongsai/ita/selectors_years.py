"""Reads for a new fiscal year: frameworks on record, diffs and ITAS surveys."""

from __future__ import annotations

import datetime

from django.utils import timezone

from prongsai.core import thai_dates

from .frameworks_diff import FrameworkDiff, framework_diff
from .models import FrameworkVersion, ItasSurvey

START_AHEAD_DAYS = 60
"""How long before a fiscal year begins its coordinator may start it."""


def framework_version_list() -> list[FrameworkVersion]:
    """Every framework on record, newest fiscal year first."""
    return list(FrameworkVersion.objects.order_by("-fiscal_year"))


def framework_version_get(*, fiscal_year: int) -> FrameworkVersion | None:
    """The framework of a fiscal year (platform-wide), or ``None``."""
    return FrameworkVersion.objects.filter(fiscal_year=fiscal_year).first()


def framework_diff_get(*, version: FrameworkVersion) -> FrameworkDiff | None:
    """What the framework changes against the latest earlier year on record."""
    previous = (
        FrameworkVersion.objects.filter(fiscal_year__lt=version.fiscal_year)
        .order_by("-fiscal_year")
        .first()
    )
    if previous is None:
        return None
    return framework_diff(previous.framework(), version.framework())


def framework_get_next_year(*, today: datetime.date | None = None) -> int | None:
    """The fiscal year a coordinator may start now, or ``None``.

    The year after the newest framework, from two months before that
    fiscal year begins (a year is never started further ahead).
    """
    newest = FrameworkVersion.objects.order_by("-fiscal_year").first()
    if newest is None:
        return None
    today = today or timezone.localdate()
    reachable = thai_dates.fiscal_year(
        today + datetime.timedelta(days=START_AHEAD_DAYS)
    )
    candidate = newest.fiscal_year + 1
    return candidate if candidate <= reachable else None


def itas_survey_get(*, organization, fiscal_year: int) -> ItasSurvey | None:
    return ItasSurvey.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def itas_survey_list(*, organization):
    return ItasSurvey.objects.filter(organization=organization).order_by("-fiscal_year")


def itas_survey_get_current(
    *, organization, today: datetime.date | None = None
) -> ItasSurvey | None:
    """The survey links of the current fiscal year, if entered."""
    today = today or timezone.localdate()
    return itas_survey_get(
        organization=organization, fiscal_year=thai_dates.fiscal_year(today)
    )


def eit_survey_get_open(
    *, organization, today: datetime.date | None = None
) -> ItasSurvey | None:
    """The EIT survey open to the public today, or ``None`` outside its window."""
    today = today or timezone.localdate()
    for survey in ItasSurvey.objects.filter(
        organization=organization,
        eit_opens_on__lte=today,
        eit_closes_on__gte=today,
    ).exclude(eit_url=""):
        return survey
    return None
