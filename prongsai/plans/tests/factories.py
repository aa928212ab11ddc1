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
