import io
import logging
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.accounts.tests.factories import UserFactory
from prongsai.complaints import services, services_confidential
from prongsai.complaints.models import Case, CaseEntry, Kind, Status
from prongsai.complaints.tests.factories import (
    CaseFactory,
    CategoryFactory,
    ConfidentialCaseFactory,
    member,
)
from prongsai.complaints.tests.test_services import jpeg_with_gps
from prongsai.conftest import via_proxy
from prongsai.core import codes
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(organization):
    return member(organization, Role.COMPLAINT_OFFICER.value)


@pytest.fixture
def integrity(organization):
    return member(organization, Role.INTEGRITY_OFFICER.value, totp=True)


class TestPublicForms:
    def test_home_and_forms_show_privacy_notice(self, client, organization):
        assert client.get(f"/{organization.slug}/complaints/").status_code == 200
        for path in ("new/complaint/", "new/suggestion/", "new/praise/"):
            response = client.get(f"/{organization.slug}/complaints/{path}")
            assert response.status_code == 200
            assert "privacy-heading" in response.content.decode()
        assert (
            client.get(f"/{organization.slug}/complaints/privacy/").status_code == 200
        )

    def test_submit_and_track(self, client, organization):
        category = CategoryFactory(organization=organization)
        response = client.post(
            f"/{organization.slug}/complaints/new/complaint/",
            {
                "category": category.pk,
                "subject": "ถนนพัง",
                "description": "ถนนหน้าบ้านเป็นหลุม",
                "complainant_name": "นายสมศักดิ์",
                "privacy_ack": "on",
                "photos": SimpleUploadedFile(
                    "x.jpg", jpeg_with_gps(), content_type="image/jpeg"
                ),
            },
        )
        case = Case.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse(
            "complaints-public:track",
            kwargs={"org": organization.slug, "code": case.tracking_code},
        )
        assert case.attachments.count() == 1
        page = client.get(response["Location"])
        assert case.reference in page.content.decode()
        assert page["Cache-Control"] == "no-store"

    @pytest.mark.parametrize(
        ("kind", "data", "kept"),
        [
            (
                "complaint",
                {
                    "subject": "ถนนพัง",
                    "description": "",
                    "complainant_name": "นางบุญเรือน",
                },
                ["นางบุญเรือน", "ถนนพัง"],
            ),
            (
                "suggestion",
                {
                    "subject": "เสนอ",
                    "description": "ขอให้ทำทางเท้า",
                    "photos": SimpleUploadedFile(
                        "x.jpg", b"nope", content_type="image/jpeg"
                    ),
                },
                ["ขอให้ทำทางเท้า"],
            ),
        ],
        ids=["empty-description", "bad-photo"],
    )
    def test_bad_input_keeps_what_was_typed(
        self, client, organization, kind, data, kept
    ):
        response = client.post(
            f"/{organization.slug}/complaints/new/{kind}/",
            {**data, "privacy_ack": "on"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert all(text in html for text in kept)
        assert not Case.objects.exists()

    def test_privacy_acknowledgement_required(self, client, organization):
        client.post(
            f"/{organization.slug}/complaints/new/complaint/",
            {"subject": "x", "description": "y"},
        )
        assert not Case.objects.exists()

    def test_track_lookup(self, client, organization, other_organization):
        case = CaseFactory(organization=organization)
        base = f"/{organization.slug}/complaints/track/"
        response = client.get(base, {"code": case.tracking_code.lower()})
        assert response.status_code == 302
        assert client.get(base, {"code": "NOPE"}).status_code == 200
        foreign = CaseFactory(organization=other_organization)
        assert client.get(f"{base}{foreign.tracking_code}/").status_code == 404

    def test_track_codes_new_old_and_mistyped(self, client, organization):
        case = CaseFactory(organization=organization)
        assert codes.is_valid(case.tracking_code)
        base = f"/{organization.slug}/complaints/track/"
        spaced = f"{case.tracking_code[:4]} {case.tracking_code[4:]}".lower()
        assert client.get(base, {"code": spaced}).status_code == 302
        wrong = ("A" if case.tracking_code[0] != "A" else "C") + case.tracking_code[1:]
        response = client.get(base, {"code": wrong})
        assert response.status_code == 200
        assert "รหัสไม่ถูกต้อง ตรวจสอบอีกครั้ง" in response.content.decode()
        assert client.get(f"{base}{wrong}/").status_code == 404
        # A code issued before core.codes (ten characters) is still found.
        Case.objects.filter(pk=case.pk).update(tracking_code="K7M2Q9XDPL")
        response = client.get(base, {"code": "k7m2q-9xdpl"})
        assert response["Location"] == f"{base}K7M2Q9XDPL/"
        assert client.get(f"{base}K7M2Q9XDPL/").status_code == 200

    def test_confidential_case_is_not_trackable(self, client, organization):
        case = ConfidentialCaseFactory(
            organization=organization, tracking_code=codes.new_tracking_code()
        )
        url = f"/{organization.slug}/complaints/track/{case.tracking_code}/"
        assert client.get(url).status_code == 404

    def test_rating_on_tracking_page(self, client, organization, officer):
        case = CaseFactory(organization=organization)
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        url = f"/{organization.slug}/complaints/track/{case.tracking_code}/"
        assert "rating-heading" in client.get(url).content.decode()
        client.post(url, {"satisfaction": "2", "comment": "ยังไม่เรียบร้อย"})
        case.refresh_from_db()
        assert case.status == Status.IN_PROGRESS  # reopened at once
        page = client.get(url).content.decode()
        assert "rating-heading" not in page
        assert 'id="case-reopened"' in page and "ยังไม่เรียบร้อย" in page

    def test_statistics_states_none_received(self, client, organization):
        response = client.get(f"/{organization.slug}/complaints/statistics/")
        assert response.status_code == 200
        assert 'id="none-received"' in response.content.decode()

    def test_statistics_redacts_public_text(self, client, organization, officer):
        case = CaseFactory(
            organization=organization, subject="บ้านเลขที่ 45/2 โทร 081-234-5678"
        )
        services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
        html = client.get(
            f"/{organization.slug}/complaints/statistics/"
        ).content.decode()
        assert "081-234-5678" not in html
        assert "45/2" not in html
        assert case.reference in html
        # Complaints are "received" as matters (รับเรื่อง), not as requests.
        assert "รับเรื่อง" in html
        assert "รับคำขอ" not in html


class TestStaffViews:
    def test_queue_and_detail(self, client, organization, officer):
        case = CaseFactory(organization=organization)
        ConfidentialCaseFactory(organization=organization, subject="ลับเฉพาะ")
        client.force_login(officer)
        html = client.get(f"/{organization.slug}/staff/complaints/").content.decode()
        assert case.reference in html
        assert "ลับเฉพาะ" not in html
        detail = client.get(f"/{organization.slug}/staff/complaints/{case.pk}/")
        assert detail.status_code == 200

    def test_handle_and_answer(self, client, organization, officer):
        case = CaseFactory(organization=organization)
        client.force_login(officer)
        base = f"/{organization.slug}/staff/complaints/{case.pk}/"
        client.post(base + "status/", {"status": "acknowledged"})
        client.post(base + "reply/", {"text": "จะส่งช่างไปตรวจ"})
        client.post(base + "note/", {"text": "ภายใน: โทรหาผู้ใหญ่บ้าน"})
        response = client.post(
            base + "status/", {"status": "forwarded", "text": "ส่งต่อแล้ว"}
        )
        # The page comes back with the error and what was typed.
        assert response.status_code == 200
        assert "ส่งต่อแล้ว" in response.content.decode()
        case.refresh_from_db()
        assert case.status == Status.ACKNOWLEDGED  # agency name missing
        client.post(base + "status/", {"status": "forwarded", "forwarded_to": "อบจ."})
        case.refresh_from_db()
        assert case.status == Status.FORWARDED
        public = client.get(
            f"/{organization.slug}/complaints/track/{case.tracking_code}/"
        ).content.decode()
        assert "จะส่งช่างไปตรวจ" in public
        assert "โทรหาผู้ใหญ่บ้าน" not in public

    def test_record_phone_complaint(self, client, organization, officer):
        client.force_login(officer)
        response = client.post(
            f"/{organization.slug}/staff/complaints/new/",
            {
                "kind": "complaint",
                "channel": "phone",
                "subject": "น้ำไม่ไหล",
                "description": "น้ำประปาไม่ไหลสองวัน",
                "complainant_name": "นายวิชัย",
            },
        )
        assert response.status_code == 302
        assert Case.objects.get().channel == "phone"

    def test_staff_without_role_is_refused(self, client, organization):
        client.force_login(member(organization, Role.STAFF.value))
        assert client.get(f"/{organization.slug}/staff/complaints/").status_code == 403

    def test_settings_for_admin_only(self, client, organization, officer, admin_user):
        client.force_login(officer)
        url = f"/{organization.slug}/staff/complaints/settings/"
        assert client.get(url).status_code == 403
        client.force_login(admin_user)
        response = client.post(
            url,
            {
                "confidential_retention_days": 400,
                "confidential_deadline_unit": "working_days",
                "external_body": "nacc",
            },
        )
        assert response.status_code == 302

    def test_merge_by_reference(self, client, organization, officer):
        a = CaseFactory(organization=organization)
        b = CaseFactory(organization=organization)
        client.force_login(officer)
        client.post(
            f"/{organization.slug}/staff/complaints/{b.pk}/merge/",
            {"into": a.reference},
        )
        b.refresh_from_db()
        assert b.merged_into == a


class TestConfidentialAccess:
    """Only the organisation's integrity officers reach confidential reports."""

    @pytest.fixture
    def report(self, organization):
        case, _code = services_confidential.confidential_submit(
            organization=organization, description="เนื้อหาลับมาก"
        )
        return case

    def urls(self, organization, case):
        base = f"/{organization.slug}/staff/complaints/confidential/"
        return [base, f"{base}{case.pk}/"]

    def test_integrity_officer_sees_and_each_view_is_audited(
        self, client, organization, integrity, report
    ):
        client.force_login(integrity)
        for _ in range(2):
            response = client.get(self.urls(organization, report)[1])
            assert response.status_code == 200
            assert "เนื้อหาลับมาก" in response.content.decode()
        views = AuditEvent.objects.filter(action="confidential.view", actor=integrity)
        assert views.count() == 2
        assert "เนื้อหาลับมาก" not in str(list(views.values()))

    @pytest.mark.parametrize(
        "roles",
        [
            [Role.COMPLAINT_OFFICER.value],
            [Role.ORG_ADMIN.value],
            [Role.STAFF.value],
        ],
    )
    def test_other_staff_are_refused(self, client, organization, report, roles):
        client.force_login(member(organization, *roles, totp=True))
        for url in self.urls(organization, report):
            assert client.get(url).status_code == 403
        assert not AuditEvent.objects.filter(action="confidential.view").exists()

    def test_executives_see_only_reports_about_integrity_officers(
        self, client, organization, report
    ):
        """Issue #17: executives open the confidential pages only for the
        reports about an integrity officer; the officers' reports stay 404."""
        client.force_login(member(organization, Role.EXECUTIVE.value, totp=True))
        listing, detail = self.urls(organization, report)[:2]
        assert report.reference not in client.get(listing).content.decode()
        assert client.get(detail).status_code == 404
        assert not AuditEvent.objects.filter(action="confidential.view").exists()

    def test_superuser_without_the_role_is_refused(self, client, organization, report):
        superuser = UserFactory(is_superuser=True, is_staff=True, totp=True)
        client.force_login(superuser)
        assert client.get(self.urls(organization, report)[1]).status_code == 403

    def test_complaint_officer_cannot_reach_it_through_general_routes(
        self, client, organization, officer, report
    ):
        client.force_login(officer)
        base = f"/{organization.slug}/staff/complaints/{report.pk}/"
        assert client.get(base).status_code == 404
        assert client.post(base + "reply/", {"text": "x"}).status_code == 404

    def test_other_organizations_integrity_officer_gets_404(
        self, client, organization, other_organization, report
    ):
        outsider = member(other_organization, Role.INTEGRITY_OFFICER.value, totp=True)
        client.force_login(outsider)
        for url in self.urls(organization, report):
            assert client.get(url).status_code == 404
        # Nor through their own organisation's URL with this report's id.
        own = f"/{other_organization.slug}/staff/complaints/confidential/{report.pk}/"
        assert client.get(own).status_code == 404

    def test_report_about_executive_is_not_shown_to_officers(
        self, client, organization, integrity
    ):
        case, _code = services_confidential.confidential_submit(
            organization=organization,
            description="นายกรับเงินผู้รับเหมา",
            concerns_executive=True,
        )
        client.force_login(integrity)
        html = client.get(
            f"/{organization.slug}/staff/complaints/confidential/{case.pk}/"
        ).content.decode()
        assert "นายกรับเงินผู้รับเหมา" not in html
        response = client.post(
            f"/{organization.slug}/staff/complaints/confidential/{case.pk}/reply/",
            {"text": "x"},
        )
        assert response.status_code == 302
        assert not case.entries.filter(type=CaseEntry.Type.REPLY).exists()


def test_the_confidential_path_leaves_nothing_identifying_in_logs(
    client, organization, caplog, django_capture_on_commit_callbacks
):
    """A full anonymous report and follow-up log no IP, UA, body or code."""
    integrity = member(organization, Role.INTEGRITY_OFFICER.value, totp=True)
    ip = "203.0.113.77"
    agent = "Mozilla/5.0 (ReporterPhone-XYZ123)"
    secret_text = "ปลัดเรียกรับเงินสองหมื่นบาทที่ร้านกาแฟ"
    follow_text = "มีคลิปเสียงยืนยันเพิ่มเติม"
    meta = {"REMOTE_ADDR": ip, "HTTP_USER_AGENT": agent, "HTTP_X_FORWARDED_FOR": ip}
    photo = jpeg_with_gps()
    caplog.set_level(logging.DEBUG)
    url = f"/{organization.slug}/complaints/report/"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url, **meta).status_code == 200
        response = client.post(
            url,
            {
                "mode": "anonymous",
                "subject": "เรื่องลับ",
                "description": secret_text,
                "reporter_name": "ชื่อจริงของผู้แจ้ง",
                "photos": SimpleUploadedFile(
                    "evidence.jpg", photo, content_type="image/jpeg"
                ),
            },
            **meta,
        )
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    code = re.search(r'id="receipt-code">([0-9 ]+)<', html).group(1)
    follow = f"/{organization.slug}/complaints/report/follow-up/"
    client.post(follow, {"receipt_code": "0000 0000 0000 0000"}, **meta)
    opened = client.post(follow, {"receipt_code": code}, **meta)
    assert 'id="case-status"' in opened.content.decode()
    client.post(follow, {"receipt_code": code, "text": follow_text}, **meta)
    case = Case.objects.get(kind=Kind.CORRUPTION)
    assert case.entries.filter(text=follow_text).exists()
    # The photo kept no metadata.
    data = case.attachments.get().file.read()
    assert b"SecretPhoneMaker" not in data
    # An officer reads it; the digest goes out.
    client.force_login(integrity)
    client.get(f"/{organization.slug}/staff/complaints/confidential/{case.pk}/")
    from prongsai.complaints.tasks import confidential_send_digests

    confidential_send_digests()

    digits = code.replace(" ", "")
    forbidden = [
        ip,
        agent,
        "ReporterPhone",
        secret_text,
        follow_text,
        "ชื่อจริงของผู้แจ้ง",
        digits,
        code,
        "evidence.jpg",
        "SecretPhoneMaker",
        "GPS",
    ]
    everything = caplog.text + "".join(repr(vars(record)) for record in caplog.records)
    for value in forbidden:
        assert value not in everything, value
    # Nor in the audit trail.
    trail = repr(list(AuditEvent.objects.values()))
    for value in forbidden:
        assert value not in trail, value
    # And no session was written for the reporter.
    from django.contrib.sessions.models import Session

    for session in Session.objects.all():
        data = session.get_decoded()
        assert digits not in repr(data)
        # Django's own sign-in keys belong to the integrity officer; nothing
        # else in a session may point at the case (its id is a small number
        # that can occur inside the hex auth hash, so compare whole values).
        others = [v for k, v in data.items() if not k.startswith("_auth_user")]
        assert str(case.pk) not in [str(v) for v in others]
        assert all(
            str(case.pk) not in repr(v) for v in others if isinstance(v, dict | list)
        )


class TestStatisticsDocuments:
    def test_pdf_and_xlsx(self, client, organization):
        import openpyxl

        CaseFactory(organization=organization)
        ConfidentialCaseFactory(organization=organization)
        base = f"/{organization.slug}/complaints/statistics/"
        page = client.get(base)
        assert page.status_code == 200
        assert 'src="data:image/png;base64,' in page.content.decode()
        pdf = client.get(base + "pdf/")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        xlsx = client.get(base + "xlsx/")
        assert xlsx.status_code == 200
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        assert len(book.sheetnames) == 4
        values = [c.value for row in book.worksheets[3].iter_rows() for c in row]
        assert 1 in values  # one corruption report, as a number only

    def test_unknown_year_is_404(self, client, organization):
        url = f"/{organization.slug}/complaints/statistics/pdf/?year=2400"
        assert client.get(url).status_code == 404


def test_receipt_guessing_is_capped_per_visitor(
    behind_proxy, organization, other_organization
):
    """Counted per real address and across organisations (docs/deploy.md §6)."""
    from prongsai.complaints import views_public as views

    _case, code = services_confidential.confidential_submit(
        organization=organization, description="x"
    )
    urls = [
        f"/{slug}/complaints/report/follow-up/"
        for slug in (organization.slug, other_organization.slug)
    ]
    guesser = Client(**via_proxy("203.0.113.10"))
    # Spread over two organisations and behind changing spoofed entries, the
    # wrong codes still add up for the one visitor ...
    for n in range(views.RECEIPT_FAILURES_PER_MINUTE):
        guesser.defaults["HTTP_X_FORWARDED_FOR"] = f"10.0.0.{n}, 203.0.113.10"
        guesser.post(urls[n % 2], {"receipt_code": f"{n:016d}"})
    response = guesser.post(urls[0], {"receipt_code": code})
    assert 'id="case-status"' not in response.content.decode()
    assert "รอสักครู่" in response.content.decode()
    # ... while the reporter, behind the same proxy, reads the reply.
    reporter = Client(**via_proxy("198.51.100.20"))
    response = reporter.post(urls[0], {"receipt_code": code})
    assert 'id="case-status"' in response.content.decode()
    assert "รอสักครู่" not in response.content.decode()
