"""Fixtures shared by the procurement tests."""

import pytest

from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory


@pytest.fixture
def officer(organization):
    from prongsai.accounts.tests.factories import UserFactory

    user = UserFactory()
    MembershipFactory(
        organization=organization, user=user, roles=[Role.PROCUREMENT_OFFICER.value]
    )
    return user
