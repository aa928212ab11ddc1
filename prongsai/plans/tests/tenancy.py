"""How to build an object of a given organisation for each plans route."""

import itertools

from django.utils import timezone

from prongsai.plans.models import Activity, MeasureCase, Plan, PlanVersion
from prongsai.plans.models_participation import Proposal
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


ROUTE_OBJECTS = {
    **{
        f"plans-staff:{name}": _plan
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
        f"plans-staff:{name}": _measure
        for name in (
            "measure-detail",
            "measure-edit",
            "measure-delete",
            "activity-create",
            "progress-create",
            "measure-link-cases",
        )
    },
    "plans-staff:measure-unlink-case": _measure_case,
    "plans-staff:activity-edit": _activity,
    "plans-staff:activity-delete": _activity,
    **{
        f"plans-staff:{name}": _proposal
        for name in (
            "proposal-support",
            "proposal-comment",
            "proposal-adopt",
            "proposal-decline",
        )
    },
    "plans-staff:plan-report-narrative": lambda organization: {
        **_plan(organization),
        "period": "h1",
    },
    "plans-public:plan-detail": _published_plan,
    "plans-public:plan-annual-report": _published_plan,
    "plans-public:plan-six-month-report": _published_plan,
    "plans-public:plan-annual-report-docx": _published_plan,
    "plans-public:plan-six-month-report-docx": _published_plan,
}
