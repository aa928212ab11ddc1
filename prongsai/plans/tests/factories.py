import datetime

import factory

from prongsai.organizations.tests.factories import OrganizationFactory
from prongsai.plans.models import Measure, Plan, PlanVersion


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    fiscal_year = 2569
    kind = Plan.Kind.INTEGRITY
    title = factory.Sequence(lambda n: f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส {n}")
    version_row = factory.RelatedFactory(
        "prongsai.plans.tests.factories.PlanVersionFactory", factory_related_name="plan"
    )


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    number = 1


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory)
    organization = factory.SelfAttribute("plan.organization")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"มาตรการที่ {n}")
    responsible_unit = "สำนักปลัด"
    start_date = datetime.date(2025, 10, 1)
    due_date = datetime.date(2026, 9, 30)


def approved_improvement_plan(organization, coordinator, executive, *measures):
    """An approved improvement plan with ``measures`` (their data); returns them."""
    from django.utils import timezone

    from prongsai.core import thai_dates
    from prongsai.plans import services, services_measures

    plan = services.plan_create(
        actor=coordinator.user,
        organization=organization,
        fiscal_year=thai_dates.fiscal_year(timezone.localdate()),
        kind=Plan.Kind.IMPROVEMENT,
        title="แผนปรับปรุง",
    )
    created = [
        services_measures.measure_create(actor=coordinator.user, plan=plan, data=data)
        for data in measures
    ]
    services.plan_submit(actor=coordinator.user, plan=plan)
    services.plan_approve(actor=executive.user, plan=plan)
    return created


def due_in(days: int, **data) -> dict:
    """Measure data: started ten days ago (or a hundred when past due), due in
    ``days`` days."""
    from django.utils import timezone

    from prongsai.core import thai_dates

    today = timezone.localdate()
    start = today - datetime.timedelta(days=10 if days >= 0 else 100)
    due = today + datetime.timedelta(days=days)
    values = {"start_date": start, "due_date": due, **data}
    if thai_dates.fiscal_year(due) != thai_dates.fiscal_year(today):
        # Near the turn of the fiscal year (plans of the current year).
        values.setdefault("due_date_reason", "ครบกำหนดข้ามปีงบประมาณ")
    return values
