"""Fixtures shared by the ITA tests."""

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.services import framework_load_files, recommendation_rules_load
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)


@pytest.fixture
def ita_coordinator():
    """The ITA coordinator of Ban Dong, with the frameworks and rules loaded."""
    framework_load_files()
    recommendation_rules_load()
    organization = OrganizationFactory(slug="bandong", name="องค์การบริหารส่วนตำบลบ้านดง")
    user = UserFactory(email="ita@bandong.example", full_name="ศิริพร ใจซื่อ")
    MembershipFactory(
        organization=organization, user=user, roles=[Role.ITA_COORDINATOR.value]
    )
    return user
