"""Pages of the asset register and loans: who sees what, the public request,
the report files."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prongsai.accounts.tests.factories import UserFactory
from prongsai.core.thai_dates import format_date
from prongsai.eservices.models import ServiceRequest
from prongsai.integrity import services_assets as services
from prongsai.integrity import services_assets_loans as workflow
from prongsai.integrity.models import Asset, AssetLoan
from prongsai.integrity.services_assets import LineRequest
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def staff(name, organization, **kwargs):
    return reverse(
        f"integrity-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


def public_url(organization):
    return reverse("integrity-public:assets", kwargs={"org": organization.slug})


@pytest.fixture
def officer(organization):
    return MembershipFactory(
        organization=organization,
        user=UserFactory(totp=True),
        roles=[Role.INTEGRITY_OFFICER.value],
    )


@pytest.fixture
def chairs(organization, officer):
    return services.asset_create(
        actor=officer.user,
        organization=organization,
        code="401-66-0001",
        name="เก้าอี้พลาสติก",
        quantity=200,
        unit="ตัว",
        unit_value=Decimal("150"),
        lendable_to_public=True,
    )


def borrow(borrower, asset, quantity, start_on, end_on=None):
    """A member's request to borrow *quantity* of *asset* for a meeting."""
    return services.loan_request_staff(
        actor=borrower.user,
        organization=borrower.organization,
        borrower=borrower,
        lines=[LineRequest(asset=asset, quantity=quantity)],
        start_on=start_on,
        end_on=end_on or start_on,
        purpose="ประชุม",
    )


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, "PNG")
    return out.getvalue()


class TestPermissions:
    def test_member_cannot_open_the_register(
        self, client, organization, member, chairs
    ):
        client.force_login(member.user)
        assert client.get(staff("asset-list", organization)).status_code == 403
        assert client.get(staff("asset-create", organization)).status_code == 403
        assert client.get(staff("loan-statistics", organization)).status_code == 403
        assert client.get(staff("loan-list", organization)).status_code == 200

    def test_member_sees_only_own_loans(
        self, client, organization, member, owner, chairs
    ):
        mine = borrow(member, chairs, 5, days(3))
        theirs = borrow(owner, chairs, 5, days(3))
        client.force_login(member.user)
        page = client.get(staff("loan-list", organization)).content.decode()
        assert mine.reference in page and theirs.reference not in page
        assert (
            client.get(staff("loan-detail", organization, pk=mine.pk)).status_code
            == 200
        )
        assert (
            client.get(staff("loan-detail", organization, pk=theirs.pk)).status_code
            == 404
        )
        # Members do not decide loans, not even their own.
        response = client.post(
            staff("loan-action", organization, pk=mine.pk, action="approve")
        )
        assert response.status_code == 404
        mine.refresh_from_db()
        assert mine.status == "requested"
        # ... but may cancel their own request.
        client.post(
            staff("loan-action", organization, pk=mine.pk, action="cancel"),
            {"reason": "เลื่อนประชุม"},
        )
        mine.refresh_from_db()
        assert mine.status == "cancelled"

    def test_executive_reads_but_does_not_manage(
        self, client, organization, executive, chairs
    ):
        client.force_login(executive.user)
        assert client.get(staff("asset-list", organization)).status_code == 200
        assert (
            client.get(staff("asset-detail", organization, pk=chairs.pk)).status_code
            == 200
        )
        assert client.get(staff("loan-statistics", organization)).status_code == 200
        assert client.get(staff("asset-create", organization)).status_code == 403

    def test_a_custodian_manages(self, client, organization, member, officer, chairs):
        services.asset_update(actor=officer.user, asset=chairs, custodian=member.user)
        client.force_login(member.user)
        assert client.get(staff("asset-create", organization)).status_code == 200

    def test_other_organisations_asset_is_404(
        self, client, organization, other_organization, officer
    ):
        theirs = Asset.objects.create(
            organization=other_organization, code="X-1", name="เต็นท์"
        )
        client.force_login(officer.user)
        assert (
            client.get(staff("asset-detail", organization, pk=theirs.pk)).status_code
            == 404
        )


class TestStaffPages:
    def test_officer_adds_an_asset_with_a_photo(self, client, organization, officer):
        client.force_login(officer.user)
        response = client.post(
            staff("asset-create", organization),
            {
                "code": "401-67-0009",
                "name": "เครื่องเสียงชุดเคลื่อนที่",
                "category": "sound",
                "quantity": "1",
                "unit": "ชุด",
                "condition": "good",
                "unit_value": "25000",
                "acquired_on": "15/01/2567",
                "acquisition": "purchase",
                "lendable_to_public": "on",
                "photo": SimpleUploadedFile("sound.png", png(), "image/png"),
            },
        )
        asset = Asset.objects.get(organization=organization, code="401-67-0009")
        assert response.status_code == 302
        assert asset.acquired_on == datetime.date(2024, 1, 15)
        assert asset.photo.name.endswith(".png")
        page = client.get(asset.get_staff_url()).content.decode()
        assert "เครื่องเสียงชุดเคลื่อนที่" in page and "15 มกราคม 2567" in page

    def test_a_bad_photo_keeps_what_was_typed(self, client, organization, officer):
        client.force_login(officer.user)
        response = client.post(
            staff("asset-create", organization),
            {
                "code": "401-67-0010",
                "name": "โปรเจคเตอร์",
                "category": "computer",
                "quantity": "1",
                "unit": "เครื่อง",
                "condition": "good",
                "unit_value": "0",
                "acquisition": "purchase",
                "photo": SimpleUploadedFile("x.png", b"not an image", "image/png"),
            },
        )
        assert response.status_code == 200
        assert "โปรเจคเตอร์" in response.content.decode()
        assert not Asset.objects.filter(code="401-67-0010").exists()

    def test_the_whole_loan_through_the_pages(
        self, client, organization, officer, member, chairs
    ):
        client.force_login(member.user)
        response = client.post(
            staff("loan-create", organization),
            {
                "start_on": format_date(days(2), "numeric"),
                "end_on": format_date(days(3), "numeric"),
                "purpose": "อบรมอาสาสมัคร",
                f"q_{chairs.pk}": "40",
            },
        )
        loan = AssetLoan.objects.get(organization=organization)
        assert response.status_code == 302 and loan.borrower == member.user
        client.force_login(officer.user)
        queue = client.get(staff("loan-list", organization)).content.decode()
        assert loan.reference in queue
        for action in ("approve", "hand-over"):
            client.post(staff("loan-action", organization, pk=loan.pk, action=action))
        line = loan.lines.get()
        response = client.post(
            staff("loan-return", organization, pk=loan.pk),
            {
                "returned_on": format_date(TODAY, "numeric"),
                f"back_{line.pk}": "38",
                f"condition_{line.pk}": "good",
                "return_note": "",
            },
        )
        assert response.status_code == 200  # missing chairs need a note
        assert "38" in response.content.decode()
        client.post(
            staff("loan-return", organization, pk=loan.pk),
            {
                "returned_on": format_date(TODAY, "numeric"),
                f"back_{line.pk}": "38",
                f"condition_{line.pk}": "good",
                "return_note": "หาย 2 ตัว",
            },
        )
        loan.refresh_from_db()
        assert loan.status == "returned"
        stats = client.get(
            staff("loan-statistics", organization) + f"?year={loan.fiscal_year}"
        )
        assert stats.status_code == 200

    def test_over_booking_message_on_the_form(
        self, client, organization, officer, member, chairs
    ):
        client.force_login(member.user)
        data = {
            "start_on": format_date(days(2), "numeric"),
            "end_on": format_date(days(2), "numeric"),
            "purpose": "งานกีฬา",
            f"q_{chairs.pk}": "201",
        }
        page = client.post(staff("loan-create", organization), data).content.decode()
        assert "งานกีฬา" in page  # kept
        data[f"q_{chairs.pk}"] = "150"
        client.post(staff("loan-create", organization), data)
        loan = AssetLoan.objects.get()
        workflow.loan_approve(actor=officer.user, loan=loan)
        data[f"q_{chairs.pk}"] = "60"
        page = client.post(staff("loan-create", organization), data).content.decode()
        assert "เก้าอี้พลาสติก" in page and format_date(days(2), "medium") in page
        assert AssetLoan.objects.count() == 1


class TestPublicPage:
    def test_lists_items_and_what_is_free(
        self, client, organization, officer, member, chairs
    ):
        loan = borrow(member, chairs, 150, days(4))
        workflow.loan_approve(actor=officer.user, loan=loan)
        day = format_date(days(4), "numeric")
        page = client.get(
            public_url(organization), {"start_on": day, "end_on": day}
        ).content.decode()
        assert "เก้าอี้พลาสติก" in page
        assert "200 ตัว" in page and "50 ตัว" in page
        # Wrong dates: today's figures, never an error page.
        assert (
            client.get(public_url(organization), {"start_on": "xx"}).status_code == 200
        )

    def test_request_gives_a_tracking_code(self, client, organization, chairs):
        day = format_date(days(6), "numeric")
        data = {
            "start_on": day,
            "end_on": day,
            "name": "นายดำ ดงดี",
            "phone": "0899999999",
            "purpose": "งานบวช",
            "place": "บ้านเลขที่ 9 หมู่ 2",
            f"q_{chairs.pk}": "20",
        }
        page = client.post(public_url(organization), data)
        assert page.status_code == 200  # the consent box is needed
        assert "นายดำ ดงดี" in page.content.decode()
        assert 'value="20"' in page.content.decode()
        response = client.post(
            public_url(organization), data | {"privacy_accepted": "on"}
        )
        request = ServiceRequest.objects.get(organization=organization)
        assert response.status_code == 302
        assert request.tracking_code in response["Location"]
        assert client.get(response["Location"]).status_code == 200
        loan = AssetLoan.objects.get(service_request=request)
        assert loan.kind == "citizen" and loan.lines.get().quantity == 20

    def test_over_booking_keeps_the_form(
        self, client, organization, officer, member, chairs
    ):
        taken = borrow(member, chairs, 150, days(6))
        workflow.loan_approve(actor=officer.user, loan=taken)
        day = format_date(days(6), "numeric")
        page = client.post(
            public_url(organization),
            {
                "start_on": day,
                "end_on": day,
                "name": "นายดำ ดงดี",
                "phone": "0899999999",
                "purpose": "งานบวช",
                "place": "หมู่ 2",
                "privacy_accepted": "on",
                f"q_{chairs.pk}": "60",
            },
        )
        assert page.status_code == 200
        content = page.content.decode()
        assert "เก้าอี้พลาสติก" in content and format_date(days(6), "medium") in content
        assert 'value="60"' in content and "นายดำ ดงดี" in content
        assert not ServiceRequest.objects.exists()

    def test_unknown_organisation_is_404(self, client, db):
        assert client.get("/nowhere/integrity/assets/").status_code == 404


class TestReport:
    @pytest.fixture
    def lent(self, organization, officer, member, chairs):
        loan = borrow(member, chairs, 30, days(1), days(2))
        workflow.loan_approve(actor=officer.user, loan=loan)
        workflow.loan_hand_over(actor=officer.user, loan=loan)
        return loan

    def test_pdf(self, client, organization, officer, lent):
        client.force_login(officer.user)
        response = client.get(
            staff("loan-report-pdf", organization) + f"?year={lent.fiscal_year}"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_docx(self, client, organization, officer, lent):
        client.force_login(officer.user)
        response = client.get(
            staff("loan-report-docx", organization) + f"?year={lent.fiscal_year}"
        )
        assert response.status_code == 200
        with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
            text = docx.read("word/document.xml").decode().replace("\u00a0", " ")
        assert "รายงาน" in text and "เก้าอี้พลาสติก" in text
        assert f"พ.ศ. {lent.fiscal_year}" in text
