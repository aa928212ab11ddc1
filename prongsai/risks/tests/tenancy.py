"""How to build an object of a given organisation for each risk-register route."""

import itertools

from django.utils import timezone

from prongsai.risks.models import Risk, RiskAssessment

_years = itertools.count(2600)


def _new_assessment(organization):
    return RiskAssessment.objects.create(
        organization=organization,
        fiscal_year=next(_years),
        title="การประเมินความเสี่ยง",
    )


def _assessment(organization):
    assessment = _new_assessment(organization)
    return {"pk": assessment.pk}


def _published_assessment(organization):
    assessment = _new_assessment(organization)
    RiskAssessment.objects.filter(pk=assessment.pk).update(published_at=timezone.now())
    return {"pk": assessment.pk}


def _risk(organization):
    assessment = _new_assessment(organization)
    risk = Risk.objects.create(
        organization=organization,
        assessment=assessment,
        process=Risk.Process.PERMITS,
        event="เหตุการณ์ความเสี่ยง",
        likelihood=3,
        impact=3,
    )
    return {"pk": risk.pk}


ROUTE_OBJECTS = {
    "risks-staff:risk-assessment-detail": _assessment,
    "risks-staff:risk-create": _assessment,
    "risks-staff:risk-assessment-publish": _assessment,
    "risks-staff:risk-report": _assessment,
    "risks-staff:risk-edit": _risk,
    "risks-staff:risk-follow-up": _risk,
    "risks-public:risk-detail": _published_assessment,
    "risks-public:risk-report": _published_assessment,
}
