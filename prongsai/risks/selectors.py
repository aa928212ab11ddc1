"""Reads on the corruption risk register, scoped to one organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from prongsai.core.charts import Chart
from prongsai.core.charts_risk import matrix_chart
from prongsai.organizations.models import Organization

from .models import Risk, RiskAssessment
from .risk_matrix import RankedRisk, matrix_counts, prioritise


def _get(queryset, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_risk_assessment(*, organization: Organization, pk) -> RiskAssessment:
    return _get(RiskAssessment.objects.filter(organization=organization), pk=pk)


def access_risk(*, organization: Organization, pk) -> Risk:
    return _get(
        Risk.objects.filter(organization=organization).select_related("assessment"),
        pk=pk,
    )


def access_published_risk_assessment(
    *, organization: Organization, pk
) -> RiskAssessment:
    return _get(risk_assessment_list_published(organization=organization), pk=pk)


def risk_assessment_list(*, organization: Organization) -> QuerySet[RiskAssessment]:
    return (
        RiskAssessment.objects.filter(organization=organization)
        .select_related("organization")
        .annotate(risk_count=Count("risks"))
    )


def risk_assessment_list_published(
    *, organization: Organization
) -> QuerySet[RiskAssessment]:
    return RiskAssessment.objects.filter(
        organization=organization, published_at__isnull=False
    ).order_by("-fiscal_year")


def risk_assessment_get_of_year(
    *, organization: Organization, fiscal_year: int
) -> RiskAssessment | None:
    return RiskAssessment.objects.filter(
        organization=organization, fiscal_year=fiscal_year
    ).first()


def risk_measure_list(*, organization: Organization, fiscal_year: int | None = None):
    """The plan measures a risk of ``fiscal_year`` may be linked to (that year's
    and last year's). Read through the foreign key, so that the register does
    not import the plans app that sits above it."""
    measure_model: Any = Risk._meta.get_field("measure").related_model
    measures = measure_model.objects.filter(organization=organization).select_related(
        "plan"
    )
    if fiscal_year is not None:
        measures = measures.filter(plan__fiscal_year__in=[fiscal_year, fiscal_year - 1])
    return measures.order_by("-plan__fiscal_year", "plan_id", "number")


@dataclass
class RiskRegister:
    assessment: RiskAssessment
    risks: list[tuple[Risk, RankedRisk]]  # by priority
    counts: dict
    previous: RiskAssessment | None
    previous_risks: list[Risk]


def risk_register_get(*, assessment: RiskAssessment) -> RiskRegister:
    risks = list(assessment.risks.select_related("measure", "previous").order_by("id"))
    ranked = prioritise([(r, r.likelihood, r.impact) for r in risks])
    previous = risk_assessment_get_of_year(
        organization=assessment.organization, fiscal_year=assessment.fiscal_year - 1
    )
    previous_risks = (
        list(previous.risks.select_related("measure").order_by("-likelihood", "id"))
        if previous
        else []
    )
    return RiskRegister(
        assessment=assessment,
        risks=[(r.key, r) for r in ranked],  # type: ignore[misc]
        counts=matrix_counts([(r.likelihood, r.impact) for r in risks]),
        previous=previous,
        previous_risks=previous_risks,
    )


def risk_codes(register: RiskRegister) -> dict[int, str]:
    """The code of each risk of the register (R1, R2, ...) in priority order."""
    return {risk.pk: f"R{index}" for index, (risk, _r) in enumerate(register.risks, 1)}


def risk_matrix_cells(register: RiskRegister) -> dict[tuple[int, int], str]:
    """What each (likelihood, impact) cell of the matrix shows: its risks' codes."""
    codes = risk_codes(register)
    cells: dict[tuple[int, int], str] = {}
    for risk, _rank in register.risks:
        key = (risk.likelihood, risk.impact)
        cells[key] = ", ".join(filter(None, [cells.get(key, ""), codes[risk.pk]]))
    return cells


def risk_matrix_chart(*, register: RiskRegister) -> Chart:
    """The register's matrix: SVG on its pages, PNG in its reports (one picture)."""
    return matrix_chart(risk_matrix_cells(register), title=str(_("Risk matrix")))


def risk_matrix_picture(*, register: RiskRegister) -> str:
    return risk_matrix_chart(register=register).svg()
