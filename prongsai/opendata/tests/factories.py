import datetime

import factory
from django.utils import timezone

from prongsai.opendata.models import Dataset
from prongsai.organizations.tests.factories import OrganizationFactory


class DatasetFactory(factory.django.DjangoModelFactory):
    """A dataset row made directly (tests of pages that need no provider)."""

    class Meta:
        model = Dataset

    organization = factory.SubFactory(OrganizationFactory)
    provider_key = "budget"
    fiscal_year = factory.Sequence(lambda n: 2560 + n)
    name = factory.LazyAttribute(
        lambda o: f"{o.organization.slug}-{o.provider_key}-{o.fiscal_year}"
    )
    title = factory.LazyAttribute(lambda o: f"ข้อมูลงบประมาณ ปีงบประมาณ {o.fiscal_year}")
    description = "ข้อมูลทดสอบ"
    tags = factory.LazyFunction(lambda: ["งบประมาณ"])
    maintainer = factory.LazyAttribute(lambda o: o.organization.name)
    temporal_start = datetime.date(2024, 10, 1)
    temporal_end = datetime.date(2025, 9, 30)
    modified_at = factory.LazyFunction(timezone.now)
