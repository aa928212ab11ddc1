"""The demo register and loans of Ban Dong load, in every state."""

import pytest
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.integrity import selectors_assets as selectors
from prongsai.integrity.demo_assets import load_assets_demo
from prongsai.integrity.models import Asset, AssetLoan
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_demo_has_every_state(organization):
    bandong = organization
    for local, role in (
        ("admin", Role.ORG_ADMIN),
        ("integrity", Role.INTEGRITY_OFFICER),
        ("procurement", Role.PROCUREMENT_OFFICER),
        ("staff", Role.STAFF),
    ):
        MembershipFactory(
            organization=bandong,
            user=UserFactory(email=f"{local}@bandong.example"),
            roles=[role.value],
        )
    load_assets_demo(bandong)
    assert Asset.objects.filter(organization=bandong).count() == 25
    loans = AssetLoan.objects.filter(organization=bandong)
    assert 25 <= loans.count() <= 35
    assert set(loans.values_list("status", flat=True)) == set(AssetLoan.Status.values)
    today = timezone.localdate()
    assert any(loan.is_overdue(today) for loan in loans)
    assert any(loan.returned_damaged for loan in loans)
    assert loans.filter(service_request__isnull=False).count() >= 5
    assert {2569, 2570} <= set(loans.values_list("fiscal_year", flat=True))
    stats = selectors.loan_statistics_get(organization=bandong, fiscal_year=2569)
    assert stats.lent and stats.damaged == 1 and stats.returned_late == 1
    from prongsai.integrity.services_assets_rules import loan_rules_current

    assert "ไม่มีค่าธรรมเนียม" in loan_rules_current(organization=bandong).snapshot["text"]
    load_assets_demo(bandong)  # once
    assert Asset.objects.filter(organization=bandong).count() == 25
