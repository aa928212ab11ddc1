import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory


@pytest.fixture
def coordinator(organization):
    user = UserFactory(full_name="สุภาพร แก้วมณี")
    return MembershipFactory(
        organization=organization,
        user=user,
        roles=[Role.ITA_COORDINATOR.value],
        position="นักวิเคราะห์นโยบายและแผน",
        unit="สำนักปลัด",
    )


@pytest.fixture
def executive(organization):
    user = UserFactory(full_name="ประเสริฐ ศรีสุข", totp=True)
    return MembershipFactory(
        organization=organization,
        user=user,
        roles=[Role.EXECUTIVE.value],
        position="นายกองค์การบริหารส่วนตำบลบ้านดง",
    )


@pytest.fixture
def owner(organization):
    user = UserFactory(full_name="จันทร์เพ็ญ บุญมา")
    return MembershipFactory(
        organization=organization,
        user=user,
        roles=[Role.STAFF.value],
        position="เจ้าพนักงานพัสดุ",
        unit="กองคลัง",
    )


@pytest.fixture
def member(organization):
    return MembershipFactory(organization=organization, roles=[Role.STAFF.value])
