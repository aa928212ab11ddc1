"""Database constraints of the catalogue."""

import pytest
from django.db import IntegrityError

from prongsai.opendata.tests.factories import DatasetFactory

pytestmark = pytest.mark.django_db


def test_one_dataset_per_provider_and_year(organization):
    DatasetFactory(organization=organization, fiscal_year=2568)
    with pytest.raises(IntegrityError):
        DatasetFactory(organization=organization, fiscal_year=2568, name="other-name")


def test_names_are_unique_across_organisations(organization, other_organization):
    DatasetFactory(organization=organization, name="shared-name")
    with pytest.raises(IntegrityError):
        DatasetFactory(organization=other_organization, name="shared-name")


def test_period_cannot_end_before_it_starts(organization):
    import datetime

    with pytest.raises(IntegrityError):
        DatasetFactory(
            organization=organization,
            temporal_start=datetime.date(2025, 1, 1),
            temporal_end=datetime.date(2024, 1, 1),
        )
