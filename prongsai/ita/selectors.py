"""Reads on ITA frameworks and results."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .frameworks import Framework
from .models import FrameworkVersion, ItaResult


def framework_get(*, fiscal_year: int) -> Framework:
    """The framework of a fiscal year as stored (maybe corrected) in the database.

    Raises ``FrameworkVersion.DoesNotExist`` when the year has not been loaded.
    """
    return FrameworkVersion.objects.get(fiscal_year=fiscal_year).framework()


def ita_result_list(*, organization) -> QuerySet[ItaResult]:
    """The organisation's results, newest fiscal year first."""
    return ItaResult.objects.filter(organization=organization).order_by("-fiscal_year")


def access_ita_result(*, organization, fiscal_year) -> ItaResult:
    """The organisation's result of a fiscal year, or 404."""
    try:
        return ItaResult.objects.get(organization=organization, fiscal_year=fiscal_year)
    except (ItaResult.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
