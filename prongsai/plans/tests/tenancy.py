"""How to build an object of a given organisation for each plans route."""

import itertools

from django.utils import timezone

from prongsai.plans.models import (
    Activity,
    MeasureCase,
    Plan,
    PlanVersion,
    Proposal,
    Risk,
    RiskAssessment,
)
from prongsai.plans.tests.factories import MeasureFactory, PlanFactory


def _plan(organization):
    return {"pk": PlanFactory(organization=organization).pk}


def _published_plan(organization):
    plan = PlanFactory(organization=organization, published_at=timezone.now())
    PlanVersion.objects.filter(plan=plan).update(
        approved_at=timezone.now(),
        snapshot={
            "title": plan.title,
            "kind": plan.kind,
            "fiscal_year": plan.fiscal_year,
            "description": "",
            "measures": [],
        },
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    return {"pk": plan.pk}


def _measure(organization):
    return {"pk": MeasureFactory(plan__organization=organization).pk}


def _measure_case(organization):
    from prongsai.complaints.tests.factories import CaseFactory

    measure = MeasureFactory(plan__organization=organization)
    link = MeasureCase.objects.create(
        organization=organization,
        measure=measure,
        case=CaseFactory(organization=organization),
    )
    return {"pk": link.pk}


def _activity(organization):
    measure = MeasureFactory(plan__organization=organization)
    activity = Activity.objects.create(
        organization=organization,
        measure=measure,
        title="กิจกรรม",
        start_date=measure.start_date,
        due_date=measure.due_date,
    )
    return {"pk": activity.pk}


def _proposal(organization):
    plan = PlanFactory(organization=organization)
    proposal = Proposal.objects.create(
        organization=organization, plan=plan, title="ข้อเสนอ", description="เหตุผล"
    )
    return {"pk": proposal.pk}


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
    **{
        f"plans:{name}": _plan
        for name in (
            "plan-detail",
            "plan-edit",
            "plan-submit",
            "plan-approve",
            "plan-return",
            "plan-revise",
            "plan-publish",
            "plan-dashboard",
            "plan-report",
            "measure-create",
            "proposal-create",
            "plan-comment",
        )
    },
    **{
        f"plans:{name}": _measure
        for name in (
            "measure-detail",
            "measure-edit",
            "measure-delete",
            "activity-create",
            "progress-create",
            "measure-link-cases",
        )
    },
    "plans:measure-unlink-case": _measure_case,
    "plans:activity-edit": _activity,
    "plans:activity-delete": _activity,
    **{
        f"plans:{name}": _proposal
        for name in (
            "proposal-support",
            "proposal-comment",
            "proposal-adopt",
            "proposal-decline",
        )
    },
    "plans:risk-assessment-detail": _assessment,
    "plans:risk-create": _assessment,
    "plans:risk-assessment-publish": _assessment,
    "public-plans:risk-detail": _published_assessment,
    "public-plans:risk-report": _published_assessment,
    "plans:risk-report": _assessment,
    "plans:risk-edit": _risk,
    "plans:risk-follow-up": _risk,
    "public-plans:plan-detail": _published_plan,
    "public-plans:plan-annual-report": _published_plan,
    "public-plans:plan-six-month-report": _published_plan,
}
