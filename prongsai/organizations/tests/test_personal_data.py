"""Data-subject requests across apps: find, export, erase, the register, the page."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.complaints import services_confidential as complaint_confidential
from prongsai.complaints import services_intake as complaint_intake
from prongsai.complaints.models import Case, ChatSession, InboundEvent, Kind
from prongsai.core.errors import DomainError
from prongsai.core.personal_data import (
    AUDIENCE_EXECUTIVES,
    AUDIENCE_OFFICERS,
    Identifiers,
    personal_data_find,
)
from prongsai.eservices.models import ServiceRequest
from prongsai.eservices.tests.factories import ServiceFactory, file_request
from prongsai.eservices.tests.test_private_files import _photo
from prongsai.organizations import services_personal_data as services
from prongsai.organizations.models import DataSubjectRequest
from prongsai.organizations.roles import Role
from prongsai.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

LINE_ID = "U" + "4af" * 10 + "ab"
EMAIL = "somsri@example.org"
PERSON = Identifiers.clean(email=EMAIL)


def _person_data(organization):
    """A complaint, a confidential report, an E-Service request and LINE traffic."""
    case = complaint_intake.case_submit(
        organization=organization,
        kind=Kind.COMPLAINT,
        channel="line",
        subject="ไฟถนนดับ",
        description="ไฟถนนหน้าบ้านดับ",
        complainant_name="สมศรี ทดสอบ",
        complainant_phone="081-234-5678",
        complainant_email="Somsri@Example.org",
        line_user_id=LINE_ID,
        photos=[_photo().read()],
    )
    confidential, _code = complaint_confidential.confidential_submit(
        organization=organization,
        description="ปลัดเรียกรับเงินค่าใบอนุญาต",
        is_anonymous=False,
        reporter_name="สมศรี ทดสอบ",
        reporter_email=EMAIL,
    )
    request = file_request(
        ServiceFactory(organization=organization), files=[("photo", _photo())]
    )
    ServiceRequest.objects.filter(pk=request.pk).update(line_user_id=LINE_ID)
    event = InboundEvent.objects.create(
        organization=organization,
        source=InboundEvent.Source.LINE,
        event_id=f"ev-{organization.pk}",
        payload={"source": {"userId": LINE_ID}, "message": {"text": "ไฟดับ"}},
    )
    chat = ChatSession.objects.create(
        organization=organization, channel="line", user_id=LINE_ID, state="ask"
    )
    return {
        "case": case,
        "confidential": confidential,
        "request": request,
        "event": event,
        "chat": chat,
    }


@pytest.fixture
def data(organization, other_organization):
    _person_data(other_organization)  # the same person elsewhere: never found
    return _person_data(organization)


def test_identifiers_are_normalised_and_hashed():
    ids = Identifiers.clean(
        email=" A@B.org ", phone="+66 81 234 5678", national_id="1-2345-67890-12-1"
    )
    assert ids.email == "a@b.org"
    assert ids.national_id == "1234567890121"
    assert "081-234-5678" in ids.phone_variants()
    assert "0812345678" in ids.phone_variants()
    hashes = ids.hashed()
    assert set(hashes) == {"email", "phone", "national_id"}
    assert "a@b.org" not in json.dumps(hashes)


def _find(organization, identifiers=None, *, general=True, confidential=None, **given):
    """What the personal-data search finds of a person given by ``given``."""
    return personal_data_find(
        organization=organization,
        identifiers=identifiers or Identifiers.clean(**given),
        general_access=general,
        confidential_access=confidential,
    )


def test_finds_the_persons_records_by_each_identifier(data, organization):
    result = _find(organization, line_user_id=LINE_ID)
    assert result.pks("complaints.case") == [data["case"].pk]
    assert result.pks("eservices.request") == [data["request"].pk]
    assert result.pks("complaints.inbound_event") == [data["event"].pk]
    assert result.pks("complaints.chat_session") == [data["chat"].pk]
    by_phone = _find(organization, phone="0812345678")
    assert by_phone.pks("complaints.case") == [data["case"].pk]
    assert by_phone.pks("eservices.request") == [data["request"].pk]
    by_name = _find(organization, name="สมศรี  ทดสอบ")
    assert by_name.pks("eservices.request") == [data["request"].pk]


def test_national_id_in_form_answers_is_found(organization):
    request = file_request(
        ServiceFactory(organization=organization),
        answers={
            "detail": "ขอสำเนา บัตร 3101234567891",
            "location": {"lat": "16.4", "lng": "102.8"},
        },
    )
    result = _find(organization, national_id="3-1012-34567-89-1")
    assert result.pks("eservices.request") == [request.pk]


def test_confidential_reports_are_counted_not_shown_to_administrators(
    data, organization
):
    result = _find(organization, identifiers=PERSON)
    assert data["confidential"].pk not in result.pks("complaints.case")
    assert result.hidden_confidential == 1
    officer = _find(
        organization, identifiers=PERSON, general=False, confidential=AUDIENCE_OFFICERS
    )
    assert officer.pks("complaints.case") == [data["confidential"].pk]
    assert officer.pks("eservices.request") == []  # confidential cases only


def test_a_report_about_an_integrity_officer_is_found_only_by_the_executives(
    organization,
):
    """The officer the report is about cannot find it through its reporter,
    nor learn that it exists; the executives, who handle it, can."""
    about_officer, _code = complaint_confidential.confidential_submit(
        organization=organization,
        description="เจ้าหน้าที่ตรวจสอบภายในรับเงิน",
        is_anonymous=False,
        reporter_name="สมศรี ทดสอบ",
        reporter_email=EMAIL,
        concerns_integrity_officer=True,
    )
    officer = _find(organization, identifiers=PERSON, confidential=AUDIENCE_OFFICERS)
    assert about_officer.pk not in officer.pks("complaints.case")
    assert officer.hidden_confidential == 0
    executive = _find(
        organization,
        identifiers=PERSON,
        general=False,
        confidential=AUDIENCE_EXECUTIVES,
    )
    assert executive.pks("complaints.case") == [about_officer.pk]
    admin = _find(organization, identifiers=PERSON)
    assert admin.pks("complaints.case") == []
    assert admin.hidden_confidential == 1


def test_personal_data_access_gives_each_role_its_audience(organization):
    from prongsai.organizations.permissions import personal_data_access

    def access(*roles):
        membership = MembershipFactory(organization=organization, roles=list(roles))
        return personal_data_access(membership.user, membership)

    assert access(Role.ORG_ADMIN) == (True, None)
    assert access(Role.EXECUTIVE) == (False, AUDIENCE_EXECUTIVES)
    assert access(Role.INTEGRITY_OFFICER, Role.EXECUTIVE) == (False, AUDIENCE_OFFICERS)
    assert access(Role.COMPLAINT_OFFICER) == (False, None)


def test_export_contains_the_records_and_writes_the_register(
    data, organization, admin_user
):
    export, entry = services.subject_request_export(
        actor=admin_user,
        organization=organization,
        identifiers=Identifiers.clean(email=EMAIL, line_user_id=LINE_ID),
        general_access=True,
        confidential_access=None,
    )
    records = export["records"]
    assert records["complaints.case"]["items"][0]["subject"] == "ไฟถนนดับ"
    assert records["eservices.request"]["items"][0]["email"] == EMAIL
    assert records["complaints.inbound_event"]["items"][0]["payload"]["message"]
    assert export["confidential_not_included"] == 1
    assert "ปลัดเรียกรับเงิน" not in json.dumps(export, ensure_ascii=False)
    json.dumps(export)  # JSON-able
    assert entry.kind == DataSubjectRequest.Kind.ACCESS
    assert entry.outcome == DataSubjectRequest.Outcome.PARTLY
    assert entry.counts == {
        "complaints.case": 1,
        "complaints.chat_session": 1,
        "complaints.inbound_event": 1,
        "eservices.request": 1,
    }
    assert EMAIL not in json.dumps(entry.identifier_hashes)
    assert entry.handled_by == admin_user


def test_erase_anonymises_and_writes_the_register(
    data, organization, other_organization, admin_user
):
    photo_path = data["case"].attachments.get().file.path
    entry = services.subject_request_erase(
        actor=admin_user,
        organization=organization,
        identifiers=Identifiers.clean(email=EMAIL, line_user_id=LINE_ID),
        general_access=True,
        confidential_access=None,
        reason="เจ้าของข้อมูลขอลบตามหนังสือลงวันที่ 1 ธ.ค.",
    )
    case = Case.objects.get(pk=data["case"].pk)
    assert case.complainant_email == case.complainant_name == case.line_user_id == ""
    assert not case.attachments.exists()
    import os

    assert not os.path.exists(photo_path)
    request = ServiceRequest.objects.get(pk=data["request"].pk)
    assert request.citizen_email == "" and request.answers == {}
    assert not request.attachments.exists()
    assert not InboundEvent.objects.filter(pk=data["event"].pk).exists()
    assert not ChatSession.objects.filter(pk=data["chat"].pk).exists()
    # Confidential report untouched without an integrity officer.
    assert Case.objects.get(pk=data["confidential"].pk).complainant_email == EMAIL
    # Another organisation's copy of the person is untouched.
    assert Case.objects.filter(
        organization=other_organization, complainant_email="Somsri@Example.org"
    ).exists()
    assert InboundEvent.objects.filter(organization=other_organization).count() == 1
    assert entry.kind == DataSubjectRequest.Kind.ERASURE
    assert entry.counts["eservices.request"] == 1
    assert entry.reason.startswith("เจ้าของข้อมูล")
    assert entry.confidential_left_out == 1


def test_erase_needs_a_reason(data, organization, admin_user):
    from prongsai.core.errors import DomainError

    with pytest.raises(DomainError):
        services.subject_request_erase(
            actor=admin_user,
            organization=organization,
            identifiers=PERSON,
            general_access=True,
            confidential_access=None,
            reason="  ",
        )
    assert not DataSubjectRequest.objects.exists()


def test_another_organisations_data_is_never_found(data, other_organization):
    from prongsai.organizations.tests.factories import OrganizationFactory

    empty = OrganizationFactory()
    result = _find(
        empty, email=EMAIL, line_user_id=LINE_ID, confidential=AUDIENCE_OFFICERS
    )
    assert result.total == 0 and result.hidden_confidential == 0
    own = _find(other_organization, identifiers=PERSON, confidential=AUDIENCE_OFFICERS)
    assert data["case"].pk not in own.pks("complaints.case")
    assert data["confidential"].pk not in own.pks("complaints.case")
    assert data["request"].pk not in own.pks("eservices.request")
    assert data["event"].pk not in own.pks("complaints.inbound_event")


# --- The page ------------------------------------------------------------------------
def _url(organization):
    return reverse(
        "organizations-staff:personal-data", kwargs={"org": organization.slug}
    )


def test_page_searches_exports_and_erases(data, organization, admin_user):
    client = Client()
    client.force_login(admin_user)
    assert client.get(_url(organization)).status_code == 200
    page = client.post(_url(organization), {"action": "search", "email": EMAIL})
    assert page.status_code == 200
    html = page.content.decode()
    assert data["request"].tracking_code in html
    assert data["case"].reference in html
    assert data["confidential"].reference not in html
    assert 'id="confidential-hidden"' in html
    download = client.post(_url(organization), {"action": "export", "email": EMAIL})
    assert download["Content-Disposition"].startswith("attachment;")
    export = json.loads(download.content)
    assert export["records"]["eservices.request"]["items"][0]["email"] == EMAIL
    refused = client.post(
        _url(organization), {"action": "erase", "email": EMAIL, "reason": "ขอลบ"}
    )
    assert refused.status_code == 400
    assert "ยืนยัน" in refused.content.decode() or refused.context["erase_form"].errors
    assert ServiceRequest.objects.get(pk=data["request"].pk).citizen_email == EMAIL
    done = client.post(
        _url(organization),
        {"action": "erase", "email": EMAIL, "reason": "ขอลบ", "confirm": "on"},
    )
    assert done.status_code == 302
    assert ServiceRequest.objects.get(pk=data["request"].pk).citizen_email == ""
    register = client.get(_url(organization))
    assert 'id="subject-register"' in register.content.decode()
    assert DataSubjectRequest.objects.filter(organization=organization).count() == 2


def test_page_refuses_a_search_without_identifiers(organization, admin_user):
    client = Client()
    client.force_login(admin_user)
    response = client.post(_url(organization), {"action": "search"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()


def test_integrity_officer_sees_the_confidential_report(data, organization):
    from prongsai.accounts.tests.factories import UserFactory

    officer = UserFactory(totp=True)
    MembershipFactory(
        organization=organization, user=officer, roles=[Role.INTEGRITY_OFFICER.value]
    )
    client = Client()
    client.force_login(officer)
    html = client.post(_url(organization), {"email": EMAIL}).content.decode()
    assert data["confidential"].reference in html
    assert data["request"].tracking_code not in html


@pytest.mark.parametrize("role", [Role.SERVICE_OFFICER, Role.STAFF])
def test_other_roles_are_refused(organization, role):
    user = MembershipFactory(organization=organization, roles=[role.value]).user
    client = Client()
    client.force_login(user)
    assert client.get(_url(organization)).status_code == 403


class TestLoggedRequests:
    """Requests logged as they arrive, in the same register as the tool's entries."""

    def test_due_in_30_days_and_answer(self, organization, admin_user):
        import datetime

        entry = services.subject_request_log(
            actor=admin_user,
            organization=organization,
            kind="rectification",
            requester="นายสมศักดิ์",
            received_on=datetime.date(2026, 11, 1),
            related_reference="c2570-0001",
        )
        assert entry.due_on == datetime.date(2026, 12, 1)
        assert entry.related_reference == "C2570-0001"
        assert entry.is_pending
        services.subject_request_answer(actor=admin_user, entry=entry, outcome="done")
        entry.refresh_from_db()
        assert entry.outcome == "done" and entry.answered_on is not None
        assert not entry.is_overdue
        with pytest.raises(DomainError):
            services.subject_request_answer(
                actor=admin_user, entry=entry, outcome="refused"
            )

    def test_answer_needs_an_outcome(self, organization, admin_user):
        entry = services.subject_request_log(
            actor=admin_user, organization=organization, kind="access", requester="ก"
        )
        with pytest.raises(DomainError) as info:
            services.subject_request_answer(actor=admin_user, entry=entry, outcome="")
        assert info.value.field == "outcome"

    def test_overdue_when_not_answered_in_time(self, organization, admin_user):
        import datetime

        entry = services.subject_request_log(
            actor=admin_user,
            organization=organization,
            kind="erasure",
            requester="นางมาลี",
            received_on=datetime.date.today() - datetime.timedelta(days=31),
        )
        assert entry.is_overdue

    def test_complaint_officer_logs_and_answers_but_cannot_search(
        self, client, organization
    ):
        officer = MembershipFactory(
            organization=organization, roles=[Role.COMPLAINT_OFFICER.value]
        ).user
        client.force_login(officer)
        url = reverse(
            "organizations-staff:personal-data", kwargs={"org": organization.slug}
        )
        page = client.get(url).content.decode()
        assert 'id="subject-request-log"' in page and 'id="person-search"' not in page
        response = client.post(
            url,
            {
                "action": "log",
                "kind": "erasure",
                "requester": "นางมาลี",
                "received_on": "2026-11-20",
            },
        )
        assert response.status_code == 302
        entry = DataSubjectRequest.objects.get()
        assert "นางมาลี" in client.get(url).content.decode()
        answer = reverse(
            "organizations-staff:subject-request-answer",
            kwargs={"org": organization.slug, "pk": entry.pk},
        )
        assert client.post(answer, {"outcome": "done"}).status_code == 302
        entry.refresh_from_db()
        assert entry.outcome == "done"
        assert client.post(url, {"action": "search", "email": EMAIL}).status_code == 403

    def test_log_form_keeps_what_was_typed(self, client, organization, admin_user):
        client.force_login(admin_user)
        url = reverse(
            "organizations-staff:personal-data", kwargs={"org": organization.slug}
        )
        response = client.post(
            url, {"action": "log", "kind": "access", "requester": "นายจำไว้"}
        )
        assert response.status_code == 400
        assert "นายจำไว้" in response.content.decode()
        assert not DataSubjectRequest.objects.exists()

    def test_staff_without_the_roles_are_refused(self, client, organization):
        member = MembershipFactory(organization=organization, roles=[Role.STAFF.value])
        client.force_login(member.user)
        url = reverse(
            "organizations-staff:personal-data", kwargs={"org": organization.slug}
        )
        assert client.get(url).status_code == 403


def test_complaint_register_moves_into_the_one_register(organization):
    """The data migration copies the complaint centre's logged requests."""
    import datetime
    import importlib

    from django.apps import apps as global_apps

    migration = importlib.import_module(
        "prongsai.complaints.migrations.0009_subject_requests_into_one_register"
    )

    class Row:
        def __init__(self, **values):
            self.__dict__.update(values)

    case = complaint_intake.case_submit(
        organization=organization,
        kind=Kind.COMPLAINT,
        channel="web",
        subject="ถนน",
        description="ถนนพัง",
    )
    old = Row(
        organization_id=organization.pk,
        type="portability",
        requester="นายย้าย ข้อมูล",
        received_on=datetime.date(2026, 10, 1),
        due_on=datetime.date(2026, 10, 31),
        case_id=case.pk,
        case=case,
        details="ขอข้อมูลในรูปแบบไฟล์",
        outcome="refused",
        answered_on=datetime.date(2026, 10, 20),
        recorded_by_id=None,
        created_at=case.received_at,
    )

    class OldManager:
        def select_related(self, *args):
            return self

        def order_by(self, *args):
            return self

        def iterator(self):
            return iter([old])

    class FakeApps:
        def get_model(self, app, name):
            if app == "complaints":
                return type("Old", (), {"objects": OldManager()})
            return global_apps.get_model(app, name)

    migration.forwards(FakeApps(), None)
    entry = DataSubjectRequest.objects.get()
    assert (entry.kind, entry.requester, entry.related_reference, entry.outcome) == (
        "portability",
        "นายย้าย ข้อมูล",
        case.reference,
        "refused",
    )
    assert entry.due_on == datetime.date(2026, 10, 31)
