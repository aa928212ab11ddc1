"""Back-office pages: permissions, forms that keep input, HTMX filtering."""

import pytest
from django.core import mail
from django.urls import reverse

from prongsai.accounts.tests.factories import TEST_PASSWORD, UserFactory
from prongsai.core.audit import audit_log
from prongsai.core.models import AuditEvent
from prongsai.organizations.models import Invitation, Membership
from prongsai.organizations.roles import Role
from prongsai.organizations.selectors import invitation_token
from prongsai.organizations.tests.factories import MembershipFactory, invite

pytestmark = pytest.mark.django_db


def staff_url(name, organization, **kwargs):
    return reverse(
        f"organizations-staff:{name}", kwargs={"org": organization.slug, **kwargs}
    )


class TestAccess:
    def test_anonymous_is_sent_to_login(self, client, organization):
        response = client.get(staff_url("dashboard", organization))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_member_sees_dashboard_with_fiscal_year(self, client, staff_membership):
        client.force_login(staff_membership.user)
        response = client.get(staff_url("dashboard", staff_membership.organization))
        assert response.status_code == 200
        body = response.content.decode()
        assert "ปีงบประมาณ พ.ศ." in body
        assert "เจ้าหน้าที่" in body

    @pytest.mark.parametrize(
        "name", ["member-list", "member-invite", "settings", "audit-list"]
    )
    def test_admin_pages_are_forbidden_to_plain_staff(
        self, client, staff_membership, name
    ):
        client.force_login(staff_membership.user)
        response = client.get(staff_url(name, staff_membership.organization))
        assert response.status_code == 403
        assert "ไม่มีสิทธิ์" in response.content.decode()

    @pytest.mark.parametrize(
        "name", ["member-list", "member-invite", "settings", "audit-list"]
    )
    def test_admin_pages_open_for_admin(self, client, admin_user, organization, name):
        client.force_login(admin_user)
        assert client.get(staff_url(name, organization)).status_code == 200

    @pytest.mark.parametrize(
        "role", [Role.ORG_ADMIN, Role.EXECUTIVE, Role.INTEGRITY_OFFICER]
    )
    def test_roles_that_need_mfa_are_sent_to_set_it_up(
        self, client, organization, role
    ):
        membership = MembershipFactory(organization=organization, roles=[role])
        client.force_login(membership.user)
        response = client.get(staff_url("dashboard", organization))
        assert response.status_code == 302
        assert response.url.startswith(reverse("mfa_activate_totp"))

    def test_roles_without_mfa_requirement_enter_directly(self, client, organization):
        membership = MembershipFactory(
            organization=organization, roles=[Role.DATA_OFFICER]
        )
        client.force_login(membership.user)
        assert client.get(staff_url("dashboard", organization)).status_code == 200

    def test_ended_membership_loses_access(self, client, staff_membership):
        Membership.objects.filter(pk=staff_membership.pk).update(is_active=False)
        client.force_login(staff_membership.user)
        response = client.get(staff_url("dashboard", staff_membership.organization))
        assert response.status_code == 404

    def test_superuser_with_mfa_enters_any_back_office(
        self, client, other_organization
    ):
        user = UserFactory(is_superuser=True, is_staff=True, totp=True)
        client.force_login(user)
        assert client.get(staff_url("dashboard", other_organization)).status_code == 200

    def test_staff_home_redirects_single_membership(self, client, staff_membership):
        client.force_login(staff_membership.user)
        response = client.get(reverse("staff-home"))
        assert response.url == staff_url("dashboard", staff_membership.organization)

    def test_staff_home_lists_several_memberships(
        self, client, staff_membership, other_organization
    ):
        MembershipFactory(organization=other_organization, user=staff_membership.user)
        client.force_login(staff_membership.user)
        response = client.get(reverse("staff-home"))
        assert response.status_code == 200
        assert other_organization.name in response.content.decode()


class TestMembers:
    def test_invite_sends_email_and_lists_invitation(
        self, client, admin_user, organization, django_capture_on_commit_callbacks
    ):
        client.force_login(admin_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                staff_url("member-invite", organization),
                {
                    "email": "mana@example.org",
                    "full_name": "มานะ อดทน",
                    "title": "นาย",
                    "roles": [Role.PROCUREMENT_OFFICER],
                    "position": "เจ้าพนักงานพัสดุ",
                    "unit": "กองคลัง",
                },
            )
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        page = client.get(response.url).content.decode()
        assert "mana@example.org" in page
        assert "เจ้าหน้าที่พัสดุ" in page

    def test_invalid_invite_keeps_what_was_typed(
        self, client, admin_user, organization
    ):
        client.force_login(admin_user)
        response = client.post(
            staff_url("member-invite", organization),
            {
                "email": "not-an-email",
                "full_name": "มานะ อดทน",
                "position": "เจ้าพนักงาน",
            },
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "มานะ อดทน" in body and "not-an-email" in body and "เจ้าพนักงาน" in body
        assert "อีเมล" in body
        assert not Invitation.objects.exists()

    def test_inviting_an_existing_member_shows_thai_error_on_email(
        self, client, admin_user, organization, staff_membership
    ):
        client.force_login(admin_user)
        response = client.post(
            staff_url("member-invite", organization),
            {
                "email": staff_membership.user.email,
                "full_name": "x",
                "roles": ["staff"],
            },
        )
        form = response.context["form"]
        assert "email" in form.errors
        assert "เป็นสมาชิก" in form.errors["email"][0]

    def test_edit_roles(self, client, admin_user, organization, staff_membership):
        client.force_login(admin_user)
        response = client.post(
            staff_url("member-edit", organization, pk=staff_membership.pk),
            {
                "roles": [Role.SERVICE_OFFICER, Role.STAFF],
                "position": "นายช่าง",
                "unit": "กองช่าง",
            },
        )
        assert response.status_code == 302
        staff_membership.refresh_from_db()
        assert staff_membership.roles == [Role.SERVICE_OFFICER, Role.STAFF]

    def test_last_admin_cannot_remove_own_admin_role(
        self, client, admin_user, admin_membership
    ):
        client.force_login(admin_user)
        response = client.post(
            staff_url(
                "member-edit", admin_membership.organization, pk=admin_membership.pk
            ),
            {"roles": [Role.STAFF], "position": "", "unit": ""},
        )
        assert response.status_code == 200
        assert "ผู้ดูแลระบบ" in response.context["form"].errors["roles"][0]

    def test_deactivate_and_revoke(
        self, client, admin_user, organization, staff_membership
    ):
        invitation = invite(
            admin_user,
            organization,
            email="a@example.org",
            full_name="ก",
            roles=["staff"],
        )
        client.force_login(admin_user)
        client.post(
            staff_url("member-deactivate", organization, pk=staff_membership.pk)
        )
        client.post(staff_url("invitation-revoke", organization, pk=invitation.pk))
        staff_membership.refresh_from_db()
        invitation.refresh_from_db()
        assert not staff_membership.is_active
        assert invitation.revoked_at is not None


def _accept_url(admin_user, organization, full_name, role):
    """The link in a fresh invitation of new@example.org."""
    invitation = invite(
        admin_user,
        organization,
        email="new@example.org",
        full_name=full_name,
        roles=[role],
    )
    return reverse("invitation-accept", kwargs={"token": invitation_token(invitation)})


class TestInvitationAccept:
    def test_new_person_sets_password_and_lands_in_back_office(
        self, client, admin_user, organization
    ):
        url = _accept_url(admin_user, organization, "สมหญิง ดีใจ", Role.DATA_OFFICER)
        page = client.get(url)
        assert page.status_code == 200
        assert "สมหญิง ดีใจ" in page.content.decode()
        response = client.post(
            url,
            {
                "full_name": "สมหญิง ดีใจ",
                "title": "นาง",
                "phone": "",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
            },
        )
        assert response.status_code == 302
        assert response.url == staff_url("dashboard", organization)
        assert client.get(response.url).status_code == 200

    def test_mismatched_passwords_keep_the_name(self, client, admin_user, organization):
        url = _accept_url(admin_user, organization, "สมหญิง ดีใจ", Role.STAFF)
        response = client.post(
            url,
            {
                "full_name": "สมหญิง ใจดีมาก",
                "password1": TEST_PASSWORD,
                "password2": "other-password-1",
            },
        )
        assert response.status_code == 200
        assert "สมหญิง ใจดีมาก" in response.content.decode()
        assert "password2" in response.context["form"].errors

    def test_weak_password_is_explained_in_thai(self, client, admin_user, organization):
        url = _accept_url(admin_user, organization, "สมหญิง", Role.STAFF)
        response = client.post(
            url,
            {"full_name": "สมหญิง", "password1": "12345678", "password2": "12345678"},
        )
        errors = " ".join(response.context["form"].errors["password1"])
        assert "รหัสผ่าน" in errors

    def test_bad_token_is_404(self, client):
        assert (
            client.get(
                reverse("invitation-accept", kwargs={"token": "nope"})
            ).status_code
            == 404
        )


class TestSettingsAndAudit:
    def test_settings_change_is_saved_and_audited(
        self, client, admin_user, organization
    ):
        client.force_login(admin_user)
        data = {
            "name": organization.name,
            "kind": organization.kind,
            "dla_code": organization.dla_code,
            "province": organization.province,
            "district": organization.district,
            "phone": "043-222-333",
            "website": "bandong.go.th",
        }
        response = client.post(staff_url("settings", organization), data)
        assert response.status_code == 302
        organization.refresh_from_db()
        assert organization.phone == "043-222-333"
        assert organization.website == "https://bandong.go.th"
        event = AuditEvent.objects.get(action="organization.update")
        assert event.changes["phone"] == {"old": "", "new": "043-222-333"}

    def test_invalid_settings_keep_input_and_do_not_save(
        self, client, admin_user, organization
    ):
        client.force_login(admin_user)
        data = {
            "name": "ชื่อใหม่",
            "kind": organization.kind,
            "dla_code": "12x",
            "province": organization.province,
            "district": organization.district,
        }
        response = client.post(staff_url("settings", organization), data)
        assert response.status_code == 200
        assert "ชื่อใหม่" in response.content.decode()
        assert "รหัส อปท." in response.content.decode()
        organization.refresh_from_db()
        assert organization.name != "ชื่อใหม่"

    def test_audit_log_filters(
        self, client, admin_user, organization, other_organization
    ):
        audit_log(
            actor=admin_user, organization=organization, action="membership.update"
        )
        audit_log(
            actor=admin_user, organization=organization, action="organization.update"
        )
        audit_log(
            actor=admin_user,
            organization=other_organization,
            action="membership.update",
        )
        client.force_login(admin_user)
        url = staff_url("audit-list", organization)
        all_events = client.get(url).context["page"].paginator.count
        assert all_events == 2
        filtered = client.get(url, {"action": "membership.update"}).context["page"]
        assert [e.action for e in filtered] == ["membership.update"]
        by_actor = (
            client.get(url, {"actor": admin_user.pk}).context["page"].paginator.count
        )
        assert by_actor == 2

    def test_audit_log_htmx_returns_only_the_table(
        self, client, admin_user, organization
    ):
        client.force_login(admin_user)
        response = client.get(
            staff_url("audit-list", organization), HTTP_HX_REQUEST="true"
        )
        assert "<html" not in response.content.decode()
        assert "audit-table" in response.content.decode()

    def test_audit_date_range_error_is_thai(self, client, admin_user, organization):
        client.force_login(admin_user)
        response = client.get(
            staff_url("audit-list", organization),
            {"date_from": "2026-02-01", "date_to": "2026-01-01"},
        )
        assert "วันที่สิ้นสุด" in response.content.decode()
