import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.ita.services import framework_load_files
from prongsai.oit.services import checklist_open
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory


@pytest.fixture
def frameworks(db):
    framework_load_files()


@pytest.fixture
def officer(organization):
    user = UserFactory(email="data@bandong.example", full_name="ธนากร พรหมมา")
    MembershipFactory(
        organization=organization, user=user, roles=[Role.DATA_OFFICER.value]
    )
    return user


@pytest.fixture
def checklist(frameworks, organization, officer):
    return checklist_open(actor=officer, organization=organization, fiscal_year=2569)
