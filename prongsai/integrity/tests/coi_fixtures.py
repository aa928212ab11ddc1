"""Members and procurement records of the conflict-of-interest tests."""

import datetime

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory
from prongsai.procurement.tests.factories import thai_id

COMPANY_ID = thai_id("010555012345")
COMPANY = "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด"
DECLARED_ON = datetime.date(2025, 10, 20)


def _member(organization, name, *roles, position=""):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(full_name=name, totp=True),
        roles=[r.value for r in roles] or [Role.STAFF.value],
        position=position,
    )


@pytest.fixture
def declarant(organization):
    return _member(organization, "กาญจนา ศรีวงศ์", Role.STAFF, position="เจ้าพนักงานธุรการ")


@pytest.fixture
def colleague(organization):
    return _member(organization, "อนุชา มั่นคง", Role.STAFF)


@pytest.fixture
def integrity(organization):
    return _member(organization, "วีระพงษ์ สุจริต", Role.INTEGRITY_OFFICER, position="นิติกร")


@pytest.fixture
def hr(organization):
    return _member(organization, "สุดารัตน์ ใจดี", Role.HR_OFFICER)


@pytest.fixture
def boss(organization):
    return _member(organization, "ประเสริฐ ศรีสุข", Role.EXECUTIVE)


@pytest.fixture
def procurement_officer(organization):
    return _member(organization, "จันทร์เพ็ญ บุญมา", Role.PROCUREMENT_OFFICER)


@pytest.fixture
def admin_only(organization):
    return _member(organization, "ผู้ดูแล ระบบ", Role.ORG_ADMIN)
