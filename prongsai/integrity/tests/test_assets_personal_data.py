"""Citizens' loans: personal data found, exported, erased and aged out."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.personal_data import Identifiers
from prongsai.integrity import personal_data_assets as personal_data
from prongsai.integrity import retention_assets as retention
from prongsai.integrity import services_assets as services
from prongsai.integrity import services_assets_loans as workflow
from prongsai.integrity.services_assets import LineRequest
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(organization):
    officer = MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
    )
    tent = services.asset_create(
        actor=officer.user,
        organization=organization,
        code="T-1",
        name="เต็นท์",
        quantity=5,
        unit_value=Decimal(1),
        lendable_to_public=True,
    )
    loan = services.loan_request_citizen(
        organization=organization,
        lines=[LineRequest(asset=tent, quantity=1)],
        start_on=timezone.localdate(),
        end_on=timezone.localdate(),
        name="นางบุญมี ศรีดง",
        phone="0812345678",
        email="boonmee@example.com",
        purpose="งานศพ",
        privacy_accepted=True,
    )
    workflow.loan_reject(actor=officer.user, loan=loan, reason="ไม่ว่าง")
    return loan


def test_found_exported_and_erased(organization, loan):
    who = Identifiers(phone="081-234-5678")
    found = personal_data.find_loans(organization=organization, identifiers=who)
    assert [f.pk for f in found] == [loan.pk]
    (row,) = personal_data.export_loans(organization=organization, pks=[loan.pk])
    assert row["name"] == "นางบุญมี ศรีดง" and row["items"][0]["quantity"] == 1
    assert (
        personal_data.erase_loans(
            organization=organization,
            pks=[loan.pk],
            actor=None,
            reason="request",
            now=timezone.now(),
        )
        == 1
    )
    loan.refresh_from_db()
    assert (loan.borrower_name, loan.borrower_phone, loan.borrower_email) == (
        "—",
        "",
        "",
    )


def test_closed_loans_age_out(organization, loan):
    later = timezone.now() + datetime.timedelta(days=800)
    assert retention.asset_loans_expire(days=730, now=later, dry_run=True) == {
        organization.pk: 1
    }
    loan.refresh_from_db()
    assert loan.borrower_phone
    assert (
        retention.asset_loans_expire(days=730, now=timezone.now(), dry_run=False) == {}
    )
    retention.asset_loans_expire(days=730, now=later, dry_run=False)
    loan.refresh_from_db()
    assert loan.borrower_phone == "" and loan.personal_data_removed_at
