"""Fixtures shared by the budget tests (a test module may define its own
``plan`` made another way; pytest then uses the module's)."""

import datetime

import pytest
from django.utils import translation

from prongsai.accounts.tests.factories import UserFactory
from prongsai.budget import services_plan


@pytest.fixture
def thai():
    """Thai messages (the plan tests compare them): with ``usefixtures``."""
    with translation.override("th"):
        yield


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def plan(organization, actor):
    """A five-year plan from 2566 made through the service."""
    return services_plan.plan_create(
        actor=actor,
        organization=organization,
        first_year=2566,
        approved_on=datetime.date(2021, 10, 25),
    )
