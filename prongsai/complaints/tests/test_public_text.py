"""Only text an officer approved reaches the public board and the open data;
opening the confidential reports is audited and visible to whom it concerns."""

import pytest

from prongsai.complaints import (
    selectors_statistics,
    services,
    services_settings,
)
from prongsai.complaints.models import Case, Status
from prongsai.complaints.tests import factories
from prongsai.complaints.tests.factories import CaseFactory, ConfidentialCaseFactory
from prongsai.core.errors import DomainError
from prongsai.core.models import AuditEvent
from prongsai.organizations.roles import Role

pytestmark = pytest.mark.django_db

RAW = "ถนนหน้าบ้านนายสมชาย ใจดี พัง โทร 081-234-5678"


def member(organization, *roles):
    return factories.member(organization, *roles, totp=True)


@pytest.fixture
def officer(organization):
    return member(organization, Role.COMPLAINT_OFFICER.value)


@pytest.fixture
def closed_case(organization, officer):
    case = CaseFactory(organization=organization, subject=RAW)
    services.case_change_status(actor=officer, case=case, status=Status.RESOLVED)
    return case


class TestReviewService:
    def test_unreviewed_case_is_counted_but_shows_no_text(
        self, organization, closed_case
    ):
        """Board and open data list the case, with an empty subject."""
        board = selectors_statistics.case_list_public_board(organization=organization)
        rows = selectors_statistics.complaint_dataset_row_list(
            organization=organization
        )
        assert [r["reference"] for r in board] == [closed_case.reference]
        assert [r["reference"] for r in rows] == [closed_case.reference]
        assert board[0]["subject"] == "" and rows[0]["subject"] == ""

    def test_approved_text_is_published_and_audited(
        self, organization, officer, closed_case
    ):
        services.case_review_public_text(
            actor=officer, case=closed_case, text="  ถนนหน้าบ้าน   พัง "
        )
        closed_case.refresh_from_db()
        assert closed_case.public_subject == "ถนนหน้าบ้าน พัง"
        assert closed_case.public_text_reviewed_by == officer
        assert closed_case.public_text_reviewed_at is not None
        board = selectors_statistics.case_list_public_board(organization=organization)
        rows = selectors_statistics.complaint_dataset_row_list(
            organization=organization
        )
        assert board[0]["subject"] == rows[0]["subject"] == "ถนนหน้าบ้าน พัง"
        event = AuditEvent.objects.get(action="case.public_text")
        assert event.actor == officer
        assert event.object_id == str(closed_case.pk)
        assert event.changes["public_subject"]["new"] == "ถนนหน้าบ้าน พัง"

    def test_empty_text_is_refused(self, officer, closed_case):
        with pytest.raises(DomainError) as error:
            services.case_review_public_text(actor=officer, case=closed_case, text=" ")
        assert error.value.field == "text"
        closed_case.refresh_from_db()
        assert closed_case.public_text_reviewed_at is None
        assert not AuditEvent.objects.filter(action="case.public_text").exists()

    def test_confidential_reports_are_never_published(self, organization, officer):
        report = ConfidentialCaseFactory(organization=organization)
        with pytest.raises(DomainError):
            services.case_review_public_text(actor=officer, case=report, text="x")
        assert Case.objects.get(pk=report.pk).public_subject == ""


class TestReviewViews:
    def url(self, organization, case, suffix=""):
        return f"/{organization.slug}/staff/complaints/{case.pk}/{suffix}"

    def test_case_page_prefills_the_redacted_subject(
        self, client, organization, officer, closed_case
    ):
        client.force_login(officer)
        html = client.get(self.url(organization, closed_case)).content.decode()
        form = html[html.index('id="public-text"') :]
        form = form[: form.index("</form>")]
        assert "081-234-5678" not in form
        assert "สมชาย" not in form
        assert "[เบอร์โทรศัพท์]" in form
        assert 'id="approve-public-text"' in form

    def test_officer_approves_and_the_statistics_page_shows_it(
        self, client, organization, officer, closed_case
    ):
        stats_url = f"/{organization.slug}/complaints/statistics/"
        before = client.get(stats_url).content.decode()
        assert closed_case.reference in before
        assert "ถนนหน้าบ้าน" not in before
        client.force_login(officer)
        response = client.post(
            self.url(organization, closed_case, "public-text/"),
            {"text": "ถนนหน้าบ้านพัง"},
        )
        assert response.status_code == 302
        client.logout()
        after = client.get(stats_url).content.decode()
        assert "ถนนหน้าบ้านพัง" in after
        assert "081-234-5678" not in after

    def test_too_long_text_is_refused_with_a_message(
        self, client, organization, officer, closed_case
    ):
        client.force_login(officer)
        response = client.post(
            self.url(organization, closed_case, "public-text/"),
            {"text": "ก" * 201},
            follow=True,
        )
        assert response.status_code == 200
        closed_case.refresh_from_db()
        assert closed_case.public_text_reviewed_at is None

    @pytest.mark.parametrize(
        "roles", [[Role.INTEGRITY_OFFICER.value], [Role.EXECUTIVE.value]]
    )
    def test_other_roles_cannot_approve(self, client, organization, closed_case, roles):
        client.force_login(member(organization, *roles))
        response = client.post(
            self.url(organization, closed_case, "public-text/"), {"text": "x"}
        )
        assert response.status_code == 403
        closed_case.refresh_from_db()
        assert closed_case.public_text_reviewed_at is None

    def test_other_organizations_case_is_404(
        self, client, organization, other_organization, closed_case
    ):
        client.force_login(member(other_organization, Role.COMPLAINT_OFFICER.value))
        url = (
            f"/{other_organization.slug}/staff/complaints/{closed_case.pk}/public-text/"
        )
        assert client.post(url, {"text": "x"}).status_code == 404

    def test_confidential_report_cannot_be_reached(self, client, organization, officer):
        report = ConfidentialCaseFactory(organization=organization)
        client.force_login(officer)
        response = client.post(
            self.url(organization, report, "public-text/"), {"text": "x"}
        )
        assert response.status_code == 404


class TestConfidentialOpeningsAudited:
    def test_opening_the_list_is_audited(self, client, organization):
        integrity = member(organization, Role.INTEGRITY_OFFICER.value)
        client.force_login(integrity)
        base = f"/{organization.slug}/staff/complaints/confidential/"
        assert client.get(base).status_code == 200
        assert client.get(base + "?status=open").status_code == 200
        assert client.get(base + "?status=<script>").status_code == 200
        events = AuditEvent.objects.filter(action="confidential.list").order_by("id")
        assert [e.actor for e in events] == [integrity] * 3
        assert [e.changes for e in events] == [{}, {"status": "open"}, {}]
        assert all(e.organization == organization for e in events)

    def test_refused_staff_leave_no_list_event(self, client, organization, officer):
        client.force_login(officer)
        base = f"/{organization.slug}/staff/complaints/confidential/"
        assert client.get(base).status_code == 403
        assert not AuditEvent.objects.filter(action="confidential.list").exists()

    @pytest.mark.parametrize(
        "role", [Role.INTEGRITY_OFFICER.value, Role.EXECUTIVE.value]
    )
    def test_integrity_officers_and_executives_read_who_opened_what(
        self, client, organization, role
    ):
        """They see the confidential openings in the audit log, nothing else."""
        opener = member(organization, Role.INTEGRITY_OFFICER.value)
        report = ConfidentialCaseFactory(organization=organization)
        client.force_login(opener)
        client.get(f"/{organization.slug}/staff/complaints/confidential/")
        client.get(f"/{organization.slug}/staff/complaints/confidential/{report.pk}/")
        category = services_settings.category_create(
            actor=opener,
            organization=organization,
            name="หมวดที่ไม่ควรเห็น",
            responsible_unit="กองช่าง",
        )
        reader = member(organization, role)
        client.force_login(reader)
        response = client.get(f"/{organization.slug}/staff/audit/")
        assert response.status_code == 200
        events = list(response.context["page"].object_list)
        assert {e.action for e in events} == {"confidential.list", "confidential.view"}
        assert all(e.actor == opener for e in events)
        html = response.content.decode()
        assert report.reference in html
        assert category.name not in html
        assert 'id="audit-partial"' in html

    def test_other_staff_still_cannot_open_the_audit_log(
        self, client, organization, officer
    ):
        client.force_login(officer)
        assert client.get(f"/{organization.slug}/staff/audit/").status_code == 403

    def test_admin_reads_the_whole_trail(self, client, organization):
        admin = member(organization, Role.ORG_ADMIN.value)
        integrity = member(organization, Role.INTEGRITY_OFFICER.value)
        client.force_login(integrity)
        client.get(f"/{organization.slug}/staff/complaints/confidential/")
        services_settings.category_create(
            actor=admin,
            organization=organization,
            name="ถนน",
            responsible_unit="กองช่าง",
        )
        client.force_login(admin)
        response = client.get(f"/{organization.slug}/staff/audit/")
        actions = {e.action for e in response.context["page"].object_list}
        assert {"confidential.list", "category.create"} <= actions
        assert 'id="audit-partial"' not in response.content.decode()
