"""Asset register and loans: the workflow, over-booking, returns, the E-Service
link, the overdue reminders and the statistics."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.audit import AuditEvent
from prongsai.core.errors import DomainError
from prongsai.eservices.models import RequestEvent, Service, ServiceRequest
from prongsai.integrity import selectors_assets as selectors
from prongsai.integrity import services_assets as services
from prongsai.integrity import services_assets_loans as workflow
from prongsai.integrity.models import Asset, AssetLoan
from prongsai.integrity.services_assets import LineRequest
from prongsai.integrity.services_assets_loans import LineReturn
from prongsai.integrity.tasks import asset_loans_remind_overdue
from prongsai.notifications.models import Notification
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(
            totp=True, full_name="วิไล พัสดุดี", email="officer@bandong.example"
        ),
        roles=[Role.INTEGRITY_OFFICER.value],
        position="เจ้าพนักงานพัสดุ",
    )


@pytest.fixture
def chairs(organization, officer):
    return services.asset_create(
        actor=officer.user,
        organization=organization,
        code="401-66-0001",
        name="เก้าอี้พลาสติก",
        category=Asset.Category.FURNITURE,
        quantity=200,
        unit="ตัว",
        unit_value=Decimal("150"),
        custodian=officer.user,
        lendable_to_public=True,
    )


@pytest.fixture
def tent(organization, officer):
    return services.asset_create(
        actor=officer.user,
        organization=organization,
        code="401-66-0002",
        name="เต็นท์",
        category=Asset.Category.TENT,
        quantity=10,
        unit="หลัง",
        unit_value=Decimal("8500"),
        custodian=officer.user,
        lendable_to_public=True,
    )


def staff_loan(organization, borrower, lines, start=5, end=6, **extra):
    return services.loan_request_staff(
        actor=borrower.user,
        organization=organization,
        borrower=borrower,
        lines=[LineRequest(asset=a, quantity=q) for a, q in lines],
        start_on=days(start),
        end_on=days(end),
        purpose="ประชุมประชาคมหมู่บ้าน",
        **extra,
    )


def citizen_loan(organization, lines, start=5, end=6, **extra):
    values = {
        "name": "นางบุญมี ศรีดง",
        "phone": "0812345678",
        "email": "boonmee@example.com",
        "purpose": "งานศพ",
        "place": "ศาลาประชาคมหมู่ 3",
        "privacy_accepted": True,
    }
    values.update(extra)
    return services.loan_request_citizen(
        organization=organization,
        lines=[LineRequest(asset=a, quantity=q) for a, q in lines],
        start_on=days(start),
        end_on=days(end),
        **values,
    )


def everything_back(loan, condition="good"):
    return [
        LineReturn(line_id=line.pk, quantity=line.quantity, condition=condition)
        for line in loan.lines.all()
    ]


class TestRegister:
    def test_number_is_unique_per_organisation(
        self, organization, other_organization, officer, chairs
    ):
        with pytest.raises(DomainError) as error:
            services.asset_create(
                actor=officer.user,
                organization=organization,
                code="401-66-0001",
                name="อื่น",
            )
        assert error.value.field == "code"
        assert "401-66-0001" in str(error.value.message)
        other = services.asset_create(
            actor=officer.user,
            organization=other_organization,
            code="401-66-0001",
            name="เก้าอี้",
        )
        assert other.pk != chairs.pk

    def test_audited(self, organization, chairs):
        event = AuditEvent.objects.filter(
            organization=organization, action="asset.create"
        ).get()
        assert event.changes["code"] == "401-66-0001"

    def test_custodian_must_be_a_member(self, organization, officer, chairs):
        with pytest.raises(DomainError) as error:
            services.asset_update(
                actor=officer.user, asset=chairs, custodian=UserFactory()
            )
        assert error.value.field == "custodian"

    def test_damaged_or_written_off_is_never_free(self, chairs):
        chairs.condition = Asset.Condition.WRITTEN_OFF
        assert chairs.lendable_stock == 0


class TestWorkflow:
    def test_each_transition_is_audited(self, organization, officer, member, chairs):
        loan = staff_loan(organization, member, [(chairs, 20)])
        assert loan.status == AssetLoan.Status.REQUESTED
        assert loan.reference == f"1/{loan.fiscal_year}"
        workflow.loan_approve(actor=officer.user, loan=loan)
        loan.refresh_from_db()
        assert loan.status == "approved" and loan.decided_by == officer.user
        workflow.loan_hand_over(actor=officer.user, loan=loan, note="ครบ สภาพดี")
        loan.refresh_from_db()
        assert loan.status == "handed_over" and loan.handover_note == "ครบ สภาพดี"
        workflow.loan_return(
            actor=officer.user, loan=loan, returns=everything_back(loan)
        )
        loan.refresh_from_db()
        assert loan.status == "returned" and loan.returned_on == TODAY
        moves = [
            e.changes["status"]["new"]
            for e in AuditEvent.objects.filter(
                organization=organization, action="asset_loan.transition"
            ).order_by("id")
        ]
        assert moves == ["approved", "handed_over", "returned"]

    def test_refused_moves_speak_thai(self, organization, officer, member, chairs):
        loan = staff_loan(organization, member, [(chairs, 20)])
        with pytest.raises(DomainError) as error:
            workflow.loan_hand_over(actor=officer.user, loan=loan)
        assert "ไม่สามารถ" in str(error.value.message)
        assert "ส่งมอบแล้ว" in str(error.value.message)
        with pytest.raises(DomainError) as error:
            workflow.loan_reject(actor=officer.user, loan=loan, reason=" ")
        assert "เหตุผล" in str(error.value.message)
        workflow.loan_reject(actor=officer.user, loan=loan, reason="ไม่ใช่งานราชการ")
        with pytest.raises(DomainError):
            workflow.loan_approve(actor=officer.user, loan=loan)

    def test_dates_checked(self, organization, member, chairs):
        with pytest.raises(DomainError) as error:
            staff_loan(organization, member, [(chairs, 1)], start=6, end=5)
        assert error.value.field == "end_on"
        with pytest.raises(DomainError) as error:
            staff_loan(organization, member, [(chairs, 1)], start=-1, end=2)
        assert error.value.field == "start_on"
        with pytest.raises(DomainError) as error:
            staff_loan(organization, member, [(chairs, 0)])
        assert error.value.field == "lines"

    def test_cancel_needs_a_reason(self, organization, officer, member, chairs):
        loan = staff_loan(organization, member, [(chairs, 1)])
        workflow.loan_approve(actor=officer.user, loan=loan)
        with pytest.raises(DomainError):
            workflow.loan_cancel(actor=member.user, loan=loan, reason="")
        workflow.loan_cancel(actor=member.user, loan=loan, reason="เลื่อนงาน")
        loan.refresh_from_db()
        assert loan.status == "cancelled"


class TestOverBooking:
    def test_request_refused_when_more_than_is_free(
        self, organization, officer, member, chairs
    ):
        first = staff_loan(organization, member, [(chairs, 150)], start=5, end=7)
        workflow.loan_approve(actor=officer.user, loan=first)
        with pytest.raises(DomainError) as error:
            staff_loan(organization, member, [(chairs, 60)], start=7, end=9)
        message = str(error.value.message)
        assert "เก้าอี้พลาสティก".replace("ติ", "ติ") in message or "เก้าอี้" in message
        assert "50" in message and "60" in message
        from prongsai.core.thai_dates import format_date

        assert format_date(days(7), "medium") in message
        # The day after the first loan ends is free again.
        staff_loan(organization, member, [(chairs, 200)], start=8, end=9)

    def test_approval_refused_when_another_took_the_items(
        self, organization, officer, member, tent
    ):
        first = staff_loan(organization, member, [(tent, 6)])
        second = staff_loan(organization, member, [(tent, 6)])
        workflow.loan_approve(actor=officer.user, loan=first)
        with pytest.raises(DomainError) as error:
            workflow.loan_approve(actor=officer.user, loan=second)
        assert "เต็นท์" in str(error.value.message)
        second.refresh_from_db()
        assert second.status == "requested"

    def test_requested_loans_do_not_hold_items(self, organization, member, tent):
        staff_loan(organization, member, [(tent, 10)])
        staff_loan(organization, member, [(tent, 10)])

    def test_items_not_back_stay_taken(self, organization, officer, member, tent):
        loan = staff_loan(
            organization, member, [(tent, 10)], start=-3, end=-1, today=days(-3)
        )
        workflow.loan_approve(actor=officer.user, loan=loan)
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        with pytest.raises(DomainError):
            staff_loan(organization, member, [(tent, 1)], start=0, end=0)
        free = selectors.asset_list_free(
            organization=organization, assets=[tent], start=days(0), end=days(0)
        )
        assert free[0].free == 0


class TestReturn:
    def test_partial_return_and_damage(
        self, organization, officer, member, chairs, tent
    ):
        loan = staff_loan(organization, member, [(chairs, 50), (tent, 2)])
        workflow.loan_approve(actor=officer.user, loan=loan)
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        lines = {line.asset_id: line for line in loan.lines.all()}
        returns = [
            LineReturn(line_id=lines[chairs.pk].pk, quantity=47, condition="good"),
            LineReturn(line_id=lines[tent.pk].pk, quantity=2, condition="damaged"),
        ]
        with pytest.raises(DomainError) as error:
            workflow.loan_return(actor=officer.user, loan=loan, returns=returns)
        assert error.value.field == "return_note"
        with pytest.raises(DomainError):
            workflow.loan_return(
                actor=officer.user,
                loan=loan,
                returns=[
                    returns[0]._replace(quantity=51)
                    if False
                    else LineReturn(
                        line_id=lines[chairs.pk].pk, quantity=51, condition="good"
                    ),
                    returns[1],
                ],
                note="x",
            )
        workflow.loan_return(
            actor=officer.user,
            loan=loan,
            returns=returns,
            note="เก้าอี้หาย 3 ตัว ผ้าใบเต็นท์ขาด 1 หลัง",
        )
        loan.refresh_from_db()
        assert loan.returned_damaged
        chairs_line = loan.lines.get(asset=chairs)
        assert (chairs_line.returned_quantity, chairs_line.missing) == (47, 3)


class TestEService:
    def test_citizen_request_is_filed_with_a_tracking_code(
        self, organization, chairs, tent
    ):
        loan = citizen_loan(organization, [(chairs, 10), (tent, 1)])
        request = loan.service_request
        assert request is not None and request.tracking_code
        assert request.status == "received"
        assert request.service.code == "asset-loan"
        assert request.service.name == "ขอยืมพัสดุ/ครุภัณฑ์"
        assert "เก้าอี้พลาสติก 10 ตัว" in request.answers["items"]
        assert loan.kind == "citizen" and loan.borrower is None
        # Filed on the borrowing page only: the general request form sends
        # citizens there, so no request comes without its loan.
        assert request.service.apply_url == f"/{organization.slug}/integrity/assets/"
        # The service is made once.
        citizen_loan(organization, [(chairs, 1)])
        assert Service.objects.filter(organization=organization).count() == 1

    def test_the_request_follows_the_loan(self, organization, officer, chairs):
        first = citizen_loan(organization, [(chairs, 1)])
        loan = citizen_loan(organization, [(chairs, 10)], start=3, end=3)
        workflow.loan_approve(actor=officer.user, loan=loan, note="มารับได้ที่ อบต.")
        assert (
            ServiceRequest.objects.get(pk=loan.service_request_id).status == "accepted"
        )
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        request = ServiceRequest.objects.get(pk=loan.service_request_id)
        assert request.status == "in_progress"  # before the earlier request
        assert request.queue_jump_reason == workflow.QUEUE_NOTE
        workflow.loan_return(
            actor=officer.user, loan=loan, returns=everything_back(loan)
        )
        request.refresh_from_db()
        assert request.status == "completed"
        public = list(
            RequestEvent.objects.filter(request=request, is_public=True)
            .order_by("id")
            .values_list("to_status", flat=True)
        )
        assert public == ["received", "accepted", "in_progress", "completed"]
        workflow.loan_reject(actor=officer.user, loan=first, reason="ของไม่พอ")
        request = ServiceRequest.objects.get(pk=first.service_request_id)
        assert (request.status, request.public_note) == ("rejected", "ของไม่พอ")

    def test_a_phone_is_needed_and_nothing_is_filed_on_error(
        self, organization, chairs
    ):
        with pytest.raises(DomainError) as error:
            citizen_loan(organization, [(chairs, 1)], phone="")
        assert error.value.field == "phone"
        with pytest.raises(DomainError):
            citizen_loan(organization, [(chairs, 201)])
        assert not ServiceRequest.objects.filter(organization=organization).exists()

    def test_only_public_items(self, organization, officer, member, chairs):
        services.asset_update(
            actor=officer.user, asset=chairs, lendable_to_public=False
        )
        with pytest.raises(DomainError) as error:
            citizen_loan(organization, [(chairs, 1)])
        assert "ประชาชน" in str(error.value.message)


class TestOverdue:
    def test_reminded_once_a_day(self, organization, officer, member, tent):
        loan = staff_loan(
            organization, member, [(tent, 2)], start=-4, end=-2, today=days(-4)
        )
        workflow.loan_approve(actor=officer.user, loan=loan)
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        on_time = staff_loan(organization, member, [(tent, 1)], start=0, end=3)
        workflow.loan_approve(actor=officer.user, loan=on_time)
        workflow.loan_hand_over(actor=officer.user, loan=on_time)
        assert asset_loans_remind_overdue() == 2
        sent = Notification.objects.filter(
            organization=organization, kind="integrity/loan_overdue"
        )
        assert {n.user for n in sent} == {member.user, officer.user}
        borrower = sent.get(user=member.user)
        assert "2 วัน" in borrower.subject
        assert "เต็นท์ 2 หลัง" in borrower.body
        assert asset_loans_remind_overdue() == 0  # once per day
        assert sent.count() == 2

    def test_citizen_reminded_at_the_request_address(self, organization, officer, tent):
        loan = citizen_loan(organization, [(tent, 1)], start=-3, end=-1, today=days(-3))
        workflow.loan_approve(actor=officer.user, loan=loan)
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        assert asset_loans_remind_overdue() == 2
        citizen = Notification.objects.get(kind="integrity/loan_overdue_citizen")
        assert citizen.user is None
        assert "นางบุญมี" in citizen.body
        assert loan.service_request.tracking_code in citizen.url


class TestStatistics:
    def test_exact_counts(self, organization, officer, member, chairs, tent):
        back = staff_loan(organization, member, [(chairs, 30)])
        late = citizen_loan(organization, [(tent, 2)], start=-5, end=-3, today=days(-5))
        out = citizen_loan(
            organization, [(chairs, 10)], start=-2, end=-1, today=days(-2)
        )
        rejected = staff_loan(organization, member, [(tent, 1)])
        for loan in (back, late, out):
            workflow.loan_approve(actor=officer.user, loan=loan)
            workflow.loan_hand_over(actor=officer.user, loan=loan)
        workflow.loan_reject(actor=officer.user, loan=rejected, reason="ซ้ำ")
        workflow.loan_return(
            actor=officer.user, loan=back, returns=everything_back(back)
        )
        workflow.loan_return(
            actor=officer.user,
            loan=late,
            returns=everything_back(late, "damaged"),
            note="เสาหัก",
        )
        years = {loan.fiscal_year for loan in (back, late, out, rejected)}
        stats = {
            year: selectors.loan_statistics_get(
                organization=organization, fiscal_year=year
            )
            for year in years
        }
        total = lambda name: sum(getattr(s, name) for s in stats.values())  # noqa: E731
        assert total("requests") == 4
        assert total("lent") == 3
        assert total("lent_staff") == 1
        assert total("lent_citizen") == 2
        assert total("items_lent") == 42
        assert total("returned") == 2
        assert total("returned_on_time") == 1
        assert total("returned_late") == 1
        assert total("overdue") == 1
        assert total("damaged") == 1
        assert total("rejected") == 1
        if len(stats) == 1:
            (only,) = stats.values()
            assert only.on_time_share == 50.0
            assert [r["asset"].pk for r in only.by_asset] == [chairs.pk, tent.pk]
