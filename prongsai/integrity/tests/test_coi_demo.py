"""The demo's conflict-of-interest registers: most members declared, one
declared company is a demo supplier, so a flag exists."""

import pytest

from prongsai.accounts.tests.factories import UserFactory
from prongsai.integrity.demo_coi import load_coi_demo
from prongsai.integrity.models_coi import (
    CoiCommitteeDeclaration,
    CoiDeclaration,
    CoiFlag,
)
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
)
from prongsai.procurement.demo import load_procurement_demo

pytestmark = pytest.mark.django_db


def test_demo_declarations_committees_and_a_flag(django_capture_on_commit_callbacks):
    organization = OrganizationFactory(slug="bandong")
    for local, role in [
        ("ita", Role.ITA_COORDINATOR),
        ("data", Role.DATA_OFFICER),
        ("service", Role.SERVICE_OFFICER),
        ("complaint", Role.COMPLAINT_OFFICER),
        ("integrity", Role.INTEGRITY_OFFICER),
        ("hr", Role.HR_OFFICER),
        ("staff", Role.STAFF),
    ]:
        MembershipFactory(
            organization=organization,
            user=UserFactory(email=f"{local}@bandong.example"),
            roles=[role.value],
        )
    with django_capture_on_commit_callbacks(execute=True):
        load_procurement_demo([organization])
        load_coi_demo(organization)
    yearly = CoiDeclaration.objects.filter(
        organization=organization, fiscal_year=2569, kind="yearly"
    )
    assert yearly.count() == 5
    assert yearly.filter(nothing_to_declare=False).count() == 3
    assert (
        CoiCommitteeDeclaration.objects.filter(organization=organization).count() == 9
    )
    flag = CoiFlag.objects.filter(organization=organization).first()
    assert flag is not None
    assert flag.supplier.name == "บริษัท ขอนแก่นวัสดุภัณฑ์ จำกัด"
    count = CoiFlag.objects.filter(organization=organization).count()
    assert CoiFlag.objects.filter(organization=organization, status="open").count() == (
        min(count, 3)
    )
    load_coi_demo(organization)  # idempotent
    assert yearly.count() == 5
    assert CoiFlag.objects.filter(organization=organization).count() == count
